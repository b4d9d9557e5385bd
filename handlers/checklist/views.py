"""What the walkthrough shows: the next question or document, and the final summary."""

from __future__ import annotations

from typing import Any

from handlers.checklist import logic
from handlers.checklist.input import HAVE, MISSING, UNKNOWN
from handlers.common import home_row
from handlers.context import Context
from handlers.facts import online_text, where_text
from handlers.types import Button, Reply, Step


def plan_of(ctx: Context, proc: Any) -> logic.Plan:
    return logic.plan_for(proc, ctx.t("checklist.ask_case"))


def _nav_row(ctx: Context, can_back: bool) -> list[Button]:
    row = [Button(ctx.t("checklist.btn_back"), "ck:back:")] if can_back else []
    row.append(Button(ctx.t("checklist.btn_stop"), "ck:stop:"))
    return row


def ask_next(ctx: Context, proc: Any, plan: logic.Plan, data: dict[str, Any]) -> Step:
    """Ask whatever ``data`` says comes next, or show the summary."""
    pos = logic.next_position(plan, data["answers"], data["docs"])
    data["pos"] = pos
    can_back = bool(data["history"])
    if pos is None:
        return summary_step(ctx, proc, plan, data)
    kind, ident = pos
    if kind == "q":
        question = logic.question_by_id(plan, ident)
        assert question is not None
        buttons = [[Button(o.label, f"ck:a:{o.value}")] for o in question.options]
        buttons.append(_nav_row(ctx, can_back))
        return Step([Reply.make(question.ask, buttons)], next="checklist:question", data=data)
    doc = logic.document_by_id(plan, ident)
    assert doc is not None
    total = len(logic.applicable_documents(plan, data["answers"]))
    number = (
        len([d for d in logic.applicable_documents(plan, data["answers"]) if d.id in data["docs"]])
        + 1
    )
    lines = [ctx.t("checklist.ask_doc", n=number, total=total, name=doc.name)]
    count = logic.copies_text(doc, ctx.t("checklist.n_original"), ctx.t("checklist.n_copy"))
    if doc.kind == "present":
        lines.append(ctx.t("checklist.present_note"))
    elif count:
        lines.append(ctx.t("checklist.count", value=count))
    if doc.form:
        lines.append(ctx.t("checklist.form", value=doc.form))
    buttons = [
        [Button(ctx.t("checklist.btn_have"), "ck:d:have")],
        [Button(ctx.t("checklist.btn_missing"), "ck:d:missing")],
        [Button(ctx.t("checklist.btn_unknown"), "ck:d:unknown")],
        _nav_row(ctx, can_back),
    ]
    return Step([Reply.make("\n".join(lines), buttons)], next="checklist:doc", data=data)


def summary_step(ctx: Context, proc: Any, plan: logic.Plan, data: dict[str, Any]) -> Step:
    docs = logic.applicable_documents(plan, data["answers"])
    have = [d for d in docs if data["docs"].get(d.id) == HAVE]
    missing = [d for d in docs if data["docs"].get(d.id) == MISSING]
    unknown = [d for d in docs if data["docs"].get(d.id) == UNKNOWN]
    lines = [ctx.t("checklist.summary_title", name=proc.display_name)]
    if have:
        lines.append(ctx.t("checklist.summary_have", n=len(have)))
        lines.extend(f"  ✅ {d.name}" for d in have)
    if missing:
        lines.append(ctx.t("checklist.summary_missing", n=len(missing)))
        for d in missing:
            lines.append(f"  ❌ {d.name}")
            lines.append(
                "     "
                + ctx.t(
                    "checklist.summary_how",
                    how=(d.how_to_get or ctx.t("checklist.how_unknown")).strip(),
                )
            )
    if unknown:
        lines.append(ctx.t("checklist.summary_unknown", n=len(unknown)))
        for d in unknown:
            lines.append(f"  ❔ {d.name}")
            lines.append(
                "     "
                + ctx.t(
                    "checklist.summary_how",
                    how=(d.how_to_get or ctx.t("checklist.how_unknown")).strip(),
                )
            )
    bring = []
    for d in docs:
        count = logic.copies_text(d, ctx.t("checklist.n_original"), ctx.t("checklist.n_copy"))
        if d.kind == "present":
            bring.append(f"  • {d.name}: {ctx.t('checklist.present_short')}")
        elif count:
            bring.append(f"  • {d.name}: {count}")
    if bring:
        lines.append(ctx.t("checklist.summary_bring"))
        lines.extend(bring)
    lines.append(ctx.t("card.where", value=where_text(proc, ctx.services.kb, ctx.locale)))
    office = (getattr(ctx.services.kb, "offices", {}) or {}).get(
        proc.offices[0] if proc.offices else "ubnd_xa"
    )
    if office is not None and office.hours:
        lines.append(ctx.t("menu.contact_hours", value=office.hours))
    lines.append(ctx.t("card.online", value=online_text(proc, ctx.locale)))
    lines.append(ctx.t("checklist.summary_booking"))
    buttons = [
        [Button(ctx.t("search.btn_book"), f"bk:start:need={proc.code}")],
        [Button(ctx.t("checklist.btn_restart"), f"ck:start:{proc.code}")],
        *home_row(ctx),
    ]
    return Step(
        [Reply.make("\n".join(lines), buttons)], next="menu:idle", data={"last_code": proc.code}
    )
