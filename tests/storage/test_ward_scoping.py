"""Staff data carries the ward, on SQLite and PostgreSQL: bookings made in two wards are
listed per ward (repository, ``bookings list --ward``, staff API), dossier imports get
their ward from the ``ward`` column or the receipt code's unit prefix, and a status answer
says where to collect the result."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import build_app
from bot.config import Settings
from bot.server import create_web_app
from bot.staff.dossier_import import import_csv
from tests.support.chat import Chat
from tests.support.places import book_in_ward, places_with

CAO_LANH, MY_NGAI = "29869", "29884"
TOKEN = "ward-token"
OFFICE = {  # test data only: the shipped offices are empty until staff fill them in
    "receipt_units": "000.00.14.H20",
    "office_address": "Địa chỉ thử nghiệm số 1",
    "office_hours": "Giờ thử nghiệm: sáng thứ Hai",
}
HEADER = (
    "code,procedure_code,procedure_name,applicant_name,phone,received_at,due_at,status,office,ward"
)


@pytest.fixture
async def ward_app(db_url: str, tmp_path: Path, knowledge: Any, clock: Any) -> Any:
    settings = Settings(database_url=db_url, demo_data=False, staff_api_token=TOKEN)
    places = places_with(tmp_path, {CAO_LANH: OFFICE})
    kb, index = knowledge
    app = await build_app(settings, clock=clock, kb=kb, index=index, localities=places)
    yield app
    await app.close()


async def test_bookings_are_listed_per_ward(ward_app: Any, capsys: Any) -> None:
    from bot.cli.bookings import bookings

    await book_in_ward(ward_app, "a", "p3 cao lanh")
    await book_in_ward(ward_app, "b", "phuong my ngai")
    await book_in_ward(ward_app, "c", "xa tan thuan dong cu")
    async with ward_app.uow() as uow:
        everyone = await uow.repos.bookings.list()
        cao_lanh = await uow.repos.bookings.list(ward=CAO_LANH)
        my_ngai = await uow.repos.bookings.list(ward=MY_NGAI)
    assert len(everyone) == 3
    assert sorted(b.chat_id for b in cao_lanh) == ["a", "c"]
    assert [b.chat_id for b in my_ngai] == ["b"]

    # the command builds its own app on the system clock, so it is given the booked day:
    # "from today" would drop the fixed clock's bookings once the real date passes them
    args = argparse.Namespace(
        bookings_command="list",
        date=my_ngai[0].slot_date.isoformat(),
        json=True,
        csv=None,
        ward=MY_NGAI,
    )
    assert await bookings(args, ward_app.settings) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["ward"], r["ward_name"]) for r in rows] == [(MY_NGAI, "Phường Mỹ Ngãi")]
    args.ward = "phường Mỹ Ngãi"  # its name works as well as its code
    assert await bookings(args, ward_app.settings) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1

    async with TestClient(TestServer(create_web_app(ward_app))) as client:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        day = everyone[0].slot_date.isoformat()
        resp = await client.get(f"/api/staff/bookings?date={day}&ward={MY_NGAI}", headers=auth)
        assert resp.status == 200
        assert {b["ward"] for b in (await resp.json())["bookings"]} <= {MY_NGAI}
        resp = await client.get("/api/staff/bookings?ward=99999", headers=auth)
        assert resp.status == 400


async def test_an_unknown_ward_on_the_command_line_is_one_clear_line(ward_app: Any) -> None:
    from bot.cli.bookings import bookings
    from bot.errors import UserError

    args = argparse.Namespace(bookings_command="list", date=None, json=True, csv=None, ward="xyz")
    with pytest.raises(UserError) as err:
        await bookings(args, ward_app.settings)
    assert "không có xã/phường 'xyz'" in err.value.vi


async def test_dossier_imports_carry_the_ward(ward_app: Any, tmp_path: Path) -> None:
    rows = [
        # the unit prefix 000.00.14.H20 is mapped to phường Cao Lãnh's office in the data
        "000.00.14.H20-261120-0001,1.001193,Đăng ký khai sinh,Nguyễn Văn An,0912345678,"
        "2026-11-20,2026-11-25,Đã có kết quả,,",
        # an explicit ward column wins, by name without accents
        "000.00.14.H20-261120-0002,1.001193,Đăng ký khai sinh,Trần Thị Bích,0912345679,"
        "2026-11-20,2026-11-25,Đang xử lý,,phuong my ngai",
        # an unmapped prefix and no ward: the ward stays unknown
        "000.00.15.H20-261120-0003,1.001193,Đăng ký khai sinh,Lê Văn C,0912345670,"
        "2026-11-20,2026-11-25,Đang xử lý,,",
        # a ward that does not exist is rejected, the other rows stand
        "000.00.14.H20-261120-0004,1.001193,Đăng ký khai sinh,Lê Văn D,0912345671,"
        "2026-11-20,2026-11-25,Đang xử lý,,phường Bến Nghé",
    ]
    path = tmp_path / "hs.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    report = await import_csv(ward_app, path)
    assert report.created == 3
    assert [(r.line, r.reason) for r in report.rejected] == [(5, "unknown_ward")]
    async with ward_app.uow() as uow:
        wards = {
            code: (await uow.repos.dossiers.get(code)).ward_code
            for code in (
                "000.00.14.H20-261120-0001",
                "000.00.14.H20-261120-0002",
                "000.00.15.H20-261120-0003",
            )
        }
        mine = await uow.repos.dossiers.recent(ward=CAO_LANH)
        assert await uow.repos.dossiers.count(ward=MY_NGAI) == 1
    assert list(wards.values()) == [CAO_LANH, MY_NGAI, None]
    assert [d.code for d in mine] == ["000.00.14.H20-261120-0001"]
    # given a ward once, a dossier keeps it when a later file has no ward column
    path.write_text(HEADER + "\n" + rows[2] + "29884\n", encoding="utf-8")
    await import_csv(ward_app, path)
    path.write_text(HEADER.rsplit(",", 1)[0] + "\n" + rows[2][:-1] + "\n", encoding="utf-8")
    await import_csv(ward_app, path)
    async with ward_app.uow() as uow:
        kept = await uow.repos.dossiers.get("000.00.15.H20-261120-0003")
    assert kept is not None and kept.ward_code == MY_NGAI

    # the status answer says where to collect the result (from the receipt's unit prefix)
    chat = Chat(ward_app.engine, chat_id="st")
    await chat.say("tra cứu 000.00.14.H20-261120-0001")
    await chat.say("5678")
    text = chat.text
    assert (
        "nhận kết quả tại: Bộ phận Một cửa (Trung tâm Phục vụ hành chính công) phường Cao Lãnh"
        in text
    )
    assert "Địa chỉ: Địa chỉ thử nghiệm số 1" in text and "Giờ thử nghiệm" in text
    assert "số điện thoại của nơi này đang được cán bộ phường Cao Lãnh cập nhật" in text


async def test_the_status_answer_names_the_dossiers_office_not_the_chats_ward(
    tmp_path: Path, knowledge: Any, clock: Any
) -> None:
    """Where to collect follows the receipt code's unit prefix: a citizen set to phường Cao
    Lãnh who files at phường Mỹ Ngãi is sent to Mỹ Ngãi, without being asked for a ward; a
    prefix no office lists gives no office lines (no guess from the chat's ward)."""
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/s.db", demo_data=False)
    my_ngai = {"receipt_units": "000.00.22.H20", "office_address": "Địa chỉ thử nghiệm số 2"}
    places = places_with(tmp_path, {CAO_LANH: OFFICE, MY_NGAI: my_ngai})
    kb, index = knowledge
    app = await build_app(settings, clock=clock, kb=kb, index=index, localities=places)
    rows = [
        "000.00.22.H20-261120-0007,1.001193,Đăng ký khai sinh,Nguyễn Văn An,0912345678,"
        "2026-11-20,2026-11-25,Đã có kết quả,,",
        "000.00.31.H20-261120-0008,1.001193,Đăng ký khai sinh,Nguyễn Văn An,0912345678,"
        "2026-11-20,2026-11-25,Đã có kết quả,,",
    ]
    path = tmp_path / "hs.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    assert (await import_csv(app, path)).created == 2
    chat = Chat(app.engine, chat_id="st2", channel="telegram")
    await chat.say("/start xa_29869")
    await chat.say("tra cứu 000.00.22.H20-261120-0007")
    await chat.say("5678")
    assert (
        "nhận kết quả tại: Bộ phận Một cửa (Trung tâm Phục vụ hành chính công) phường Mỹ Ngãi"
        in chat.text
    )
    assert "Địa chỉ thử nghiệm số 2" in chat.text and "Địa chỉ thử nghiệm số 1" not in chat.text
    assert "xã/phường nào" not in chat.text
    fresh = Chat(app.engine, chat_id="st3", channel="telegram")
    await fresh.say("/start xa_29869")
    await fresh.say("tra cứu 000.00.31.H20-261120-0008")
    await fresh.say("5678")
    assert "nhận kết quả tại nơi đã nộp hồ sơ" in fresh.text
    assert "phường Cao Lãnh" not in fresh.text and "Địa chỉ thử nghiệm" not in fresh.text
    assert "xã/phường nào" not in fresh.text
    await app.close()
