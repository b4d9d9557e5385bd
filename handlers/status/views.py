"""Rendering of a dossier for a verified citizen, and the change notifications.

Pure functions over ``DossierView`` plus ``notify_changes`` which turns status changes into
``send`` jobs (one per subscribed chat, deduplicated on code + history event + chat).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from handlers.common import contact_lines
from handlers.context import Context
from handlers.i18n import t
from handlers.status.dossier import CLOSED, DossierView, status_slug
from handlers.status.verify import lost_code, unverifiable
from handlers.types import Button, Reply, Step
from handlers.workdays import WorkCalendar, default_calendar, local_date

SEND = "send"  # job kind the runner delivers through the channel senders
RETURNED = "Đã trả kết quả"  # the dossier is done: the citizen is asked how satisfied they are
RATE_AFTER = dt.timedelta(minutes=1)  # after the notification itself has gone out
MAX_PAYLOAD = 64  # Telegram callback data limit, bytes


def fmt_date(day: dt.date | None) -> str:
    """``dd/mm/yyyy`` as printed on Vietnamese receipts."""
    return day.strftime("%d/%m/%Y") if day else "—"


def status_label(status: str, locale: str) -> str:
    """The status in the citizen's language (official Vietnamese name in ``vi``)."""
    return t(f"status.names.{status_slug(status)}", locale) if status else "—"


def explain(status: str, locale: str) -> str:
    """What the status means, in plain words."""
    return t(f"status.explain.{status_slug(status)}", locale)


def timing_line(view: DossierView, today: dt.date, cal: WorkCalendar, locale: str) -> str:
    """Working days left, due today, or overdue by N working days (empty if not relevant)."""
    if view.due_at is None:
        return ""
    if view.status in CLOSED:
        if view.status in ("Đã có kết quả", "Đã trả kết quả"):
            done = _reached(view, ("Đã có kết quả", "Đã trả kết quả"))
            if done is not None and done <= view.due_at:
                return t("status.on_time", locale)
        return ""
    if today < view.due_at:
        return t("status.days_left", locale, days=cal.workdays_between(today, view.due_at))
    if today == view.due_at:
        return t("status.due_today", locale)
    late = cal.workdays_between(view.due_at, today)
    if late <= 0:
        return t("status.overdue_no_workday", locale)
    return t("status.overdue", locale, days=late)


def _reached(view: DossierView, statuses: tuple[str, ...]) -> dt.date | None:
    for event in view.history:
        if event.status in statuses:
            return local_date(event.changed_at)
    return None


def card_text(
    view: DossierView, today: dt.date, locale: str, cal: WorkCalendar | None = None
) -> str:
    """The answer to "where is my dossier?": never the full name or phone."""
    cal = cal or default_calendar()
    lines = [t("status.card_title", locale, code=view.code)]
    if view.procedure_name:
        lines.append(t("status.card_procedure", locale, value=view.procedure_name))
    if view.applicant_masked:
        lines.append(t("status.card_applicant", locale, value=view.applicant_masked))
    lines.append(t("status.card_received", locale, value=fmt_date(view.received_at)))
    if view.due_at:
        lines.append(t("status.card_due", locale, value=fmt_date(view.due_at)))
    lines.append(t("status.card_status", locale, value=status_label(view.status, locale)))
    lines.append(explain(view.status, locale))
    timing = timing_line(view, today, cal, locale)
    if timing:
        lines.append(timing)
    if view.note:
        lines.append(t("status.card_note", locale, value=view.note))
    if view.history:
        lines.append("")
        lines.append(t("status.history_title", locale))
        for event in view.history:
            key = "status.history_line_note" if event.note else "status.history_line"
            lines.append(
                t(
                    key,
                    locale,
                    date=fmt_date(local_date(event.changed_at)),
                    status=status_label(event.status, locale),
                    note=event.note or "",
                )
            )
    todo = todo_text(view, locale)
    if todo:
        lines.append("")
        lines.append(todo)
    return "\n".join(lines)


def todo_text(view: DossierView, locale: str) -> str:
    """What the citizen should do now: collect, supplement, pay; or nothing."""
    if view.status == "Đã có kết quả":
        if view.office:
            return t("status.collect", locale, office=view.office)
        return t("status.collect_unknown_office", locale)
    if view.status == "Chờ bổ sung hồ sơ":
        office = view.office or t("status.one_stop", locale)
        return t("status.supplement_todo", locale, office=office)
    if view.status == "Chờ thực hiện nghĩa vụ tài chính":
        return t("status.financial_todo", locale)
    return ""


def _payload(action: str, code: str) -> str:
    payload = f"st:{action}:{code}"
    return payload if len(payload.encode()) <= MAX_PAYLOAD else f"st:{action}:"


def card_buttons(code: str, subscribed: bool, locale: str) -> list[list[Button]]:
    """Subscribe or unsubscribe, another lookup, the menu."""
    if subscribed:
        first = Button(t("status.btn_unsubscribe", locale), _payload("unsub", code))
    else:
        first = Button(t("status.btn_subscribe", locale), _payload("sub", code), role="yes")
    return [
        [first],
        [Button(t("status.btn_other", locale), "st:start:")],
        [Button(t("menu.btn_home", locale), "mn:menu")],
    ]


def notification_reply(code: str, status: str, note: str | None, locale: str = "vi") -> Reply:
    """The message a subscribed chat gets when staff change the status."""
    text = t(
        "status.notify",
        locale,
        code=code,
        status=status_label(status, locale),
        explain=explain(status, locale),
    )
    if note:
        text += "\n" + t("status.notify_note", locale, note=note)
    buttons = [
        [Button(t("status.btn_details", locale), _payload("start", code))],
        [Button(t("status.btn_unsubscribe", locale), _payload("unsub", code))],
    ]
    return Reply.make(text, buttons)


async def notify_changes(repos: Any, changes: Iterable[Any], now: dt.datetime) -> int:
    """Enqueue one ``send`` job per subscriber of each status change; returns jobs added.

    The dedupe key (code, history event id, channel, chat) makes a retried request or a
    second worker reacting to the same change add nothing.
    """
    from_events = [c for c in changes if getattr(c, "event_id", None) and not c.created]
    if not from_events:
        return 0
    subs = await repos.dossiers.subscribers([c.code for c in from_events])
    added = 0
    for change in from_events:
        for channel, chat_id in subs.get(change.code, []):
            reply = notification_reply(change.code, change.status, change.note)
            key = _dedupe(change.code, change.event_id, channel, chat_id)
            payload = {"channel": channel, "chat_id": chat_id, "reply": reply.to_dict()}
            payload["notice"] = {
                "kind": "dossier_status",
                "code": change.code,
                "status": change.status,
            }
            if await repos.jobs.enqueue(SEND, now, payload, key):
                added += 1
            if change.status == RETURNED:  # the 1-5 question, as an event of the chat
                await repos.chat_events.post(
                    channel, chat_id, f"fb:ask:d:{change.code}", key, now, at=now + RATE_AFTER
                )
    return added


def _dedupe(code: str, event_id: int, channel: str, chat_id: str) -> str:
    import hashlib

    key = f"st:{code}:{event_id}:{channel}:{chat_id}"
    return key if len(key) <= 128 else "st:h:" + hashlib.sha256(key.encode()).hexdigest()


def lost_code_step(ctx: Context) -> Step:
    """ "tôi không nhớ mã", "mất giấy biên nhận": where the code can be found again and whom
    to ask, instead of asking for the code once more."""
    text = ctx.t("status.lost_code") + "\n\n" + contact_lines(ctx)
    rows = [
        [Button(ctx.t("status.btn_have_code"), "st:start:")],
        [Button(ctx.t("menu.btn_book"), "bk:start:")],
        [Button(ctx.t("menu.btn_home"), "mn:menu")],
    ]
    return Step([Reply.make(text.strip(), rows)], next="menu:idle", data={})


def without_digits(ctx: Context, text: str) -> Step | None:
    """A message at the digits step that gives none and says why: the code lost ("mất
    biên nhận"), no phone digits ("ko biết sđt") or the owner's name asked ("cho biết tên
    người nộp"). The dossier stays closed and the reply says how its owner can look it up;
    the lookup still waits for the digits (found later, they are checked as usual)."""
    why = unverifiable(text)
    if not why:
        return lost_code_step(ctx) if lost_code(text) else None
    lines = [ctx.t(f"status.unverifiable_{why}")]
    if why == "no_phone":
        lines.append(contact_lines(ctx))
    rows = [[Button(ctx.t("menu.btn_contact"), "mn:contact")]]
    rows.append([Button(ctx.t("menu.btn_home"), "mn:menu")])
    return Step([Reply.make("\n\n".join(lines).strip(), rows)])
