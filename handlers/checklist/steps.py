"""Steps of the walkthrough: start, answer a question or a document, back, restart, stop."""

from __future__ import annotations

from typing import Any

from handlers.checklist import logic
from handlers.checklist.input import HAVE, MISSING, UNKNOWN, elsewhere, typed_choice
from handlers.checklist.views import ask_next, plan_of
from handlers.common import back_to_menu, home_row
from handlers.context import Context
from handlers.sanitize import fold
from handlers.types import Incoming, Reply, Step


def _load(ctx: Context) -> tuple[Any, logic.Plan, dict[str, Any]] | None:
    kb = ctx.services.kb
    data = dict(ctx.data)
    proc = kb.get(data.get("code", "")) if kb is not None else None
    if proc is None:
        return None
    data.setdefault("answers", {})
    data.setdefault("docs", {})
    data.setdefault("history", [])
    return proc, plan_of(ctx, proc), data


async def start_checklist(msg: Incoming, ctx: Context) -> Step:
    """Begin (or restart) the walkthrough for the procedure in the payload argument."""
    kb = ctx.services.kb
    proc = kb.get(ctx.arg) if kb is not None else None
    if proc is None:
        return await ctx.start("search", "out_of_scope")
    plan = plan_of(ctx, proc)
    if not plan.documents:
        text = ctx.t(
            "checklist.no_documents",
            name=proc.display_name,
            url=proc.url or ctx.t("search.portal"),
        )
        return Step(
            [Reply.make(text, home_row(ctx))],
            next="menu:idle",
            data={},
        )
    data: dict[str, Any] = {"code": proc.code, "answers": {}, "docs": {}, "history": []}
    intro = Reply(ctx.t("checklist.intro", name=proc.display_name, count=len(plan.documents)))
    step = ask_next(ctx, proc, plan, data)
    step.replies.insert(0, intro)
    return step


async def restart_checklist(msg: Incoming, ctx: Context) -> Step:
    ctx.arg = ctx.data.get("code", "")
    return await start_checklist(msg, ctx)


async def stop_checklist(msg: Incoming, ctx: Context) -> Step:
    return back_to_menu(ctx, "checklist.stopped")


async def go_back(msg: Incoming, ctx: Context) -> Step:
    """Undo the last answer and ask it again."""
    loaded = _load(ctx)
    if loaded is None:
        return await stop_checklist(msg, ctx)
    proc, plan, data = loaded
    if data["history"]:
        kind, ident = data["history"].pop()
        (data["answers"] if kind == "q" else data["docs"]).pop(ident, None)
        # answers that depended on the undone one may no longer apply: drop them
        _prune(plan, data)
    return ask_next(ctx, proc, plan, data)


def _prune(plan: logic.Plan, data: dict[str, Any]) -> None:
    valid_q = {q.id for q in logic.applicable_questions(plan, data["answers"])}
    data["answers"] = {k: v for k, v in data["answers"].items() if k in valid_q}
    valid_d = {d.id for d in logic.applicable_documents(plan, data["answers"])}
    data["docs"] = {k: v for k, v in data["docs"].items() if k in valid_d}
    answered = set(data["answers"]) | set(data["docs"])
    data["history"] = [h for h in data["history"] if h[1] in answered]


async def answer_question(msg: Incoming, ctx: Context) -> Step:
    """A deciding question answered by button or typed text."""
    loaded = _load(ctx)
    if loaded is None:
        return await stop_checklist(msg, ctx)
    proc, plan, data = loaded
    pos = data.get("pos") or ["", ""]
    question = logic.question_by_id(plan, pos[1]) if pos[0] == "q" else None
    if question is None:
        return ask_next(ctx, proc, plan, data)
    value = None
    if msg.payload and msg.payload.startswith("ck:a:"):
        value = ctx.arg
    elif msg.payload is None and msg.text:
        folded = fold(msg.text)
        hits = [o.value for o in question.options if folded and folded in fold(o.label)]
        value = hits[0] if len(hits) == 1 else None
        if value is None and elsewhere(ctx, msg.text):
            return Step(unhandled=True)  # a new question, not an answer
    if value not in {o.value for o in question.options}:
        step = ask_next(ctx, proc, plan, data)
        step.replies.insert(0, Reply(ctx.t("checklist.choose_option")))
        return step
    data["answers"][question.id] = value
    data["history"].append(["q", question.id])
    return ask_next(ctx, proc, plan, data)


async def answer_document(msg: Incoming, ctx: Context) -> Step:
    """'Đã có' / 'Chưa có' / 'Không rõ' for the document being asked."""
    loaded = _load(ctx)
    if loaded is None:
        return await stop_checklist(msg, ctx)
    proc, plan, data = loaded
    pos = data.get("pos") or ["", ""]
    doc = logic.document_by_id(plan, pos[1]) if pos[0] == "d" else None
    if doc is None:
        return ask_next(ctx, proc, plan, data)
    if msg.payload and msg.payload.startswith("ck:d:"):
        choice = ctx.arg if ctx.arg in (HAVE, MISSING, UNKNOWN) else None
    else:
        choice = typed_choice(msg.text or "")
        if choice is None and elsewhere(ctx, msg.text or ""):
            return Step(unhandled=True)
    if choice is None:
        step = ask_next(ctx, proc, plan, data)
        step.replies.insert(0, Reply(ctx.t("checklist.choose_doc_answer")))
        return step
    data["docs"][doc.id] = choice
    data["history"].append(["d", doc.id])
    replies: list[Reply] = []
    if choice in (MISSING, UNKNOWN):
        how = doc.how_to_get or ctx.t("checklist.how_unknown")
        key = "checklist.how_to_get" if choice == MISSING else "checklist.how_to_check"
        replies.append(Reply(ctx.t(key, name=doc.name, how=how.strip())))
    step = ask_next(ctx, proc, plan, data)
    step.replies[:0] = replies
    return step


def with_navigation(step_fn: Any) -> Any:
    """ "Quay lại" and "Làm lại" are valid only inside the walkthrough, at any step."""

    async def step(msg: Incoming, ctx: Context) -> Step:
        if msg.payload is not None:
            action = msg.payload.split(":", 2)[1] if ":" in msg.payload else ""
            if action == "back":
                return await go_back(msg, ctx)
            if action == "restart":
                return await restart_checklist(msg, ctx)
        elif fold(msg.text or "").strip() in ("quay lai", "tro lai", "lui lai"):
            return await go_back(msg, ctx)
        return await step_fn(msg, ctx)

    return step
