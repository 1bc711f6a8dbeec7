"""Text preparation for matching: normalising, sentences, chunks, hashes.

German, Romanian and English. Sentence splitting is rule-based: it knows the
common abbreviations of the three languages, German ordinals ("am 3. Oktober"),
initials and dotted company forms ("S.R.L.", "e.V."), and it merges fragments
too short to carry meaning into their neighbour, because a sentence shown as the
reason for a match must stand on its own.

This module imports no Django.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = [
    "MIN_SENTENCE_WORDS",
    "chunks",
    "normalise",
    "split_sentences",
    "text_hash",
]

#: Sentences with fewer words are merged into a neighbour.
MIN_SENTENCE_WORDS = 4

# Romanian is written with comma-below ș/ț; older keyboards and PDFs produce
# cedilla ş/ţ. One form, so hashes and lexical matching agree.
_ROMANIAN_CEDILLA = str.maketrans({"ş": "ș", "Ş": "Ș", "ţ": "ț", "Ţ": "Ț"})
_SPACE = re.compile(r"[ \t\u00a0\u2009\u202f\r\f\v]+")
_PARAGRAPH = re.compile(r"\n\s*\n+")
_LINE = re.compile(r"\s*\n\s*")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Lower-cased abbreviations (with their final dot) after which a dot does not
# end a sentence.
_ABBREVIATIONS: dict[str, frozenset[str]] = {
    "de": _words(
        """z.b. bzw. ca. dr. prof. nr. usw. u.a. d.h. e.v. str. inkl. ggf. evtl.
        mio. mrd. jh. vgl. bspw. u. a. s. sog. etc. abs. ggü. zzgl. dipl. ing.
        gem. hrsg. mind. max. min. tel. u.ä. o.ä. z.t. i.d.r. u.u. st. ev. kap.
        jan. feb. mär. apr. aug. sep. sept. okt. nov. dez."""
    ),
    "ro": _words(
        """str. nr. dr. prof. ș.a. ș.a.m.d. etc. dl. dna. d-na. d-l. s.r.l. s.a.
        jud. mun. ing. conf. univ. lect. asist. ec. bd. bld. sect. ap. tel. ex.
        pag. cca. aprox. mil. mld. resp. art. alin. lit. pct. cf. ian. feb. mar.
        apr. iun. iul. aug. sept. oct. nov. dec."""
    ),
    "en": _words(
        """e.g. i.e. mr. mrs. ms. dr. prof. inc. ltd. co. corp. etc. vs. no. nos.
        st. approx. dept. est. fig. jan. feb. mar. apr. jun. jul. aug. sep.
        sept. oct. nov. dec. u.s. u.k. e.u. ph.d. b.sc. m.sc. cf. al."""
    ),
}
# Company forms and titles, shared by all three languages.
_COMMON_ABBREVIATIONS = _words(
    "gmbh. ag. kg. s.r.l. s.a. e.v. ltd. inc. dr. prof. nr. no. ca. etc."
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets,
# whitespace, then something that can start a sentence.
_BOUNDARY = re.compile(r"([.!?…]+)([\"'»«”“„)\]]*)\s+(?=[\"'«»„“(\[]?[\w])")
_WORD = re.compile(r"\w+", re.UNICODE)
_ORDINAL = re.compile(r"^\d{1,2}\.$")


def normalise(text: str) -> str:
    """NFC, comma-below Romanian letters, single spaces, trimmed; paragraph
    breaks kept as one blank line, single line breaks folded into spaces.

    Case is kept: the neural encoders are case-sensitive.
    """
    text = unicodedata.normalize("NFC", text).translate(_ROMANIAN_CEDILLA)
    text = text.replace("\u00ad", "")  # soft hyphens split words invisibly
    paragraphs = [
        _SPACE.sub(" ", _LINE.sub(" ", p)).strip() for p in _PARAGRAPH.split(text)
    ]
    return "\n\n".join(p for p in paragraphs if p)


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _is_abbreviation(token: str, language: str) -> bool:
    """Whether ``token`` (the last word before a dot, dot included) is an
    abbreviation, initial or ordinal rather than the end of a sentence."""
    low = token.lower().lstrip("(\"'„“«")
    if low in _ABBREVIATIONS.get(language, frozenset()) or low in _COMMON_ABBREVIATIONS:
        return True
    core = low.rstrip(".")
    if len(core) == 1 and core.isalpha():  # initials: "J. Schmidt"
        return True
    if "." in core and all(len(part) <= 2 for part in core.split(".")):
        return True  # dotted short forms: "u.a.", "S.R.L.", "z.B."
    # German (and Romanian dates) write ordinals with a dot: "am 3. Oktober".
    return language == "de" and bool(_ORDINAL.match(low))


def _raw_sentences(paragraph: str, language: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end(2)
        if match.group(1) == ".":
            before = paragraph[start : match.start(1) + 1].split()
            if before and _is_abbreviation(before[-1], language):
                continue
        sentence = paragraph[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _merge_short(sentences: list[str], min_words: int) -> list[str]:
    merged: list[str] = []
    for sentence in sentences:
        if merged and (
            _word_count(sentence) < min_words or _word_count(merged[-1]) < min_words
        ):
            merged[-1] = f"{merged[-1]} {sentence}"
        else:
            merged.append(sentence)
    return merged


def split_sentences(
    text: str, language: str, *, min_words: int = MIN_SENTENCE_WORDS
) -> list[str]:
    """Sentences of ``text`` in ``language`` ("de", "ro", "en"; others use the
    shared rules). Paragraph breaks always end a sentence; a sentence shorter
    than ``min_words`` words is merged with its neighbour (the previous one, or
    the next one for a short first sentence). Empty text gives ``[]``."""
    language = language.lower()[:2]
    out: list[str] = []
    for paragraph in normalise(text).split("\n\n"):
        out.extend(_raw_sentences(paragraph, language))
    return _merge_short(out, min_words)


def _split_long(sentence: str, max_chars: int) -> list[str]:
    pieces: list[str] = []
    current = ""
    for word in sentence.split(" "):
        while len(word) > max_chars:  # a pathological "word" (URL, hash)
            if current:
                pieces.append(current)
                current = ""
            pieces.append(word[:max_chars])
            word = word[max_chars:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) > max_chars and current:
            pieces.append(current)
            current = word
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces


def chunks(text: str, language: str, *, max_chars: int = 600) -> list[str]:
    """Sentence-aligned chunks of at most ``max_chars`` characters: sentences
    are packed greedily; a sentence longer than ``max_chars`` is cut at spaces.
    Used to encode long descriptions piece by piece (e5 reads 512 tokens)."""
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    out: list[str] = []
    current = ""
    for sentence in split_sentences(text, language):
        for piece in _split_long(sentence, max_chars):
            candidate = f"{current} {piece}" if current else piece
            if len(candidate) <= max_chars:
                current = candidate
            else:
                out.append(current)
                current = piece
    if current:
        out.append(current)
    return out


def text_hash(encoder_name: str, text: str) -> str:
    """sha256 hex of the encoder name and the normalised text: a stored vector
    is reused only for the same encoder and the same text."""
    payload = f"{encoder_name}\x00{normalise(text)}".encode()
    return hashlib.sha256(payload).hexdigest()
