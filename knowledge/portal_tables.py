"""Parsers for the portal's flattened tables: submission methods and dossier documents.

The national portal renders these as HTML tables; the scraped catalogue keeps only the text
of every cell glued together, header row included. The cell boundaries have to be recovered
from what each cell looks like (a channel name, a count "1 bản chính", a ".docx" file name).
Legal basis and results live in ``knowledge.portal_legal``.
"""

from __future__ import annotations

import re
from typing import Literal

from knowledge.portal_fees import checked_fee, vietnamese_fee
from knowledge.portal_forms import (
    extends_code,
    form_code,
    readable_forms,
    split_form,
    tidy_documents,
)
from knowledge.portal_notes import split_notes
from knowledge.portal_steps import SAME_DAY_TEXT, same_day_rule
from knowledge.portal_times import (
    UNIT_WORDS,
    WORKING_DAYS,
    start_point,
    time_in_description,
    unit_from_text,
)
from knowledge.schema import Document, SubmissionMethod
from knowledge.textclean import NO_INFO, clean, clean_or_none

DocKind = Literal["submit", "present"]

METHODS_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
DOCS_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"

# ---------------------------------------------------------------- submission methods
_CHANNEL = re.compile(rf"(Trực tuyến|Trực tiếp|Dịch vụ bưu chính)(?=\d|{NO_INFO})")
# Some tax records put a sentence in the time cell: "Trực tuyếnKhông phải trả kết quả...".
_CHANNEL_LOOSE = re.compile(r"(Trực tuyến|Trực tiếp|Dịch vụ bưu chính)(?=[A-ZĐÂĂÊÔƠƯ\d])")
_TIME = re.compile(r"(\d[\d.,]*)(?: ?(Ngày làm việc|Ngày|Giờ|Tháng|Năm))?")
_CURRENCY = r"(?:Việt Nam Đồng|VNĐ|USD|đồng|Đồng)"
_FEE = re.compile(rf"Miễn phí|{NO_INFO}|(\d[\d.,]*) ?{_CURRENCY}")
_AMOUNT = re.compile(r"[1-9]\d{0,2}(?:[.,]\d{3})*|0")


def _split_glued_amount(digits: str) -> tuple[str, str] | None:
    """Split "120" of "Trực tuyến120 VNĐ" into time "1" and fee "20" (shortest time wins)."""
    for k in range(1, len(digits)):
        if digits[k - 1].isdigit() and _AMOUNT.fullmatch(digits[k:]):
            return digits[:k], digits[k:]
    return None


def _balanced_paren(text: str) -> int:
    """Length of the parenthesised group at the start of ``text`` (0 if none/unbalanced)."""
    if not text.startswith("("):
        return 0
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return i + 1
    return 0


def parse_methods(text: str, warn: list[str], context: str = "") -> list[SubmissionMethod]:
    """Parse ``cach_thuc_thuc_hien``: channel, time, fee, fee note, description per row.

    ``context`` is the record's other text (steps, requirements): a bare number in a time cell
    takes its unit only from the record itself (see ``unit_from_text``), never by default.
    """
    body = clean(text)
    if body.startswith(clean(METHODS_HEADER)):
        body = body[len(clean(METHODS_HEADER)) :]
    starts = list(_CHANNEL.finditer(body)) or list(_CHANNEL_LOOSE.finditer(body))
    if not starts:
        if clean_or_none(body):
            warn.append("methods: no channel row found")
        return []
    rows: list[dict] = []
    for m, nxt in zip(starts, [*starts[1:], None], strict=True):
        rest = body[m.end() : nxt.start() if nxt else len(body)]
        rows.append(_parse_method_row(m.group(1), rest, warn))
    # A bare number lost its unit; a sibling row showing the same number with a unit tells
    # which one it was, else the record's own text ("trong 03 ngày làm việc"). Without
    # either the unit stays unknown: guessing "ngày làm việc" turned hours and calendar days
    # into working days on cards.
    known = {r["num"]: r["unit"] for r in rows if r["unit"]}
    own_text = " ".join([body, clean(context)])
    same_day = same_day_rule(own_text)
    out = []
    timeless = all(r["num"] is None and not r["free_time"] for r in rows)
    for r in rows:
        num, unit = r["num"], r["unit"]
        if timeless and (said := time_in_description(r["desc"])):
            # "Không có thông tin" in the time column, "05 ngày làm việc kể từ ..." as the
            # whole description (1.004656): the record's own time, in its words.
            r["free_time"], num, unit = said
        if num is not None and unit is None:
            # "1" beside "nếu tiếp nhận hồ sơ sau 15 giờ thì ... trong ngày làm việc tiếp
            # theo": the record counts in working days and says what "1" means.
            unit = known.get(num) or unit_from_text(num, own_text)
            if unit is None and num.lstrip("0") == "1" and same_day:
                unit = WORKING_DAYS
            if unit is None:
                warn.append(f"methods: time without unit {num!r}")
        time_text = (f"{num} {unit}" if unit else "") if num is not None else r["free_time"]
        if same_day and unit == WORKING_DAYS and num is not None and num.lstrip("0") == "1":
            time_text = SAME_DAY_TEXT
        elif time_text and num is not None and (start := start_point(num, r["desc"])):
            time_text = (
                f"{time_text} ({start})"  # "25 ngày làm việc (kể từ ngày tổ chức thẩm định)"
            )
        days = None
        if num is not None and unit == WORKING_DAYS:
            try:
                days = float(num.replace(",", "."))
            except ValueError:
                warn.append(f"methods: odd time {num!r}")
        fee, note = vietnamese_fee(checked_fee(r["fee"], r["note"], warn), r["note"])
        out.append(SubmissionMethod(channel=r["channel"], time_text=time_text, time_days=days,
                                    fee_text=fee, fee_note=note,
                                    description=r["desc"]))  # fmt: skip
    return out


def _parse_method_row(channel: str, rest: str, warn: list[str]) -> dict:
    num = unit = None
    fee, note, free_time = "", None, ""
    if rest.startswith(NO_INFO):
        rest = rest[len(NO_INFO) :]
    elif not rest[:1].isdigit():
        fm = _FEE.search(rest)
        cut = fm.start() if fm else len(rest)
        free_time, rest = clean(rest[:cut]), rest[cut:]
    else:
        tm = _TIME.match(rest)
        assert tm  # the channel regex only accepts a digit or NO_INFO after the name
        num, unit = tm.group(1).rstrip(".,"), tm.group(2)
        rest = rest[tm.start(1) + len(num) :] if unit is None else rest[tm.end() :]
        if unit is None and re.match(rf" ?{_CURRENCY}", rest):
            # "Trực tuyến120 VNĐ": the time and the amount were glued together.
            split = _split_glued_amount(num)
            if split:
                num, amount = split
                rest = amount + rest
            else:
                warn.append(f"methods: cannot split time/fee {num!r}")
        unit = UNIT_WORDS.get(unit) if unit else None
    fm = _FEE.match(rest)
    if fm:
        fee = "" if fm.group(0) == NO_INFO else fm.group(0)
        rest = rest[fm.end() :]
        size = _balanced_paren(rest)
        if size:
            inner = rest[1 : size - 1]
            if _balanced_paren(inner) == len(inner) > 0:  # "Miễn phí((...))" seen on the portal
                inner = inner[1:-1]
            note = clean_or_none(inner)
            rest = rest[size:]
    else:
        warn.append(f"methods: no fee in {channel} row")
    return {"channel": channel, "num": num, "unit": unit, "fee": fee, "note": note,
            "free_time": free_time,
            "desc": clean_or_none(rest)}  # fmt: skip


# ---------------------------------------------------------------- dossier documents
# A count cell: one digit (the portal never shows more) and an optional copies part.
_COUNT = re.compile(r"(\d) bản (chính|sao)(?:,(\d+) bản sao)?")
_BULLET = re.compile(r"^(?:[-+•*]\)?\s*)+")  # "+) Khi ..." (2.001263) too
_NOTE_HEAD = re.compile(r"^\*?\s*Lưu ý", re.IGNORECASE)
_GENERIC_HEAD = re.compile(
    r"^(?:[a-z\d]\)\s*)?(?:\*\s*)?(?:Thành phần hồ sơ|Bao gồm|Giấy tờ phải nộp|"
    r"Các giấy tờ phải nộp|-+$)",
    re.IGNORECASE,
)


def _is_count(text: str, m: re.Match[str]) -> bool:
    """Tell a count cell from the same words inside a document name.

    "01 bản sao giấy khai sinh" or "(01 bản chính hoặc ...)" continue with words after a
    space: that is prose. A real count is followed by the next row, a heading or the end.
    """
    after = text[m.end() :]
    if m.start() >= 2 and text[m.start() - 1] == "0" and text[m.start() - 2] in " :(":
        return False  # "...nhập khẩu: 02 bản chính. Tại ô ...": a zero-padded count is prose
    if not after or not after[0].isspace():
        return True
    nxt = after.lstrip()
    run = m.start()
    while run and text[run - 1].isdigit():
        run -= 1
    before = text[run - 1] if run else " "
    return not nxt or (nxt[0] in "*(" and before not in " (")


def parse_documents(text: str, warn: list[str]) -> list[Document]:
    """Parse ``thanh_phan_ho_so`` into documents with counts, forms, kind and group."""
    return parse_dossier(text, warn)[0]


def parse_dossier(text: str, warn: list[str]) -> tuple[list[Document], list[str]]:
    """The papers of ``thanh_phan_ho_so`` and its notes (``knowledge.portal_notes``)."""
    body = clean(text)
    header = clean(DOCS_HEADER)
    counts = [m for m in _COUNT.finditer(body) if _is_count(body, m)]
    # Two counts back to back: the first one is the end of a name ("... : 01 bản chính").
    counts = [m for m, n in zip(counts, [*counts[1:], None], strict=False)
              if n is None or n.start() != m.end()]  # fmt: skip
    docs: list[Document] = []
    bullets: list[str] = []  # each row's list mark: "+" (sub-item), "-" or ""
    kind: DocKind = "submit"
    group: str | None = None
    pos = 0
    for m in counts:
        seg = body[pos : m.start()]
        pos = m.end()
        if header in seg:
            head, seg = seg.rsplit(header, 1)
            kind, group = _heading(head.split(header)[-1] if head else "", kind, group)
        name, form = split_form(seg.strip())
        mark = _BULLET.match(clean(name).lstrip())
        name = _BULLET.sub("", clean(name).lstrip()).strip()
        if not name and not form:
            continue
        originals = int(m.group(1)) if m.group(2) == "chính" else 0
        copies = int(m.group(3) or 0) + (int(m.group(1)) if m.group(2) == "sao" else 0)
        shown = readable_forms(form)
        named = form_code(name)
        if shown and named and named.startswith("Mẫu"):
            # "theo Mẫu số 13 ..." + "Mus132.docx": a file code that only extends the name's
            # own code is a garbled copy of it; the name already says which form.
            parts = [f for f in shown.split("; ") if not extends_code(form_code(f), named)]
            shown = "; ".join(parts) or None
        if not name:  # only a file name: its readable label is the best name we have
            name = shown or ""
            if not name:
                warn.append(f"documents: unreadable form name {form!r}")
                continue
        docs.append(Document(id=f"d{len(docs) + 1}", name=name, form=shown,
                             originals=originals, copies=copies, kind=kind, group=group))  # fmt: skip
        bullets.append("+" if mark and "+" in mark.group(0) else ("-" if mark else ""))
    tail = body[pos:].split(header)[0].strip() if pos else ""
    if tail and clean_or_none(tail) and len(tail) > 3:
        warn.append(f"documents: trailing text without count: {tail[:40]!r}")
    if not docs and clean_or_none(body):
        warn.append("documents: none parsed")
    papers, notes = split_notes(docs, bullets, warn)
    return tidy_documents(papers, warn), notes


def _heading(head: str, kind: DocKind, group: str | None) -> tuple[DocKind, str | None]:
    """Kind and group implied by the text before a table header."""
    head = _BULLET.sub("", clean(head)).strip().rstrip(":").strip()
    low = head.lower()
    if "xuất trình" in low and len(head) < 80:
        return "present", None
    if "phải nộp" in low and len(head) < 80:
        return "submit", None
    if not head or _GENERIC_HEAD.match(head) or set(head) <= {"-", " "}:
        return "submit", None
    if _NOTE_HEAD.match(head):
        return "submit", "Lưu ý"
    return "submit", head
