"""What is one tap (or one follow-up question) away from a card, from that procedure's data.

Fees in full, the legal basis and sources, the notes; and the answers to the follow-ups a
citizen types after a card ("lệ phí bao nhiêu", "mất bao lâu", "nộp ở đâu", "có bị phạt
không", "cần bản sao không"). Where the knowledge has nothing on a question the answer says
so and points to the official page, never a guess.
"""

from __future__ import annotations

from typing import Any

from handlers.context import Context
from handlers.facts import (
    current_fees,
    document_lines,
    fee_known,
    fee_lines,
    legal_text,
    online_text,
    time_text,
    where_text,
)
from handlers.office_hours import hours_in
from handlers.search.amount import amount_text, is_benefit
from handlers.search.asks import hours_text, proxy_text, receiving_office
from handlers.search.card import card_name
from handlers.search.deadline import deadline_text
from handlers.search.fee_match import matching_fees
from handlers.search.validity import validity_text
from handlers.textsplit import clip
from handlers.wards import office_lines
from knowledge.fee_exemptions import for_code
from knowledge.normalize import fold
from knowledge.schema import Procedure

PENALTY_WORDS = ("phat", "qua han", "tre han", "vi pham")
NOTICE_WORDS = ("niem yet", "dang bao", "thong bao", "cong khai")
MAX_LEGAL_DETAILS = 8


def _url(ctx: Context, proc: Procedure) -> str:
    return proc.url or ctx.t("search.portal")


def _unknown(ctx: Context, proc: Procedure, what: str) -> str:
    return ctx.t("search.follow_unknown", what=ctx.t(f"search.what_{what}"), url=_url(ctx, proc))


def fees_text(ctx: Context, proc: Procedure) -> str:
    """Every fee with its basis, or what the catalogue says."""
    name = card_name(proc, ctx.locale)
    exempt = [f"  - {e.text(ctx.locale)}" for e in for_code(proc.code)]
    if not fee_known(proc):
        head = ctx.t("search.fees_title", name=name)
        return "\n".join([head, *exempt, _unknown(ctx, proc, "fee")])
    lines = [ctx.t("search.fees_title", name=name)]
    if proc.fees:
        for fee in current_fees(proc):
            basis = f" ({ctx.t('search.fee_basis', basis=fee.basis)})" if fee.basis else ""
            lines.append(f"  - {fee.label}: {fee.amount}{basis}")
        lines.extend(exempt)
    else:
        lines.extend(fee_lines(proc, ctx.locale))
        lines.append(ctx.t("card.uncurated_note"))
    return "\n".join(lines)


def legal_full(ctx: Context, proc: Procedure) -> str:
    """The legal basis (up to ``MAX_LEGAL_DETAILS``), the sources and the official page."""
    lines = [ctx.t("search.legal_title", name=card_name(proc, ctx.locale))]
    lines.extend(legal_text(proc, MAX_LEGAL_DETAILS, ctx.locale) or [ctx.t("search.legal_none")])
    if proc.curated and proc.source:
        lines.append(ctx.t("search.sources", source=proc.source.strip()))
    lines.append(ctx.t("search.official_page", url=_url(ctx, proc)))
    return "\n".join(lines)


def notes_text(ctx: Context, proc: Procedure) -> str:
    """The full name, where and time, the local notes and the conditions."""
    kb = ctx.services.kb
    lines = [ctx.t("search.notes_title", name=" ".join(proc.name.split()))]
    lines.append(ctx.t("card.where", value=where_text(proc, kb, ctx.locale)))
    lines.append(ctx.t("card.time", value=time_text(proc, ctx.locale)))
    lines.extend(f"  • {note.strip()}" for note in proc.local_notes)
    if proc.requirements:
        lines.append(ctx.t("search.requirements", value=clip(proc.requirements, 800)[0]))
    return "\n".join(lines)


def _penalty(ctx: Context, proc: Procedure) -> str:
    """Only what the knowledge says about late filing or violations; never a guessed fine."""
    found = [f"  - {f.label}: {f.amount}" for f in proc.fees if _about_penalty(f.label)]
    found += [f"  • {n.strip()}" for n in proc.local_notes if _about_penalty(n)]
    text = ctx.t("search.penalty_none", url=_url(ctx, proc))
    if found:
        text = "\n".join([ctx.t("search.penalty_related"), *found, text])
    return text


def _about_penalty(text: str, words: tuple[str, ...] = PENALTY_WORDS) -> bool:
    folded = f" {fold(text)} "
    return any(f" {w} " in folded for w in words)


def _notice(ctx: Context, proc: Procedure) -> str:
    """What the knowledge says about posting or announcing (niêm yết, thông báo); no guess."""
    found = [f"  • {n.strip()}" for n in proc.local_notes if _about_penalty(n, NOTICE_WORDS)]
    if proc.requirements and _about_penalty(proc.requirements, NOTICE_WORDS):
        found.append(f"  • {clip(proc.requirements, 400)[0]}")
    if not found:
        return _unknown(ctx, proc, "notice")
    head = ctx.t("search.notice_related", name=card_name(proc, ctx.locale))
    return "\n".join([head, *found, ctx.t("search.official_page", url=_url(ctx, proc))])


def follow_up_text(ctx: Context, proc: Procedure, topic: str, ward: Any = None) -> str:
    """The answer to a follow-up ``topic`` about ``proc`` (see ``handlers.topics``); the
    chat's ``ward`` (when known) gives its office's hours."""
    if topic == "amount" and is_benefit(proc):  # "được bao nhiêu tiền": what it pays
        return amount_text(ctx, proc, _url(ctx, proc))
    if topic in ("fee", "amount"):  # "lệ phí quá hạn bao nhiêu": the lines that match, else all
        return matching_fees(ctx, proc, ctx.msg.text or "") or fees_text(ctx, proc)
    if topic == "legal":
        return legal_full(ctx, proc)
    if topic == "penalty":
        return _penalty(ctx, proc)
    if topic == "validity":  # how long the result is valid: never the processing time
        return validity_text(ctx, proc, _url(ctx, proc))
    if topic == "deadline":  # by when the citizen must file: never the processing time
        return deadline_text(ctx, proc, _url(ctx, proc))
    if topic == "notice":
        return _notice(ctx, proc)
    if topic == "proxy":
        return proxy_text(ctx, proc, _url(ctx, proc))
    if topic == "hours":
        return hours_text(ctx, proc, ward, _url(ctx, proc))
    if topic == "other":  # a question the card has no part for: say so, never guess
        return ctx.t("search.follow_other", name=card_name(proc, ctx.locale), url=_url(ctx, proc))
    if topic == "time":
        return ctx.t("card.time", value=time_text(proc, ctx.locale))
    if topic == "place":
        return place_text(ctx, proc, None)
    if topic == "online":
        return ctx.t("card.online", value=online_text(proc, ctx.locale))
    lines = document_lines(proc, ctx.locale, with_counts=topic == "copies")
    if not lines:
        return _unknown(ctx, proc, "documents")
    key = "search.copies_title" if topic == "copies" else "search.documents_title"
    return "\n".join([ctx.t(key, name=card_name(proc, ctx.locale)), *lines])


def place_text(ctx: Context, proc: Procedure, ward: Any) -> str:
    """Where to file: the procedure's own words, then the chat's ward office when known
    (else the offices the procedure names)."""
    lines = [ctx.t("card.where", value=where_text(proc, ctx.services.kb, ctx.locale))]
    if ward is not None:
        lines.append(ctx.t("ward.where_title", name=proc.display_name, ward=ward.display))
        lines.extend(office_lines(ctx, ward))
    else:
        lines.extend(_office(ctx, proc))
    return "\n".join(lines)


def _office(ctx: Context, proc: Procedure) -> list[str]:
    office = receiving_office(ctx, proc)
    if office is None:
        return []
    lines = [ctx.t("search.office_name", value=office.name)]
    for key, value in (
        ("address", office.address),
        ("phone", office.phone),
        ("hours", hours_in(office.hours, ctx.locale)),
    ):
        if value:
            lines.append(ctx.t(f"menu.contact_{key}", value=value))
    return lines
