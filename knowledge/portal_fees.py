"""Temporary fee rates whose own end date has passed.

The portal keeps notes such as "Miễn kể từ ngày 07/4/2026 đến 30/6/2026 theo Thông tư
40/2026/TT-BTC" or "Mức phí kể từ ngày 01/7/2024 đến hết ngày 31/12/2024 ... giảm 20%" long
after the period ended. ``expire_rates`` drops such a clause once its end date is past:

- a temporary exemption, or a reduction stated relative to the normal rate ("bằng 50% mức
  thu"), leaves the amount shown, which is the normal rate: only the clause goes;
- any other clause with an ended period ("Mức phí kể từ ... đến hết ...", "áp dụng đến
  hết ...") was the rate of that period, or cannot be told apart from it: the amount goes
  too, so the card says less and points to the official page.

The catalogue keeps the text as published; ``knowledge.catalogue.load_catalogue`` applies
this on every load, so a rate that ends while the bot runs disappears at the next start.
"""

from __future__ import annotations

import datetime as dt
import re

from knowledge.schema import Fee, SubmissionMethod

# "đến hết ngày 31/12/2024", "đến 30/6/2026", "tới hết ngày 31/12/2025"
PERIOD_END = re.compile(
    r"(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"(?<=[;.])\s+(?=\S)|(?<=;)(?=\S)|\s+(?=-\s)|\n+")
_KEEPS_AMOUNT = re.compile(r"\bmiễn\b|bằng\s+\d+\s*%\s*(?:của\s+)?mức", re.IGNORECASE)
_STATES_RATE = re.compile(r"mức (?:phí|thu|lệ phí)[^.;]{0,40}(?:kể\s+)?từ ngày", re.IGNORECASE)


def _date(day: str, month: str, year: str) -> dt.date | None:
    """The date the three parts name, or None ("31/02/2026")."""
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def period_ends(text: str | None) -> list[dt.date]:
    """Every end date of a temporary period stated in ``text``."""
    found = (_date(*m.groups()) for m in PERIOD_END.finditer(text or ""))
    return [end for end in found if end is not None]


def period_end(text: str | None) -> dt.date | None:
    """The latest end date of a temporary period stated in ``text``."""
    ends = period_ends(text)
    return max(ends) if ends else None


_EXEMPTION_PAREN = re.compile(r"\s*\((?:\s*[-+]\s*)?miễn\b[^()]*\)", re.IGNORECASE)


def _split_expired(text: str | None, today: dt.date) -> tuple[str | None, list[str]]:
    """``text`` without its clauses whose period ended before ``today``; the dropped ones.

    A temporary exemption in parentheses goes alone ("- Sát hạch thực hành (Miễn kể từ ...
    đến 30/6/2026 ...)" keeps "- Sát hạch thực hành"); any other ended period takes its
    whole clause, whose amounts were the rate of that period ("+ 160.000/hộ chiếu (áp dụng
    đến hết ngày 31/12/2023 ...)").
    """
    if not text:
        return text or None, []
    kept: list[str] = []
    dropped: list[str] = []

    def exemption(m: re.Match[str]) -> str:
        ends = period_ends(m.group(0))
        if ends and max(ends) < today:
            dropped.append(m.group(0).strip())
            return ""
        return m.group(0)

    for clause in _CLAUSE.split(text):
        clause = _EXEMPTION_PAREN.sub(exemption, clause)
        if any(end < today for end in period_ends(clause)):
            dropped.append(clause)
        else:
            kept.append(clause)
    if not dropped:
        return text, []
    rest = " ".join(c.strip() for c in kept).strip(" ;,.-") or None
    return rest, dropped


def expire_method(method: SubmissionMethod, today: dt.date) -> SubmissionMethod:
    """``method`` with ended temporary rates removed (see the module docstring)."""
    note, dropped = _split_expired(method.fee_note, today)
    desc, dropped_desc = _split_expired(method.description, today)
    dropped += dropped_desc
    fee_end = period_end(method.fee_text)
    if not dropped and not (fee_end and fee_end < today):
        return method
    fee = method.fee_text
    if fee_end and fee_end < today:
        fee = ""
    for clause in dropped:
        if _STATES_RATE.search(clause) or not _KEEPS_AMOUNT.search(clause):
            fee = ""
    return method.model_copy(update={"fee_text": fee, "fee_note": note, "description": desc})


def expire_rates(methods: list[SubmissionMethod], today: dt.date) -> list[SubmissionMethod]:
    """``expire_method`` over a procedure's methods."""
    return [expire_method(m, today) for m in methods]


def current_rates(fees: list[Fee], today: dt.date) -> list[Fee]:
    """Curated fees as on ``today``: the same rule as the catalogue's fee column.

    A fee whose label dates it ("Miễn phí ... (từ 15/8/2026 đến hết ngày 28/02/2027)") is a
    temporary rate and goes once that date has passed; an ended exemption in parentheses
    inside an amount goes alone, any other ended clause takes the whole entry with it.
    """
    out: list[Fee] = []
    for fee in fees:
        if any(end < today for end in period_ends(fee.label)):
            continue
        amount, dropped = _split_expired(fee.amount, today)
        if dropped and (
            not amount
            or any(_STATES_RATE.search(c) or not _KEEPS_AMOUNT.search(c) for c in dropped)
        ):
            continue
        out.append(fee if not dropped else fee.model_copy(update={"amount": amount or ""}))
    return out


# ------------------------------------------------------------------ at import
_VND = re.compile(r"(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:Việt Nam Đồng|VNĐ|đồng|Đồng|đ\b)")


def _amount(text: str) -> int:
    return int(re.sub(r"[.,]", "", text))


# A note saying the fee is set by the provincial People's Council.
# "Mức lệ phí ... do HĐND tỉnh quyết định", and the shorter phrasings beside "Miễn phí" the
# third fact audit found (1.013228): "Theo quy định của Hội đồng nhân dân cấp tỉnh", "... phí
# thẩm định theo quy định của HĐND", "...: Hội đồng nhân dân cấp tỉnh quyết định".
_HDND = r"(?:Hội đồng nhân dân|HĐND)"
HDND_RATE = re.compile(
    rf"mức (?:lệ phí|phí|thu)[^.;]{{0,30}}(?:do|theo)[^.;]{{0,20}}{_HDND}"
    rf"|^\W*(?:theo|do) (?:quy định của )?{_HDND}"
    rf"|\bphí\b[^.;]{{0,40}}theo quy định của {_HDND}"
    rf"|{_HDND}[^.;]{{0,20}}quyết định",
    re.IGNORECASE,
)


def checked_fee(fee_text: str, note: str | None, warn: list[str]) -> str:
    """The fee cell, or "" when it cannot be the fee the note next to it describes.

    No Vietnamese fee is under 1.000 đồng: "40 Việt Nam Đồng" beside "4.000 đ/giấy thông
    hành" lost its thousands. A note without a temporary period that states other amounts
    ("Gia hạn tạm trú ... trực tuyến thu 7.000 đồng" beside a cell of 5,000) contradicts the
    cell. Either way the note, in the portal's own words, is what the card shows.
    """
    if fee_text == "Miễn phí" and note and HDND_RATE.search(note):
        # "Miễn phí (Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh ... quyết định)": the cell
        # contradicts its own note; the note, in the portal's words, is what the card shows.
        warn.append("fee: free cell beside a rate the HĐND sets")
        return ""
    cell = _VND.search(fee_text or "")
    if not cell or "USD" in fee_text:
        return fee_text
    amount = _amount(cell.group(1))
    if 0 < amount < 1000:
        warn.append(f"fee: amount under 1.000 đồng {fee_text!r}")
        return ""
    if note and not PERIOD_END.search(note):
        stated = {_amount(m.group(1)) for m in _VND.finditer(note)}
        if stated and amount not in stated:
            warn.append(f"fee: cell disagrees with its note {fee_text!r}")
            return ""
    return fee_text


# ------------------------------------------------------------------ amounts, the Vietnamese way
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+)(?![\d,])")
_CURRENCY_WORD = re.compile(r"(?<=\d)\s*(?:Việt Nam Đồng|VNĐ|VND|Đồng)\b")
_PER_UNIT = re.compile(r"^\s*(/\s*[^\s().;,][^().;]*?)\s*(?:[.;]\s*|(?=\()|$)")


def vietnamese_amount(text: str) -> str:
    """ "10,000 Việt Nam Đồng" as a Vietnamese reader writes it: "10.000 đồng".

    Only comma groups of exactly three digits are thousands; "2,1 tỷ đồng" is a decimal.
    """
    text = _THOUSANDS.sub(lambda m: m.group(1).replace(",", "."), text)
    return _CURRENCY_WORD.sub(" đồng", text)


# "Lệ phí : 400.000 đồng (Mức thu lệ phí: 400.000đ/trường hợp. Miễn ...)" beside a cell of
# 400.000 đồng (2.001263): the note's heads only repeat the cell's amount
_REPEATED_HEAD = re.compile(
    r"^\s*(?:mức thu\s+)?(?:lệ phí|phí)\s*:\s*(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:đồng|đ)(?![^\W\d_])",
    re.IGNORECASE,
)


def _without_repeats(fee: str, note: str) -> str:
    """The note without heads that repeat the cell's amount, and without the parentheses
    they leave around the rest."""
    cell = _VND.search(fee)
    if not cell:
        return note
    while (head := _REPEATED_HEAD.match(note)) and _amount(head.group(1)) == _amount(
        cell.group(1)
    ):
        note = note[head.end() :].strip(" -–:;,")
        if note.startswith("(") and note.endswith(")"):
            note = note[1:-1].strip()
    return note


def vietnamese_fee(fee_text: str, note: str | None) -> tuple[str, str | None]:
    """The fee cell and its note with amounts written the Vietnamese way; a note that only
    completes the unit ("10,000 Việt Nam Đồng" + "(/trường hợp)") joins the amount, and a
    note's heads that repeat the cell's amount go."""
    fee = vietnamese_amount(fee_text) if fee_text else fee_text
    if note:
        note = vietnamese_amount(note)
        if fee:
            note = _without_repeats(fee, note)
        unit = _PER_UNIT.match(note) if fee and fee[:1].isdigit() else None
        if unit:
            per = re.sub(r"\s+", " ", unit.group(1).replace("/ ", "/"))
            fee = f"{fee}{per[0]}{per[1:2].lower()}{per[2:]}"
            rest = note[unit.end() :].strip()
            if rest.startswith("(") and rest.endswith(")"):
                rest = rest[1:-1].strip()
            note = rest or None
    return fee, note


# ------------------------------------------------------------------ reductions in force
# "Kể từ ngày 01/7/2025 đến hết ngày 31/12/2026 mức thu ... bằng 50% mức thu nêu trên"
_REDUCED = re.compile(
    r"từ\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s+(?:đến|tới)\s+(?:hết\s+)?"
    r"(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})[^.;]{0,160}?bằng\s+(\d{1,2})\s*%"
    r"\s*(?:của\s+)?mức",
    re.IGNORECASE,
)


def thousands(amount: int) -> str:
    """12345 -> "12.345", the Vietnamese way."""
    return f"{amount:,}".replace(",", ".")


def reduction(method: SubmissionMethod, today: dt.date) -> tuple[str, int, dt.date] | None:
    """The reduced amount in force on ``today`` when the method's note says the fee is, for
    a period, a percentage of the published amount ("bằng 50% mức thu" from 01/7/2025 to
    31/12/2026): ``("35.000", 50, 31/12/2026)``. Only for a fee cell with exactly one
    amount, so the percentage cannot be applied to the wrong figure; None otherwise."""
    amounts = _VND.findall(method.fee_text or "")
    if len(amounts) != 1:
        return None
    for m in _REDUCED.finditer(f"{method.fee_note or ''} {method.description or ''}"):
        start, end = _date(*m.group(1, 2, 3)), _date(*m.group(4, 5, 6))
        percent = int(m.group(7))
        if start and end and start <= today <= end and 0 < percent < 100:
            reduced = _amount(amounts[0]) * percent // 100
            return thousands(reduced), percent, end
    return None
