from django import template
from django.utils.safestring import SafeString

from tandem.legal.rendering import render_legal_text

register = template.Library()


@register.filter
def legal_text(text: str) -> SafeString:
    """A legal text's plain text as headings, paragraphs and lists (escaped)."""
    return render_legal_text(text)
