"""Vietnamese text normalisation for search.

Two views of a text are used by the search index:

* ``normalize(text)``: NFC, lower case, no zero-width or control characters, one tone
  placement ("hoà" and "hòa" both become "hòa"), punctuation turned into spaces, telex
  leftovers decoded ("dduwowngf" -> "đường").
* ``fold(text)``: the same without any diacritics and with "đ" -> "d", because half of the
  citizens type without accents and rapidfuzz compares code points, not letters.

All functions are pure and total: any string in, a string out, never an exception.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_CHARS = 500  # a question longer than this is noise for matching; cut early to stay fast

# Zero-width and BOM characters that keyboards and copy-paste leave behind.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_TONES = {"\u0300": "f", "\u0301": "s", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_TONE_MARK = {v: k for k, v in _TONES.items()}
_SHAPED = set("ăâêôơư")  # vowels carrying a shape mark: the tone goes on them
_VOWELS = set("aăâeêioôơuưy")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# a held-down key: a vowel anywhere ("điiiện"), a consonant at the end ("khôngggg"); a run of
# consonants inside a word is an abbreviation glued to it ("capdoicccd": "cccd")
_VOWEL_CHARS = "aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
_REPEAT = re.compile(rf"([{_VOWEL_CHARS}])\1{{2,}}|(.)\2{{2,}}$")
_DOUBLE_CONS = re.compile(r"([bcdghklmnpqrstvx])\1")


def _strip_tone(syllable: str) -> tuple[str, str]:
    """Split a (NFC, lower-case) syllable into its toneless letters and its tone key."""
    tone = ""
    out = []
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in _TONES:
            tone = _TONES[ch]
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)), tone


def _tone_position(base: str) -> int | None:
    """Index of the vowel that carries the tone, using the traditional ("hòa") placement."""
    start = 0
    if base.startswith("qu") and len(base) > 2 and base[2] in _VOWELS:
        start = 2
    elif base.startswith("gi") and len(base) > 2 and base[2] in _VOWELS:
        start = 2
    idx = [i for i in range(start, len(base)) if base[i] in _VOWELS]
    if not idx:
        return None
    # vowels must be contiguous; otherwise it is not a Vietnamese syllable
    if idx[-1] - idx[0] + 1 != len(idx):
        return None
    for i in reversed(idx):  # "ươ": the tone sits on the last shaped vowel
        if base[i] in _SHAPED:
            return i
    if len(idx) == 3:
        return idx[1]
    if len(idx) == 2:
        closed = idx[-1] < len(base) - 1
        return idx[1] if closed else idx[0]
    return idx[0]


@lru_cache(maxsize=65536)
def _canon_syllable(word: str) -> str:
    """Put the tone of one syllable on the canonical vowel; other words pass unchanged."""
    base, tone = _strip_tone(word)
    if not tone or not base.isalpha():
        return word
    pos = _tone_position(base)
    if pos is None:
        return word
    marked = unicodedata.normalize("NFC", base[pos] + _TONE_MARK[tone])
    return base[:pos] + marked + base[pos + 1 :]


_TELEX_SHAPE = [
    pair.split(">") for pair in "dd>đ uow>ươ uwow>ươ aa>â aw>ă ee>ê oo>ô ow>ơ uw>ư".split()
]
_SYLLABLE = re.compile(
    r"^(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưy]{1,3}(ng|nh|ch|[cmnpt])?$"
)
_TELEX_HINT = re.compile(r"dd|aa|ee|oo|w|[aeiouy][a-z]*[sfrxj]$")


@lru_cache(maxsize=65536)
def _telex(word: str) -> str:
    """Decode an ASCII word typed in telex without an input method ("dduwowngf" -> "đường").

    Only words that cannot be plain Vietnamese and decode to a valid syllable are changed,
    so "xoong", "visa" or "cccd" are left alone.
    """
    if not word.isascii() or len(word) < 2 or not _TELEX_HINT.search(word):
        return word
    tone = ""
    body = word
    if body[-1] in "sfrxj" and len(body) > 2:
        tone, body = body[-1], body[:-1]
    for src, dst in _TELEX_SHAPE:
        body = body.replace(src, dst)
    if body.startswith("w"):
        return word
    body = body.replace("w", "ư")
    if not _SYLLABLE.match(body):
        return word
    if not tone:
        return body
    return _canon_syllable(body + _TONE_MARK[tone])


@lru_cache(maxsize=65536)
def _clean_word(word: str) -> str:
    """Fix one lower-case word: tone placement, telex leftovers, held-down keys."""
    if not any(ch in _VOWELS for ch in _strip_tone(word)[0]):
        return word  # abbreviations ("cccd", "gplx") and numbers stay as typed
    word = _REPEAT.sub(lambda m: m.group(1) or m.group(2), word)  # "ơiiii" -> "ơi"
    word = _telex(word)
    # a Vietnamese syllable never doubles a consonant: "sinhh" -> "sinh"; but "đkkết" is an
    # abbreviation glued to a syllable (split later), not a held-down key
    single = _DOUBLE_CONS.sub(r"\1", word)
    if single != word and is_syllable(fold_word(single)):
        word = single
    return _canon_syllable(word)


def _prepare(text: object) -> str:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text[: MAX_CHARS * 2]
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return text.lower()[:MAX_CHARS]


def normalize(text: str) -> str:
    """Canonical accented form: NFC, lower case, words only, canonical tone placement."""
    return _normalize(_prepare(text))


@lru_cache(maxsize=8192)
def _normalize(text: str) -> str:
    # cached on the truncated text so a 10,000-character message cannot bloat the cache
    return " ".join(_clean_word(w) for w in _WORD.findall(text))


_CLAUSE_BREAK = re.compile(r"[,.;:!?\n()\[\]{}\"“”…]+")


def normalize_clauses(text: str) -> list[list[str]]:
    """``normalize`` per clause: the words between punctuation marks, empty clauses dropped.

    A comma or a full stop ends a clause ("khai sinh, không phải khai tử"); the search uses
    it to keep bigrams, negation and purpose inside the clause they were typed in.
    """
    out = []
    for part in _CLAUSE_BREAK.split(_prepare(text)):
        words = _normalize(part).split()
        if words:
            out.append(words)
    return out


def tokens(text: str) -> list[str]:
    """Words of ``normalize(text)``."""
    return normalize(text).split()


_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})


_Y_AS_I = re.compile(r"^(ngh|ng|gh|kh|nh|ph|th|tr|ch|[bcdghklmnpstvx])y$")


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """Accent-free form of one word (no normalisation).

    "ký"/"kí", "lý"/"lí", "mỹ"/"mĩ" are both in use; the fold spells them all with "i".
    """
    decomposed = unicodedata.normalize("NFD", word.translate(_FOLD_TABLE))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    if folded.endswith("y") and _Y_AS_I.match(folded):
        return folded[:-1] + "i"
    return folded


def fold(text: str) -> str:
    """Accent-free twin of ``normalize``: "Đăng ký khai sinh" -> "dang ky khai sinh"."""
    return fold_normalized(normalize(text))


@lru_cache(maxsize=8192)
def fold_normalized(norm: str) -> str:
    """``fold`` for a text that is already the output of ``normalize``."""
    return " ".join(fold_word(w) for w in norm.split())


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese accent or "đ"."""
    norm = normalize(text)
    return "đ" in norm or unicodedata.normalize("NFD", norm) != norm


def is_syllable(folded_word: str) -> bool:
    """True when an accent-free word has the shape of one Vietnamese syllable."""
    return bool(_SYLLABLE_FOLDED.match(folded_word))


_SYLLABLE_FOLDED = re.compile(
    r"^(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnpqrstvx])?"
    r"(?:[aeiouy]|oa|oe|uy|ua|uo|ie|ia|ye|ai|ao|au|ay|eo|eu|iu|oi|ui|uu|ua|uoi|uou|ieu|yeu|oai"
    r"|oay|oeo|uay|uya|uye|uyu|uoi|ươi)(ng|nh|ch|[cmnpt])?$"
)


def strip_procedure_prefix(name: str) -> str:
    """Drop the catalogue's "Thủ tục" prefix and trailing dot, which carry no meaning."""
    name = name.strip().rstrip(".")
    return re.sub(r"^\s*th[uủ]\s*t[uụ]c\s+", "", name, flags=re.IGNORECASE)
