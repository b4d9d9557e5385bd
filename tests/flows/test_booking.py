"""Booking an assistance day, through the engine as a citizen would."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from typing import Any

import pytest

from bot.storage.db import make_engine, make_sessionmaker, upgrade
from bot.storage.repos import uow_factory
from handlers.booking import flow as booking
from handlers.context import Services
from handlers.engine import Engine
from handlers.menu import flow as menu
from knowledge.programmes import Programmes, load_programmes
from tests.support.chat import Chat

P3 = "phuong3_ngay_khong_viet"


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory: Any) -> str:
    """One migrated database copied for each test (migrating takes about a second)."""
    path = tmp_path_factory.mktemp("bk") / "template.db"

    async def migrate() -> None:
        db = make_engine(f"sqlite+aiosqlite:///{path}")
        await upgrade(db)
        await db.dispose()

    asyncio.run(migrate())
    return str(path)


class Env:
    """An engine with the menu and booking flows on a fresh migrated SQLite database."""

    def __init__(self, engine: Engine, db: Any, services: Services) -> None:
        self.engine, self.db, self.services = engine, db, services
        self.uow = uow_factory(make_sessionmaker(db))

    def chat(self, chat_id: str = "u1", locale: str = "vi") -> Chat:
        return Chat(self.engine, chat_id=chat_id, locale=locale)

    async def bookings(self) -> list[Any]:
        async with self.uow() as uow:
            return await uow.repos.bookings.list()

    async def jobs(self) -> list[str]:
        from sqlalchemy import select

        from bot.storage.models import Job

        async with self.uow() as uow:
            rows = await uow.session.execute(select(Job.dedupe_key, Job.run_at))
            return sorted(r.dedupe_key for r in rows)


@pytest.fixture
async def env(tmp_path: Any, _template_db: str, clock: Any, knowledge: Any) -> Any:
    path = tmp_path / "bk.db"
    shutil.copy(_template_db, path)
    db = make_engine(f"sqlite+aiosqlite:///{path}")
    kb, index = knowledge
    services = Services(kb=kb, index=index, clock=clock)
    engine = Engine([menu.FLOW, booking.FLOW], services, uow_factory(make_sessionmaker(db)))
    yield Env(engine, db, services)
    await db.dispose()


def _tight(capacity: int = 1) -> Programmes:
    """The real programmes with Phường 3 reduced to ``capacity`` seats per slot."""
    book = load_programmes().model_copy(deep=True)
    programme = book.get(P3)
    assert programme is not None
    programme.capacity = capacity
    return book


async def _book(
    chat: Chat,
    day: str = "2026-12-08",
    start: str = "08:00",
    name: str = "Nguyễn Văn An",
    phone: str = "0912 345 678",
    programme: str = P3,
) -> str:
    await chat.press(f"bk:prog:{programme}")
    await chat.press(f"bk:day:{day}")
    await chat.press(f"bk:slot:{day}_{start}")
    await chat.say(name)
    await chat.say(phone)
    if "địa chỉ" in chat.text:
        await chat.say("ấp 3, xã Mỹ Ngãi")
    await chat.click("Bỏ qua")
    await chat.click("Xác nhận")
    return chat.text


async def test_menu_button_books_a_tuesday_at_phuong_3(env) -> None:
    chat = env.chat()
    await chat.say("menu")
    await chat.click("Đặt lịch hỗ trợ")
    assert "Ngày không viết - Phường 3 cũ (phường Cao Lãnh)" in chat.labels()
    await chat.click("Ngày không viết")
    assert "google.com/maps/search" in chat.text
    days = [b.payload for b in chat.buttons() if b.payload.startswith("bk:day:")]
    assert days and all(dt.date.fromisoformat(p[7:]).isoweekday() == 2 for p in days)
    await chat.press(days[1])
    await chat.click("08:00")
    await chat.say("nguyễn văn an")
    await chat.say("+84 912.345.678")
    await chat.click("Bỏ qua")
    assert "Nguyễn V*** A" in chat.text and "091****678" in chat.text
    assert "0912345678" not in chat.text and "Nguyễn Văn An" not in chat.text
    await chat.click("Xác nhận")
    assert "Đặt lịch thành công" in chat.text
    code = chat.text.split("Mã lịch hẹn của anh/chị: ")[1][:7]
    assert code.startswith("LH-") and len(code) == 7
    [saved] = await env.bookings()
    assert (saved.code, saved.full_name, saved.phone) == (code, "Nguyễn Văn An", "0912345678")
    assert saved.slot_date == dt.date(2026, 12, 8) and saved.slot_start == "08:00"


async def test_double_tap_on_confirm_books_once(env) -> None:
    chat = env.chat()
    await _book(chat)
    await chat.press("bk:confirm:")
    await chat.press("bk:confirm:")
    assert "đã được ghi nhận" in chat.text
    assert len(await env.bookings()) == 1


async def test_reminders_are_queued_and_dropped_on_cancel(env) -> None:
    chat = env.chat()
    await _book(chat)
    code = [r for r in await env.bookings()][0].code
    assert await env.jobs() == [
        f"bkrem:{code}:2026-12-08_08:00:d1",
        f"bkrem:{code}:2026-12-08_08:00:h1",
    ]
    await chat.press("bk:mine:")
    await chat.click(f"Hủy lịch {code}")
    await chat.click("Đồng ý hủy")
    assert f"đã hủy lịch hẹn {code}" in chat.text
    assert await env.jobs() == []
    await chat.press(f"bk:cancelok:{code}")  # double tap
    assert "đã được hủy trước đó" in chat.text
    assert (await env.bookings())[0].status == "cancelled"


async def test_move_keeps_the_code_and_moves_reminders(env) -> None:
    chat = env.chat()
    await _book(chat)
    code = (await env.bookings())[0].code
    await chat.press("bk:mine:")
    await chat.click(f"Đổi lịch {code}")
    await chat.press("bk:day:2026-12-15")
    await chat.press("bk:slot:2026-12-15_14:00")
    assert "Xác nhận đổi" in chat.labels()
    await chat.click("Xác nhận đổi")
    assert "đã đổi lịch hẹn" in chat.text
    await chat.press("bk:moveok:")
    assert "đã được đổi" in chat.text
    [moved] = await env.bookings()
    assert (moved.code, moved.slot_date, moved.slot_start) == (
        code,
        dt.date(2026, 12, 15),
        "14:00",
    )
    assert await env.jobs() == [
        f"bkrem:{code}:2026-12-15_14:00:d1",
        f"bkrem:{code}:2026-12-15_14:00:h1",
    ]


async def test_someone_elses_code_is_not_found(env) -> None:
    owner, other = env.chat("owner"), env.chat("other")
    await _book(owner)
    code = (await env.bookings())[0].code
    for payload in (f"bk:cancel:{code}", f"bk:cancelok:{code}", f"bk:move:{code}"):
        await other.press(payload)
        assert f"không tìm thấy lịch hẹn {code}" in other.text
    await other.say(f"lịch hẹn {code.lower()}")
    assert "không tìm thấy" in other.text
    await other.press("bk:cancelok:LH-ZZZZ")
    assert "không tìm thấy lịch hẹn LH-ZZZZ" in other.text
    assert (await env.bookings())[0].status == "booked"


async def test_invalid_phone_three_times_offers_to_stop_or_call(env) -> None:
    chat = env.chat()
    await chat.press(f"bk:prog:{P3}")
    await chat.press("bk:day:2026-12-08")
    await chat.press("bk:slot:2026-12-08_08:00")
    await chat.say("Trần Thị Bình")
    await chat.say("123")
    assert "chưa đúng" in chat.text and "03, 05, 07, 08 hoặc 09" in chat.text
    await chat.say("0212345678")  # the second time: one short line and the ways out
    assert "10 chữ số" in chat.text and "03, 05, 07, 08 hoặc 09" not in chat.text
    await chat.say("số tôi là abc")
    assert "Dừng đặt lịch" in chat.labels() and "Liên hệ Bộ phận Một cửa" in chat.labels()
    await chat.click("Nhập lại")
    await chat.say("0389 123 456")
    assert "thủ tục gì" in chat.text


async def test_past_day_and_past_slot_are_refused(env) -> None:
    chat = env.chat()
    await chat.press(f"bk:prog:{P3}")
    await chat.press("bk:day:2026-11-24")
    assert "đã qua" in chat.text
    assert all(
        b.payload >= "bk:day:2026-12-01" for b in chat.buttons() if b.payload.startswith("bk:day")
    )
    await chat.press("bk:day:2026-12-01")  # today 09:00: the morning's early slots are gone
    assert "bk:slot:2026-12-01_08:00" not in [b.payload for b in chat.buttons()]
    await chat.press("bk:slot:2026-12-01_08:00")
    assert "đã qua hoặc sắp bắt đầu" in chat.text
    assert not await env.bookings()


async def test_holiday_is_skipped_and_explained(env, clock) -> None:
    clock.current = dt.datetime(2027, 1, 25, 9, 0, tzinfo=clock.current.tzinfo)
    chat = env.chat()
    await chat.press(f"bk:prog:{P3}")
    days = [b.payload[7:] for b in chat.buttons() if b.payload.startswith("bk:day:")]
    assert "2027-02-09" not in days  # Tuesday inside the Tết 2027 closure
    assert "2027-02-02" in days and "2027-02-16" in days
    await chat.press("bk:day:2027-02-09")
    assert "nghỉ lễ" in chat.text


async def test_slot_filled_meanwhile_offers_next_slots(env) -> None:
    env.services.extra["programmes"] = _tight(capacity=1)
    first, second = env.chat("a"), env.chat("b")
    for chat in (first, second):  # both reach the confirmation of the same last seat
        await chat.press(f"bk:prog:{P3}")
        await chat.press("bk:day:2026-12-08")
        await chat.press("bk:slot:2026-12-08_08:00")
        await chat.say("Lê Văn Cường")
        await chat.say("0912345678")
        await chat.click("Bỏ qua")
    await first.click("Xác nhận")
    assert "thành công" in first.text
    await second.click("Xác nhận")
    assert "vừa có người đặt hết chỗ" in second.text
    offered = [b.payload for b in second.buttons() if b.payload.startswith("bk:slot:")]
    assert offered[0] == "bk:slot:2026-12-08_08:30"
    await second.press(offered[0])
    assert "Xác nhận" in second.labels()  # name and phone were kept
    await second.click("Xác nhận")
    assert "thành công" in second.text
    # the full slot is no longer offered to anyone
    third = env.chat("c")
    await third.press(f"bk:prog:{P3}")
    await third.press("bk:day:2026-12-08")
    assert "bk:slot:2026-12-08_08:00" not in [b.payload for b in third.buttons()]


async def test_at_home_help_asks_the_address(env) -> None:
    chat = env.chat()
    await chat.press("bk:prog:my_ngai_tai_nha")
    day = next(b.payload[7:] for b in chat.buttons() if b.payload.startswith("bk:day:"))
    await chat.press(f"bk:day:{day}")
    await chat.press(f"bk:slot:{day}_13:30")
    await chat.say("Phạm Văn Dũng")
    await chat.say("0987654321")
    assert "địa chỉ" in chat.text
    await chat.say("ấp")
    assert "rõ hơn" in chat.text
    await chat.say("ấp 3, xã Mỹ Ngãi")
    await chat.click("Bỏ qua")
    await chat.click("Xác nhận")
    assert "thành công" in chat.text
    assert (await env.bookings())[0].address == "ấp 3, xã Mỹ Ngãi"


async def test_answer_card_entry_prefills_the_need(env) -> None:
    chat = env.chat()
    await chat.press("bk:start:need=1.001193")
    assert "khai sinh" in chat.text.lower()
    assert "Ngày không viết - Phường 3 cũ (phường Cao Lãnh)" in chat.labels()
    await chat.click("Ngày không viết")
    await chat.press("bk:day:2026-12-08")
    await chat.press("bk:slot:2026-12-08_09:00")
    await chat.say("Võ Thị Em")
    await chat.say("0901234567")
    assert "Việc cần hỗ trợ" in chat.text and "khai sinh" in chat.text.lower()  # no need step


@pytest.mark.parametrize(
    "text", ["hẹn ngày không viết", "hen ngay khong viet", "đặt lịch ngày không viết"]
)
async def test_free_text_names_the_programme(env, text) -> None:
    chat = env.chat()
    await chat.say(text)
    assert "Ngày không viết - Phường 3" in chat.text
    assert any(b.payload.startswith("bk:day:") for b in chat.buttons())


async def test_free_text_booking_lists_programmes_and_mine(env) -> None:
    chat = env.chat()
    await chat.say("đặt lịch")
    assert "chương trình hỗ trợ nào" in chat.text
    await chat.say("lịch hẹn của tôi")
    assert "chưa có lịch hẹn" in chat.text


async def test_old_booking_buttons_are_refused(env) -> None:
    chat = env.chat()
    for payload in (
        "bk:confirm:",
        "bk:slot:2026-12-08_08:00",
        "bk:day:2026-12-08",
        "bk:moveok:",
        "bk:slot:garbage",
        "bk:prog:nope",
    ):
        await chat.press(payload)
        assert "không còn dùng được" in chat.text, payload
    assert not await env.bookings()


async def test_english(env) -> None:
    chat = env.chat(locale="en")
    await chat.press("bk:start:")
    assert "Which assistance programme" in chat.text
    assert "My appointments" in chat.labels()


async def test_reminders_are_delivered_the_day_before_and_an_hour_before(env, clock) -> None:
    from types import SimpleNamespace

    from bot import jobs

    chat = env.chat()
    await _book(chat)  # Tuesday 08/12 at 08:00
    code = (await env.bookings())[0].code
    runner = SimpleNamespace(services=env.services, uow=env.uow, extras={})
    sent = jobs.CollectingSender()
    jobs.senders(runner)["test"] = sent
    clock.current = dt.datetime(2026, 12, 7, 16, 59, tzinfo=clock.current.tzinfo)
    await jobs.run_once(runner)
    assert sent.sent == []
    clock.advance(minutes=1)  # 17:00 the day before
    await jobs.run_once(runner)
    await jobs.run_once(runner)
    assert len(sent.sent) == 1 and "ngày mai" in sent.texts("u1")[0] and code in sent.texts()[0]
    clock.current = dt.datetime(2026, 12, 8, 7, 0, tzinfo=clock.current.tzinfo)
    await jobs.run_once(runner)
    assert len(sent.sent) == 2 and "1 giờ" in sent.texts()[1]
    assert "0912345678" not in " ".join(sent.texts())


async def test_free_text_with_a_procedure_prefills_the_need(env) -> None:
    chat = env.chat()
    await chat.say("đặt lịch làm giấy khai sinh")
    assert "Đăng ký khai sinh" in chat.text
    assert "Ngày không viết - Phường 3 cũ (phường Cao Lãnh)" in chat.labels()
