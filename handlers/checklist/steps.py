"""Steps of the walkthrough: start, answer a question or a document, back, more, stop.

Typed answers ("co", "roi", "ko bik", a piece of a label) are turned into the current
button's press by the shared layer (``handlers.answers``) before a step sees them; a step
gets text only when nothing fitted: a new question leaves the walkthrough, anything else is
"not understood" with the same buttons.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from handlers.checklist import aside, correct, logic, sibling, typed
from handlers.checklist.document import document_in_full, short_name
from handlers.checklist.views import ask_next, new_nonce, plan_of, position_tag
from handlers.checklist.views import load as _load
from handlers.common import back_to_menu, elsewhere, home_row, not_understood
from handlers.common import old_button as common_old_button
from handlers.context import Context
from handlers.facts import fact_line
from handlers.filing import channel_of, home_only
from handlers.topics import topic_of
from handlers.types import Button, Incoming, Reply, Step


async def start_checklist(msg: Incoming, ctx: Context, text: str = "") -> Step:
    """Begin (or restart) the walkthrough for the procedure in the payload argument; a
    typed ``text`` that names an option of one of its questions is taken as that answer."""
    kb = ctx.services.kb
    code, _, said = ctx.arg.partition(":")  # "<code>:online": said on the card before
    proc = kb.get(code) if kb is not None else None
    if proc is None:
        return await ctx.start("search", "out_of_scope")
    plan = plan_of(ctx, proc)
    if not plan.documents:
        text = ctx.t(
            "checklist.no_documents",
            name=proc.display_name,
            url=proc.url or ctx.t("search.portal"),
        )
        return Step([Reply.make(text, home_row(ctx))], next="menu:idle", data={})
    data: dict[str, Any] = {
        "code": proc.code,
        "answers": {},
        "docs": {},
        "history": [],
        "nonce": new_nonce(),
        "rev": 0,
    }
    intro = ctx.t("checklist.intro", name=proc.display_name, count=len(plan.documents))
    given = typed.prefilled(plan, text) if text else {}
    given |= typed.channel(plan, said or channel_of(msg.text or ""))  # "nộp online"
    taken = typed.apply(plan, data, given)
    if taken:
        intro += "\n" + ctx.t("checklist.taken", answer="; ".join(taken))
    step = await ask_next(ctx, proc, plan, data)
    step.replies.insert(0, Reply(intro))
    return step


async def start_typed(msg: Incoming, ctx: Context) -> Step:
    """Entry ``start_typed``: a walkthrough answer typed after the card ("trực tiếp",
    "chưa có") starts the walkthrough, with that answer taken when it names one; anything
    else is ``unhandled`` (the card answers it or it is routed afresh)."""
    kb = ctx.services.kb
    code, _, mode = ctx.arg.partition("|")  # "<code>|named": only an option's words count
    proc = kb.get(code) if kb is not None else None
    text = msg.text or ""
    if proc is None or not typed.is_fragment(plan_of(ctx, proc), text):
        return Step(unhandled=True)
    if mode == "named" and not typed.prefilled(plan_of(ctx, proc), text):
        return Step(unhandled=True)
    ctx.arg = code
    return await start_checklist(msg, ctx, text)


async def stop_checklist(msg: Incoming, ctx: Context) -> Step:
    return back_to_menu(ctx, "checklist.stopped")


def _bound(ctx: Context, plan: logic.Plan, data: dict[str, Any]) -> tuple[str, bool]:
    """The pressed value and whether the press belongs to the question being asked now
    (a typed answer always does: the layer pressed the current buttons)."""
    if ctx.msg.payload is None:
        return "", True
    value, _, tag = ctx.arg.rpartition(":")
    return value, bool(tag) and tag == position_tag(plan, data)


async def _already(ctx: Context, proc: Any, plan: logic.Plan, data: dict[str, Any]) -> Step:
    """A press of an old button: say so and ask the current question again."""
    step = await ask_next(ctx, proc, plan, data)
    step.replies.insert(0, Reply(ctx.t("answers.already_answered")))
    return step


def _record(data: dict[str, Any], kind: str, ident: str) -> None:
    data["history"].append([kind, ident])
    data["rev"] = int(data.get("rev", 0)) + 1


async def _typed(ctx: Context, data: dict[str, Any]) -> Step:
    """Text the answer layer could not turn into a press: a new question leaves the
    walkthrough; "nộp ở đâu", "mất bao lâu", "lệ phí" get that line of the procedure and
    the same question again; anything else is "not understood" with the same buttons."""
    text = ctx.msg.text or ""
    if typed.is_restart(text):  # "làm lại từ đầu" in the middle of the walkthrough
        ctx.arg = str(data.get("code", ""))
        return await start_checklist(ctx.msg, ctx)
    if typed.is_later(text):  # "để hỏi lại": a document not known yet, a question kept
        return await _later(ctx)
    loaded = _load(ctx)
    early = loaded and topic_of(text) in aside.NEVER_AN_ANSWER  # "có bị phạt không"
    inside = await aside.card_answer(ctx, *loaded) if early and loaded else None
    if inside is not None:
        return inside
    if loaded and typed.is_done_asked(text):  # "xong chưa em": how much is left
        return await aside.progress(ctx, *loaded)
    fixed = await correct.corrected(ctx, *loaded, text) if loaded else None
    if fixed is not None:  # "à nhầm, cả nhà cùng đăng ký": an earlier answer changed
        return fixed
    paper = typed.paper_payload(loaded[1], data, text, ctx.state.last_buttons) if loaded else ""
    paper = paper or typed.not_mine_payload(text, ctx.state.last_buttons)  # "chắc ko cần đâu"
    if paper:  # "có căn cước" at the ID-card document: "Đã có"
        return await _press(ctx, paper, answer_document)
    found = typed.paraphrase(loaded[1], data, text, ctx.state.last_buttons) if loaded else None
    if found is not None and (found.payload or found.tied):
        return await _paraphrased(ctx, found.payload, found.tied)
    other = await sibling.sibling_step(ctx, *loaded, text) if loaded else None
    if other is not None:  # "làm lại do bị mất" at the first ID card: "Cấp lại thẻ căn cước"
        return other
    ahead = typed.apply(loaded[1], data, typed.ahead(loaded[1], data, text)) if loaded else []
    if loaded and ahead:  # "có giấy chứng sinh" at the filing question: kept for its own
        step = await ask_next(ctx, loaded[0], loaded[1], data)
        step.replies.insert(0, Reply(ctx.t("checklist.taken_ahead", answer="; ".join(ahead))))
        return step
    if elsewhere(ctx, text, data.get("code")):
        return Step(unhandled=True)
    kb = ctx.services.kb
    proc = kb.get(str(data.get("code", ""))) if kb is not None else None
    topic = "" if home_only(text) else topic_of(text) or ""  # "sinh ở nhà": no online line
    line = fact_line(proc, kb, topic, ctx.locale) if proc else None
    if not line:  # "cần bản sao không", "thứ bảy có làm không": the card's answer
        inside = await aside.card_answer(ctx, *loaded) if loaded else None
        return inside or not_understood(ctx)
    rows = [[Button(*row[:3])] for row in ctx.state.last_buttons]
    return Step([Reply.make(line + "\n\n" + ctx.t("answers.back_to_question"), rows)])


async def _press(ctx: Context, payload: str, answer: Any) -> Step:
    ctx.msg = replace(ctx.msg, payload=payload, text=None)
    ctx.arg = payload.split(":", 2)[2]
    return await answer(ctx.msg, ctx)


async def _paraphrased(ctx: Context, payload: str | None, tied: tuple[str, ...]) -> Step:
    """An answer in the citizen's words: the option it means pressed, or the equally close
    options offered back ("ý anh/chị là...?"), the walkthrough kept either way."""
    if payload:
        label = next((row[0] for row in ctx.state.last_buttons if row[1] == payload), "")
        step = await _press(ctx, payload, answer_question)
        step.replies.insert(0, Reply(ctx.t("checklist.taken", answer=label)))
        return step
    rows = [[Button(*row[:3])] for row in ctx.state.last_buttons if row[1] in tied]
    nav = [Button(*row[:3]) for row in ctx.state.last_buttons if row[1] not in tied]
    nav = [b for b in nav if not b.payload.startswith("ck:a:")]
    return Step([Reply.make(ctx.t("checklist.which_option"), [*rows, nav])])


async def _later(ctx: Context) -> Step:
    """ "để hỏi lại" at a document presses its "Tôi không rõ" (the summary lists it under
    what to ask about); at a deciding question the question stays open, said plainly."""
    unknown = next(
        (row[1] for row in ctx.state.last_buttons if row[1].startswith("ck:d:unknown:")), None
    )
    if unknown is not None:
        ctx.msg = replace(ctx.msg, payload=unknown, text=None)
        ctx.arg = unknown.split(":", 2)[2]
        return await answer_document(ctx.msg, ctx)
    loaded = _load(ctx)
    if loaded is None:
        return await stop_checklist(ctx.msg, ctx)
    proc, plan, data = loaded
    question = _asked(plan, data, "q")
    if question is None:
        return not_understood(ctx)
    data["later"] = [*data.get("later", []), question.id]
    data["rev"] = int(data.get("rev", 0)) + 1
    step = await ask_next(ctx, proc, plan, data)
    step.replies.insert(0, Reply(ctx.t("checklist.later_question")))
    return step


async def answer_later(msg: Incoming, ctx: Context) -> Step:
    """``ck:later``: the questions kept for later ("để hỏi lại") are asked now."""
    loaded = _load(ctx)
    if loaded is None or not loaded[2].get("later"):
        return common_old_button(ctx)
    proc, plan, data = loaded
    data["later"] = []
    data["rev"] = int(data.get("rev", 0)) + 1
    return await ask_next(ctx, proc, plan, data)


def _asked(plan: logic.Plan, data: dict[str, Any], kind: str) -> Any:
    """The question (``kind`` "q") or document ("d") being asked now, or None."""
    pos = data.get("pos") or ["", ""]
    if pos[0] != kind:
        return None
    find = logic.question_by_id if kind == "q" else logic.document_by_id
    return find(plan, pos[1])


async def answer_question(msg: Incoming, ctx: Context) -> Step:
    """A deciding question answered by its (bound) button."""
    loaded = _load(ctx)
    if loaded is None:
        return await stop_checklist(msg, ctx)
    proc, plan, data = loaded
    question = _asked(plan, data, "q")
    if msg.payload is None:
        return await _typed(ctx, data)
    value, current = _bound(ctx, plan, data)
    if question is None or not current or value not in {o.value for o in question.options}:
        return await _already(ctx, proc, plan, data)
    data["answers"][question.id] = value
    _record(data, "q", question.id)
    step = await ask_next(ctx, proc, plan, data)
    label = next(o.label for o in question.options if o.value == value)
    if typed.said_in_words(ctx.typed, label):  # "có bản chính": how it was read
        step.replies.insert(0, Reply(ctx.t("checklist.taken", answer=label)))
    return step


async def answer_document(msg: Incoming, ctx: Context) -> Step:
    """'Đã có' / 'Chưa có' / 'Không rõ' for the document being asked."""
    loaded = _load(ctx)
    if loaded is None:
        return await stop_checklist(msg, ctx)
    proc, plan, data = loaded
    doc = _asked(plan, data, "d")
    if msg.payload is None:
        return await _typed(ctx, data)
    choice, current = _bound(ctx, plan, data)
    if (
        doc is None
        or not current
        or choice not in (logic.HAVE, logic.MISSING, logic.UNKNOWN, logic.NOT_MINE)
    ):
        return await _already(ctx, proc, plan, data)
    data["docs"][doc.id] = choice
    _record(data, "d", doc.id)
    replies: list[Reply] = []
    if choice in (logic.MISSING, logic.UNKNOWN):
        how = doc.how_to_get or ctx.t("checklist.how_unknown")
        key = "checklist.how_to_get" if choice == logic.MISSING else "checklist.how_to_check"
        replies.append(Reply(ctx.t(key, name=short_name(doc), how=how.strip())))
    step = await ask_next(ctx, proc, plan, data)
    step.replies[:0] = replies
    return step


async def show_more(msg: Incoming, ctx: Context) -> Step:
    """``ck:more:<tag>``: the document being asked, in full, with the same answers."""
    loaded = _load(ctx)
    if loaded is None:
        return await stop_checklist(msg, ctx)
    proc, plan, data = loaded
    doc = _asked(plan, data, "d")
    if doc is None or ctx.arg != position_tag(plan, data):
        return await _already(ctx, proc, plan, data)
    step = await ask_next(ctx, proc, plan, data)
    rows = [r for r in step.replies[-1].buttons if not r[0].payload.startswith("ck:more:")]
    return Step([Reply.make(document_in_full(ctx, doc), rows)])


async def go_back(msg: Incoming, ctx: Context) -> Step:
    """Undo the last answer and ask it again (a second tap on the same "Quay lại" does not
    go back twice)."""
    loaded = _load(ctx)
    if loaded is None:
        return await stop_checklist(msg, ctx)
    proc, plan, data = loaded
    if msg.payload is not None and ctx.arg and ctx.arg != position_tag(plan, data):
        return await _already(ctx, proc, plan, data)
    if data["history"]:
        kind, ident = data["history"].pop()
        (data["answers"] if kind == "q" else data["docs"]).pop(ident, None)
        data["rev"] = int(data.get("rev", 0)) + 1
        logic.prune(plan, data)  # answers that depended on the undone one may no longer apply
    return await ask_next(ctx, proc, plan, data)
