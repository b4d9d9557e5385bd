"""Shared pieces of the booking flow: programme data, seat counts, dates, slots, labels.

Every button the booking flow shows is built here so payloads stay in one format:
``bk:prog:<id>``, ``bk:day:2026-12-03``, ``bk:slot:2026-12-03_08:00`` (all under 64 bytes).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handlers.booking import slots as sl
from handlers.context import VN_TZ, Context
from handlers.types import Button, Reply, Step
from knowledge.programmes import Programme, Programmes, load_programmes


def programmes(ctx: Context) -> Programmes:
    """The programmes of this deployment (``services.extra['programmes']`` or the YAML)."""
    book = ctx.services.extra.get("programmes")
    return book if book is not None else load_programmes()


def today(ctx: Context) -> dt.date:
    return ctx.now().astimezone(VN_TZ).date()


async def counts(ctx: Context, programme: Programme) -> dict[tuple[dt.date, str], int]:
    """Seats taken per slot of the programme from today to the end of the horizon."""
    start = today(ctx)
    end = start + dt.timedelta(days=programmes(ctx).horizon_days + 1)
    result: dict[tuple[dt.date, str], int] = await ctx.repos.bookings.counts(
        programme.id, start, end
    )
    return result


def weekday(ctx: Context, day: dt.date) -> str:
    return ctx.t(f"booking.weekdays.{day.isoweekday()}")


def fmt_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def when(ctx: Context, programme: Programme, day: dt.date, start: str) -> dict[str, str]:
    """Template fields describing a slot."""
    return {
        "weekday": weekday(ctx, day),
        "date": fmt_date(day),
        "start": start,
        "end": programme.slot_end(start),
    }


def place_text(programme: Programme) -> str:
    place = programme.place
    return (
        place.name
        if not place.address or place.address in place.name
        else (f"{place.name} ({place.address})")
    )


def offered(ctx: Context, ward: Any) -> list[Programme]:
    """The programmes the chat may book: its ward's and the province-wide ones (no ward
    set on them); every programme when the deployment has no ward data."""
    book = programmes(ctx)
    if ward is None:
        return list(book.programmes)
    return book.for_ward(ward.code) + book.for_ward("")


def named(ctx: Context, text: str, ward: Any) -> Programme | None:
    """The programme a typed text names: among the ward's first, then any (a citizen who
    names another ward's programme means it)."""
    book = programmes(ctx)
    found = book.match_text(text, ward.code) if ward is not None else None
    return found or book.match_text(text)


def programme_card(ctx: Context, programme: Programme) -> str:
    """Name, description, kind, place, map link and weekly schedule."""
    schedule = "; ".join(
        ctx.t(
            "booking.schedule_item",
            weekday=ctx.t(f"booking.weekdays.{s.weekday}"),
            start=s.start,
            end=s.end,
        )
        for s in programme.schedule
    )
    card = ctx.t(
        "booking.programme_card",
        name=programme.name,
        description=programme.description,
        kind=ctx.t(f"booking.kind_{programme.kind}"),
        place=place_text(programme),
        map_url=programme.place.map_url,
        schedule=schedule,
    ).replace("\n\n", "\n")
    if programme.verify:
        card += "\n" + ctx.t("booking.programme_verify")
    return card


def stop_row(ctx: Context) -> list[Button]:
    return [Button(ctx.t("booking.btn_cancel_flow"), "mn:cancel", "stop")]


def programme_list(
    ctx: Context, items: list[Programme], text: str, data: dict[str, Any], ward: Any = None
) -> Step:
    """The programmes (of the chat's ward) as buttons, plus "Lịch hẹn của tôi"."""
    if not items:
        rows = [[Button(ctx.t("menu.btn_contact"), "mn:contact")]]
        if ward is not None:
            rows.append([Button(ctx.t("ward.btn_change"), "wd:change:")])
        none = ctx.t("booking.no_programmes_ward", ward=ward.display) if ward else ""
        reply = Reply.make(none or ctx.t("booking.no_programmes"), rows)
        return Step([reply], next="menu:idle", data={})
    if ward is not None:
        text = ctx.t("booking.programmes_of", ward=ward.display) + "\n" + text
    rows = [[Button(p.name, f"bk:prog:{p.id}")] for p in items]
    rows.append([Button(ctx.t("booking.btn_mine"), "bk:mine:")])
    rows.append(stop_row(ctx))
    return Step([Reply.make(text, rows)], next="booking:choose_programme", data=data)


def day_buttons(ctx: Context, days: list[dt.date]) -> list[list[Button]]:
    labels = [
        Button(
            ctx.t("booking.day_label", weekday=weekday(ctx, d), date=fmt_date(d)), f"bk:day:{d}"
        )
        for d in days
    ]
    return [labels[i : i + 2] for i in range(0, len(labels), 2)]


async def dates_step(
    ctx: Context,
    programme: Programme,
    data: dict[str, Any],
    *,
    intro: list[Reply] | None = None,
    note: str | None = None,
    keep: list[dt.date] | None = None,
) -> Step:
    """Offer the next available days of the programme (``note`` explains a refusal;
    ``keep``: only these of them, the days with a morning time for "sáng")."""
    book = programmes(ctx)
    taken = await counts(ctx, programme)
    skip = None
    if data.get("mv"):
        skip = (dt.date.fromisoformat(data["mv_d"]), data["mv_s"])
    days = sl.next_dates(book, programme, ctx.now(), taken, skip=skip)
    days = [d for d in days if d in keep] if keep else days
    replies = list(intro or [])
    if not days:
        rows = [
            [Button(ctx.t("booking.btn_other_programme"), "bk:start:")],
            [Button(ctx.t("menu.btn_contact"), "mn:contact")],
        ]
        text = ctx.t("booking.no_days", days=book.horizon_days)
        replies.append(Reply.make(f"{note}\n{text}" if note else text, rows))
        return Step(replies, next="booking:choose_programme", data=data)
    rows = day_buttons(ctx, days)
    rows.append([Button(ctx.t("booking.btn_other_programme"), "bk:start:")])
    rows.append(stop_row(ctx))
    text = note or ctx.t("booking.choose_day")
    replies.append(Reply.make(text, rows))
    return Step(replies, next="booking:choose_day", data={**data, "p": programme.id})


def slot_buttons(ctx: Context, free: list[sl.Slot]) -> list[list[Button]]:
    labels = [
        Button(ctx.t("booking.slot_label", start=s.start, free=s.free), f"bk:slot:{s.key}")
        for s in free
    ]
    return [labels[i : i + 3] for i in range(0, len(labels), 3)]


async def alternatives_step(
    ctx: Context,
    programme: Programme,
    data: dict[str, Any],
    text: str,
    after: tuple[dt.date, str] | None = None,
) -> Step:
    """The slot wanted is gone: offer the next free slots (any day) as buttons."""
    taken = await counts(ctx, programme)
    offer = sl.next_slots(programmes(ctx), programme, ctx.now(), taken, after=after)
    if after is not None and not offer:
        offer = sl.next_slots(programmes(ctx), programme, ctx.now(), taken)
    if not offer:
        rows = [
            [Button(ctx.t("booking.btn_other_programme"), "bk:start:")],
            [Button(ctx.t("menu.btn_contact"), "mn:contact")],
        ]
        return Step(
            [Reply.make(f"{text}\n{ctx.t('booking.no_next_slots')}", rows)],
            next="booking:choose_programme",
            data=data,
        )
    rows = [
        [
            Button(
                ctx.t(
                    "booking.next_slot_label",
                    weekday=weekday(ctx, s.date),
                    date=fmt_date(s.date),
                    start=s.start,
                ),
                f"bk:slot:{s.key}",
            )
        ]
        for s in offer
    ]
    rows.append(stop_row(ctx))
    return Step([Reply.make(text, rows)], next="booking:choose_slot", data=data)


def _minutes(start: str) -> int:
    hours, _sep, minutes = start.partition(":")
    return int(hours) * 60 + int(minutes or 0)


def not_offered_step(
    ctx: Context,
    programme: Programme,
    data: dict[str, Any],
    wanted: tuple[dt.date, str],
    free: list[sl.Slot],
) -> Step:
    """A typed time that is no slot's start: said so, the day's free times nearest first."""
    day, start = wanted
    near = sorted(free, key=lambda s: (abs(_minutes(s.start) - _minutes(start)), s.start))
    rows = slot_buttons(ctx, near)
    rows.append([Button(ctx.t("booking.btn_other_time"), f"bk:prog:{programme.id}")])
    rows.append(stop_row(ctx))
    text = ctx.t(
        "booking.slot_not_offered",
        start=start,
        date=f"{weekday(ctx, day)} {fmt_date(day)}",
        nearest=", ".join(s.start for s in near[:2]),
    )
    return Step([Reply.make(text, rows)], "booking:choose_slot", {**data, "d": day.isoformat()})


NEED_MARGIN = 5.0  # search score points between the top match and the next one


def clear_need(band: str, matches: list[Any]) -> bool:
    """Booking words ("đặt lịch") dilute the search score, so a "suggest" band still names the
    need when its top match is clearly ahead of the next one."""
    if band == "answer":
        return True
    if band != "suggest":
        return False
    runner_up = matches[1].score if len(matches) > 1 else 0.0
    return bool(matches[0].score - runner_up >= NEED_MARGIN)
