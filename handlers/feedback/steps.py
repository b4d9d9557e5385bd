"""Steps of the feedback flow: 👍/👎 on a card or a summary, "thiếu gì ạ?", 1-5 ratings.

Votes keep the chat where it was (the card's buttons are offered again, without the vote
row); a 👎 asks what was missing (optional, free text, stored masked) and offers a person.
The satisfaction question uses the scale of the national satisfaction index (SIPAS): Rất
không hài lòng (1) ... Rất hài lòng (5), listed in that order so that a typed "5" on Zalo
means the score 5.
"""

from __future__ import annotations

from handlers import answers
from handlers.common import elsewhere, handoff_button, is_idle, menu_button_rows, old_button
from handlers.context import Context
from handlers.language import classify
from handlers.privacy import chat_hash_of, mask_text
from handlers.types import Button, Incoming, Reply, Step
from handlers.wards import chat_ward_code

KINDS = {"c": "card", "k": "checklist"}
SUBJECTS = {"d": "dossier", "h": "handoff"}
SCORES = (1, 2, 3, 4, 5)


def _vote_of(ctx: Context) -> tuple[str, str] | None:
    """``("card", "1.001193")`` from ``fb:up:c:1.001193``; None for an unknown procedure."""
    kind, _, code = ctx.arg.partition(":")
    kb = ctx.services.kb
    if kind not in KINDS or kb is None or kb.get(code) is None:
        return None
    return KINDS[kind], code


def _other_buttons(ctx: Context) -> list[list[Button]]:
    """The buttons offered before, without the vote row (the chat stays on its card)."""
    rows = [r for r in ctx.state.last_buttons if not str(r[1]).startswith("fb:")]
    return [[Button(*row[:3])] for row in rows]


async def vote_up(msg: Incoming, ctx: Context) -> Step:
    """``fb:up:<c|k>:<code>``: "Có ích 👍"."""
    vote = _vote_of(ctx)
    if vote is None:
        return old_button(ctx)
    ward = await chat_ward_code(ctx)
    await ctx.repos.feedback.vote(msg.channel, chat_hash_of(ctx), *vote, 1, ctx.now(), ward)
    return Step([Reply.make(ctx.t("feedback.thanks_up"), _other_buttons(ctx))])


async def vote_down(msg: Incoming, ctx: Context) -> Step:
    """``fb:down:<c|k>:<code>``: "Chưa ổn 👎", then "thiếu gì ạ?" and a person."""
    vote = _vote_of(ctx)
    if vote is None:
        return old_button(ctx)
    ward = await chat_ward_code(ctx)
    fid = await ctx.repos.feedback.vote(msg.channel, chat_hash_of(ctx), *vote, -1, ctx.now(), ward)
    rows = [
        [handoff_button(ctx.locale, f"down:{vote[1]}")],
        [Button(ctx.t("feedback.btn_skip"), "fb:skip:", "no")],
    ]
    data = {"fid": fid, "code": vote[1]}
    reply = Reply.make(ctx.t("feedback.ask_missing"), rows)
    return Step([reply], next="feedback:await_missing", data=data)


async def take_missing(msg: Incoming, ctx: Context) -> Step:
    """What the citizen found missing, stored masked. When it is also a clear question
    (a procedure, a dossier, a booking), it is answered right after the thanks."""
    text = msg.text or ""
    if answers.role_of(text) in (answers.NO, answers.STOP):
        return await skip(msg, ctx)
    code = str(ctx.data.get("code") or "")
    fid = int(ctx.data.get("fid") or 0)
    await ctx.repos.feedback.comment(fid, chat_hash_of(ctx), mask_text(text))
    if _a_question(ctx, text):
        return Step([Reply(ctx.t("feedback.noted"))], unhandled=True)
    rows = [
        [handoff_button(ctx.locale, f"down:{code}")],
        [Button(ctx.t("menu.btn_home"), "mn:menu")],
    ]
    return Step([Reply.make(ctx.t("feedback.noted"), rows)], next="menu:idle", data={})


def _a_question(ctx: Context, text: str) -> bool:
    result = classify(ctx, text)
    intent = getattr(result, "intent", "")
    clear = intent == "procedure" and getattr(result, "band", "") == "answer"
    return clear or intent in ("dossier_status", "booking", "human")


async def skip(msg: Incoming, ctx: Context) -> Step:
    """``fb:skip``: no comment, no rating."""
    return Step(
        [Reply.make(ctx.t("feedback.skipped"), menu_button_rows(ctx.locale))],
        next="menu:idle",
        data={},
    )


def rating_rows(ctx: Context) -> list[list[Button]]:
    """Five answers (1 to 5) and "Bỏ qua"; ``role`` keeps "không" from meaning a score."""
    rows = [[Button(ctx.t(f"feedback.scale.{n}"), f"fb:rate:{n}", "score")] for n in SCORES]
    rows.append([Button(ctx.t("feedback.btn_skip"), "fb:skip:", "no")])
    return rows


async def ask_rating(msg: Incoming, ctx: Context) -> Step:
    """Entry ``ask_rating`` with ``d:<receipt code>`` or ``h:<handoff id>``."""
    kind, _, ref = ctx.arg.partition(":")
    if kind not in SUBJECTS or not ref:
        return old_button(ctx)
    text = ctx.t(f"feedback.ask_rating_{SUBJECTS[kind]}", code=ref)
    data = {"subject": SUBJECTS[kind], "ref": ref}
    return Step([Reply.make(text, rating_rows(ctx))], next="feedback:await_rating", data=data)


async def ask_rating_event(msg: Incoming, ctx: Context) -> Step:
    """``fb:ask:d:<code>`` (event: a subscribed dossier was returned). Asked only while
    the chat is idle: a walkthrough in progress is never interrupted for it."""
    if msg.kind != "event":
        return old_button(ctx)
    if not is_idle(ctx):
        return Step(silent=True)
    return await ask_rating(msg, ctx)


async def take_rating(msg: Incoming, ctx: Context) -> Step:
    """``fb:rate:<1-5>`` (or its typed label); "không" declines; a new question leaves."""
    if msg.payload is None:
        text = msg.text or ""
        if answers.role_of(text) in (answers.NO, answers.STOP):
            return await skip(msg, ctx)
        if elsewhere(ctx, text) or len(text) > 20:
            return Step(unhandled=True)
        rows = rating_rows(ctx)
        return Step([Reply.make(ctx.t("feedback.rating_hint"), rows)])
    score = ctx.arg.strip()
    if not score.isdigit() or int(score) not in SCORES:
        return old_button(ctx)
    subject, ref = str(ctx.data.get("subject") or ""), str(ctx.data.get("ref") or "")
    ward = await chat_ward_code(ctx)
    await ctx.repos.feedback.rate(
        msg.channel, chat_hash_of(ctx), subject, ref, int(score), ctx.now(), ward
    )
    return Step(
        [Reply.make(ctx.t("feedback.rated"), menu_button_rows(ctx.locale))],
        next="menu:idle",
        data={},
    )
