"""Unicode cleaning of text scraped from the national catalogue.

The portal's pages mix NFC and NFD Vietnamese (tone marks as separate combining
characters), carry invisible characters (zero-width space/joiners, soft hyphen,
left-to-right marks, BOM), Wingdings bullets from pasted Word documents (private-use
code points U+F0xx) and irregular spacing. ``clean`` turns all of that into plain NFC
text so that equal words compare equal and search indexes see one spelling.
"""

from __future__ import annotations

import re
import unicodedata

# Invisible format characters: zero-width space/non-joiner/joiner, LRM/RLM, word joiner,
# BOM, soft hyphen. They split words for every tokenizer while showing nothing.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"),
    None,
)
# Word's Symbol/Wingdings bullets land in the private-use area; they mean "a list item".
_PUA_BULLET = re.compile(r"[\uf000-\uf0ff]\s*")
_HSPACE = re.compile(r"[^\S\n]+")  # whitespace except newline (NBSP, tabs, ...)
_BLANK_LINES = re.compile(r"\n\s*\n+")
_MARKS = re.compile(r"[\u0300-\u036f]+")

NO_INFO = "Không có thông tin"


def clean(text: str | None, *, keep_newlines: bool = False) -> str:
    """Return ``text`` as tidy NFC: invisible characters removed, spacing collapsed.

    With ``keep_newlines`` line breaks survive (one blank line at most), which suits
    free-text fields such as the steps of a procedure; otherwise the text becomes one line.
    ``None`` gives ``""``.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    if _MARKS.search(text):
        text = _drop_stray_marks(text)
    text = _PUA_BULLET.sub("- ", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if keep_newlines:
        lines = [_HSPACE.sub(" ", line).strip() for line in text.split("\n")]
        return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return " ".join(text.split())


def _drop_stray_marks(text: str) -> str:
    """Drop combining marks NFC could not attach to a letter.

    A mark after a space, digit or punctuation is debris of a broken NFD fragment; a mark
    after a letter is kept (it still renders on that letter).
    """

    def repl(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else " "
        return m.group(0) if before.isalpha() else ""

    return _MARKS.sub(repl, text)


def clean_or_none(text: str | None, *, keep_newlines: bool = False) -> str | None:
    """``clean`` that maps empty text and the portal's "Không có thông tin" to ``None``."""
    out = clean(text, keep_newlines=keep_newlines)
    if not out or out.rstrip(". ") == NO_INFO:
        return None
    return out
