"""What the walkthrough shows: the next question or document, bound to its position.

Every answer button carries the position it answers and a short revision of the walkthrough
(``ck:d:have:d2.k3``, ``ck:a:parent:q2.k1``): a second tap on an old button, a retried press
after a lost reply or a stale web/Zalo client is recognised and gets "already answered" with
the current question instead of answering the next one.
"""

from __future__ import annotations

import secrets
import string
from typing import Any

from handlers.checklist import logic
from handlers.checklist.document import document_question
from handlers.checklist.summary import summary_step
from handlers.context import Context
from handlers.types import Button, Reply, Step
from handlers.wards import filed_at_ward

ROLES = {logic.HAVE: "yes", logic.MISSING: "no", logic.UNKNOWN: "unknown"}


def plan_of(ctx: Context, proc: Any) -> logic.Plan:
    return logic.plan_for(proc, ctx.t("checklist.ask_case"))


def load(ctx: Context) -> tuple[Any, logic.Plan, dict[str, Any]] | None:
    """The walkthrough in the state: its procedure, plan and (copied) data, or None."""
    kb = ctx.services.kb
    data = dict(ctx.data) if ctx.state.flow == "checklist" else {}
    proc = kb.get(data.get("code", "")) if kb is not None else None
    if proc is None:
        return None
    data.setdefault("answers", {})
    data.setdefault("docs", {})
    data.setdefault("history", [])
    return proc, plan_of(ctx, proc), data


def new_nonce() -> str:
    """Two letters that tell one run of a walkthrough from the next (restart, other code)."""
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(2))


def position_tag(plan: logic.Plan, data: dict[str, Any]) -> str:
    """``d2.k3``: what is being asked (kind, 1-based index) and the revision it is asked at."""
    pos = data.get("pos") or ["", ""]
    ids = [q.id for q in plan.questions] if pos[0] == "q" else [d.id for d in plan.documents]
    index = ids.index(pos[1]) + 1 if pos[1] in ids else 0
    return f"{pos[0]}{index}.{data.get('nonce', '')}{data.get('rev', 0)}"


def _nav_row(ctx: Context, can_back: bool, tag: str) -> list[Button]:
    row = [Button(ctx.t("checklist.btn_back"), f"ck:back:{tag}", "back")] if can_back else []
    row.append(Button(ctx.t("checklist.btn_stop"), "ck:stop:", "stop"))
    return row


async def ask_next(ctx: Context, proc: Any, plan: logic.Plan, data: dict[str, Any]) -> Step:
    """Ask whatever ``data`` says comes next, or show the summary (with the chat's ward
    office when it is known; the walkthrough never waits for the ward question)."""
    implied = logic.implied_documents(plan, data["answers"], data["docs"])
    for ident in implied:  # "Có Giấy chứng sinh" answered: that paper is never asked again
        data["docs"][ident] = logic.HAVE
    data["implied"] = sorted({*data.get("implied", []), *implied})
    pos = logic.next_position(plan, data["answers"], data["docs"], data.get("later", []))
    data["pos"] = pos
    if pos is None:
        ward = await ctx.ward() if filed_at_ward(proc) else None
        return summary_step(ctx, proc, plan, data, ward)
    tag = position_tag(plan, data)
    nav = _nav_row(ctx, bool(data["history"]), tag)
    kind, ident = pos
    if kind == "q":
        question = logic.question_by_id(plan, ident)
        assert question is not None
        buttons = [[Button(o.label, f"ck:a:{o.value}:{tag}")] for o in question.options]
        buttons.append(nav)
        return Step([Reply.make(question.ask, buttons)], next="checklist:question", data=data)
    doc = logic.document_by_id(plan, ident)
    assert doc is not None
    told = set(data["implied"])  # counted neither as asked nor as still to ask
    applicable = [d for d in logic.applicable_documents(plan, data["answers"]) if d.id not in told]
    number = len([d for d in applicable if d.id in data["docs"]]) + 1
    text, cut = document_question(ctx, doc, number, len(applicable))
    buttons = [
        [Button(ctx.t(f"checklist.btn_{choice}"), f"ck:d:{choice}:{tag}", role)]
        for choice, role in ROLES.items()
    ]
    if set(doc.when) <= {logic.GROUP_QUESTION} and logic.conditional(doc, proc.name):
        buttons.append([Button(ctx.t("checklist.btn_na"), f"ck:d:{logic.NOT_MINE}:{tag}")])
    if cut:
        buttons.insert(0, [Button(ctx.t("checklist.btn_more"), f"ck:more:{tag}")])
    buttons.append(nav)
    return Step([Reply.make(text, buttons)], next="checklist:doc", data=data)
