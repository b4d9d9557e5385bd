"""The inbox contract on SQLite and PostgreSQL: stored once per key, one owner per chat at
a time, the platform's order within a chat, a dead owner's chat retaken after its lease,
and a worker that lost its chat cannot record anything for it."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from bot.storage.db import make_engine, make_sessionmaker, upgrade
from bot.storage.inbox import LeaseLost
from bot.storage.repos import uow_factory

LEASE = dt.timedelta(seconds=30)
T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)

# claim_chats locks its pick on PostgreSQL only: `make mutate` runs these tests there too
pytestmark = pytest.mark.mutate_postgres


@pytest.fixture
async def uow(db_url):
    db = make_engine(db_url)
    await upgrade(db)
    yield uow_factory(make_sessionmaker(db))
    await db.dispose()


async def _add(uow, chat: str, key: str, sort_key: int | None = None) -> int | None:
    async with uow() as w:
        item = await w.repos.inbox.add("zalo_bot", chat, key, {"k": key}, T0, sort_key)
        await w.commit()
    return item


async def _claim(uow, owner: str, now: dt.datetime = T0) -> list:
    async with uow() as w:
        got = await w.repos.inbox.claim_chats(owner, now, LEASE, 10)
        await w.commit()
    return got


async def test_redelivery_is_stored_once_and_order_follows_the_platform(uow) -> None:
    assert await _add(uow, "c1", "m-2", sort_key=20) is not None
    assert await _add(uow, "c1", "m-1", sort_key=10) is not None  # stored later, sent first
    assert await _add(uow, "c1", "m-1", sort_key=10) is None  # redelivered
    [(channel, chat, retaken)] = await _claim(uow, "w1")
    assert (channel, chat, retaken) == ("zalo_bot", "c1", False)
    taken = []
    for _ in range(2):
        async with uow() as w:
            item = await w.repos.inbox.next_item("zalo_bot", "c1")
            await w.repos.inbox.finish(item, "w1", T0, LEASE)
            await w.commit()
        taken.append(item.payload["k"])
    assert taken == ["m-1", "m-2"]
    async with uow() as w:
        assert await w.repos.inbox.next_item("zalo_bot", "c1") is None
        assert await w.repos.inbox.release("zalo_bot", "c1", "w1") is True
        await w.commit()
    assert await _claim(uow, "w2") == []  # nothing left to do


async def test_one_owner_per_chat_and_a_dead_owner_is_replaced_after_the_lease(uow) -> None:
    for n in range(3):
        await _add(uow, f"c{n}", f"k{n}")
    first, second = await asyncio.gather(_claim(uow, "w1"), _claim(uow, "w2"))
    chats = [c for _ch, c, _r in first] + [c for _ch, c, _r in second]
    assert sorted(chats) == ["c0", "c1", "c2"]  # each chat to exactly one worker
    assert await _claim(uow, "w3") == []  # all held
    owner = "w1" if first else "w2"
    chat = (first or second)[0][1]
    later = T0 + LEASE + dt.timedelta(seconds=1)  # the owners died: leases ran out
    retaken = await _claim(uow, "w3", later)
    assert ("zalo_bot", chat, True) in retaken
    async with uow() as w:  # the old owner wakes up: it can no longer record its turn
        item = await w.repos.inbox.next_item("zalo_bot", chat)
        with pytest.raises(LeaseLost):
            await w.repos.inbox.finish(item, owner, later, LEASE)


async def test_new_work_keeps_the_chat_with_its_owner(uow) -> None:
    await _add(uow, "c1", "a")
    await _claim(uow, "w1")
    async with uow() as w:
        item = await w.repos.inbox.next_item("zalo_bot", "c1")
        await w.repos.inbox.finish(item, "w1", T0, LEASE)
        await w.commit()
    await _add(uow, "c1", "b")  # arrives before the owner lets go
    async with uow() as w:
        assert await w.repos.inbox.release("zalo_bot", "c1", "w1") is False
        assert (await w.repos.inbox.next_item("zalo_bot", "c1")).payload["k"] == "b"


async def test_finishing_an_update_renews_the_lease_so_a_dead_owner_is_retaken_later(uow) -> None:
    """The owner finishes the first update 20 s after its claim, then dies: its chat is not
    taken while the renewed lease runs (40 s after the claim), and is taken once it ran
    out (60 s); a lease never renewed or cleared would give the chat away early or never."""
    await _add(uow, "c9", "a")
    await _add(uow, "c9", "b")
    assert await _claim(uow, "w1") == [("zalo_bot", "c9", False)]
    async with uow() as w:
        item = await w.repos.inbox.next_item("zalo_bot", "c9")
        await w.repos.inbox.finish(item, "w1", T0 + dt.timedelta(seconds=20), LEASE)
        await w.commit()
    assert await _claim(uow, "w2", T0 + dt.timedelta(seconds=40)) == []
    assert await _claim(uow, "w2", T0 + dt.timedelta(seconds=60)) == [("zalo_bot", "c9", True)]
