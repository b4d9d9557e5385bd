"""The end of the walkthrough: what the citizen has, what is missing and how to get it.

One line per document with the count to bring; under missing or unclear ones only, the
how-to and the paper's note, each cut to a phone's few lines; then where, when and whether it
can be filed online. The procedure's notes and the online how-to are one tap away ("Lưu ý",
"Nộp trực tuyến"): a summary must fit a cheap phone's screen (issue 12).
"""

from __future__ import annotations

from typing import Any

from handlers.checklist import logic
from handlers.checklist.document import short_name
from handlers.common import feedback_row, home_row
from handlers.context import Context
from handlers.facts import online_available, online_short, where_text
from handlers.office_hours import hours_in
from handlers.textsplit import clip
from handlers.types import Button, Reply, Step
from handlers.wards import office_key as wards_office_key
from handlers.wards import office_name

HOW_MAX, NOTE_MAX, WHERE_MAX = 160, 140, 260  # where: every office it names
# with more papers to get than this, each how-to is cut shorter and papers' notes wait for
# their own question's reply: the summary must stay a phone screen or two
FEW_TO_GET, HOW_SHORT = 3, 90
ONLINE_MAX = 120
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
    to_get = [d for d in docs if data["docs"].get(d.id) in (logic.MISSING, logic.UNKNOWN)]
    few = len(to_get) <= FEW_TO_GET
    how_max = HOW_MAX if few else HOW_SHORT
    unexplained = 0
    for choice, mark, key in _SECTIONS:
        chosen = [d for d in docs if data["docs"].get(d.id) == choice]
        if chosen:
            lines.append(ctx.t(key, n=len(chosen)))
        for doc in chosen:
            lines.append(_doc_line(ctx, doc, mark))
            if choice not in (logic.MISSING, logic.UNKNOWN):
                continue  # a paper the citizen has, or not theirs, needs no how-to
            if doc.how_to_get:  # papers with no how-to share one "hỏi cán bộ" line below
                how = clip(doc.how_to_get.strip(), how_max)[0]
                lines.append("     " + ctx.t("checklist.summary_how", how=how))
            else:
                unexplained += 1
            if doc.note and few:
                lines.append(
                    "     " + ctx.t("checklist.doc_note", value=clip(doc.note, NOTE_MAX)[0])
                )
    if unexplained:
        lines.append(ctx.t("checklist.summary_ask_staff"))
    for qid in data.get("later", []):
        question = logic.question_by_id(plan, qid)
        if question is not None:
            lines.append(ctx.t("checklist.summary_later", ask=clip(question.ask, NOTE_MAX)[0]))
    kb = ctx.services.kb
    lines.append(ctx.t("card.where", value=clip(where_text(proc, kb, ctx.locale), WHERE_MAX)[0]))
    office_key = wards_office_key(proc, kb)
    office = (getattr(kb, "offices", {}) or {}).get(office_key)
    if ward is not None and office_key != "ubnd_xa":
        ward = None  # the ward's one-stop shop is not where this record is filed
    if ward is not None:
        lines.append(ctx.t("ward.office_title", name=office_name(ctx, ward)))
        if ward.office.address:
            lines.append(ctx.t("ward.office_address", value=ward.office.address))
    if ward is not None and ward.office.hours:
        lines.append(ctx.t("ward.office_hours", value=hours_in(ward.office.hours, ctx.locale)))
    elif office is not None and office.hours:
        lines.append(ctx.t("menu.contact_hours", value=hours_in(office.hours, ctx.locale)))
    online = online_short(proc, ctx.locale)
    note = proc.online.note.strip() if proc.online and proc.online.note else ""
    if note and online_available(proc):  # how, in a line; the link one tap away
        online += " " + clip(note, ONLINE_MAX)[0]
    lines.append(ctx.t("card.online", value=online))
    if proc.local_notes:
        lines.append(ctx.t("checklist.summary_notes_more", n=len(proc.local_notes)))
    return lines


def summary_step(
    ctx: Context, proc: Any, plan: logic.Plan, data: dict[str, Any], ward: Any = None
) -> Step:
    """The summary with booking, restart and menu; the chat rests on it (follow-ups)."""
    lines = summary_lines(ctx, proc, plan, data, ward)
    lines.append(ctx.t("checklist.summary_booking"))
    later = [[Button(ctx.t("checklist.btn_later"), "ck:later:")]] if data.get("later") else []
    details = []  # the procedure's notes, and how to file online with the link
    if proc.local_notes:
        details.append([Button(ctx.t("search.btn_notes"), f"sr:notes:{proc.code}")])
    if online_available(proc):
        details.append([Button(ctx.t("search.btn_online"), f"sr:online:{proc.code}")])
    buttons = [
        *later,
        [Button(ctx.t("search.btn_book"), f"bk:start:need={proc.code}")],
        *details,
        [Button(ctx.t("checklist.btn_restart"), f"ck:start:{proc.code}")],
        feedback_row(ctx.locale, "k", proc.code),
        *home_row(ctx),
    ]
    kept: dict[str, Any] = {
        k: data[k] for k in ("answers", "docs", "history", "nonce", "rev", "later") if k in data
    }
    return Step(  # the answers stay: "quay lại" after the summary asks the last one again
        [Reply.make("\n".join(lines), buttons)],
        next="checklist:done",
        data={**kept, "code": proc.code},
    )
