"""Follow-ups a card has no part for, answered from what that procedure's data says.

"nhờ người khác nộp dùm được không", "ủy quyền", "khỏi đi được không": the card's own words
about authorising someone or being present (its documents, notes, conditions, walkthrough
options); "thứ bảy có làm không", "mấy giờ mở cửa": the office's hours as the data gives
them. Where the data says nothing, the answer says so and points to the official page and
the one-stop shop: never a rule or an hour made up.
"""

from __future__ import annotations

from typing import Any

from handlers.context import Context
from handlers.facts import where_text
from handlers.office_hours import hours_in
from handlers.search.card import card_name
from handlers.textsplit import clip
from handlers.wards import filed_at_ward, office_key
from knowledge.normalize import fold
from knowledge.schema import Procedure

PROXY_WORDS = ("uy quyen", "co mat", "lam thay", "nguoi khac", "nguoi than", "thanh vien")
HOURS_WORDS = ("thu bay", "chu nhat", "gio hanh chinh", "gio lam viec", "ngay le")
MOST = 4
LINE_MAX = 260


def _says(text: str | None, words: tuple[str, ...]) -> bool:
    folded = f" {fold(text or '')} "
    return any(f" {w} " in folded for w in words)


def _line(text: str) -> str:
    return f"  • {clip(' '.join(text.split()), LINE_MAX)[0]}"


def proxy_lines(ctx: Context, proc: Procedure) -> list[str]:
    """What the procedure's data says about filing through someone else or being there."""
    found: list[str] = []
    for doc in proc.documents:
        if _says(doc.name, ("uy quyen",)):
            extra = doc.note or doc.how_to_get or ""
            found.append(_line(f"{doc.name}: {extra}" if extra else doc.name))
    for question in proc.checklist_questions:
        for option in question.options:
            if _says(option.label, ("uy quyen",)):
                found.append(_line(ctx.t("search.proxy_option", label=option.label)))
    texts = [*proc.local_notes, proc.requirements or ""]
    if proc.online and proc.online.note:
        texts.append(proc.online.note)
    found += [_line(t) for t in texts if _says(t, PROXY_WORDS)]
    return list(dict.fromkeys(found))[:MOST]


def proxy_text(ctx: Context, proc: Procedure, url: str) -> str:
    """Whether someone else may file: the card's words on it, else a plain "not known"."""
    found = proxy_lines(ctx, proc)
    name = card_name(proc, ctx.locale)
    if not found:
        return ctx.t("search.proxy_none", name=name, url=url)
    return "\n".join(
        [ctx.t("search.proxy_title", name=name), *found, ctx.t("search.official_page", url=url)]
    )


def receiving_office(ctx: Context, proc: Procedure) -> Any:
    """The office (``offices.yaml``) that receives the procedure, or None when not known."""
    offices: dict[str, Any] = getattr(ctx.services.kb, "offices", {}) or {}
    return offices.get(office_key(proc, ctx.services.kb) or "")


def hours_text(ctx: Context, proc: Procedure, ward: Any, url: str) -> str:
    """The hours of the office that receives the procedure (the chat's ward office when
    known and it is the one-stop shop; never the one-stop shop's hours for a procedure the
    commune police receive), and what the procedure itself says about days."""
    own_office = receiving_office(ctx, proc)
    office = getattr(ward, "office", None) if ward is not None and filed_at_ward(proc) else None
    hours = hours_in(getattr(office, "hours", "") or getattr(own_office, "hours", ""), ctx.locale)
    name = getattr(office, "name", "") or getattr(own_office, "name", "")
    own = [proc.online.note] if proc.online and proc.online.note else []
    own += [n for n in proc.local_notes if _says(n, HOURS_WORDS)]
    found = [_line(t) for t in own if _says(t, HOURS_WORDS)]
    if not hours and not found:
        where = clip(where_text(proc, ctx.services.kb, ctx.locale), LINE_MAX)[0]
        return ctx.t("search.hours_none", where=where, url=url)
    lines = [ctx.t("search.hours_title", office=name, hours=hours)] if hours else []
    if found:
        lines += [ctx.t("search.hours_own", name=card_name(proc, ctx.locale)), *found]
    lines.append(ctx.t("search.hours_check"))
    return "\n".join(lines)
