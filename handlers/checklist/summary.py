"""The end of the walkthrough: what the citizen has, what is missing and how to get it.

One line per document with the count to bring, the how-to only under missing or unclear
ones, the document notes and the procedure's local notes, then where, when and online.
"""

from __future__ import annotations

from typing import Any

from handlers.checklist import logic
from handlers.checklist.document import short_name
from handlers.common import feedback_row, home_row
from handlers.context import Context
from handlers.facts import online_text, where_text
from handlers.textsplit import clip
from handlers.types import Button, Reply, Step
from handlers.wards import office_name

HOW_MAX, NOTE_MAX, WHERE_MAX, LOCAL_NOTES = 300, 180, 260, 3
_SECTIONS = (
    (logic.HAVE, "✅", "checklist.summary_have"),
    (logic.MISSING, "❌", "checklist.summary_missing"),
    (logic.UNKNOWN, "❔", "checklist.summary_unknown"),
    (logic.NOT_MINE, "➖", "checklist.summary_na"),
)


def _doc_line(ctx: Context, doc: Any, mark: str) -> str:
    if doc.kind == "present":
        count = ctx.t("checklist.present_short")
    else:
        count = logic.copies_text(doc, ctx.t("checklist.n_original"), ctx.t("checklist.n_copy"))
    return f"  {mark} {short_name(doc)}" + (f" ({count})" if count else "")


def summary_lines(
    ctx: Context, proc: Any, plan: logic.Plan, data: dict[str, Any], ward: Any = None
) -> list[str]:
    """The summary's lines, documents first; ``ward``: the chat's, where it files."""
    docs = logic.applicable_documents(plan, data["answers"])
    lines = [ctx.t("checklist.summary_title", name=proc.display_name)]
    for choice, mark, key in _SECTIONS:
        chosen = [d for d in docs if data["docs"].get(d.id) == choice]
        if chosen:
            lines.append(ctx.t(key, n=len(chosen)))
        for doc in chosen:
            lines.append(_doc_line(ctx, doc, mark))
            if choice in (logic.MISSING, logic.UNKNOWN):
                how = (doc.how_to_get or ctx.t("checklist.how_unknown")).strip()
                lines.append("     " + ctx.t("checklist.summary_how", how=clip(how, HOW_MAX)[0]))
            if doc.note:
                lines.append(
                    "     " + ctx.t("checklist.doc_note", value=clip(doc.note, NOTE_MAX)[0])
                )
    kb = ctx.services.kb
    lines.append(ctx.t("card.where", value=clip(where_text(proc, kb, ctx.locale), WHERE_MAX)[0]))
    office_key = _office_key(proc, kb)
    office = (getattr(kb, "offices", {}) or {}).get(office_key)
    if ward is not None and office_key != "ubnd_xa":
        ward = None  # the ward's one-stop shop is not where this record is filed
    if ward is not None:
        lines.append(ctx.t("ward.office_title", name=office_name(ctx, ward)))
        if ward.office.address:
            lines.append(ctx.t("ward.office_address", value=ward.office.address))
    if ward is not None and ward.office.hours:
        lines.append(ctx.t("ward.office_hours", value=ward.office.hours))
    elif office is not None and office.hours:
        lines.append(ctx.t("menu.contact_hours", value=office.hours))
    lines.append(ctx.t("card.online", value=online_text(proc, ctx.locale)))
    if proc.local_notes:
        lines.append(ctx.t("checklist.summary_notes"))
        lines.extend(f"  • {clip(n, NOTE_MAX)[0]}" for n in proc.local_notes[:LOCAL_NOTES])
    return lines


_UBND_WORDS = ("ủy ban nhân dân", "ubnd", "một cửa", "hành chính công")


def _office_key(proc: Any, kb: Any) -> str | None:
    """The entry's own office; a catalogue record gets the UBND's hours only when it is filed
    there (a record filed at the Công an xã keeps its own hours, e.g. "sáng thứ 7", so the
    UBND's Mon-Fri hours are not shown for it: issue 13, 1.014056)."""
    if proc.offices:
        return str(proc.offices[0])
    where = where_text(proc, kb, "vi").lower()
    return "ubnd_xa" if any(word in where for word in _UBND_WORDS) else None


def summary_step(
    ctx: Context, proc: Any, plan: logic.Plan, data: dict[str, Any], ward: Any = None
) -> Step:
    """The summary with booking, restart and menu; the chat rests on it (follow-ups)."""
    lines = summary_lines(ctx, proc, plan, data, ward)
    lines.append(ctx.t("checklist.summary_booking"))
    buttons = [
        [Button(ctx.t("search.btn_book"), f"bk:start:need={proc.code}")],
        [Button(ctx.t("checklist.btn_restart"), f"ck:start:{proc.code}")],
        feedback_row(ctx.locale, "k", proc.code),
        *home_row(ctx),
    ]
    kept: dict[str, Any] = {
        k: data[k] for k in ("answers", "docs", "history", "nonce", "rev") if k in data
    }
    return Step(  # the answers stay: "quay lại" after the summary asks the last one again
        [Reply.make("\n".join(lines), buttons)],
        next="checklist:done",
        data={**kept, "code": proc.code},
    )
