"""Dossier and job repositories on SQLite and PostgreSQL: idempotent upserts, history,
subscriptions, lockout records, deduplicated jobs claimed once by concurrent workers."""

from __future__ import annotations

import asyncio
import datetime as dt

from bot.storage.db import make_engine, make_sessionmaker, upgrade
from bot.storage.repos import uow_factory
from handlers.context import VN_TZ
from handlers.status.dossier import DossierInput
from handlers.status.views import notify_changes

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=VN_TZ)


def _inp(code: str, status: str = "Mới tiếp nhận", **kw) -> DossierInput:
    values = dict(
        procedure_name="Đăng ký khai sinh",
        applicant_masked="Nguyễn V*** A",
        phone_hash="h" * 64,
        phone_last4="1234",
        received_at=dt.date(2026, 11, 30),
        due_at=dt.date(2026, 12, 3),
        office="UBND",
    )
    values.update(kw)
    return DossierInput(code=code, status=status, **values)  # type: ignore[arg-type]


async def _uow(url: str):
    db = make_engine(url)
    await upgrade(db)
    return db, uow_factory(make_sessionmaker(db))


async def test_upsert_is_idempotent_and_records_status_history(db_url) -> None:
    db, uow = await _uow(db_url)
    codes = [f"000.00.14.H20-261130-{i:04d}" for i in range(1, 2501)]  # > one batch
    async with uow() as u:
        changes = await u.repos.dossiers.upsert_many([_inp(c) for c in codes], NOW)
        await u.commit()
    assert all(c.created for c in changes) and len(changes) == 2500
    async with uow() as u:
        again = await u.repos.dossiers.upsert_many([_inp(c) for c in codes], NOW)
        await u.commit()
    assert not any(c.changed for c in again)
    later = NOW + dt.timedelta(hours=2)
    async with uow() as u:
        moved = await u.repos.dossiers.upsert_many(
            [_inp(codes[0], "Đang xử lý"), _inp(codes[1], due_at=dt.date(2026, 12, 4))], later
        )
        await u.commit()
    assert moved[0].status_changed and moved[0].event_id
    assert moved[1].changed and not moved[1].status_changed and moved[1].event_id is None
    async with uow() as u:
        view = await u.repos.dossiers.get(codes[0])
        assert await u.repos.dossiers.count() == 2500
    assert view is not None and view.status == "Đang xử lý"
    assert [e.status for e in view.history] == ["Mới tiếp nhận", "Đang xử lý"]
    assert view.history[0].changed_at.astimezone(VN_TZ).date() == dt.date(2026, 11, 30)
    await db.dispose()


async def test_set_status_subscriptions_and_notification_jobs(db_url) -> None:
    db, uow = await _uow(db_url)
    code = "000.00.14.H20-261130-0001"
    async with uow() as u:
        await u.repos.dossiers.upsert(_inp(code), NOW)
        assert await u.repos.dossiers.subscribe(code, "telegram", "42", NOW)
        assert not await u.repos.dossiers.subscribe(code, "telegram", "42", NOW)
        await u.repos.dossiers.subscribe(code, "zalo", "z9", NOW)
        assert await u.repos.dossiers.set_status("nope", "Đang xử lý", None, NOW) is None
        change = await u.repos.dossiers.set_status(code, "Chờ bổ sung hồ sơ", "Thiếu ảnh", NOW)
        assert change is not None and change.status_changed
        same = await u.repos.dossiers.set_status(code, "Chờ bổ sung hồ sơ", None, NOW)
        assert same is not None and not same.changed
        assert await notify_changes(u.repos, [change, same], NOW) == 2
        await u.commit()
    async with uow() as u:  # the same change reported again (a retried request) adds nothing
        assert await notify_changes(u.repos, [change], NOW) == 0
        assert await u.repos.jobs.count(kind="send") == 2
        assert await u.repos.dossiers.unsubscribe(code, "zalo", "z9")
        assert await u.repos.dossiers.subscribers([code]) == {code: [("telegram", "42")]}
        view = await u.repos.dossiers.get(code)
        await u.commit()
    assert view is not None and view.note == "Thiếu ảnh" and view.history[-1].note == "Thiếu ảnh"
    await db.dispose()


async def test_failed_lookups_are_counted_per_chat_and_window(db_url) -> None:
    db, uow = await _uow(db_url)
    async with uow() as u:
        for minutes in (0, 20, 70):
            await u.repos.lookups.record_failure("t", "a", NOW + dt.timedelta(minutes=minutes))
        await u.repos.lookups.record_failure("t", "b", NOW)
        await u.commit()
    async with uow() as u:
        since = NOW + dt.timedelta(minutes=75) - dt.timedelta(hours=1)
        assert len(await u.repos.lookups.failures_since("t", "a", since)) == 2
        assert await u.repos.lookups.prune(NOW + dt.timedelta(minutes=5)) == 2
        await u.commit()
    await db.dispose()


async def test_failures_count_for_their_own_channel_and_code_oldest_first(db_url) -> None:
    """The lock's end is read from the oldest failure in the window, so the times come
    oldest first even when stored out of order; the same chat id on another channel (a
    Zalo user whose id equals a Telegram chat's) and failures on another receipt code do
    not count against this chat or this code (mutmut: lookups' conditions and ORDER BY)."""
    db, uow = await _uow(db_url)
    a, b = "000.00.14.H20-261130-0001", "000.00.14.H20-261130-0002"
    async with uow() as u:
        for minutes in (40, 10, 25):  # stored out of order
            at = NOW + dt.timedelta(minutes=minutes)
            await u.repos.lookups.record_failure("telegram", "42", at, a)
        await u.repos.lookups.record_failure("zalo", "42", NOW + dt.timedelta(minutes=5), b)
        await u.repos.lookups.record_code_failure(b, NOW + dt.timedelta(minutes=1))
        await u.commit()
    async with uow() as u:
        mine = await u.repos.lookups.failures_since("telegram", "42", NOW)
        on_a = await u.repos.lookups.code_failures_since(a, NOW)
        on_b = await u.repos.lookups.code_failures_since(b, NOW)
    expected = [NOW + dt.timedelta(minutes=m) for m in (10, 25, 40)]
    assert mine == expected and on_a == expected
    assert on_b == [NOW + dt.timedelta(minutes=m) for m in (1, 5)]
    await db.dispose()


async def test_jobs_dedupe_retry_and_give_up(db_url) -> None:
    db, uow = await _uow(db_url)
    async with uow() as u:
        assert await u.repos.jobs.enqueue("send", NOW, {"n": 1}, "k1")
        assert not await u.repos.jobs.enqueue("send", NOW, {"n": 2}, "k1")
        await u.repos.jobs.enqueue("send", NOW + dt.timedelta(hours=1), {"n": 3}, "later")
        await u.commit()
    async with uow() as u:
        jobs = await u.repos.jobs.claim_due(NOW, 10, "w1")
        await u.commit()
    assert [j.payload for j in jobs] == [{"n": 1}] and jobs[0].attempts == 1
    async with uow() as u:
        assert await u.repos.jobs.claim_due(NOW, 10, "w2") == []  # running, lease not over
        await u.repos.jobs.fail(jobs[0].id, "boom", NOW + dt.timedelta(minutes=1))
        await u.commit()
    async with uow() as u:
        assert await u.repos.jobs.claim_due(NOW, 10, "w1") == []
        retry = await u.repos.jobs.claim_due(NOW + dt.timedelta(minutes=1), 10, "w1")
        assert [j.attempts for j in retry] == [2]
        await u.repos.jobs.fail(retry[0].id, "boom again")  # give up
        await u.commit()
    async with uow() as u:
        assert (await u.repos.jobs.status_of("k1"))["status"] == "failed"  # type: ignore[index]
        assert await u.repos.jobs.claim_due(NOW + dt.timedelta(days=1), 10, "w1") != []
        assert await u.repos.jobs.cancel("later") is False  # already claimed: too late
        await u.commit()
    await db.dispose()


async def test_two_workers_never_claim_the_same_job(db_url) -> None:
    db, uow = await _uow(db_url)
    db2 = make_engine(db_url)  # a second process has its own engine and connections
    uow2 = uow_factory(make_sessionmaker(db2))
    async with uow() as u:
        for i in range(60):
            await u.repos.jobs.enqueue("send", NOW, {"i": i}, f"k{i}")
        await u.commit()

    async def worker(factory, name: str) -> list[int]:
        got: list[int] = []
        while True:
            async with factory() as u:
                jobs = await u.repos.jobs.claim_due(NOW, 7, name)
                await asyncio.sleep(0.01)  # hold the claim open while the other one tries
                await u.commit()
            if not jobs:
                return got
            got.extend(j.payload["i"] for j in jobs)

    a, b = await asyncio.gather(worker(uow, "a"), worker(uow2, "b"))
    assert sorted(a + b) == list(range(60))
    assert not set(a) & set(b)
    await db.dispose()
    await db2.dispose()
