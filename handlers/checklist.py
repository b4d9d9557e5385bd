"""The guided required-documents walkthrough.

```mermaid
stateDiagram-v2
    [*] --> question: ck:start:<code>
    question --> question: ck:a:<value> (next deciding question)
    question --> doc: all deciding questions answered
    doc --> doc: ck:d:have / ck:d:miss (+ how to get) / ck:d:unk
    doc --> summary: last applicable document
    question --> question: ck:back
    doc --> doc: ck:back
    question --> [*]: ck:stop / hủy
    doc --> [*]: ck:stop / hủy
    summary --> booking: bk:start:need=<code>
```
State data: ``code``, ``answers`` (question id -> value), ``docs`` (document id -> have /
missing / unknown), ``history`` (positions answered, for "back"), ``pos`` (what is being
asked). Everything is in the database, so a restart of the service resumes exactly here.
"""

from __future__ import annotations

from typing import Any

from handlers import checklist_logic as logic
from handlers.context import Context
from handlers.flow import Flow
from handlers.sanitize import fold
from handlers.search import show_out_of_scope
from handlers.types import Button, Incoming, Reply, Step

HAVE, MISSING, UNKNOWN = "have", "missing", "unknown"
TYPED = {
    HAVE: {
        "co",
        "da co",
        "roi",
        "co roi",
        "da co roi",
        "co a",
        "da co a",
        "roi a",
        "yes",
        "ok",
        "co r",
        "dc",
        "duoc",
        "co san",
    },
    MISSING: {
        "chua",
        "chua co",
        "k",
        "ko",
        "khong",
        "khong co",
        "kh",
        "no",
        "chua a",
        "chua co a",
        "hong",
        "hong co",
        "kg",
    },
    UNKNOWN: {
        "khong ro",
        "ko ro",
        "k ro",
        "khong biet",
        "ko biet",
        "k biet",
        "chua ro",
        "?",
        "khong chac",
        "ko chac",
        "hok biet",
    },
}


def _plan(ctx: Context, proc: Any) -> logic.Plan:
    return logic.plan_for(proc, ctx.t("checklist.ask_case"))


def _nav_row(ctx: Context, can_back: bool) -> list[Button]:
    row = [Button(ctx.t("checklist.btn_back"), "ck:back:")] if can_back else []
    row.append(Button(ctx.t("checklist.btn_stop"), "ck:stop:"))
    return row


def _ask(ctx: Context, proc: Any, plan: logic.Plan, data: dict[str, Any]) -> Step:
    """Ask whatever ``data`` says comes next, or show the summary."""
    pos = logic.next_position(plan, data["answers"], data["docs"])
    data["pos"] = pos
    can_back = bool(data["history"])
    if pos is None:
        return _summary(ctx, proc, plan, data)
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


def _load(ctx: Context) -> tuple[Any, logic.Plan, dict[str, Any]] | None:
    kb = ctx.services.kb
    data = dict(ctx.data)
    proc = kb.get(data.get("code", "")) if kb is not None else None
    if proc is None:
        return None
    data.setdefault("answers", {})
    data.setdefault("docs", {})
    data.setdefault("history", [])
    return proc, _plan(ctx, proc), data


async def start_checklist(msg: Incoming, ctx: Context) -> Step:
    """Begin (or restart) the walkthrough for the procedure in the payload argument."""
    kb = ctx.services.kb
    proc = kb.get(ctx.arg) if kb is not None else None
    if proc is None:
        return await show_out_of_scope(msg, ctx)
    plan = _plan(ctx, proc)
    if not plan.documents:
        text = ctx.t(
            "checklist.no_documents",
            name=proc.display_name,
            url=proc.url or ctx.t("search.portal"),
        )
        return Step(
            [Reply.make(text, [[Button(ctx.t("menu.btn_home"), "mn:menu")]])],
            next="menu:idle",
            data={},
        )
    data: dict[str, Any] = {"code": proc.code, "answers": {}, "docs": {}, "history": []}
    intro = Reply(ctx.t("checklist.intro", name=proc.display_name, count=len(plan.documents)))
    step = _ask(ctx, proc, plan, data)
    step.replies.insert(0, intro)
    return step


async def restart_checklist(msg: Incoming, ctx: Context) -> Step:
    ctx.arg = ctx.data.get("code", "")
    return await start_checklist(msg, ctx)


async def stop_checklist(msg: Incoming, ctx: Context) -> Step:
    from handlers.menu import back_to_menu

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
    return _ask(ctx, proc, plan, data)


def _prune(plan: logic.Plan, data: dict[str, Any]) -> None:
    valid_q = {q.id for q in logic.applicable_questions(plan, data["answers"])}
    data["answers"] = {k: v for k, v in data["answers"].items() if k in valid_q}
    valid_d = {d.id for d in logic.applicable_documents(plan, data["answers"])}
    data["docs"] = {k: v for k, v in data["docs"].items() if k in valid_d}
    answered = set(data["answers"]) | set(data["docs"])
    data["history"] = [h for h in data["history"] if h[1] in answered]


def _elsewhere(ctx: Context, text: str) -> bool:
    """True when typed text is clearly about something else: another procedure answered with
    confidence, a dossier lookup or a booking. Such a message leaves the walkthrough instead
    of being told to pick an option ("lam giay khai sinh can gi" typed mid-checklist)."""
    index = ctx.services.index
    if index is None or len(text) > 40:
        return len(text) > 40
    result = index.classify(text)
    intent = getattr(result, "intent", "")
    if intent in ("dossier_status", "booking"):
        return True
    matches = getattr(result, "matches", None) or []
    return bool(
        intent == "procedure"
        and getattr(result, "band", "") == "answer"
        and matches[0].code != ctx.data.get("code")
    )


def _typed_choice(text: str) -> str | None:
    folded = fold(text).strip(" .!")
    for choice, words in TYPED.items():
        if folded in words:
            return choice
    return None


async def answer_question(msg: Incoming, ctx: Context) -> Step:
    """A deciding question answered by button or typed text."""
    loaded = _load(ctx)
    if loaded is None:
        return await stop_checklist(msg, ctx)
    proc, plan, data = loaded
    pos = data.get("pos") or ["", ""]
    question = logic.question_by_id(plan, pos[1]) if pos[0] == "q" else None
    if question is None:
        return _ask(ctx, proc, plan, data)
    value = None
    if msg.payload and msg.payload.startswith("ck:a:"):
        value = ctx.arg
    elif msg.payload is None and msg.text:
        folded = fold(msg.text)
        hits = [o.value for o in question.options if folded and folded in fold(o.label)]
        value = hits[0] if len(hits) == 1 else None
        if value is None and _elsewhere(ctx, msg.text):
            return Step(unhandled=True)  # a new question, not an answer
    if value not in {o.value for o in question.options}:
        step = _ask(ctx, proc, plan, data)
        step.replies.insert(0, Reply(ctx.t("checklist.choose_option")))
        return step
    data["answers"][question.id] = value
    data["history"].append(["q", question.id])
    return _ask(ctx, proc, plan, data)


async def answer_document(msg: Incoming, ctx: Context) -> Step:
    """'Đã có' / 'Chưa có' / 'Không rõ' for the document being asked."""
    loaded = _load(ctx)
    if loaded is None:
        return await stop_checklist(msg, ctx)
    proc, plan, data = loaded
    pos = data.get("pos") or ["", ""]
    doc = logic.document_by_id(plan, pos[1]) if pos[0] == "d" else None
    if doc is None:
        return _ask(ctx, proc, plan, data)
    if msg.payload and msg.payload.startswith("ck:d:"):
        choice = ctx.arg if ctx.arg in (HAVE, MISSING, UNKNOWN) else None
    else:
        choice = _typed_choice(msg.text or "")
        if choice is None and _elsewhere(ctx, msg.text or ""):
            return Step(unhandled=True)
    if choice is None:
        step = _ask(ctx, proc, plan, data)
        step.replies.insert(0, Reply(ctx.t("checklist.choose_doc_answer")))
        return step
    data["docs"][doc.id] = choice
    data["history"].append(["d", doc.id])
    replies: list[Reply] = []
    if choice in (MISSING, UNKNOWN):
        how = doc.how_to_get or ctx.t("checklist.how_unknown")
        key = "checklist.how_to_get" if choice == MISSING else "checklist.how_to_check"
        replies.append(Reply(ctx.t(key, name=doc.name, how=how.strip())))
    step = _ask(ctx, proc, plan, data)
    step.replies[:0] = replies
    return step


def _summary(ctx: Context, proc: Any, plan: logic.Plan, data: dict[str, Any]) -> Step:
    from handlers.card import online_text, where_text

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
        [Button(ctx.t("menu.btn_home"), "mn:menu")],
    ]
    return Step(
        [Reply.make("\n".join(lines), buttons)], next="menu:idle", data={"last_code": proc.code}
    )


def _with_navigation(step_fn: Any) -> Any:
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


FLOW = Flow(
    name="checklist",
    prefix="ck",
    actions={"start": start_checklist, "stop": stop_checklist},
    steps={
        "question": _with_navigation(answer_question),
        "doc": _with_navigation(answer_document),
    },
)
