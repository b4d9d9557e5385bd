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


_LOWER_SET = frozenset("abcdefghijklmnopqrstuvwxyz" + _LOWER[3:])


_CONSONANTS = frozenset("bcdđghklmnpqrstvx")
_ONSETS = frozenset({"ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr"})
_TITLE_WORD = re.compile(r"(?:Luật|Nghị|Thông|Quyết|Pháp|Hiến|Bộ)\b")


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


def _number_text(text: str, m: re.Match[str], end: int) -> str:
    lead, year = m.group(1), m.group(2)
    issuer = text[m.start(3) : end]
    issuer = re.sub(r"\s*([-_&])\s*", r"\1", issuer).replace("_", "-")
    return f"{lead}/{year}/{issuer}" if year else f"{lead}/{issuer}"


def _closes_pair(text: str, m: re.Match[str], nxt: re.Match[str] | None) -> bool:
    """Whether the number ``m`` is a table "Mã văn bản" cell rather than part of a title."""
    after = text[_match_end(text, m) :]
    if not after.strip():
        return True
    if nxt is not None and nxt.start() == m.end():
        return False  # "Luật 60/2014/QH1360/2014/QH13": the title ends with the number
    first = after[0]
    if first.isspace():
        rest = after.lstrip()
        return rest[:1].isupper() and not rest.startswith(("Điều", "Khoản"))
    if first.isdigit() or first in _LOWER_SET:
        return True  # next title starts with digits ("...NĐ-CP05/2013/TT-...")
    return first.isupper() or first in '"“('


def parse_legal_basis(text: str, warn: list[str]) -> list[LegalBasis]:
    """Split the glued legal-basis cell into (number, title) pairs, first mention kept."""
    body = clean(text)
    if not body or body == NO_INFO:
        return []
    if body.startswith(clean(LEGAL_HEADER)):
        body = body[len(clean(LEGAL_HEADER)) :]
    else:
        warn.append("legal: table header missing")
    found = list(NUMBER_RE.finditer(body))
    out: list[LegalBasis] = []
    seen: set[str] = set()
    pos = 0
    for m, nxt in zip(found, [*found[1:], None], strict=False):
        if not _closes_pair(body, m, nxt):
            continue
        title = body[pos : m.start()].strip()
        pos = _match_end(body, m)
        # "Thông tư số 03/2023/TT-BTP ngày ...Thông tư số 03/2023/TT-BTP": the number cell
        # repeats the type; the title should not end with it.
        title = _TYPE_TAIL.sub("", title).strip(" ;,-\t")
        number = _number_text(body, m, pos)
        lead = m.group(1)
        if len(lead) > 4 and lead[:2] in ("19", "20"):
            # "Luật Khiếu nại năm 201102/2011/QH13": the year ended the title.
            title = f"{title} {lead[:4]}".strip()
            number = number[4:].lstrip(".")
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
