"""A procedure's facts as citizen-facing lines: where, time, fees, online, legal basis, source.

Shared by the answer card (``handlers/search``), the walkthrough summary
(``handlers/checklist``) and follow-up answers. Curated facts win; for a procedure only known
from the national catalogue the lines say what the catalogue says and point to its page.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from handlers.i18n import t
from handlers.textsplit import clip
from knowledge.fee_exemptions import for_code
from knowledge.legal_names import citation
from knowledge.normalize import fold
from knowledge.portal_fees import current_rates, reduction
from knowledge.schema import Procedure

MAX_SUMMARY = 320
MAX_LEGAL = 3


def _first_method(proc: Procedure) -> Any:
    """The method whose time the card shows: in person first, one that states a time first
    (a channel known only from the steps text has none)."""
    order = ("Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính")
    for timed in (True, False):
        for channel in order:
            for method in proc.methods:
                if method.channel == channel and (
                    not timed or method.time_text or method.time_days is not None
                ):
                    return method
    return proc.methods[0] if proc.methods else None


def current_fees(proc: Procedure, today: dt.date | None = None) -> list[Any]:
    """The curated fees without the temporary ones whose period has ended (the catalogue's
    fee column gets the same treatment when it is loaded)."""
    return current_rates(proc.fees, today or dt.date.today())


def where_text(proc: Procedure, kb: Any, locale: str) -> str:
    """Where to file: curated words, else the offices named, else the authority."""
    if proc.where:
        return proc.where.strip()
    offices = getattr(kb, "offices", {}) or {}
    names = [offices[o].name for o in proc.offices if o in offices]
    if names:
        return "; ".join(names)
    if proc.authority:
        return proc.authority
    if proc.levels:
        return t("card.where_levels", locale, levels=", ".join(proc.levels))
    return t("card.unknown", locale)


def time_text(proc: Procedure, locale: str) -> str:
    """Processing time in working days as curated or published."""
    if proc.processing_time:
        return proc.processing_time.strip()
    method = _first_method(proc)
    if method is not None and method.time_days is not None:
        days = f"{method.time_days:g}"
        if method.time_text and not re.fullmatch(rf"0*{days} ngày làm việc", method.time_text):
            # the record says more than the number: "... nhận sau 15 giờ thì ...",
            # "25 ngày làm việc (kể từ ngày tổ chức thẩm định)"
            return method.time_text
        return t("card.days", locale, days=days)
    if method is not None and method.time_text:
        return method.time_text
    return t("card.unknown", locale)


def fee_lines(proc: Procedure, locale: str, today: dt.date | None = None) -> list[str]:
    """Fees: curated (local rates, exemptions) or the catalogue's fee column, a reduction
    in force shown as the amount to pay (``knowledge.portal_fees.reduction``)."""
    exempt = [f"  - {e.text(locale)}" for e in for_code(proc.code)]
    if proc.fees:
        return [f"  - {fee.label}: {fee.amount}" for fee in current_fees(proc)] + exempt
    seen: list[str] = []
    for method in proc.methods:
        text = method.fee_text or ""
        cut = reduction(method, today or dt.date.today())
        if cut is not None:  # "35.000 đồng đến hết 31/12/2026 (50% của 70.000 đồng)"
            amount, percent, until = cut
            text = t(
                "card.fee_reduced", locale, amount=amount, percent=percent, full=text,
                until=until.strftime("%d/%m/%Y"),
            )  # fmt: skip
        if method.fee_note:
            text = f"{text} ({method.fee_note})" if text else method.fee_note
        line = f"  - {method.channel}: {text}" if text else ""
        if line and line not in seen:
            seen.append(line)
    return (seen[:3] or [f"  - {t('card.unknown', locale)}"]) + exempt


def online_available(proc: Procedure) -> bool:
    """Whether the procedure can be filed online: as curated, else the catalogue's channels."""
    if proc.online is not None:
        return proc.online.available
    return any(m.channel == "Trực tuyến" for m in proc.methods)


def online_text(proc: Procedure, locale: str) -> str:
    """Whether it can be filed online, and where."""
    online = proc.online
    available = online_available(proc)
    url = (online.url if online else None) or proc.url
    note = online.note if online else None
    if not available:
        # How to file instead follows the procedure's own channels and note (issue 13:
        # "ký trước mặt" procedures must not be told "nộp qua bưu chính").
        if note:  # the entry's own word on how to file, which may name another way
            return note.strip()  # ("liên thông điện tử trên VNeID"): no "Chưa có" before it
        post = any(m.channel == "Dịch vụ bưu chính" for m in proc.methods)
        return t("card.online_no_post" if post else "card.online_no", locale)
    text = t("card.online_yes", locale)
    if note:
        text += f" {note.strip()}"
    if url:
        text += f"\n  {url}"
    return text


def legal_text(proc: Procedure, most: int = MAX_LEGAL, locale: str = "vi") -> list[str]:
    """The main legal basis, each document with its number, kind and issuer so it can be
    looked up (``knowledge.legal_names``); a cut list says so."""
    lines = []
    for basis in proc.legal_basis[:most]:
        # "Luật Hộ tịch 2014 (60/2014/QH13)", "Nghị định 99/2022/NĐ-CP của Chính phủ: ..."
        text = citation(basis.number, basis.title)
        if len(text) > 140:
            text = text[:137].rsplit(" ", 1)[0] + "..."
        lines.append(f"  - {text}")
    if len(proc.legal_basis) > most:
        lines.append(t("search.legal_more", locale, n=len(proc.legal_basis) - most))
    return lines


def source_text(proc: Procedure, kb: Any, locale: str) -> str:
    """Where the facts come from and how fresh they are."""
    if proc.curated and proc.source:
        when = proc.verified_on.strftime("%d/%m/%Y") if proc.verified_on else ""
        return t("card.source_curated", locale, source=proc.source.strip(), date=when)
    retrieved = (getattr(kb, "meta", {}) or {}).get("retrieved", "")
    return t("card.source_catalogue", locale, code=proc.code, date=retrieved)


def first_sentence(text: str | None, limit: int) -> str:
    """The first sentence of a summary (cut near ``limit``), without the rest's details."""
    flat = " ".join((text or "").split())
    end = flat.find(". ")
    head = flat[: end + 1] if 0 < end < limit else flat
    return clip(head, limit)[0]


def fee_known(proc: Procedure) -> bool:
    """Whether the knowledge states any fee (even "free") for the procedure."""
    return bool(current_fees(proc)) or any(m.fee_text or m.fee_note for m in proc.methods)


def fee_summary(proc: Procedure, locale: str, limit: int = 150) -> str:
    """The fees in one line: "Miễn lệ phí" when every curated fee is free, else the first
    one and how many more (the details are behind "Chi tiết lệ phí"); a hint when the law
    frees some people from it (``knowledge.fee_exemptions``)."""
    exemptions = for_code(proc.code)
    if exemptions and not fee_known(proc):  # the law's word is all that is known
        more = len(exemptions) - 1
        return clip(exemptions[0].text(locale), limit)[0] + (
            t("card.fee_more", locale, n=more) if more > 0 else ""
        )
    fees = current_fees(proc)
    if fees:
        if all(fold(f.amount).startswith(("mien", "khong thu")) for f in fees):
            return t("card.fee_free", locale)
        text, more = clip(f"{fees[0].label}: {fees[0].amount}", limit)[0], len(fees) - 1
    else:
        lines = fee_lines(proc, locale)
        text, more = clip(lines[0].strip(" -"), limit)[0], len(lines) - 1
    if exemptions:  # a citizen who owes nothing must not read only the full rate
        return text + t("card.fee_exempt_hint", locale)
    return text + (t("card.fee_more", locale, n=more) if more > 0 else "")


ONLINE_NOTE_MAX = 160


def online_short(proc: Procedure, locale: str) -> str:
    """ "Có" for the card's first reply (how and the link are one tap away); when it cannot
    be filed online, how to file instead, from the procedure's own channels and note ("Phải
    đến trực tiếp để ký..."): a citizen must not set out with the wrong idea."""
    online = proc.online
    if online_available(proc):
        return t("card.online_yes", locale)
    note = online.note.strip() if online and online.note else ""
    if note:
        return clip(note, ONLINE_NOTE_MAX)[0]
    post = any(m.channel == "Dịch vụ bưu chính" for m in proc.methods)
    return t("card.online_no_post" if post else "card.online_no", locale)


def document_lines(proc: Procedure, locale: str, with_counts: bool, most: int = 10) -> list[str]:
    """The procedure's documents as short lines, with originals/copies to bring when asked
    ("cần bản sao không"); conditional ones are marked as depending on the case."""
    lines = []
    for doc in proc.documents[:most]:
        parts = []
        if with_counts and doc.kind == "present":
            parts.append(t("checklist.present_short", locale))
        elif with_counts:
            if doc.originals:
                parts.append(t("checklist.n_original", locale).format(n=doc.originals))
            if doc.copies:
                parts.append(t("checklist.n_copy", locale).format(n=doc.copies))
        if doc.when or doc.group:
            parts.append(t("search.depends", locale))
        extra = f" ({', '.join(parts)})" if parts else ""
        lines.append(f"  • {clip(doc.name, 120)[0]}{extra}")
    if len(proc.documents) > most:
        lines.append(t("search.more_documents", locale, n=len(proc.documents) - most))
    return lines


def fact_line(proc: Procedure, kb: Any, topic: str, locale: str) -> str | None:
    """One card line for a follow-up typed in the middle of a walkthrough ("nộp ở đâu")."""
    if topic == "place":
        return t("card.where", locale, value=where_text(proc, kb, locale))
    if topic == "time":
        return t("card.time", locale, value=time_text(proc, locale))
    if topic == "fee":
        return t("card.fee_line", locale, value=fee_summary(proc, locale, 300))
    if topic == "online":
        return t("card.online", locale, value=online_short(proc, locale))
    return None
