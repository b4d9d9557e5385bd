"""Bookings on SQLite and PostgreSQL: capacity is never exceeded, cancel and move keep the
seat counters right, reminders go with the booking."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest

from bot.storage.db import make_engine, make_sessionmaker, upgrade
from bot.storage.repos import uow_factory
from handlers.booking import flow as booking
from handlers.context import VN_TZ, FixedClock, Services, State
from handlers.engine import Engine
from handlers.menu import flow as menu
from handlers.types import Incoming
from knowledge.programmes import load_programmes

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=VN_TZ)
P3 = "phuong3_ngay_khong_viet"
DAY = dt.date(2026, 12, 8)


async def _db(url: str) -> tuple[Any, Any]:
    db = make_engine(url)
    await upgrade(db)
    return db, uow_factory(make_sessionmaker(db))


async def _book(uow_f: Any, chat: str, capacity: int, start: str = "08:00") -> Any:
    async with uow_f() as uow:
        record = await uow.repos.bookings.book(
            programme_id=P3, slot_date=DAY, slot_start=start, capacity=capacity,
            channel="t", chat_id=chat, full_name="Nguyễn Văn An", phone="0912345678",
            address=None, need=None, now=NOW,
        )  # fmt: skip
        await uow.commit()
        return record


async def _taken(uow_f: Any, start: str = "08:00") -> int:
    async with uow_f() as uow:
        return int(await uow.repos.bookings.seats_taken(P3, DAY, start))


async def test_hundred_concurrent_attempts_on_the_last_seat(db_url) -> None:
    db, uow_f = await _db(db_url)
    assert await _book(uow_f, "first", capacity=2) is not None  # one seat left
    results = await asyncio.gather(*(_book(uow_f, f"c{i}", capacity=2) for i in range(100)))
    winners = [r for r in results if r is not None]
    assert len(winners) == 1
    assert await _taken(uow_f) == 2
    async with uow_f() as uow:
        assert len(await uow.repos.bookings.list(day=DAY)) == 2
    await db.dispose()


async def test_hundred_chats_confirming_the_last_seat_through_the_engine(db_url) -> None:
    """Exactly one chat gets a code; the 99 others are offered the next free slots."""
    db, uow_f = await _db(db_url)
    clock = FixedClock(NOW)
    engine = Engine([menu.FLOW, booking.FLOW], Services(clock=clock), uow_f)
    capacity = load_programmes().get(P3).capacity  # type: ignore[union-attr]
    for i in range(capacity - 1):
        assert await _book(uow_f, f"pre{i}", capacity=capacity) is not None
    data = {"p": P3, "d": DAY.isoformat(), "s": "08:00", "name": "Lê Văn Cường",
            "phone": "0912345678", "need": None}  # fmt: skip
    async with uow_f() as uow:
        for i in range(100):
            state = State(flow="booking", step="confirm", data=dict(data), updated_at=NOW)
            await uow.conversations.save("t", f"c{i}", state, None)
        await uow.commit()
    replies = await asyncio.gather(
        *(engine.handle(Incoming(channel="t", chat_id=f"c{i}", payload="bk:confirm:"))
          for i in range(100))
    )  # fmt: skip
    texts = ["\n".join(r.text for r in rs) for rs in replies]
    assert sum("Đặt lịch thành công" in t for t in texts) == 1
    losers = [rs for rs, t in zip(replies, texts, strict=True) if "Đặt lịch thành công" not in t]
    assert len(losers) == 99
    for rs in losers:
        assert "vừa có người đặt hết chỗ" in rs[-1].text
        offered = [b.payload for b in rs[-1].flat_buttons() if b.payload.startswith("bk:slot:")]
        assert offered and offered[0] == f"bk:slot:{DAY.isoformat()}_08:30"
    assert await _taken(uow_f) == capacity
    await db.dispose()


async def test_cancel_frees_the_seat_and_only_for_the_owner(db_url) -> None:
    db, uow_f = await _db(db_url)
    record = await _book(uow_f, "owner", capacity=1)
    assert await _book(uow_f, "late", capacity=1) is None
    async with uow_f() as uow:
        await uow.repos.jobs.enqueue("send", NOW + dt.timedelta(days=6), {"text": "x"},
                                     f"bkrem:{record.code}:2026-12-08_08:00:d1")  # fmt: skip
        assert await uow.repos.bookings.cancel(record.code, "t", "intruder", NOW) is None
        assert await uow.repos.bookings.cancel(record.code, "other-channel", "owner", NOW) is None
        assert (
            await uow.repos.bookings.cancel(record.code, "t", "owner", NOW)
        ).status == "cancelled"
        assert await uow.repos.bookings.cancel(record.code, "t", "owner", NOW) is None  # twice
        assert await uow.repos.jobs.count() == 0
        await uow.commit()
    assert await _taken(uow_f) == 0
    assert await _book(uow_f, "late", capacity=1) is not None
    await db.dispose()


async def test_move_to_a_full_slot_changes_nothing(db_url) -> None:
    db, uow_f = await _db(db_url)
    mine = await _book(uow_f, "me", capacity=1, start="08:00")
    await _book(uow_f, "other", capacity=1, start="08:30")
    async with uow_f() as uow:
        repo = uow.repos.bookings
        assert await repo.move(mine.code, "t", "me", DAY, "08:30", 1, NOW) is None
        moved = await repo.move(mine.code, "t", "me", DAY, "09:00", 1, NOW)
        assert moved is not None and moved.code == mine.code and moved.slot_start == "09:00"
        await uow.commit()
    assert [await _taken(uow_f, s) for s in ("08:00", "08:30", "09:00")] == [0, 1, 1]
    await db.dispose()


async def test_staff_mark_attended_and_no_show(db_url) -> None:
    db, uow_f = await _db(db_url)
    a = await _book(uow_f, "a", capacity=3)
    b = await _book(uow_f, "b", capacity=3)
    async with uow_f() as uow:
        repo = uow.repos.bookings
        assert (await repo.mark(a.code, "attended", NOW)).status == "attended"
        assert (await repo.mark(b.code, "no_show", NOW)).status == "no_show"
        assert await repo.mark("LH-ZZZZ", "attended", NOW) is None
        await uow.commit()
    async with uow_f() as uow:
        listed = {r.code: r.status for r in await uow.repos.bookings.list(day=DAY)}
    assert listed == {a.code: "attended", b.code: "no_show"}
    await db.dispose()


async def test_seats_are_given_back_per_slot_and_never_below_zero(db_url) -> None:
    db, uow_f = await _db(db_url)
    await _book(uow_f, "a", capacity=3)
    await _book(uow_f, "b", capacity=3, start="08:30")
    async with uow_f() as uow:
        repo = uow.repos.bookings
        for _ in range(3):
            await repo.release_seat(P3, DAY, "08:00")
        await repo.release_seat(P3, DAY, "10:00")  # no such slot: nothing happens
        await uow.commit()
    assert [await _taken(uow_f, s) for s in ("08:00", "08:30", "10:00")] == [0, 1, 0]
    await db.dispose()


async def test_a_booking_is_read_by_code_and_only_by_its_own_chat(db_url) -> None:
    db, uow_f = await _db(db_url)
    mine = await _book(uow_f, "me", capacity=2)
    async with uow_f() as uow:
        repo = uow.repos.bookings
        got = await repo.get(mine.code)
        assert (got.code, got.chat_id, got.slot_start, got.status) == (
            mine.code, "me", "08:00", "booked",
        )  # fmt: skip
        assert await repo.get("LH-ZZZZ") is None
        assert (await repo.get_for_chat(mine.code, "t", "me")).code == mine.code
        assert await repo.get_for_chat(mine.code, "t", "someone") is None
        assert await repo.get_for_chat(mine.code, "zalo", "me") is None
        # moving to the slot it has changes nothing and takes no seat
        same = await repo.move(mine.code, "t", "me", DAY, "08:00", 2, NOW)
        assert same is not None and same.slot_start == "08:00"
        assert await repo.move(mine.code, "t", "someone", DAY, "09:00", 2, NOW) is None
        assert await repo.move(mine.code, "zalo", "me", DAY, "09:00", 2, NOW) is None
        await uow.commit()
    assert await _taken(uow_f, "08:00") == 1 and await _taken(uow_f, "09:00") == 0
    await db.dispose()


async def test_staff_marks_a_booking_back_but_never_a_cancelled_one(db_url) -> None:
    import pytest

    db, uow_f = await _db(db_url)
    a = await _book(uow_f, "a", capacity=3)
    async with uow_f() as uow:
        repo = uow.repos.bookings
        assert (await repo.mark(a.code, "no_show", NOW)).status == "no_show"
        assert (await repo.mark(a.code, "booked", NOW)).status == "booked"
        with pytest.raises(ValueError, match="not 'cancelled'"):
            await repo.mark(a.code, "cancelled", NOW)
        assert (await repo.cancel(a.code, "t", "a", NOW)).status == "cancelled"
        assert await repo.mark(a.code, "attended", NOW) is None
        assert await repo.move(a.code, "t", "a", DAY, "09:00", 3, NOW) is None
        await uow.commit()
    await db.dispose()


async def test_dropping_reminders_touches_only_this_bookings_pending_ones(db_url) -> None:
    db, uow_f = await _db(db_url)
    a = await _book(uow_f, "a", capacity=3)
    b = await _book(uow_f, "b", capacity=3)
    at = NOW + dt.timedelta(days=1)
    async with uow_f() as uow:
        for code in (a.code, b.code):
            for which in ("d1", "h1"):
                key = f"bkrem:{code}:2026-12-08_08:00:{which}"
                await uow.repos.jobs.enqueue("booking_reminder", at, {"code": code}, key)
        await uow.commit()
    from sqlalchemy import select

    from bot.storage.models import Job

    sent_key = f"bkrem:{a.code}:2026-12-08_08:00:d1"
    async with uow_f() as uow:  # one reminder already went out: it is history, kept
        sent = (
            await uow.session.execute(select(Job.id).where(Job.dedupe_key == sent_key))
        ).scalar_one()
        await uow.repos.jobs.complete(sent, NOW)
        await uow.commit()
    async with uow_f() as uow:
        assert await uow.repos.bookings.drop_reminders(a.code) == 1
        assert await uow.repos.bookings.drop_reminders(a.code) == 0
        await uow.commit()
    async with uow_f() as uow:
        keys = sorted((await uow.session.execute(select(Job.dedupe_key))).scalars())
    assert keys == sorted(
        [sent_key, f"bkrem:{b.code}:2026-12-08_08:00:d1", f"bkrem:{b.code}:2026-12-08_08:00:h1"]
    )
    await db.dispose()


async def test_upcoming_bookings_are_this_chats_active_ones_from_today_soonest_first(
    db_url,
) -> None:
    db, uow_f = await _db(db_url)
    today = DAY

    async def book(chat: str, day: dt.date, start: str, channel: str = "t") -> str:
        async with uow_f() as uow:
            record = await uow.repos.bookings.book(
                programme_id=P3, slot_date=day, slot_start=start, capacity=9,
                channel=channel, chat_id=chat, full_name="Nguyễn Văn An", phone="0912345678",
                address=None, need=None, now=NOW,
            )  # fmt: skip
            await uow.commit()
        return record.code

    later_early = await book("me", today + dt.timedelta(days=1), "08:00")
    today_late = await book("me", today, "14:00")
    today_early = await book("me", today, "09:00")
    later_late = await book("me", today + dt.timedelta(days=1), "07:30")
    await book("me", today - dt.timedelta(days=1), "08:00")  # yesterday: past
    cancelled = await book("me", today, "10:00")
    await book("someone", today, "08:00")  # another chat
    await book("me", today, "08:00", channel="zalo")  # the same id on another channel
    async with uow_f() as uow:
        await uow.repos.bookings.cancel(cancelled, "t", "me", NOW)
        await uow.commit()
    async with uow_f() as uow:
        got = [b.code for b in await uow.repos.bookings.upcoming_for_chat("t", "me", today)]
    assert got == [today_early, today_late, later_late, later_early]
    await db.dispose()


async def test_a_seat_given_back_is_that_programmes_on_that_day_only(db_url) -> None:
    """Same start time, another programme or another day: their seats stay taken."""
    db, uow_f = await _db(db_url)
    other_day = DAY + dt.timedelta(days=7)
    async with uow_f() as uow:
        repo = uow.repos.bookings
        for programme, day in ((P3, DAY), (P3, other_day), ("my_tan_tai_nha", DAY)):
            assert await repo.take_seat(programme, day, "08:00", 3)
        await uow.commit()
    async with uow_f() as uow:
        repo = uow.repos.bookings
        await repo.release_seat(P3, DAY, "08:00")
        await uow.commit()
    async with uow_f() as uow:
        repo = uow.repos.bookings
        taken = [
            await repo.seats_taken(P3, DAY, "08:00"),
            await repo.seats_taken(P3, other_day, "08:00"),
            await repo.seats_taken("my_tan_tai_nha", DAY, "08:00"),
        ]
    assert taken == [0, 1, 1]
    await db.dispose()


@pytest.mark.mutate_postgres  # ties in one slot: PostgreSQL's sort alone keeps no order
async def test_the_staff_list_is_in_slot_order_then_booking_order(db_url) -> None:
    db, uow_f = await _db(db_url)
    next_day = DAY + dt.timedelta(days=1)
    booked = []
    for chat, day, start in (("a", next_day, "08:00"), ("b", DAY, "10:00"),
                             ("c", DAY, "08:00"), ("d", DAY, "08:00"), ("e", DAY, "08:00")):  # fmt: skip
        async with uow_f() as uow:
            record = await uow.repos.bookings.book(
                programme_id=P3, slot_date=day, slot_start=start, capacity=5,
                channel="t", chat_id=chat, full_name="Nguyễn Văn An", phone="0912345678",
                address=None, need=None, now=NOW,
            )  # fmt: skip
            await uow.commit()
        booked.append(record.code)
    a, b, c, d, e = booked
    async with uow_f() as uow:  # marking rewrites the rows (PostgreSQL moves them)
        for code in (c, d):
            await uow.repos.bookings.mark(code, "attended", NOW)
        await uow.commit()
    async with uow_f() as uow:
        listed = [r.code for r in await uow.repos.bookings.list(since=DAY)]
        one_day = [r.code for r in await uow.repos.bookings.list(day=DAY)]
    assert listed == [c, d, e, b, a]
    assert one_day == [c, d, e, b]
    await db.dispose()


async def test_the_seats_offered_as_taken_are_this_programmes_between_the_two_dates(
    db_url,
) -> None:
    """What the booking offer greys out: seats taken per slot of one programme, both end
    dates included; the day before, the day after and another programme's seats are not."""
    db, uow_f = await _db(db_url)
    first, last = DAY, DAY + dt.timedelta(days=2)
    taken = [
        (P3, first, "08:00", 2),
        (P3, last, "14:00", 1),
        (P3, first - dt.timedelta(days=1), "08:00", 1),
        (P3, last + dt.timedelta(days=1), "08:00", 1),
        ("my_tan_tai_nha", first, "08:00", 3),
    ]
    async with uow_f() as uow:
        for programme, day, start, seats in taken:
            for _ in range(seats):
                assert await uow.repos.bookings.take_seat(programme, day, start, 5)
        await uow.commit()
    async with uow_f() as uow:
        counts = await uow.repos.bookings.counts(P3, first, last)
    assert counts == {(first, "08:00"): 2, (last, "14:00"): 1}
    await db.dispose()
