"""Processing-time units the portal's time cell lost, recovered from the record itself.

The time cell often holds a bare number ("Trực tuyến1Miễn phí"). A sibling row with the same
number and a unit, or the record's own text ("trong 03 ngày làm việc"), tells the unit;
without either it stays unknown and the card says to ask the one-stop shop, because a guess
turned hours and calendar days into working days.
"""

from __future__ import annotations

import re

UNIT_WORDS = {
    "Ngày làm việc": "ngày làm việc",
    "Ngày": "ngày",
    "Giờ": "giờ",
    "Tháng": "tháng",
    "Năm": "năm",
}
WORKING_DAYS = "ngày làm việc"
_NOT_A_DURATION = re.compile(r"(?:ngày|lúc|sau|trước|từ|đến|khoản|điều|mẫu|số)\s*$", re.IGNORECASE)


def unit_from_text(num: str, text: str) -> str | None:
    """The unit the record's own text gives this number ("03 ngày làm việc"), if only one.

    Dates ("ngày 01 tháng 7"), clock times ("sau 15 giờ") and article numbers are not
    durations and are skipped.
    """
    digits = re.escape(num.lstrip("0") or "0")
    found = set()
    for m in re.finditer(
        rf"(?<![\d.,/])0*{digits}\s*(?:\([^)]{{0,30}}\)\s*)?"
        r"(ngày làm việc|ngày|giờ|tháng)(?![\w])(?!\s*\d)",
        text,
        re.IGNORECASE,
    ):
        if _NOT_A_DURATION.search(text, max(0, m.start() - 12), m.start()):
            continue
        found.add(UNIT_WORDS.get(m.group(1).capitalize(), m.group(1).lower()))
    return found.pop() if len(found) == 1 else None


_USUAL_START = re.compile(
    r"(?:ngày|khi) (?:nhận|tiếp nhận)(?: được)?(?: đủ| đầy đủ)? hồ sơ", re.IGNORECASE
)


def start_point(num: str, description: str | None) -> str | None:
    """ "kể từ ngày tổ chức thẩm định" when the method's description gives the time cell's
    number an unusual start (the time counts from receipt of a complete file otherwise)."""
    digits = re.escape(num.lstrip("0") or "0")
    m = re.match(
        rf"\s*0*{digits}\s*(?:ngày(?: làm việc)?|tháng)?\s*,?\s*((?:kể|tính) từ [^.;]{{5,90}}?)\s*[.;]?\s*$",
        description or "",
        re.IGNORECASE,
    )
    if not m or _USUAL_START.search(m.group(1)):
        return None
    return m.group(1)


_DESCRIBED = re.compile(
    r"(?:trong (?:thời hạn|vòng)\s+)?0*(\d+)\s*(ngày làm việc|ngày|giờ|tháng)\b", re.IGNORECASE
)
_DESCRIBED_MAX = 200


def time_in_description(desc: str | None) -> tuple[str, str | None, str | None] | None:
    """(text, number, unit) when a method's description is only its processing time ("05
    ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ", 1.004656): one sentence that opens with
    a duration. Number and unit only when it states a single duration in working days (the
    card then counts it); a longer or mixed description gives ``None`` (the card says to ask).
    """
    text = " ".join((desc or "").split()).rstrip(" .;")
    first = _DESCRIBED.match(text)
    if not first or len(text) > _DESCRIBED_MAX or re.search(r"[;:]|\.\s", text):
        return None
    durations = _DESCRIBED.findall(text)
    unit = UNIT_WORDS.get(first.group(2).capitalize(), first.group(2).lower())
    if len(durations) == 1 and unit == WORKING_DAYS:
        return text, first.group(1), unit
    return text, None, None
