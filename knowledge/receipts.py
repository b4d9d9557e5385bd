"""Dossier receipt codes as citizens type them, normalised to the official form.

TT 01/2018/TT-VPCP numbers a dossier ``<unit code>-<YYMMDD>-<NNNN>``: the receiving unit's
electronic code, the filing date and a four-digit serial, e.g. ``000.00.14.H20-200703-0002``
(the unit code is three digit groups of 3, 2 and 2 digits, then a letter and two digits;
H20 is Đồng Tháp). People copy it from the paper receipt with:

- the dots missing or doubled ("0000014H20", "00000014H20": an extra leading zero),
- spaces, slashes, underscores or dots instead of the dashes ("H20.200703.0005"), or the
  last dash forgotten,
- the letter O for a zero ("H2O-2OO7O3"), lower case,
- the serial's leading zeros dropped ("-2" for "-0002"),
- the unit prefix left out ("H20-200703-0002", "14.H20-...", "200703-0002").

``parse_receipt`` reads all of these. A whole code comes back canonical (``Receipt.code``);
a code without its prefix comes back as the canonical *tail* (``Receipt.tail``), which only
the dossier store can resolve (``DossierRepo.codes_ending``), and only after the phone digits
are verified does the citizen learn whether it matched. Every function is total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CHARS = 2000  # codes sit near the start; never scan a pasted novel
_D = "[0-9oO]"  # a digit, or the letter O typed for a zero
_SEP = r"(?:\s*[-‐–—_/\\.]\s*|\s+)"  # dash variants, slash, underscore, dot or spaces
_DASH = r"\s*[-‐–—_/\\]\s*"  # tails need a real separator: "200703 2" is not a code
_RECEIPT = re.compile(
    rf"(?<![\w.])(?P<digits>(?:{_D}{{1,3}}[.\s]*){{0,4}}?)"
    rf"(?P<letter>[A-NP-Za-np-z]){_D}{_D}"
    rf"(?:{_SEP})?(?P<date>{_D}{{6}})(?:{_SEP}(?P<seq>{_D}{{1,4}})|(?P<glued>{_D}{{4}}))"
    r"(?!\w)"
)
_PROVINCE = re.compile(rf"(?P<letter>[A-NP-Za-np-z])(?P<num>{_D}{_D})")
_DATE_TAIL = re.compile(rf"(?<![\w.\-])(?P<date>{_D}{{6}}){_DASH}(?P<seq>{_D}{{1,4}})(?!\w)")
# Something shaped like a code that is not one (a digit too many, an impossible date, a
# unit code alone): the citizen is told the code was not recognised, not "out of scope".
_RECEIPT_LIKE = re.compile(
    r"(?<![0-9])\d{6}\s*[-‐–—_]\s*\d{2,6}(?![0-9])"
    r"|(?<![0-9a-z])\d{2,3}\.\d{2}\.\d{2}\.[a-z]\d{1,2}(?![0-9a-z])"
    r"|(?<![0-9a-z])[a-z]\d{2}\s*[-‐–—_]\s*\d{5,7}(?![0-9])",
    re.IGNORECASE,
)
_UNIT_LAYOUT = (3, 2, 2)  # digit groups of a unit code


@dataclass(frozen=True, slots=True)
class Receipt:
    """A receipt code found in a message: the whole code, or only its tail.

    ``start``/``end`` locate it in the text (to read the phone digits typed after it).
    """

    code: str | None
    tail: str | None
    start: int
    end: int


def _digits(text: str) -> str:
    return text.replace("o", "0").replace("O", "0")


def _plausible(date: str, seq: str) -> bool:
    return 1 <= int(date[2:4]) <= 12 and 1 <= int(date[4:6]) <= 31 and int(seq) > 0


def _unit_digits(raw: str) -> tuple[str, bool]:
    """The unit's digits laid out as ``DDD.DD.DD`` and whether all seven were given.

    Three groups typed with separators are padded one by one ("0.0.14" is "000.00.14");
    run together, the digits are read from the right (extra leading zeros dropped), and
    fewer than seven are the tail of the unit code.
    """
    groups = [g for g in re.split(r"[.\s]+", _digits(raw).strip(" .")) if g]
    if len(groups) == 3 and all(len(g) <= n for g, n in zip(groups, _UNIT_LAYOUT, strict=True)):
        return ".".join(g.zfill(n) for g, n in zip(groups, _UNIT_LAYOUT, strict=True)), True
    compact = "".join(groups)
    if len(compact) > 7 and set(compact[: len(compact) - 7]) <= {"0"}:
        compact = compact[-7:]
    if len(compact) > 7:
        return "", False
    laid: list[str] = []
    rest = compact
    for size in reversed(_UNIT_LAYOUT):  # fill from the right: "14" is the third group
        if not rest:
            break
        laid.insert(0, rest[-size:])
        rest = rest[:-size]
    return ".".join(laid), len(compact) == 7


def parse_receipt(text: str) -> Receipt | None:
    """The first receipt code in ``text``, whole (canonical) or as a tail, or ``None``."""
    if not isinstance(text, str):
        return None
    head = text[:MAX_CHARS]
    for m in _RECEIPT.finditer(head):
        date = _digits(m.group("date"))
        seq = _digits(m.group("seq") or m.group("glued")).zfill(4)
        if not _plausible(date, seq):
            continue
        province = _PROVINCE.match(head, m.start("letter"))
        assert province is not None
        letter = province.group("letter").upper() + _digits(province.group("num"))
        digits, whole = _unit_digits(m.group("digits"))
        if not digits and m.group("digits").strip(" ."):
            continue  # more digits than a unit code has: not a code
        unit = f"{digits}.{letter}" if digits else letter
        code = f"{unit}-{date}-{seq}"
        if whole:
            return Receipt(code, None, m.start(), m.end())
        return Receipt(None, code, m.start(), m.end())
    for m in _DATE_TAIL.finditer(head):
        date, seq = _digits(m.group("date")), _digits(m.group("seq")).zfill(4)
        if _plausible(date, seq):
            return Receipt(None, f"{date}-{seq}", m.start(), m.end())
    return None


def find_receipt_code(text: str) -> str | None:
    """The first whole dossier receipt code in the text, canonical, or ``None``.

    "000.00.14.h20 - 200703 - 0002", "0000014H20/200703/2" and "OOO.OO.14.H2O-2OO7O3-OOO2"
    all give "000.00.14.H20-200703-0002". A code without its unit prefix gives ``None``
    (see ``parse_receipt``).
    """
    found = parse_receipt(text)
    return found.code if found is not None else None


def looks_like_receipt(text: str) -> bool:
    """True when the text holds a receipt code that cannot be used as typed (its tail only,
    a digit too many, an impossible date): the citizen is helped, not told "out of scope"."""
    if not isinstance(text, str):
        return False
    head = text[:MAX_CHARS]
    found = parse_receipt(head)
    if found is not None:
        return found.code is None
    return bool(_RECEIPT_LIKE.search(head))


def tail_pattern(tail: str) -> str:
    """The ``LIKE`` suffix of the whole codes a tail stands for: "H20-200703-0002" is any
    "<unit>.H20-200703-0002", "200703-0002" any "<unit>-200703-0002"."""
    escaped = tail.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    if tail[:1].isdigit() and tail.count("-") == 1:
        return f"%-{escaped}"
    if tail[:1].isalpha():
        return f"%.{escaped}"
    return f"%{escaped}"
