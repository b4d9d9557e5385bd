"""Parsers for the portal's legal-basis table and the result cell.

``can_cu_phap_ly`` arrives as ``Tên văn bản pháp lýMã văn bản`` followed by title+number
pairs glued together: ``...Luật Hộ tịch123/2015/NĐ-CPThông tư số 08/2025/...08/2025/TT-BTP``.
A title often quotes numbers itself ("Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 ..."), so a
number only closes a pair when what follows it starts a new title (a capital letter), another
number, or the end of the text; a number followed by " ngày", ", " or "." stays in the title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.portal_numbers import (
    CONFUSABLES,
    ISSUER_PIECES,
    LEGAL_NUMBER,
    LOWER_SET,
    NUMBER_RE,
    mispaired_problem,
    numbers_in,
    same_number,
)
from knowledge.schema import LegalBasis
from knowledge.textclean import NO_INFO, clean

__all__ = ["ISSUER_PIECES", "LEGAL_NUMBER", "NUMBER_RE", "mispaired_problem"]

LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"

_TYPE_TAIL = re.compile(
    r"(?<=\S)(?:Bộ luật|Luật|Nghị định|Thông tư liên tịch|Thông tư|Nghị quyết liên tịch|"
    r"Nghị quyết|Quyết định|Pháp lệnh|Lệnh|Chỉ thị|Văn bản hợp nhất)(?: số)?\s*$"
)
# "...lĩnh vực tài nguyên nước.NĐ" + "23/2026/NĐ-CP": the cell began with the type's initials.
_INITIALS_TAIL = re.compile(r"(?<=\.)\s?(?:NĐ|TT|QĐ|NQ)\s*$")

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
# "... trên cạn Thông tư số" + "01/2026/TT-BNNMT": the cell repeated the type, and "số".
_TYPE_SO_TAIL = re.compile(
    r"(?:\s+(?:Luật|Luất|Thông tư|Nghị định|Nghị quyết|Quyết định)\s+số|(?<=\.)số)\s*$"
)
_TYPE_ONLY = re.compile(
    r"(?:Bộ luật|Luật|Nghị định|Thông tư liên tịch|Thông tư|Nghị quyết|Quyết định)(?: số)?\s*",
    re.IGNORECASE,
)


def _closes_pair(
    text: str,
    cur: tuple[int, int, str],
    nxt: tuple[int, int, str] | None,
    later: Sequence[tuple[int, int, str]] = (),
    prev: tuple[int, int, str] | None = None,
) -> bool:
    """Whether the number ``cur`` is a table "Mã văn bản" cell rather than part of a title.

    ``later`` are the numbers after ``nxt``, ``prev`` the one before ``cur``.
    """
    after = text[cur[1] :]
    if not after.strip():
        return True
    if prev is not None and prev[1] == cur[0] and prev[2] == cur[2]:
        return True  # "Luật Nhà ở số 27/2023/QH1527/2023/QH15 sửa đổi...": title, then cell
    if nxt is not None and nxt[0] == cur[1]:
        # "Luật 60/2014/QH1360/2014/QH13": the title ends with the number, the cell repeats
        # it. But "...quốc gia118/2025/NĐ-CP86/2024/TT-BTC86/2024/TT-BTC": the glued number
        # comes back later, so it is the next document (here a title that is only its
        # number) and ``cur`` was the cell that closed the first one.
        return nxt[2] != cur[2] and any(n[2] == nxt[2] for n in later)
    if re.match(r"\s?(?:ngày|năm)\b", after, re.IGNORECASE):
        # "Thông tư số 53/2025/TT-BCAngày 01/7/2025 ...", "THÔNG TƯ SỐ 10/2020/TT-BTP NGÀY 28
        # THÁNG 12 ..." (2.001263): a date in the title, in either case
        return False
    if nxt is not None and nxt[2] == cur[2] and _TYPE_ONLY.fullmatch(text[cur[1] : nxt[0]]):
        return False  # "Thông tư số 64/2025/TT-BCTThông tư số 64/2025/TT-BCT": title, then cell
    first = after[0]
    if first.isspace():
        rest = after.lstrip()
        return rest[:1].isupper() and not rest.startswith(("Điều", "Khoản"))
    if first.isdigit() or first in LOWER_SET:
        return True  # next title starts with digits ("...NĐ-CP05/2013/TT-...")
    return first.isupper() or first in '"“('


def parse_legal_basis(text: str, warn: list[str]) -> list[LegalBasis]:
    """Split the glued legal-basis cell into (number, title) pairs, first mention kept."""
    body = clean(text).translate(CONFUSABLES).replace("/TTLT/", "/TTLT-")
    if not body or body == NO_INFO:
        return []
    if body.startswith(clean(LEGAL_HEADER)):
        body = body[len(clean(LEGAL_HEADER)) :]
    else:
        warn.append("legal: table header missing")
    found = numbers_in(body)
    out: list[LegalBasis] = []
    seen: set[str] = set()
    pos = 0
    closes = [
        _closes_pair(
            body,
            cur,
            found[i + 1] if i + 1 < len(found) else None,
            found[i + 2 :],
            found[i - 1] if i else None,
        )
        for i, cur in enumerate(found)
    ]
    for i, cur in enumerate(found):
        if not closes[i]:
            continue
        if _TYPE_ONLY.fullmatch(body[pos : cur[0]]) and any(
            closes[j] and same_number(found[j][2], cur[2]) for j in range(i + 1, len(found))
        ):
            continue  # "Thông tư số 40/2025/TT-BTC Sửa đổi ...40/2025/TT-BTC": title, then cell
        title = body[pos : cur[0]].strip()
        pos = cur[1]
        # "Thông tư số 03/2023/TT-BTP ngày ...Thông tư số 03/2023/TT-BTP": the number cell
        # repeats the type; the title should not end with it.
        title = _INITIALS_TAIL.sub("", _TYPE_TAIL.sub("", title)).strip(" ;,-\t")
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
        tail = _TYPE_SO_TAIL.search(title)
        if tail and not re.search(r"\b(?:của|tại|theo)$", title[: tail.start()]):
            title = title[: tail.start()].strip()  # "Luật Trồng trọt Luật số": the cell's type
        if title and mispaired_problem(number, title):
            # A title the glued table paired with another number: say less, show the number.
            warn.append("legal: title paired with another number dropped")
            title = ""
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


# ---------------------------------------------------------------- order shown
_RANKS = (
    (re.compile(r"(?:^|[-/])(?:UBTV)?QH\d"), 0),  # Luật, Bộ luật, Nghị quyết of the Assembly
    (re.compile(r"/NĐ-CP$|/NĐ$"), 1),
    (re.compile(r"/NQ-CP$"), 2),
    (re.compile(r"/QĐ-TTg$"), 3),
    (re.compile(r"/TTLT|/TT-"), 4),
)


def legal_rank(number: str) -> int:
    """0 for acts of the National Assembly, then decrees, resolutions of the Government,
    decisions of the Prime Minister, circulars, and everything else."""
    for pattern, rank in _RANKS:
        if pattern.search(number):
            return rank
    return 5


def ranked(basis: list[LegalBasis]) -> list[LegalBasis]:
    """The legal basis with the higher acts first (the portal lists them in no order, and a
    reply shows the first few): stable within one rank."""
    return sorted(basis, key=lambda lb: legal_rank(lb.number))
