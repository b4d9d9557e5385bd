"""Parsers for the portal's legal-basis table and the result cell.

``can_cu_phap_ly`` arrives as ``Tên văn bản pháp lýMã văn bản`` followed by title+number
pairs glued together: ``...Luật Hộ tịch123/2015/NĐ-CPThông tư số 08/2025/...08/2025/TT-BTP``.
A title often quotes numbers itself ("Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 ..."), so a
number only closes a pair when what follows it starts a new title (a capital letter), another
number, or the end of the text; a number followed by " ngày", ", " or "." stays in the title.
"""

from __future__ import annotations

import re

from knowledge.schema import LegalBasis
from knowledge.textclean import NO_INFO, clean

LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"

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
_TYPE_TAIL = re.compile(
    r"(?<=\S)(?:Bộ luật|Luật|Nghị định|Thông tư liên tịch|Thông tư|Nghị quyết liên tịch|"
    r"Nghị quyết|Quyết định|Pháp lệnh|Lệnh|Chỉ thị|Văn bản hợp nhất)(?: số)?\s*$"
)

# Titles whose first letter the portal lost: "hông tư số 06/2025/TT-BTC ...".
_CUT_TYPES = {
    "hông tư": "Thông tư",
    "uật": "Luật",
    "ghị định": "Nghị định",
    "uyết định": "Quyết định",
    "UY ĐỊNH": "QUY ĐỊNH",
}
_CUT_TYPE = re.compile(r"^(?:hông tư|uật|ghị định|uyết định|UY ĐỊNH)(?!\w)")
_TYPE_SO = re.compile(
    r"^(Bộ luật|Luật|Nghị định|Thông tư liên tịch|Thông tư|Nghị quyết|Quyết định) số$"
)
# A number glued to the date that follows it inside a title: "...TT-BCAngày 01/7/2025".
_GLUED_DATE = re.compile(r"(\d/[A-ZĐ][A-ZĐa-z0-9-]*?[A-ZĐ])(ngày)")
_LOWER_SET = frozenset("abcdefghijklmnopqrstuvwxyz" + _LOWER[3:])


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
_CONFUSABLES = str.maketrans("АВСЕНКМОРТХ", "ABCEHKMOPTX")


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
    if text[end : end + 1] in _LOWER_SET and _TITLE_WORD.match(text, end - 1):
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


_REVERSED_CELL = re.compile(r"(?:TT|NĐ|QĐ|NQ)?\s?(\d+)/(\d{4})(?![/\d])")


def _same_number(a: str, b: str) -> bool:
    """Equal numbers, also when a title's year is glued in front ("2024230/2025/NĐ-CP")."""
    lead = a.split("/", 1)[0]
    if len(lead) > 4 and lead[:2] in ("19", "20"):
        a = a[4:]
    return a == b


def _numbers(text: str) -> list[tuple[int, int, str]]:
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
    return out


_TYPE_ONLY = re.compile(
    r"(?:Bộ luật|Luật|Nghị định|Thông tư liên tịch|Thông tư|Nghị quyết|Quyết định)(?: số)?\s*",
    re.IGNORECASE,
)


def _closes_pair(text: str, cur: tuple[int, int, str], nxt: tuple[int, int, str] | None) -> bool:
    """Whether the number ``cur`` is a table "Mã văn bản" cell rather than part of a title."""
    after = text[cur[1] :]
    if not after.strip():
        return True
    if nxt is not None and nxt[0] == cur[1]:
        return False  # "Luật 60/2014/QH1360/2014/QH13": the title ends with the number
    if re.match(r"\s?(?:ngày|năm)\b", after):
        return False  # "Thông tư số 53/2025/TT-BCAngày 01/7/2025 ...": a date in the title
    if nxt is not None and nxt[2] == cur[2] and _TYPE_ONLY.fullmatch(text[cur[1] : nxt[0]]):
        return False  # "Thông tư số 64/2025/TT-BCTThông tư số 64/2025/TT-BCT": title, then cell
    first = after[0]
    if first.isspace():
        rest = after.lstrip()
        return rest[:1].isupper() and not rest.startswith(("Điều", "Khoản"))
    if first.isdigit() or first in _LOWER_SET:
        return True  # next title starts with digits ("...NĐ-CP05/2013/TT-...")
    return first.isupper() or first in '"“('


def parse_legal_basis(text: str, warn: list[str]) -> list[LegalBasis]:
    """Split the glued legal-basis cell into (number, title) pairs, first mention kept."""
    body = clean(text).translate(_CONFUSABLES)
    if not body or body == NO_INFO:
        return []
    if body.startswith(clean(LEGAL_HEADER)):
        body = body[len(clean(LEGAL_HEADER)) :]
    else:
        warn.append("legal: table header missing")
    found = _numbers(body)
    out: list[LegalBasis] = []
    seen: set[str] = set()
    pos = 0
    closes = [
        _closes_pair(body, cur, nxt) for cur, nxt in zip(found, [*found[1:], None], strict=False)
    ]
    for i, cur in enumerate(found):
        if not closes[i]:
            continue
        if _TYPE_ONLY.fullmatch(body[pos : cur[0]]) and any(
            closes[j] and _same_number(found[j][2], cur[2]) for j in range(i + 1, len(found))
        ):
            continue  # "Thông tư số 40/2025/TT-BTC Sửa đổi ...40/2025/TT-BTC": title, then cell
        title = body[pos : cur[0]].strip()
        pos = cur[1]
        # "Thông tư số 03/2023/TT-BTP ngày ...Thông tư số 03/2023/TT-BTP": the number cell
        # repeats the type; the title should not end with it.
        title = _TYPE_TAIL.sub("", title).strip(" ;,-\t")
        title = _GLUED_DATE.sub(r"\1 \2", title)
        title = _CUT_TYPE.sub(lambda m: _CUT_TYPES[m.group(0)], title)
        title = _TYPE_SO.sub(r"\1", title)  # a title that is only "Thông tư số": "Thông tư"
        number = cur[2]
        lead = number.split("/", 1)[0]
        if len(lead) > 4 and lead[:2] in ("19", "20"):
            # "Luật Khiếu nại năm 201102/2011/QH13": the year ended the title.
            year = lead[:5] if lead[4] == "." else lead[:4]  # "năm 2021.53/2025/...": keep "."
            title = f"{title}{'' if title.endswith('/') else ' '}{year}".strip()
            number = number[len(year) :]
        if number in seen:
            continue
        seen.add(number)
        out.append(LegalBasis(number=number, title=title if title != number else ""))
    if not out and body.strip():
        warn.append("legal: no document number found")
    return out


# ---------------------------------------------------------------- result (kết quả)
_RESULT_CODE = re.compile(r"Mã:\s*[A-Z0-9][A-Z0-9.\-]*\d")
_UI_START = re.compile(r"Từ khóa|Chọn cơ quan thực hiện")


def parse_result(text: str) -> list[str]:
    """Names of the results a procedure gives, without codes and the portal's UI text."""
    body = clean(text)
    ui = _UI_START.search(body)
    if ui:
        body = body[: ui.start()]
    names = [clean(part) for part in _RESULT_CODE.split(body)]
    out: list[str] = []
    for name in names:
        if name and name != NO_INFO and name not in out:
            out.append(name)
    return out
