"""The sweeper beside the inbox workers (``bot.channels.delivery_sweep``), without the
network: a web reply nobody came for goes to the page's notification queue once, old inbox
and outbox rows are pruned after a week, and a failing pass does not stop the sweeper."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from types import SimpleNamespace
from typing import Any

from bot.channels import delivery_sweep as sweep
from bot.storage.outbox import SENT

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


class _Outbox:
    def __init__(self, late: list[Any]) -> None:
        self.late, self.asked, self.marked, self.pruned = late, [], [], []

    async def stale(self, channel: str, before: dt.datetime) -> list[Any]:
        self.asked.append((channel, before))
        late, self.late = self.late, []
        return late

    async def mark(self, item_id: int, status: str, at: dt.datetime) -> None:
        self.marked.append((item_id, status, at))

    async def prune(self, before: dt.datetime) -> None:
        self.pruned.append(before)


class _Sweeper:
    def __init__(self, late: list[Any], fail: bool = False) -> None:
        self.outbox = _Outbox(late)
        self.inbox = SimpleNamespace(pruned=[])
        self.fail, self.sent, self.passes = fail, [], 0

        async def prune_inbox(before: dt.datetime) -> None:
            self.inbox.pruned.append(before)

        self.repos = SimpleNamespace(outbox=self.outbox, inbox=SimpleNamespace(prune=prune_inbox))
        self.app = SimpleNamespace(uow=self._uow, settings=SimpleNamespace(api_chat_timeout_s=25))
        self.poll = 0.0
        self.late_senders = {"web": self._send}

    def _now(self) -> dt.datetime:
        return NOW

    @contextlib.asynccontextmanager
    async def _uow(self, **_: Any):
        async def commit() -> None:
            return None

        self.passes += 1
        if self.fail:
            raise RuntimeError("database away")
        yield SimpleNamespace(repos=self.repos, commit=commit)

    async def _send(self, chat_id: str, payload: dict[str, Any]) -> None:
        self.sent.append((chat_id, payload))


def _msg(i: int, chat: str) -> Any:
    return SimpleNamespace(id=i, chat_id=chat, payload={"text": f"reply {i}"})


async def test_late_web_replies_go_to_the_page_queue_and_are_marked_sent() -> None:
    s = _Sweeper([_msg(1, "w1"), _msg(2, "w2")])
    await sweep.deliver_late(s)
    assert s.sent == [("w1", {"text": "reply 1"}), ("w2", {"text": "reply 2"})]
    assert s.outbox.marked == [(1, SENT, NOW), (2, SENT, NOW)]
    # late means older than twice the chat timeout (a page still waiting gets it directly)
    assert s.outbox.asked == [("web", NOW - dt.timedelta(seconds=50))]


async def test_the_sweeper_prunes_a_week_back_and_stops_when_asked(monkeypatch) -> None:
    monkeypatch.setattr(sweep, "PRUNE_EVERY_S", 0.0)  # not an hour after the machine's boot
    s = _Sweeper([_msg(1, "w1")])
    stop = asyncio.Event()
    task = asyncio.create_task(sweep.sweep_forever(s, stop))
    for _ in range(200):
        if s.outbox.pruned:
            break
        await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(task, 5)
    assert s.sent == [("w1", {"text": "reply 1"})]
    assert s.inbox.pruned[0] == NOW - dt.timedelta(days=7) == s.outbox.pruned[0]


async def test_a_failing_pass_is_logged_and_the_sweeper_goes_on(caplog) -> None:
    s = _Sweeper([], fail=True)
    stop = asyncio.Event()
    task = asyncio.create_task(sweep.sweep_forever(s, stop))
    for _ in range(200):
        if "inbox sweeper failed" in caplog.text:
            break
        await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(task, 5)
    assert "inbox sweeper failed" in caplog.text
    assert task.exception() is None
