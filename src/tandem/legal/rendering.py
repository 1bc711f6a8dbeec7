"""Legal texts are plain text with a small, safe structure, never HTML.

Blocks are separated by a blank line.  A line starting with "## " (or
"### ") is a heading (the page's title is its only h1); a block whose lines
all start with "- " is a list; any other block is a paragraph whose line
breaks are kept.  Web and e-mail addresses become links; everything else is
escaped.
"""

from django.utils.html import escape, urlize
from django.utils.safestring import SafeString, mark_safe

HEADINGS = (("### ", "h3"), ("## ", "h2"))


def _inline(text: str) -> str:
    # With autoescape, urlize escapes all it does not turn into a link.
    return str(urlize(text.strip(), nofollow=True, autoescape=True))


def _block(lines: list[str]) -> list[str]:
    if not lines:
        return []
    for marker, tag in HEADINGS:
        if lines[0].startswith(marker):
            heading = f"<{tag}>{escape(lines[0][len(marker) :].strip())}</{tag}>"
            return [heading, *_block(lines[1:])]
    if all(line.startswith("- ") for line in lines):
        items = "".join(f"<li>{_inline(line[2:])}</li>" for line in lines)
        return [f"<ul>{items}</ul>"]
    return [f"<p>{'<br>'.join(_inline(line) for line in lines)}</p>"]


def render_legal_text(text: str) -> SafeString:
    html: list[str] = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        html += _block([line.rstrip() for line in block.split("\n") if line.strip()])
    return mark_safe("\n".join(html))  # every piece is escaped above
