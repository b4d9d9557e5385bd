"""One document of the walkthrough as a question that fits a phone screen.

A catalogue-only procedure may carry several kilobytes of legal text in a document's name or
form; the question shows the name, count and form cut short, and "Xem thêm" shows them whole.
The curated ``note`` of a document (what to watch out for) is shown with it.
"""

from __future__ import annotations

from typing import Any

from handlers.checklist import logic
from handlers.context import Context
from handlers.textsplit import clip

NAME_MAX, FORM_MAX, NOTE_MAX = 200, 220, 240


def _count_line(ctx: Context, doc: Any) -> str:
    if doc.kind == "present":
        return ctx.t("checklist.present_note")
    count = logic.copies_text(doc, ctx.t("checklist.n_original"), ctx.t("checklist.n_copy"))
    return ctx.t("checklist.count", value=count) if count else ""


def short_name(doc: Any) -> str:
    """The document's name cut for a summary line or a question."""
    return clip(doc.name, NAME_MAX)[0]


def document_question(ctx: Context, doc: Any, number: int, total: int) -> tuple[str, bool]:
    """The question text for ``doc`` and whether anything was cut (then "Xem thêm")."""
    name, cut_name = clip(doc.name, NAME_MAX)
    lines = [ctx.t("checklist.ask_doc", n=number, total=total, name=name)]
    count = _count_line(ctx, doc)
    if count:
        lines.append(count)
    cut_form = cut_note = False
    if doc.form:
        form, cut_form = clip(doc.form, FORM_MAX)
        lines.append(ctx.t("checklist.form", value=form))
    if doc.note:
        note, cut_note = clip(doc.note, NOTE_MAX)
        lines.append(ctx.t("checklist.doc_note", value=note))
    return "\n".join(lines), cut_name or cut_form or cut_note


def document_in_full(ctx: Context, doc: Any) -> str:
    """Everything the knowledge says about ``doc`` ("Xem thêm")."""
    lines = [ctx.t("checklist.full_title", name=" ".join(doc.name.split()))]
    count = _count_line(ctx, doc)
    if count:
        lines.append(count)
    if doc.form:
        lines.append(ctx.t("checklist.form", value=" ".join(doc.form.split())))
    if doc.note:
        lines.append(ctx.t("checklist.doc_note", value=doc.note.strip()))
    return "\n".join(lines)
