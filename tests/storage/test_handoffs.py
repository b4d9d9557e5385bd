"""The handoff storage on SQLite and PostgreSQL: codes, threads, concurrent staff replies
kept in one order, the retention purge and the analytics queries."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.app import build_app
from bot.config import Settings
from bot.retention import purge
from bot.staff import handoffs as staff
from bot.staff.analytics import report
from handlers.context import VN_TZ, FixedClock

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=VN_TZ)


@pytest.fixture
async def app(db_url: str) -> AsyncIterator[Any]:
    built = await build_app(
        Settings(database_url=db_url, demo_data=False),
        clock=FixedClock(NOW),
        with_knowledge=False,
    )
    yield built
    await built.close()


async def _open(app: Any, chat: str = "c1", mode: str = "live") -> Any:
    async with app.uow() as uow:
        handoff = await uow.repos.handoffs.open("web", chat, NOW, mode=mode, citizen="L***")
        await uow.commit()
    return handoff


async def test_codes_threads_and_keys(app) -> None:
    handoffs = [await _open(app, f"c{n}") for n in range(40)]
    assert len({h.code for h in handoffs}) == 40
    first = handoffs[0]
    async with app.uow() as uow:
        repo = uow.repos.handoffs
        for ref in (first.code, first.code.lower(), first.code.replace("-", " "), str(first.id)):
            assert await repo.id_of(ref) == first.id, ref
        assert await repo.id_of("HT-0000") is None and await repo.id_of("x" * 200) is None
        one = await repo.add_message(first.id, "staff", "a", NOW, key="k1", staff_ref="77")
        assert await repo.add_message(first.id, "staff", "again", NOW, key="k1") is None
        assert await repo.by_staff_ref("77") == first.id
        assert await repo.mark_delivered(one.id, NOW) is True
        assert await repo.mark_delivered(one.id, NOW) is False
        assert await repo.close(first.id, "Lan", NOW) is True
        assert await repo.close(first.id, "Lan", NOW) is False
        assert await repo.by_code(first.code, "web", "someone-else") is None
        await uow.commit()


async def test_concurrent_staff_replies_reach_the_chat_in_the_threads_order(app) -> None:
    handoff = await _open(app)
    texts = [f"trả lời {n}" for n in range(8)]
    await asyncio.gather(
        *(staff.reply(app, handoff.code, t, f"cb{n}") for n, t in enumerate(texts))
    )
    async with app.uow() as uow:
        thread = await uow.repos.handoffs.thread(handoff.id)
        events = []
        while (item := await uow.repos.inbox.next_item("web", "c1")) is not None:
            events.append(item.payload["event"]["payload"])
            await uow.repos.inbox.claim_chat("web", "c1", "t", NOW, dt.timedelta(seconds=5))
            await uow.repos.inbox.finish(item, "t", NOW, dt.timedelta(seconds=5))
        record = await uow.repos.handoffs.get(handoff.id)
    assert sorted(m.text for m in thread) == sorted(texts)
    assert events == [f"ho:staff:{m.id}" for m in thread]  # one event each, thread order
    assert record.status == "open" and record.first_staff == thread[0].staff


async def test_retention_purges_old_rows_only(app) -> None:
    old = NOW - dt.timedelta(days=200)
    async with app.uow() as uow:
        r = uow.repos
        for at, text in ((old, "cũ"), (NOW, "mới")):
            await r.questions.add(
                at=at, channel="web", chat_hash="h", text=text, intent="procedure",
                band="answer", top_code="1.001193", score=80.0, latency_ms=3, understood=True,
            )  # fmt: skip
            await r.feedback.vote("web", f"h-{text}", "card", "1.001193", 1, at)
            await r.questions.count_turn(at.date(), "web", "h")
            await r.questions.bump("dossier_lookup", at.date())
        stale = await r.handoffs.open("web", "old", old, mode="ticket")
        await r.handoffs.add_message(stale.id, "citizen", "câu hỏi cũ", old)
        await r.handoffs.close(stale.id, "Lan", old)
        await uow.commit()
    fresh = await _open(app, "new")
    default = app.settings
    app.settings = default.model_copy(update={"retention_days": 250})  # RETENTION_DAYS=250
    assert await purge(app, NOW) == {"questions": 0, "feedback": 0, "handoffs": 0}
    app.settings = default  # 180 days
    counts = await purge(app, NOW)
    assert counts == {"questions": 2, "feedback": 1, "handoffs": 1}
    async with app.uow() as uow:
        assert await uow.repos.handoffs.get(stale.id) is None
        assert await uow.repos.handoffs.thread(stale.id) == []
        assert await uow.repos.handoffs.get(fresh.id) is not None
        assert [q.text for q in await uow.repos.questions.last_for_chat("h", old, 10)] == ["mới"]
        kept = await uow.repos.analytics.counter("dossier_lookup", old.date(), NOW.date())
    assert kept == 2  # plain counters name no chat: kept


async def test_the_analytics_queries(app) -> None:
    async with app.uow() as uow:
        r = uow.repos
        for n, (text, band, ok) in enumerate(
            [
                ("làm sổ đỏ", "answer", True),
                ("lam so do", "answer", True),
                ("giá vàng hôm nay", "none", False),
                ("gia vang hom nay bao nhieu", "none", False),
                ("bói toán", "none", False),
            ]
        ):
            await r.questions.add(
                at=NOW, channel="web", chat_hash=f"h{n % 2}", text=text,
                intent="procedure" if ok else "out_of_scope", band=band,
                top_code="1.013978" if ok else None, score=70.0, latency_ms=5, understood=ok,
            )  # fmt: skip
            await r.questions.count_turn(NOW.date(), "web", f"h{n % 2}")
        await r.feedback.vote("web", "h0", "card", "1.013978", -1, NOW)
        await r.feedback.rate("web", "h0", "dossier", "X-1", 2, NOW)
        await r.feedback.rate("web", "h1", "handoff", "1", 5, NOW)
        for n, programme in enumerate(["phuong3_ngay_khong_viet"] * 2 + ["my_ngai_tai_nha"]):
            booked = await r.bookings.book(
                programme_id=programme, slot_date=dt.date(2026, 12, 8), slot_start="07:30",
                capacity=10, channel="web", chat_id=f"c{n}", full_name="Nguyễn Văn An",
                phone="0912345678", address=None, need=None, now=NOW,
            )  # fmt: skip
        await r.bookings.cancel(booked.code, "web", "c2", NOW)
        await uow.commit()
    handoff = await _open(app)
    app.services.clock.advance(minutes=4)
    await staff.reply(app, handoff.code, "Dạ", "Lan")
    result = await report(app, NOW.date(), NOW.date())
    assert set(result) == {  # the contract the API, the CLI and the console share
        "from", "to", "turns", "chats", "questions", "top_procedures", "unanswered",
        "feedback", "satisfaction", "handoffs", "bookings", "dossier_lookups",
        "ward", "by_ward",  # added with the wards (0006): of all wards, with the comparison
    }  # fmt: skip
    assert result["ward"] is None and [w["ward"] for w in result["by_ward"]] == [None]
    assert set(result["handoffs"]) == {
        "count", "live", "tickets", "answered", "closed", "median_first_reply_s",
    }  # fmt: skip
    assert (result["turns"], result["chats"]) == (5, 2)
    assert result["questions"]["by_band"] == {"answer": 2, "suggest": 0, "none": 3}
    assert result["top_procedures"] == [{"code": "1.013978", "name": "1.013978", "questions": 2}]
    assert [(g["count"], g["text"]) for g in result["unanswered"]] == [
        (2, "gia vang hom nay bao nhieu"),
        (1, "bói toán"),
    ]
    assert result["feedback"]["down"] == 1
    assert result["satisfaction"]["count"] == 2 and result["satisfaction"]["mean"] == 3.5
    assert result["handoffs"]["median_first_reply_s"] == 240.0
    assert [(b["programme"], b["count"], b["by_status"]) for b in result["bookings"]] == [
        ("my_ngai_tai_nha", 1, {"cancelled": 1}),
        ("phuong3_ngay_khong_viet", 2, {"booked": 2}),
    ]
    assert result["bookings"][1]["name"] != "phuong3_ngay_khong_viet"  # the programme's name
    assert result["from"] == result["to"] == "2026-12-01"
