"""Steps of the search flow: the card and what hangs off it, "did you mean", out of scope.

After a card the chat rests in ``search:card`` with the procedure's code: a short follow-up
("lệ phí bao nhiêu", "nộp ở đâu") is answered from that procedure; anything else is routed
afresh and the context goes with the flow.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from handlers.context import Context
from handlers.facts import online_available, where_text
from handlers.kept_walk import kept as walk_kept
from handlers.kept_walk import with_way_back
from handlers.language import classify
from handlers.search import details
from handlers.search.another import about_another, other_named
from handlers.search.card import Other, card_buttons, card_name, with_channel
from handlers.search.fee_match import asks_fee
from handlers.search.first import card_replies
from handlers.search.more import goes_on, heard_text
from handlers.search.outside import short_label as _short
from handlers.search.outside import show_out_of_scope
from handlers.search.papers import also_asked, lists, paper_asked, paper_text
from handlers.search.prepare import said_channel, walkthrough_step
from handlers.search.scope import confirms_scope, scope_text
from handlers.search.switch import kept_topic, other_asked
from handlers.search.writing import asks_notes, asks_writing_help, offer_writing_help
from handlers.textsplit import clip
from handlers.topics import asks_office_hours, is_question, topic_of
from handlers.types import Button, Incoming, Reply, Step
from handlers.wards import filed_at_ward, ward_or_ask


def _proc(ctx: Context) -> Any:
    kb = ctx.services.kb
    return kb.get(ctx.arg) if kb is not None and ctx.arg else None


def _card_step(
    ctx: Context, proc: Any, replies: list[Reply], others: list[Other], topic: str = ""
) -> Step:
    """Rest on the procedure: the next short question is a follow-up about it. How the
    citizen said they will file ("nộp online được không") goes with the walkthrough button;
    the part asked (``topic``) is kept for "còn tạm trú thì sao"."""
    kept = [[o.code, o.name] for o in others]
    said = said_channel(ctx, proc.code)
    data = {"code": proc.code, "others": kept, **({"said": said} if said else {})}
    data.update({"topic": topic} if topic else {})
    step = Step(with_channel(replies, proc.code, said), next="search:card", data=data)
    walk = walk_kept(ctx)  # a walkthrough left for this card: its way back stays offered
    return with_way_back(ctx, step, walk) if walk is not None else step


async def show_card(msg: Incoming, ctx: Context, others: list[Other] | None = None) -> Step:
    """The answer card of the procedure whose code is the payload argument."""
    proc = _proc(ctx)
    if proc is None:
        return await show_out_of_scope(msg, ctx)
    replies = card_replies(ctx, proc, others or [])  # "cần giấy tờ gì": the papers first
    return _card_step(ctx, proc, replies, others or [])


def _others(ctx: Context) -> list[Other]:
    """The other needs of the card's message, kept for its "Còn thủ tục" buttons."""
    if ctx.state.flow != "search":
        return []
    return [Other(str(o[0]), str(o[1])) for o in ctx.data.get("others", []) if len(o) == 2]


async def _detail(ctx: Context, text: str, proc: Any, topic: str = "") -> Step:
    others = _others(ctx)
    rows = card_buttons(proc, ctx.locale, others)
    return _card_step(ctx, proc, [Reply.make(text, rows)], others, topic)


def _detail_action(render: Any, doc: str) -> Any:
    """A card button that shows one part of the procedure in full and keeps the card."""

    async def action(msg: Incoming, ctx: Context) -> Step:
        proc = _proc(ctx)
        if proc is None:
            return await show_out_of_scope(msg, ctx)
        return await _detail(ctx, render(ctx, proc), proc)

    action.__doc__ = doc
    return action


show_fees = _detail_action(details.fees_text, '``sr:fees:<code>``: "Chi tiết lệ phí".')
show_legal = _detail_action(details.legal_full, '``sr:legal:<code>``: "Căn cứ pháp lý".')
show_notes = _detail_action(details.notes_text, "``sr:notes:<code>``: the notes in full.")


async def follow_up(msg: Incoming, ctx: Context) -> Step:
    """A question typed after a card (or a walkthrough summary): answered from that
    procedure when it asks about one of its parts, or said plainly that the knowledge has
    no answer to it ("có phải đăng báo không" where nothing is known); else routed afresh."""
    text = msg.text or ""
    ctx.arg = ctx.arg or str(ctx.data.get("code", ""))
    proc = _proc(ctx)
    if proc is not None and ctx.state.flow == "search":
        if confirms_scope(text, proc):  # "cả 2 đều người VN": the card's case, go on
            return await _detail(ctx, scope_text(ctx, proc), proc)
        if goes_on(text):  # "có", "ok", "vâng" after a card: its main button, the papers
            return await _walk(ctx, proc)
        heard = heard_text(ctx, text, proc)  # "còn gì nữa không": the card's parts
        if heard:
            return await _detail(ctx, heard, proc)
        walk = await ctx.start("checklist", "start_typed", proc.code)  # "trực tiếp", "chưa có"
        if not walk.unhandled:
            return walk
        ctx.arg = proc.code
    paper = paper_asked(text) if proc is not None else None
    also = also_asked(text) if proc is not None and not paper else None
    named = other_named(_others(ctx), also)
    if named is not None:  # "còn cái tạm trú thì sao" after "Còn thủ tục: Đăng ký tạm trú"
        ctx.arg = named.code
        return await show_card(msg, ctx)
    other = other_asked(ctx, text, also, proc) if proc is not None and not paper else None
    if other is not None:  # "còn tạm trú thì sao": tạm trú, the part asked before kept
        return await _switch(msg, ctx, other)
    if proc is not None and also and lists(proc, also):  # "còn cái tờ khai thì sao"
        paper = also
    if proc is not None and paper:  # "cần bản sao CCCD không": this card's papers
        return await _detail(ctx, paper_text(ctx, proc, paper), proc)
    if also and topic_of(also) is None:  # "còn cái X thì sao": X, a new need
        return await _search(msg, ctx, also)
    if proc is not None and asks_writing_help(text):  # "bà không biết chữ": who writes it
        return await offer_writing_help(ctx, proc.code)
    if proc is not None and asks_notes(text, proc):  # "cần lưu ý gì": the card's "Lưu ý"
        return await _detail(ctx, details.notes_text(ctx, proc), proc)
    topic = (topic_of(text) or ("other" if is_question(text) else None)) if proc else None
    topic = "fee" if asks_fee(text, topic) else topic  # "phí bản sao bao nhiêu"
    if topic is None or about_another(ctx, text, [proc.code], topic):
        return Step(unhandled=True)
    if topic == "online":
        return await show_online(msg, ctx)
    if topic == "prepare":  # "chuẩn bị hồ sơ": the card's "Giấy tờ cần chuẩn bị" button
        return await _walk(ctx, proc)
    if topic == "place":
        return await show_where(msg, ctx)
    ward = await ctx.ward() if topic == "hours" else None
    return await _detail(ctx, details.follow_up_text(ctx, proc, topic, ward), proc, topic)


async def _walk(ctx: Context, proc: Any) -> Step:
    """The card's "Giấy tờ cần chuẩn bị" button, with how the citizen said they will file."""
    said = said_channel(ctx, proc.code)
    return await ctx.start("checklist", "start", f"{proc.code}:{said}" if said else proc.code)


async def _switch(msg: Incoming, ctx: Context, code: str) -> Step:
    """Another procedure named after a card: its card, or the part asked before of it."""
    topic = kept_topic(ctx)
    ctx.arg = code
    proc = _proc(ctx)
    if not topic or proc is None:
        return await show_card(msg, ctx)
    head = ctx.t("search.switch_topic", name=card_name(proc, ctx.locale))
    body = details.follow_up_text(ctx, proc, topic)
    return await _detail(ctx, f"{head}\n{body}", proc, topic)


async def suggest_follow_up(msg: Incoming, ctx: Context) -> Step:
    """A follow-up typed while "Ý anh/chị là thủ tục nào?" is open ("lệ phí bao nhiêu"):
    answered for the closest procedure, saying which one, the others offered as buttons."""
    text = msg.text or ""
    codes = [str(c) for c in ctx.data.get("codes", [])]
    topic = topic_of(text)
    top = ctx.services.kb.get(codes[0]) if codes and ctx.services.kb is not None else None
    if top is not None and topic in (None, "place"):  # "tự đi", "đi nộp trực tiếp": walk
        walk = await ctx.start("checklist", "start_typed", f"{top.code}|named")
        if not walk.unhandled:
            head = ctx.t("search.follow_for_top", name=card_name(top, ctx.locale))
            walk.replies.insert(0, Reply(head))
            return walk
    if not codes or topic is None or about_another(ctx, text, codes, topic):
        return Step(unhandled=True)
    if top is not None and topic == "prepare":  # "chuẩn bị giấy tờ": the walkthrough
        walk = await ctx.start("checklist", "start", top.code)
        walk.replies.insert(
            0, Reply(ctx.t("search.follow_for_top", name=card_name(top, ctx.locale)))
        )
        return walk
    ctx.arg = codes[0]
    proc = _proc(ctx)
    if proc is None:
        return Step(unhandled=True)
    kb = ctx.services.kb
    others = [Other(c, kb.get(c).display_name) for c in codes[1:] if kb.get(c) is not None]
    head = ctx.t("search.follow_for_top", name=card_name(proc, ctx.locale))
    text = head + "\n\n" + details.follow_up_text(ctx, proc, topic)
    return _card_step(
        ctx, proc, [Reply.make(text, card_buttons(proc, ctx.locale, others))], others
    )


async def show_where(msg: Incoming, ctx: Context) -> Step:
    """``sr:where:<code>`` / "nộp ở đâu": where to file; a procedure filed at the ward
    shows the chat's ward office (its ward asked once first)."""
    proc = _proc(ctx)
    if proc is None:
        return await show_out_of_scope(msg, ctx)
    ward = None
    if filed_at_ward(proc):
        ward, ask = await ward_or_ask(ctx, f"search:where:{proc.code}", optional=True)
        if ask is not None:  # the rule first (it never waits), then which office
            where = where_text(proc, ctx.services.kb, ctx.locale)
            ask.replies.insert(0, Reply(ctx.t("card.where", value=where)))
            return ask
    return await _detail(ctx, details.place_text(ctx, proc, ward), proc)


async def show_online(msg: Incoming, ctx: Context) -> Step:
    """How to file this procedure online, with the official link."""
    proc = _proc(ctx)
    if proc is None:
        return await show_out_of_scope(msg, ctx)
    online = proc.online
    available = online_available(proc)
    url = (online.url if online and online.url else None) or proc.url or ctx.t("search.portal")
    if available:
        text = ctx.t("search.online_yes", name=proc.display_name)
        if online and online.note:
            text += "\n" + online.note.strip()
    elif online and online.note:  # the entry's own word ("liên thông điện tử trên VNeID")
        text = ctx.t("search.online_no_note", name=proc.display_name, note=online.note.strip())
    else:
        text = ctx.t("search.online_no", name=proc.display_name)
    buttons = [
        [Button(ctx.t("search.btn_docs"), f"ck:start:{proc.code}")],
        [Button(ctx.t("search.btn_book"), f"bk:start:need={proc.code}")],
        [Button(ctx.t("menu.btn_home"), "mn:menu")],
    ]
    return _card_step(ctx, proc, [Reply.make(text, buttons, link=url)], [])


async def _search(msg: Incoming, ctx: Context, words: str) -> Step:
    """A new need named inside a follow-up, searched on its own words."""
    ctx.result = classify(ctx, words)
    if getattr(ctx.result, "intent", "") != "procedure":
        return Step(unhandled=True)
    return await show_result(replace(msg, text=words), ctx)


async def show_result(msg: Incoming, ctx: Context) -> Step:
    """Route a procedure question by confidence band: card, suggestions or out of scope.

    A message with two needs ("làm sổ đỏ với đăng ký kết hôn") answers the main one and
    offers the others as buttons (the search's ``others``)."""
    result = ctx.result
    walk = await walkthrough_step(msg, ctx, result)  # "chuẩn bị giấy tờ khai sinh"
    if walk is not None:
        return walk
    matches = list(getattr(result, "matches", []) or [])
    band = getattr(result, "band", "none")
    if asks_office_hours(msg.text or "") and not any(m.named for m in matches[:1]):
        band = "none"  # "giờ làm việc" shares "làm việc" with a ministry's procedure name
    if band == "answer" and matches:
        ctx.arg = matches[0].code
        found = getattr(result, "others", None) or []  # added by the search beside matches
        others = [Other(o.code, o.name) for o in found if o.code != matches[0].code]
        return await show_card(msg, ctx, others)
    if band == "suggest" and matches:
        buttons = [[Button(_short(m.name), f"sr:card:{m.code}")] for m in matches[:3]]
        shown = {m.code for m in matches[:3]}
        for o in (getattr(result, "others", None) or [])[:2]:  # the message's other needs
            if o.code not in shown:
                label = ctx.t("search.btn_also", name=clip(o.name, 45)[0])
                buttons.append([Button(label, f"sr:card:{o.code}")])
        buttons.append([Button(ctx.t("search.btn_none"), "sr:none:", "no")])
        codes = [m.code for m in matches[:3]]
        reply = Reply.make(ctx.t("search.did_you_mean"), buttons)
        return Step([reply], next="search:suggest", data={"codes": codes})
    return await show_out_of_scope(msg, ctx)
