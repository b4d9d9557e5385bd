"""The rest of the delivery and lookup storage contract, on SQLite and PostgreSQL: each
method's exact result, so that a changed comparison or a dropped condition fails here.

Inbox: an update's id, sequence and payload as stored, attempts counted, a deferred chat not
taken before it settles, a handed-over chat taken at once, the web chat's own claim, the
backlog and its age, what is pruned and what is kept. Outbox: messages of one chat in order,
attempts, sent/failed records, the web chat's take, stale messages and pruning. Processed
updates: read-only checks, release and pruning by age. Lookups: failures per code, the
locked-codes list, staff lifting a lock, pruning.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.storage.db import make_engine, make_sessionmaker, upgrade
from bot.storage.inbox import LeaseLost
from bot.storage.models import OutboxItem
from bot.storage.repos import uow_factory

LEASE = dt.timedelta(seconds=30)
T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
S = dt.timedelta(seconds=1)


@pytest.fixture
async def uow(db_url):
    db = make_engine(db_url)
    await upgrade(db)
    yield uow_factory(make_sessionmaker(db))
    await db.dispose()


async def _add(uow, chat: str, key: str, at: dt.datetime = T0, sort_key: int | None = None):
    async with uow() as w:
        got = await w.repos.inbox.add("zalo_bot", chat, key, {"k": key}, at, sort_key)
        await w.commit()
    return got


# -- inbox ---------------------------------------------------------------------------------


async def test_a_stored_update_reads_back_whole(uow) -> None:
    first = await _add(uow, "c1", "k1", sort_key=None)
    second = await _add(uow, "c1", "k2", T0 + S, sort_key=5)
    other = await _add(uow, "c2", "k3")
    assert first is not None and second == first + 1 and other == first + 2
    async with uow() as w:
        item = await w.repos.inbox.next_item("zalo_bot", "c1")
        assert (item.id, item.channel, item.chat_id, item.seq) == (second, "zalo_bot", "c1", 2)
        assert (item.sort_key, item.payload, item.attempts) == (5, {"k": "k2"}, 0)
        assert item.received_at == T0 + S
        assert await w.repos.inbox.status_of(second) == "pending"
        assert await w.repos.inbox.status_of(10**6) is None
        assert await w.repos.inbox.next_item("zalo_bot", "nobody") is None
        assert await w.repos.inbox.next_item("telegram", "c1") is None
    async with uow() as w:  # no sort key: arrival time in ms orders it
        rest = await w.repos.inbox.next_item("zalo_bot", "c2")
        assert rest.sort_key == int(T0.timestamp() * 1000) and rest.seq == 1


async def test_finish_marks_done_or_failed_and_forgets_the_payload(uow) -> None:
    await _add(uow, "c1", "k1")
    await _add(uow, "c1", "k2", T0 + S)
    async with uow() as w:
        assert await w.repos.inbox.claim_chats("w1", T0, LEASE) == [("zalo_bot", "c1", False)]
        await w.commit()
    for error, status in ((None, "done"), ("ValueError", "failed")):
        async with uow() as w:
            item = await w.repos.inbox.next_item("zalo_bot", "c1")
            await w.repos.inbox.finish(item, "w1", T0, LEASE, error)
            await w.commit()
        async with uow() as w:
            assert await w.repos.inbox.status_of(item.id) == status
    async with uow() as w:
        with pytest.raises(LeaseLost):  # finished already: never twice
            await w.repos.inbox.finish(item, "w1", T0, LEASE)
    async with uow() as w:
        assert await w.repos.inbox.release("zalo_bot", "c1", "w2") is False  # not its chat
        assert await w.repos.inbox.release("zalo_bot", "c1", "w1") is True
        await w.commit()
    async with uow() as w:
        assert await w.repos.inbox.owner_of("zalo_bot", "c1") is None
        assert await w.repos.inbox.owner_of("zalo_bot", "unknown") is None


async def test_attempts_are_counted_one_by_one(uow) -> None:
    item_id = await _add(uow, "c1", "k1")
    for _ in range(2):
        async with uow() as w:
            await w.repos.inbox.count_attempt(item_id)
            await w.commit()
    other = await _add(uow, "c2", "k2")
    async with uow() as w:
        assert (await w.repos.inbox.next_item("zalo_bot", "c1")).attempts == 2
        assert (await w.repos.inbox.next_item("zalo_bot", "c2")).attempts == 0
    assert other is not None


async def test_a_deferred_chat_waits_until_it_settles(uow) -> None:
    await _add(uow, "c1", "k1")
    async with uow() as w:
        await w.repos.inbox.claim_chats("w1", T0, LEASE)
        await w.repos.inbox.defer("zalo_bot", "c1", "w2", T0 + 5 * S)  # not its chat: nothing
        await w.commit()
    async with uow() as w:
        assert await w.repos.inbox.owner_of("zalo_bot", "c1") == "w1"
        await w.repos.inbox.defer("zalo_bot", "c1", "w1", T0 + 5 * S)
        await w.commit()
    async with uow() as w:
        assert await w.repos.inbox.owner_of("zalo_bot", "c1") is None
        now = T0 + 10 * S
        assert await w.repos.inbox.claim_chats("w2", now, LEASE, settled=T0 + 4 * S) == []
        got = await w.repos.inbox.claim_chats("w2", now, LEASE, settled=T0 + 5 * S)
        assert got == [("zalo_bot", "c1", False)]


async def test_handing_over_or_deferring_one_chat_leaves_the_owners_other_chats(uow) -> None:
    for chat in ("c1", "c2", "c3"):
        await _add(uow, chat, f"k-{chat}")
    async with uow() as w:  # the same chat id on another channel is another chat
        await w.repos.inbox.add("telegram", "c1", "tg-c1", {}, T0)
        await w.repos.inbox.add("telegram", "c2", "tg-c2", {}, T0)
        await w.commit()
    async with uow() as w:
        assert len(await w.repos.inbox.claim_chats("w1", T0, LEASE, limit=9)) == 5
        await w.repos.inbox.hand_over("zalo_bot", "c1", "w1")
        await w.repos.inbox.defer("zalo_bot", "c2", "w1", T0 + 5 * S)
        await w.commit()
    async with uow() as w:
        owners = {
            (ch, c): await w.repos.inbox.owner_of(ch, c)
            for ch, c in [("zalo_bot", "c1"), ("zalo_bot", "c2"), ("zalo_bot", "c3")]
            + [("telegram", "c1"), ("telegram", "c2")]
        }
    assert owners == {
        ("zalo_bot", "c1"): None,
        ("zalo_bot", "c2"): None,
        ("zalo_bot", "c3"): "w1",
        ("telegram", "c1"): "w1",
        ("telegram", "c2"): "w1",
    }


async def test_releasing_one_finished_chat_leaves_the_owners_other_finished_chats(uow) -> None:
    await _add(uow, "c1", "k1")
    await _add(uow, "c2", "k2")
    async with uow() as w:
        await w.repos.inbox.add("telegram", "c1", "tg-c1", {}, T0)
        await w.commit()
    async with uow() as w:
        assert len(await w.repos.inbox.claim_chats("w1", T0, LEASE, limit=9)) == 3
        await w.commit()
    for channel, chat in (("zalo_bot", "c1"), ("zalo_bot", "c2"), ("telegram", "c1")):
        async with uow() as w:  # every chat's work is done, none given up yet
            item = await w.repos.inbox.next_item(channel, chat)
            await w.repos.inbox.finish(item, "w1", T0, LEASE)
            await w.commit()
    async with uow() as w:
        assert await w.repos.inbox.release("zalo_bot", "c1", "w2") is False  # not its owner
        assert await w.repos.inbox.owner_of("zalo_bot", "c1") == "w1"
        assert await w.repos.inbox.release("zalo_bot", "c1", "w1") is True
        await w.commit()
    async with uow() as w:
        assert await w.repos.inbox.owner_of("zalo_bot", "c1") is None
        assert await w.repos.inbox.owner_of("zalo_bot", "c2") == "w1"
        assert await w.repos.inbox.owner_of("telegram", "c1") == "w1"


async def test_a_handed_over_chat_is_taken_at_once_by_another_worker(uow) -> None:
    await _add(uow, "c1", "k1")
    async with uow() as w:
        await w.repos.inbox.claim_chats("w1", T0, LEASE)
        await w.repos.inbox.hand_over("zalo_bot", "c1", "w9")  # not its chat: nothing
        await w.commit()
    async with uow() as w:
        assert await w.repos.inbox.claim_chats("w2", T0, LEASE) == []
        await w.repos.inbox.hand_over("zalo_bot", "c1", "w1")
        await w.commit()
    async with uow() as w:  # its lease had not run out: the work is left, the owner gone
        assert await w.repos.inbox.claim_chats("w2", T0 + S, LEASE) == [("zalo_bot", "c1", False)]
        await w.commit()
    async with uow() as w:
        assert await w.repos.inbox.owner_of("zalo_bot", "c1") == "w2"


async def test_the_web_chat_claims_its_own_chat_only_when_free(uow) -> None:
    await _add(uow, "web1", "k1")
    async with uow() as w:
        assert await w.repos.inbox.claim_chat("zalo_bot", "web1", "w1", T0, LEASE) is True
        await w.commit()
    async with uow() as w:
        assert await w.repos.inbox.claim_chat("zalo_bot", "web1", "w2", T0 + LEASE, LEASE) is False
        assert await w.repos.inbox.claim_chat("zalo_bot", "web1", "w2", T0 + LEASE + S, LEASE)
        assert await w.repos.inbox.claim_chat("zalo_bot", "nobody", "w2", T0, LEASE) is False
        await w.commit()
    async with uow() as w:
        assert await w.repos.inbox.owner_of("zalo_bot", "web1") == "w2"


# `make mutate` runs this one on PostgreSQL too: there a table scan returns the chats in heap
# order ("late" first), so only the ORDER BY keeps them oldest first (SQLite reads the
# pending_since index in order and would hide a missing ORDER BY)
@pytest.mark.mutate_postgres
async def test_claims_take_the_oldest_chats_first_up_to_the_limit(uow) -> None:
    await _add(uow, "late", "k1", T0 + 2 * S)
    await _add(uow, "early", "k2", T0)
    await _add(uow, "middle", "k3", T0 + S)
    async with uow() as w:
        got = await w.repos.inbox.claim_chats("w1", T0 + 3 * S, LEASE, limit=2)
        assert [c for _, c, _ in got] == ["early", "middle"]


async def test_a_chat_with_a_live_owner_does_not_hide_a_free_one_behind_it(uow) -> None:
    await _add(uow, "busy", "k1", T0)
    await _add(uow, "free", "k2", T0 + S)
    async with uow() as w:
        got = await w.repos.inbox.claim_chats("w1", T0 + 2 * S, LEASE, limit=1)
        await w.commit()
    assert [c for _, c, _ in got] == ["busy"]  # the oldest; still working on it
    async with uow() as w:
        got = await w.repos.inbox.claim_chats("w2", T0 + 3 * S, LEASE, limit=1)
    assert [c for _, c, _ in got] == ["free"]


async def test_the_idle_poll_agrees_with_the_claim_at_the_lease_end(uow) -> None:
    await _add(uow, "c", "k1", T0)
    async with uow() as w:
        assert len(await w.repos.inbox.claim_chats("w1", T0, LEASE)) == 1
        await w.commit()
    end = T0 + LEASE  # the owner's lease lasts up to this instant
    async with uow() as w:
        assert await w.repos.inbox.has_claimable(end) is False
        assert await w.repos.inbox.claim_chats("w2", end, LEASE) == []
    later = end + dt.timedelta(microseconds=1)
    async with uow() as w:
        assert await w.repos.inbox.has_claimable(later) is True
        assert [c for _, c, _ in await w.repos.inbox.claim_chats("w2", later, LEASE)] == ["c"]


async def test_backlog_counts_pending_updates_and_the_oldest_age(uow) -> None:
    async with uow() as w:
        assert await w.repos.inbox.backlog(T0) == (0, 0.0)
    await _add(uow, "c1", "k1", T0)
    await _add(uow, "c2", "k2", T0 + 10 * S)
    async with uow() as w:
        assert await w.repos.inbox.backlog(T0 + 60 * S) == (2, 60.0)
        assert await w.repos.inbox.backlog(T0 - 5 * S) == (2, 0.0)  # clock behind: never < 0


async def test_prune_forgets_old_finished_updates_only(uow) -> None:
    for key in ("a", "b"):
        await _add(uow, "c1", key)
    await _add(uow, "c2", "pending")
    async with uow() as w:
        await w.repos.inbox.claim_chats("w1", T0, LEASE)
        first = await w.repos.inbox.next_item("zalo_bot", "c1")
        await w.repos.inbox.finish(first, "w1", T0, LEASE)
        await w.commit()
    async with uow() as w:
        second = await w.repos.inbox.next_item("zalo_bot", "c1")
        await w.repos.inbox.finish(second, "w1", T0 + 10 * S, LEASE)
        await w.commit()
    async with uow() as w:
        assert await w.repos.inbox.prune(T0) == 0  # done exactly then: kept
        assert await w.repos.inbox.prune(T0 + 5 * S) == 1
        await w.commit()
    async with uow() as w:
        assert await w.repos.inbox.status_of(first.id) is None
        assert await w.repos.inbox.status_of(second.id) == "done"
        assert await w.repos.inbox.prune(T0 + 3600 * S) == 1  # the pending one stays
        await w.commit()
    assert await _add(uow, "c1", "a") is not None  # a pruned key no longer dedupes


# -- outbox --------------------------------------------------------------------------------


async def test_outbox_keeps_one_chats_messages_in_order_with_their_attempts(uow) -> None:
    async with uow() as w:
        await w.repos.outbox.add(7, "telegram", "c1", [{"n": 1}, {"n": 2}], T0)
        await w.repos.outbox.add(8, "telegram", "c2", [{"n": 3}], T0)
        await w.repos.outbox.add(None, "zalo_bot", "c1", [{"n": 4}], T0)
        await w.commit()
    async with uow() as w:
        mine = await w.repos.outbox.pending_for_chat("telegram", "c1")
        assert [(m.inbox_id, m.channel, m.chat_id, m.payload) for m in mine] == [
            (7, "telegram", "c1", {"n": 1}),
            (7, "telegram", "c1", {"n": 2}),
        ]
        assert [m.attempts for m in mine] == [0, 0]
        await w.repos.outbox.start([mine[0].id])
        await w.repos.outbox.start([])
        await w.repos.outbox.mark(mine[1].id, "failed", T0, "Forbidden: blocked")
        await w.commit()
    async with uow() as w:
        left = await w.repos.outbox.pending_for_chat("telegram", "c1")
        assert [(m.payload, m.attempts) for m in left] == [({"n": 1}, 1)]
        await w.repos.outbox.mark(left[0].id, "sent", T0)
        await w.commit()
    async with uow() as w:
        assert await w.repos.outbox.pending_for_chat("telegram", "c1") == []
        assert await w.repos.outbox.count() == 4
        assert (await w.repos.outbox.count("sent"), await w.repos.outbox.count("failed")) == (1, 1)
        assert await w.repos.outbox.count("pending") == 2


async def test_the_web_chat_takes_its_turns_messages_once(uow) -> None:
    async with uow() as w:
        await w.repos.outbox.add(1, "web", "u", [{"n": 1}, {"n": 2}], T0)
        await w.repos.outbox.add(2, "web", "u", [{"n": 3}], T0)
        await w.commit()
    async with uow() as w:
        taken = await w.repos.outbox.take_for_inbox(1, T0)
        assert [(m.payload, m.attempts) for m in taken] == [({"n": 1}, 0), ({"n": 2}, 0)]
        await w.commit()
    async with uow() as w:
        assert await w.repos.outbox.take_for_inbox(1, T0) == []
        assert await w.repos.outbox.count("sent") == 2
        assert [m.payload for m in await w.repos.outbox.pending_for_chat("web", "u")] == [{"n": 3}]
        assert await w.repos.outbox.take_for_inbox(99, T0) == []
        # taken means sent at that time: pruned like any sent message
        assert await w.repos.outbox.prune(T0) == 0
        assert await w.repos.outbox.prune(T0 + S) == 2


async def test_stale_messages_are_the_old_unsent_ones_of_a_channel(uow) -> None:
    async with uow() as w:
        await w.repos.outbox.add(1, "web", "u", [{"n": 1}], T0)
        await w.repos.outbox.add(2, "web", "u", [{"n": 2}, {"n": 3}], T0 + 10 * S)
        await w.repos.outbox.add(3, "telegram", "u", [{"n": 4}], T0)
        await w.commit()
    async with uow() as w:
        assert await w.repos.outbox.stale("web", T0) == []
        assert [m.payload for m in await w.repos.outbox.stale("web", T0 + S)] == [{"n": 1}]
        later = await w.repos.outbox.stale("web", T0 + 11 * S, limit=2)
        assert [m.payload for m in later] == [{"n": 1}, {"n": 2}]
        first = later[0]
        await w.repos.outbox.mark(first.id, "sent", T0 + 11 * S)  # sent: no longer stale
        assert [m.payload for m in await w.repos.outbox.stale("web", T0 + 11 * S)] == [
            {"n": 2},
            {"n": 3},
        ]


async def test_outbox_prune_forgets_old_finished_messages_only(uow) -> None:
    async with uow() as w:
        await w.repos.outbox.add(1, "web", "u", [{"n": 1}, {"n": 2}, {"n": 3}], T0)
        await w.commit()
    async with uow() as w:
        a, b, _c = await w.repos.outbox.pending_for_chat("web", "u")
        await w.repos.outbox.mark(a.id, "sent", T0)
        await w.repos.outbox.mark(b.id, "failed", T0 + 10 * S, "x")
        await w.commit()
    async with uow() as w:
        assert await w.repos.outbox.prune(T0) == 0
        assert await w.repos.outbox.prune(T0 + S) == 1
        assert await w.repos.outbox.prune(T0 + 3600 * S) == 1
        await w.commit()
    async with uow() as w:
        assert await w.repos.outbox.count() == 1 and await w.repos.outbox.count("pending") == 1


async def test_an_interrupted_send_goes_out_again_before_the_chats_later_messages(uow) -> None:
    async with uow() as w:
        await w.repos.outbox.add(1, "telegram", "c", [{"n": 1}, {"n": 2}], T0)
        await w.commit()
    async with uow() as w:
        first, _ = await w.repos.outbox.pending_for_chat("telegram", "c")
        await w.repos.outbox.start([first.id])  # the worker died while sending it
        await w.commit()
    async with uow() as w:
        await w.repos.outbox.add(2, "telegram", "c", [{"n": 3}], T0 + S)
        await w.commit()
    async with uow() as w:
        left = await w.repos.outbox.pending_for_chat("telegram", "c")
        assert [(m.payload["n"], m.attempts) for m in left] == [(1, 1), (2, 0), (3, 0)]
        await w.repos.outbox.mark(left[0].id, "failed", T0, "Forbidden: bot was blocked")
        await w.repos.outbox.mark(left[1].id, "sent", T0)
        await w.commit()
    async with uow() as w:  # what an operator reads of a failed delivery
        failed = await w.session.get(OutboxItem, left[0].id)
        sent = await w.session.get(OutboxItem, left[1].id)
    assert (failed.status, failed.last_error) == ("failed", "Forbidden: bot was blocked")
    assert (sent.status, sent.last_error) == ("sent", None)


# -- processed updates ---------------------------------------------------------------------


async def test_seen_reads_without_claiming(uow) -> None:
    async with uow() as w:
        assert await w.repos.updates.seen("telegram-kb", "1:2") is False
        assert await w.repos.updates.seen("telegram-kb", "1:2") is False
        assert await w.repos.updates.first_time("telegram-kb", "1:2") is True
        await w.commit()
    async with uow() as w:
        assert await w.repos.updates.seen("telegram-kb", "1:2") is True
        assert await w.repos.updates.seen("telegram", "1:2") is False  # another channel
        assert await w.repos.updates.seen("telegram-kb", "1:3") is False
        await w.repos.updates.forget("telegram-kb", "1:2")
        await w.repos.updates.forget("telegram-kb", "not there")
        await w.commit()
    async with uow() as w:
        assert await w.repos.updates.seen("telegram-kb", "1:2") is False
        assert await w.repos.updates.first_time("telegram-kb", "1:3") is True
        assert await w.repos.updates.first_time("telegram", "1:2") is True
        await w.commit()
    async with uow() as w:  # forgetting one key leaves the others: same channel, same id
        await w.repos.updates.forget("telegram-kb", "1:3")
        assert await w.repos.updates.seen("telegram", "1:2") is True
        await w.repos.updates.forget("telegram-kb", "1:2")
        assert await w.repos.updates.seen("telegram", "1:2") is True
        await w.repos.updates.first_time("telegram-kb", "1:4")
        await w.repos.updates.forget("telegram", "1:2")
        assert await w.repos.updates.seen("telegram-kb", "1:4") is True
        assert await w.repos.updates.first_time("telegram-kb", 7) is True
        assert await w.repos.updates.seen("telegram-kb", "7") is True  # ints stored as text


# -- lookups -------------------------------------------------------------------------------


async def test_failures_on_a_code_from_any_chat_and_the_locked_list(uow) -> None:
    code, other = "000.00.14.H20-200703-0002", "000.00.14.H20-200703-0003"
    async with uow() as w:
        for n in range(3):
            await w.repos.lookups.record_failure("web", f"chat{n}", T0 + n * S, code)
        await w.repos.lookups.record_code_failure(code, T0 + 3 * S)
        await w.repos.lookups.record_failure("web", "chat9", T0, other)
        await w.repos.lookups.record_failure("web", "chat9", T0)  # no code known
        await w.commit()
    async with uow() as w:
        lookups = w.repos.lookups
        times = await lookups.code_failures_since(code, T0)  # strictly after T0
        assert times == [T0 + S, T0 + 2 * S, T0 + 3 * S]
        assert await lookups.failures_since("web", "chat9", T0 - S) == [T0, T0]
        assert await lookups.failures_since("", "", T0 - S) == [T0 + 3 * S]  # the code-only row
        assert await lookups.locked_codes(T0 - S, 4) == [(code, 4, T0 + 3 * S)]
        assert await lookups.locked_codes(T0 - S, 5) == []
        both = await lookups.locked_codes(T0 - S, 1)
        assert both == [(code, 4, T0 + 3 * S), (other, 1, T0)]  # latest failure first
        await lookups.record_code_failure(other, T0 + 9 * S)
        latest = await lookups.locked_codes(T0 - S, 1)
        assert latest == [(other, 2, T0 + 9 * S), (code, 4, T0 + 3 * S)]
        assert await lookups.lift(other) == 2
        await lookups.record_failure("web", "chat9", T0, other)
        assert await lookups.locked_codes(T0, 4) == []  # only failures after ``since``
        assert await lookups.lift(code) == 4
        assert await lookups.lift(code) == 0
        await w.commit()
    async with uow() as w:
        assert await w.repos.lookups.locked_codes(T0 - S, 1) == [(other, 1, T0)]
        assert await w.repos.lookups.prune(T0) == 0
        assert await w.repos.lookups.prune(T0 + S) == 2
        await w.commit()
    async with uow() as w:
        assert await w.repos.lookups.locked_codes(T0 - S, 1) == []
