"""Steps of the dossier lookup: ask the code, verify the phone digits, show, subscribe."""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import re
from typing import Any

from handlers.answers import NO, role_of
from handlers.context import Context
from handlers.status import followup
from handlers.status import verify as vf
from handlers.status.dossier import phone_digits, phone_hash
from handlers.status.refresh import refresh
from handlers.status.views import card_buttons, card_text, lost_code_step, without_digits
from handlers.types import Button, Incoming, Reply, Step
from handlers.wards import dossier_ward_code, learn_ward, place_dossier
from handlers.workdays import WorkCalendar, default_calendar, local_date
from knowledge.receipts import Receipt, looks_like_receipt

log = logging.getLogger(__name__)

MAX_FAILURES = 5
WINDOW = dt.timedelta(hours=1)
# across all chats: a chat id is free to choose, so the code itself has a budget
CODE_MAX_FAILURES = 10
CODE_LOCK_HOURS = 24.0
Lock = tuple[dt.datetime, str]  # until when, and "code" or "chat"


def _calendar(ctx: Context) -> WorkCalendar:
    cal = ctx.services.extra.get("work_calendar")
    return cal if isinstance(cal, WorkCalendar) else default_calendar()


def _cancel_row(ctx: Context) -> list[list[Button]]:
    return [[Button(ctx.t("menu.btn_home"), "mn:menu")]]


async def _budget_keys(ctx: Context, data: dict[str, Any]) -> list[str]:
    """The receipt codes whose failure budget a lookup spends: the code typed, or every
    dossier a typed tail may stand for (so the tail is no second door to the same code),
    or the tail itself when none fits (an unknown code locks like a known one)."""
    if data.get("code"):
        return [str(data["code"])]
    tail = str(data.get("tail") or "")
    if not tail:
        return []
    return await vf.candidates(ctx.repos, data) or [f"tail:{tail}"[:64]]


async def _lock_until(ctx: Context, codes: list[str] | None = None) -> Lock | None:
    """(until when, "code" or "chat") if lookups are locked for this chat or these codes."""
    now = ctx.now()
    settings = ctx.services.settings
    budget = int(settings.get("lookup_code_max_failures", CODE_MAX_FAILURES))
    window = dt.timedelta(hours=float(settings.get("lookup_code_lock_hours", CODE_LOCK_HOURS)))
    for code in codes or []:
        on_code = await ctx.repos.lookups.code_failures_since(code, now - window)
        if len(on_code) >= budget:
            return on_code[-budget] + window, "code"
    failures = await ctx.repos.lookups.failures_since(
        ctx.msg.channel, ctx.msg.chat_id, now - WINDOW
    )
    if len(failures) < MAX_FAILURES:
        return None
    return failures[-MAX_FAILURES] + WINDOW, "chat"


async def _record_failure(ctx: Context, codes: list[str]) -> None:
    """One failure of this chat, counted on each code it spent (see ``_budget_keys``)."""
    msg = ctx.msg
    first = codes[0] if codes else None
    await ctx.repos.lookups.record_failure(msg.channel, msg.chat_id, ctx.now(), first)
    for code in codes[1:]:
        await ctx.repos.lookups.record_code_failure(code, ctx.now())


async def _locked_step(ctx: Context, lock: Lock) -> Step:
    until, by = lock
    local = until.astimezone(ctx.now().tzinfo or dt.UTC)
    when = local.strftime("%H:%M %d/%m/%Y")
    key = "status.code_locked" if by == "code" else "status.locked"
    return Step(
        [Reply.make(ctx.t(key, time=when), _cancel_row(ctx))],
        next="status:idle",
        data={},
    )


async def _ask_digits(ctx: Context, data: dict[str, Any]) -> Step:
    until = await _lock_until(ctx, await _budget_keys(ctx, data))
    if until is not None:
        return await _locked_step(ctx, until)
    return Step(
        [Reply.make(ctx.t("status.ask_digits", code=vf.shown_code(data)), _cancel_row(ctx))],
        next="status:await_digits",
        data=data,
    )


async def _lookup(ctx: Context, found: Receipt, text: str) -> Step:
    """A code typed or pressed: digits in the same message verify at once, else ask them."""
    data = vf.lookup_data(found, text)
    digits = vf.digits_beside(text, found)
    return await _verify(ctx, data, digits) if digits else await _ask_digits(ctx, data)


async def start_lookup(msg: Incoming, ctx: Context) -> Step:
    """Entry: ``st:start:<code?>`` or the ``dossier_status`` intent."""
    if msg.text and vf.lost_code(msg.text):
        return lost_code_step(ctx)
    if ctx.arg and (found := vf.find(ctx.arg)) is not None:
        return await _lookup(ctx, found, "")
    if msg.text and (found := vf.find(msg.text)) is not None:
        return await _lookup(ctx, found, msg.text)
    until = await _lock_until(ctx)
    if until is not None:
        return await _locked_step(ctx, until)
    # a code with a digit too many is "not recognised"
    key = (
        "code_not_recognised" if looks_like_receipt(msg.text or "") else vf.ask_key(msg.text or "")
    )
    return Step(
        [Reply.make(ctx.t(f"status.{key}"), _cancel_row(ctx))], next="status:await_code", data={}
    )


async def await_code(msg: Incoming, ctx: Context) -> Step:
    """Waiting for a receipt code; a question without any digits is routed afresh."""
    text = msg.text or ""
    found = vf.find(text)
    if found is not None:
        return await _lookup(ctx, found, text)
    if vf.lost_code(text):
        return lost_code_step(ctx)
    if not any(ch.isdigit() for ch in text):
        return Step(unhandled=True)
    return Step([Reply.make(ctx.t("status.code_not_recognised"), _cancel_row(ctx))])


async def await_digits(msg: Incoming, ctx: Context) -> Step:
    """Verify the phone digits for the code in the state; same answer for every failure."""
    text = msg.text or ""
    found = vf.find(text)
    if found is not None:  # another code (perhaps with its digits): a fresh lookup
        return await _lookup(ctx, found, text)
    digits = vf.digits_in(text)
    closed = None if digits else without_digits(ctx, text)  # "mất biên nhận", "ko biết sđt"
    if closed is not None:
        return closed
    if not digits:
        raw = re.sub(r"\D", "", text)
        if not raw and any(ch.isalpha() for ch in text) and len(text) > 12:
            return Step(unhandled=True)  # a new question, not an answer
        return Step([Reply.make(ctx.t("status.digits_format"), _cancel_row(ctx))])
    return await _verify(ctx, dict(ctx.data), digits)


async def _verify(ctx: Context, data: dict[str, Any], digits: str) -> Step:
    msg = ctx.msg
    codes = await _budget_keys(ctx, data)
    until = await _lock_until(ctx, codes)
    if until is not None:
        return await _locked_step(ctx, until)
    key = str(ctx.services.settings.get("phone_hash_key", ""))
    found = await vf.verified(ctx.repos, data, digits, key)
    if len(found) > 1:  # the digits fit several dossiers with this tail: the whole code
        text = ctx.t("status.need_whole_code", code=vf.shown_code(data))
        return Step([Reply.make(text, _cancel_row(ctx))], next="status:await_code", data={})
    if not found:
        await _record_failure(ctx, codes)
        log.info("dossier verification failed channel=%s", msg.channel)
        until = await _lock_until(ctx, codes)
        if until is not None:
            return await _locked_step(ctx, until)
        text_key = "status.no_match_tail" if data.get("tail") else "status.no_match"
        text = ctx.t(text_key, code=vf.shown_code(data))
        if len(digits) > 4:  # a whole number: the same hint whether or not its tail fits
            text += "\n" + ctx.t("status.no_match_whole_phone")
        return Step(
            [Reply.make(text, _cancel_row(ctx))],
            next="status:await_digits",
            data=data,
        )
    dossier = await refresh(ctx, found[0])
    code = dossier.code  # type: ignore[attr-defined]
    day = local_date(ctx.now())
    await ctx.repos.questions.bump("dossier_lookup", day)  # analytics: all, and per ward
    if (ward := dossier_ward_code(ctx, dossier)) is not None:
        await ctx.repos.questions.bump(f"dossier_lookup@{ward}", day)
    return await _show(ctx, await ctx.repos.dossiers.get(code) or dossier, bool(data.get("also")))


async def _show(ctx: Context, dossier: Any, also_book: bool = False) -> Step:
    """The dossier's card; a booking asked in the same message is offered under it."""
    code = dossier.code
    subscribed = await ctx.repos.dossiers.is_subscribed(code, ctx.msg.channel, ctx.msg.chat_id)
    today = local_date(ctx.now())
    await learn_ward(ctx, dossier)
    dossier, where = place_dossier(ctx, dossier)
    text = card_text(dossier, today, ctx.locale, _calendar(ctx))
    if where:
        text += "\n" + "\n".join(where)
    if not subscribed:
        text += "\n\n" + ctx.t("status.offer_notices")
    rows = card_buttons(code, subscribed, ctx.locale)
    if also_book:
        rows.insert(1, [Button(ctx.t("status.btn_also_book"), "bk:start:")])
    return Step(
        [Reply.make(text, rows)],
        next="status:shown",
        data={"verified": code},
    )


async def after_card(msg: Incoming, ctx: Context) -> Step:
    """After the card: another code starts a new lookup; "không" declines the notices; a
    follow-up ("sao quá hạn rồi mà chưa có") is answered about this dossier; anything else
    is a new question."""
    text = msg.text or ""
    found = vf.find(text)
    if found is not None:
        return await _lookup(ctx, found, text)
    code = str(ctx.data.get("verified") or "")
    if role_of(text) == NO:
        buttons = card_buttons(code, False, ctx.locale)[1:]
        return Step([Reply.make(ctx.t("status.no_notices"), buttons)])
    if code and followup.wants_notices(text):  # "báo cho bác khi có kết quả nha"
        ctx.arg = code
        return await subscribe(msg, ctx)
    topic = followup.topic_of(text)
    dossier = await ctx.repos.dossiers.get(code) if topic and code else None  # with "đúng hẹn"
    if dossier is None or topic is None:
        return Step(unhandled=True)
    topic = followup.resolved(topic, dossier)  # "giờ tôi cần làm gì": what its status asks
    subscribed = await ctx.repos.dossiers.is_subscribed(code, msg.channel, msg.chat_id)
    dossier, where = place_dossier(ctx, dossier, always=topic == "contact")
    text = followup.answer(topic, dossier, local_date(ctx.now()), ctx.locale, _calendar(ctx))
    rows = card_buttons(code, subscribed, ctx.locale)
    if topic == "contact":  # "vậy tôi hỏi ai": the office that received it, "Gặp cán bộ"
        text, rows = followup.contact(ctx, dossier, where, rows)
    return Step([Reply.make(text, rows)])


async def subscribe(msg: Incoming, ctx: Context) -> Step:
    """``st:sub:<code>``: only for the dossier this chat has just verified."""
    verified = ctx.data.get("verified") if ctx.state.flow == "status" else None
    code = ctx.arg or verified or ""
    if not verified or not hmac.compare_digest(str(verified), code):
        return Step(
            [
                Reply.make(
                    ctx.t("status.verify_first"),
                    [[Button(ctx.t("status.btn_other"), "st:start:")], *_cancel_row(ctx)],
                )
            ]
        )
    added = await ctx.repos.dossiers.subscribe(code, msg.channel, msg.chat_id, ctx.now())
    key = "status.subscribed" if added else "status.already_subscribed"
    if msg.channel in ctx.services.settings.get("zns_channels", ()):  # Zalo OA: ask consent
        no = [[Button(ctx.t("status.btn_zns_no"), "st:zns_no:")]]
        text = ctx.t(key, code=code) + "\n\n" + ctx.t("status.zns_ask")
        return Step([Reply.make(text, no)], next="status:await_zns_phone", data={"verified": code})
    return Step([Reply.make(ctx.t(key, code=code), card_buttons(code, True, ctx.locale))])


async def await_zns_phone(msg: Incoming, ctx: Context) -> Step:
    """Consent to ZNS notices by typing the phone of the dossier; kept encrypted."""
    code = str(ctx.data.get("verified") or "")
    digits = phone_digits(msg.text or "")
    if not digits or not code:
        return Step(unhandled=True)
    dossier = await ctx.repos.dossiers.get(code, with_history=False)
    given = phone_hash(digits, str(ctx.services.settings.get("phone_hash_key", "")))
    if dossier is None or not hmac.compare_digest(dossier.phone_hash or "", given):
        no = [[Button(ctx.t("status.btn_zns_no"), "st:zns_no:")]]
        return Step([Reply.make(ctx.t("status.zns_mismatch"), no)])
    secret = str(ctx.services.settings.get("phone_encryption_key", ""))
    await ctx.repos.contacts.set_phone(code, msg.channel, msg.chat_id, digits, secret, ctx.now())
    buttons = card_buttons(code, True, ctx.locale)
    return Step([Reply.make(ctx.t("status.zns_saved"), buttons)], next="status:shown")


async def decline_zns(msg: Incoming, ctx: Context) -> Step:
    """``st:zns_no``: notices only while the chat is open; no phone kept."""
    code = str(ctx.data.get("verified") or "")
    buttons = card_buttons(code, True, ctx.locale) if code else _cancel_row(ctx)
    return Step([Reply.make(ctx.t("status.zns_declined"), buttons)], next="status:shown")


async def unsubscribe(msg: Incoming, ctx: Context) -> Step:
    """``st:unsub:<code>``: always allowed, it only touches this chat's own subscription."""
    code = ctx.arg or str(ctx.data.get("verified") or "")
    removed = bool(code) and await ctx.repos.dossiers.unsubscribe(code, msg.channel, msg.chat_id)
    key = "status.unsubscribed" if removed else "status.not_subscribed"
    buttons = [[Button(ctx.t("status.btn_other"), "st:start:")], *_cancel_row(ctx)]
    return Step([Reply.make(ctx.t(key, code=code or "—"), buttons)])
