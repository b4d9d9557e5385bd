"""Legal document numbers inside the portal's glued legal-basis text.

A number is "123/2015/NĐ-CP": lead, year, issuer code. The glued table leaves the next
title's first capitals stuck to the code ("NĐ-CPQUY ĐỊNH") or cuts the code ("TT-BCAngày"), so
the issuer is read piece by piece against the codes seen in the catalogue. ``numbers_in``
finds every number with its span; ``mispaired_problem`` tells a title paired with another
document's number (used by the importer to say less, and by ``kb audit``).
"""

from __future__ import annotations

import re

_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_UPPER_VI = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# Issuer part: "NĐ-CP", "TT-BTC", "QH13", "NQ-HĐND", "QĐ-TTg", "TTLT-BCA-BYT"... Only the
# National Assembly codes (QH13, UBTVQH14) carry digits, so digits after any other code
# belong to the next number. A capital followed by a lowercase letter starts the next title
# ("NĐ-CPNghị định"), unless the next title starts in lowercase ("NĐ-CPsửa đổi"): the second
# alternative, tried only when the first fails.
_END = rf"(?![{_LOWER}])(?![{_UPPER_VI}][A-ZĐ{_UPPER_VI}])"
_PIECE = rf"(?:TTg|(?:UBTV)?QH\d{{1,2}}|[A-ZĐ]{{2,}}{_END}|L(?=-)|[A-ZĐ]{{2,}})"
NUMBER_RE = re.compile(rf"(\d+(?:\.\d+)?)/(?:(\d{{4}})/)?({_PIECE}(?:\s?[-_&]\s?{_PIECE})*)")
# A legal number as a whole, for validation by callers and tests.
LEGAL_NUMBER = re.compile(r"^\d+(?:\.\d+)?/(?:\d{4}/)?[A-ZĐ][A-ZĐa-z0-9&-]*$")

LOWER_SET = frozenset("abcdefghijklmnopqrstuvwxyz" + _LOWER[3:])


_CONSONANTS = frozenset("bcdđghklmnpqrstvx")
_ONSETS = frozenset({"ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr"})
_TITLE_WORD = re.compile(r"(?:Luật|Nghị|Thông|Quyết|Pháp|Hiến|Bộ)\b")

# Issuer codes seen in the catalogue (document types, then issuing bodies). The glued table
# leaves the next title's first capitals stuck to the code ("NĐ-CPQUY ĐỊNH", "TT-BGTVTLUẬT",
# "TT-BLĐTBXHBAN HÀNH") or cuts the code ("TT-BCAngày" read as "TT-BC" + "Angày"); reading
# the code piece by piece against this list puts every letter back where it belongs.
ISSUER_PIECES = frozenset(
    "NĐ ND TT TTLT QĐ QD NQ NQLT PL VBHN CT L CP TTg BTC BTP BCA BXD BNNMT BNNPTNT BNN PTNT "
    "BGTVT BTNMT BLĐTBXH BKHĐT BYT BCT BVHTTDL BKHCN BNV BQP BNG BTTTT BGDĐT BTM BHXH NHNN "
    "VPCP VPQH UBND HĐND UBTVQH HĐTP TANDTC VKSNDTC CTN CSXH NV UB UBDT KTNN TW BCĐ TCT TCHQ".split()
)
_PIECES_BY_LENGTH = sorted(ISSUER_PIECES, key=len, reverse=True)
_QH_PIECE = re.compile(r"(?:UBTV)?QH\d{1,2}")
_SEP = re.compile(r"\s?[-&_]\s?")
_CODE_LIKE = re.compile(r"[A-ZĐ]{2,}(?=[-\d]|$)")
# Cyrillic letters that look Latin: "TT-BTС" (a Cyrillic С) is TT-BTC.
CONFUSABLES = str.maketrans("АВСЕНКМОРТХ", "ABCEHKMOPTX")


def _piece_at(text: str, i: int) -> int:
    """Length of the known issuer piece starting at ``i`` (0 if none)."""
    qh = _QH_PIECE.match(text, i)
    if qh:
        return qh.end() - i
    for piece in _PIECES_BY_LENGTH:
        if text.startswith(piece, i):
            return len(piece)
    return 0


def _scan_issuer(text: str, start: int) -> tuple[str, int] | None:
    """The issuer code starting at ``start`` read against ``ISSUER_PIECES``: (code, end).

    ``None`` when the first piece is unknown, or a dash leads to an unknown piece: the caller
    falls back to the pattern. "NĐ-C" followed by a title is the portal's typo for "NĐ-CP".
    """
    pieces: list[str] = []
    i = start
    size = _piece_at(text, i)
    while size:
        if text[i : i + size] == "L" and text[i + 1 : i + 2] != "-":
            break  # "L" only as the "L-CTN" of a Lệnh; "...QH12-Luật" is the next title
        pieces.append(text[i : i + size])
        i += size
        sep = _SEP.match(text, i)
        if not sep:
            break
        size = _piece_at(text, sep.end())
        if not size:
            if pieces == ["NĐ"] and text[sep.end() : sep.end() + 1] == "C":
                return "NĐ-CP", sep.end() + 1
            if len(pieces) == 1 or _CODE_LIKE.match(text, sep.end()):
                return None  # an unknown body: let the pattern read it
            break
        if (
            text[sep.end() : sep.end() + size] == "L"
            and text[sep.end() + 1 : sep.end() + 2] != "-"
        ):
            break
        pieces.append(sep.group(0).strip().replace("_", "-"))
        i = sep.end()
    if not pieces:
        return None
    code = "".join(pieces)
    code = re.sub(r"^ND(?=-)", "NĐ", re.sub(r"^QD(?=-)", "QĐ", code))
    return code, i


def _match_end(text: str, m: re.Match[str]) -> int:
    """End of the number; a typo'd code ("NĐ-CLuật") must not swallow the title's capital."""
    end = m.end()
    if text[end : end + 1] in LOWER_SET and _TITLE_WORD.match(text, end - 1):
        return end - 1
    pair = text[end : end + 2]
    if (
        len(pair) == 2
        and pair[0] in "BCDĐGHKLMNPQRSTVX"
        and pair[1] in _CONSONANTS
        and pair.lower() not in _ONSETS
    ):
        return end + 1  # "TT-VPCPquy định": "Pq" starts no word, so P ends the code
    return end


_OLD_NUMBER = re.compile(r"(?<![\d/])\d{1,3}-(?:CP|HĐBT|L/CTN)(?![a-zà-ỹ/])")
_BARE_CELL = re.compile(r"(?<=[^\W\d_])\d+(?:\.\d+)?/\d{4}(?![/\d])")
_REVERSED_CELL = re.compile(r"(?:TT|NĐ|QĐ|NQ)?\s?(\d+)/(\d{4})(?![/\d])")


def same_number(a: str, b: str) -> bool:
    """Equal numbers, also when a title's year is glued in front ("2024230/2025/NĐ-CP")."""
    lead = a.split("/", 1)[0]
    if len(lead) > 4 and lead[:2] in ("19", "20"):
        a = a[4:]
    return a == b


def numbers_in(text: str) -> list[tuple[int, int, str]]:
    """Every document number in ``text``: (start, end, normalised number)."""
    out: list[tuple[int, int, str]] = []
    for m in NUMBER_RE.finditer(text):
        if out and m.start() < out[-1][1]:
            continue
        lead, year = m.group(1), m.group(2)
        scanned = _scan_issuer(text, m.start(3))
        if scanned is not None:
            issuer, end = scanned
        else:
            end = _match_end(text, m)
            issuer = re.sub(r"\s*([-_&])\s*", r"\1", text[m.start(3) : end]).replace("_", "-")
        number = f"{lead}/{year}/{issuer}" if year else f"{lead}/{issuer}"
        cell = _REVERSED_CELL.match(text, end)
        if cell and cell.group(1) == lead and cell.group(2) == year:
            end = cell.end()  # "29/2025/TT-BTCTT29/2025": the code cell written backwards
        out.append((m.start(), end, number))
    # Old-style numbers without a year ("73-CP", "18-L/CTN") and cells cut to "167/2025" after
    # a title that gave the full number ("Nghị định số 167/2025/NĐ-CP ngày ...167/2025").
    taken = [(a, b) for a, b, _ in out]
    for m in _OLD_NUMBER.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            out.append((m.start(), m.end(), m.group(0)))
    for m in _BARE_CELL.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        full = [n for a, b, n in out if b <= m.start() and n.startswith(m.group(0) + "/")]
        if full:
            out.append((m.start(), m.end(), full[-1]))
    return sorted(out)


# ---------------------------------------------------------------- mis-paired titles
_LEAD = re.compile(
    r"^(Bộ luật|Luật|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Nghị quyết)\b"
    r"(?:\s+số)?\s*(\d+(?:\.\d+)?/\d{4})?"
)
_KIND_OF = {
    "Bộ luật": ("QH",),
    "Luật": ("QH",),
    "Nghị định": ("NĐ", "CP"),
    "Thông tư liên tịch": ("TTLT",),
    "Thông tư": ("TT",),
    "Quyết định": ("QĐ",),
    "Nghị quyết": ("NQ", "QH"),
}


# A title cut where it quoted another act: "... CỦA THÔNG TƯ SỐ" (its number went to the next
# pair) or "NGÀY 28 THÁNG 12 NĂM 2020 CỦA ..." (the tail of the previous title), 2.001263.
_CUT_END = re.compile(
    r"\b(?:luật|luất|thông tư|nghị định|nghị quyết|quyết định|bộ [^\W\d]+(?: [^\W\d]+)?)\s+số\s*$"
    r"|\.số\s*$",
    re.IGNORECASE,
)
_CUT_START = re.compile(r"^\s*(?:ngày|tháng|năm)\s+\d", re.IGNORECASE)


def mispaired_problem(number: str, title: str) -> str | None:
    """Why a (number, title) pair looks mis-paired, or ``None``: a title holding two glued
    numbers, a title that names another number, a title of another kind of act."""
    if _CUT_END.search(title):
        return f"tên văn bản bị cắt trước một số hiệu {title[-40:]!r}"
    if _CUT_START.match(title):
        return f"tên văn bản bắt đầu giữa chừng {title[:40]!r}"
    spans = [(a, b) for a, b, _ in numbers_in(title)]
    if any(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False)):
        return f"tên văn bản chứa các số dính nhau {title[:50]!r}"
    lead = _LEAD.match(title.strip())
    if not lead:
        return None
    kind, cited = lead.group(1), lead.group(2)
    if cited and cited != "/".join(number.split("/")[:2]):
        return f"tên văn bản ghi số khác {cited!r} ≠ {number!r}"
    issuer = number.rsplit("/", 1)[-1]
    if not cited and not any(code in issuer for code in _KIND_OF[kind]):
        return f"tên là {kind} nhưng số {number!r}"
    return None
