"""The staff console in a province (issue 18): an officer of phường Cao Lãnh logged in sees
and works on Cao Lãnh's inbox, bookings, dossiers and statistics only (Mỹ Ngãi's are "not
found", and nothing of them is changed); the provincial admin sees both wards, picks one and
compares them; accounts get their ward from the form or ``tthc-bot staff``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_app
from bot.config import Settings
from bot.staff.dossier_import import import_csv
from tests.support.chat import Chat
from tests.support.console import page_csrf, staff_client
from tests.support.places import book_in_ward, places_with

CAO_LANH, MY_NGAI = "29869", "29884"
A_CODE, B_CODE = "000.00.14.H20-261120-0001", "000.00.15.H20-261120-0002"
HEADER = "code,procedure_code,procedure_name,applicant_name,phone,received_at,due_at,status,ward"
ASK = "gặp cán bộ hỏi về đăng ký khai sinh cho con"
GOLD = "giá vàng hôm nay bao nhiêu"


@pytest.fixture
async def province(tmp_path: Path, knowledge: Any, clock: Any) -> AsyncIterator[Any]:
    """A dossier, a handoff and a booking in each of two wards, and a handoff from a chat
    that never said its ward."""
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/c.db", demo_data=False)
    kb, index = knowledge
    places = places_with(tmp_path, {})
    app = await build_app(settings, clock=clock, kb=kb, index=index, localities=places)
    rows = [
        f"{A_CODE},1.001193,Đăng ký khai sinh,Nguyễn Văn An,0912345678,2026-11-20,2026-11-25,"
        f"Đang xử lý,{CAO_LANH}",
        f"{B_CODE},1.001193,Đăng ký khai sinh,Trần Thị Bích,0912345679,2026-11-20,2026-11-25,"
        f"Đang xử lý,{MY_NGAI}",
    ]
    path = tmp_path / "hs.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    assert (await import_csv(app, path)).created == 2
    for chat_id, ward in (("a", CAO_LANH), ("b", MY_NGAI), ("c", None)):
        chat = Chat(app.engine, chat_id=chat_id)
        if ward is not None:
            await chat.press(f"wd:link:{ward}")
        await chat.say(ASK)
    asker = Chat(app.engine, chat_id="b3")  # a question of Mỹ Ngãi the bot could not answer
    await asker.press(f"wd:link:{MY_NGAI}")
    await asker.say(GOLD)
    await book_in_ward(app, "ba", "phường Cao Lãnh")
    await book_in_ward(app, "bb", "phuong my ngai")
    yield app
    await app.close()


async def _of_ward(app: Any) -> dict[str, Any]:
    """Each ward's handoff and booking."""
    async with app.uow() as uow:
        handoffs = {h.ward_code: h for h in await uow.repos.handoffs.recent(None, 10, 0)}
        bookings = {b.ward_code: b for b in await uow.repos.bookings.list()}
    return {"handoff": handoffs, "booking": bookings}


async def test_an_officer_sees_and_changes_only_its_wards_work(province: Any) -> None:
    app = province
    found = await _of_ward(app)
    mine, theirs = found["handoff"][CAO_LANH], found["handoff"][MY_NGAI]
    my_booking, their_booking = found["booking"][CAO_LANH], found["booking"][MY_NGAI]
    client = await staff_client(app, "lan", "officer", ward="phường Cao Lãnh")
    try:
        nobody = found["handoff"][None]  # of no known ward: the province's
        for path in ("/staff/inbox", f"/staff/inbox?ward={MY_NGAI}", "/staff/inbox?ward=none"):
            html = await (await client.get(path)).text()
            assert mine.code in html and theirs.code not in html and nobody.code not in html
        polled = await (await client.get("/staff/api/inbox?status=active")).json()
        assert [h["code"] for h in polled["handoffs"]] == [mine.code]
        for path in (f"/staff/inbox/{theirs.id}", f"/staff/inbox/{theirs.code}"):
            resp = await client.get(path)
            assert resp.status == 404 and theirs.code not in await resp.text()
        assert (await client.get(f"/staff/api/inbox/{theirs.id}")).status == 404
        token = await page_csrf(client)
        form = {"csrf": token, "text": "Dạ, em trả lời nhầm phường.", "nonce": "n1"}
        resp = await client.post(f"/staff/inbox/{theirs.id}/reply", data=form)
        assert resp.status == 404
        await client.post(f"/staff/inbox/{theirs.id}/close", data={"csrf": token})
        resp = await client.get(f"/staff/inbox/{mine.id}")
        assert resp.status == 200 and "Phường Cao Lãnh" in await resp.text()

        day = their_booking.slot_date.isoformat()
        html = await (await client.get(f"/staff/bookings?date={day}&ward={MY_NGAI}")).text()
        assert their_booking.code not in html
        day = my_booking.slot_date.isoformat()
        assert my_booking.code in await (await client.get(f"/staff/bookings?date={day}")).text()
        token = await page_csrf(client, "/staff/bookings")
        await client.post(
            f"/staff/bookings/{their_booking.code}/mark", data={"csrf": token, "mark": "attended"}
        )

        html = await (await client.get("/staff/dossiers", params={"q": B_CODE})).text()
        assert "Không tìm thấy hồ sơ" in html and "Trần" not in html
        html = await (await client.get("/staff/dossiers")).text()
        assert A_CODE in html and B_CODE not in html
        token = await page_csrf(client, "/staff/dossiers")
        form = {"csrf": token, "code": B_CODE, "status": "Đã có kết quả", "note": ""}
        await client.post("/staff/dossiers/status", data=form)

        html = await (await client.get(f"/staff/stats?ward={MY_NGAI}")).text()
        assert "Phường Cao Lãnh: " in html and "So sánh các xã/phường" not in html
        html = await (await client.get(f"/staff/unanswered?ward={MY_NGAI}")).text()
        assert GOLD not in html
    finally:
        await client.close()
    async with app.uow() as uow:  # nothing of Mỹ Ngãi was changed
        thread = await uow.repos.handoffs.get(theirs.id, with_thread=True)
        assert not thread.closed and all(m.sender != "staff" for m in thread.messages)
        assert (await uow.repos.bookings.get(their_booking.code)).status == "booked"
        assert (await uow.repos.dossiers.get(B_CODE)).status == "Đang xử lý"


async def test_the_admin_sees_every_ward_picks_one_and_compares_them(province: Any) -> None:
    app = province
    found = await _of_ward(app)
    mine, theirs = found["handoff"][CAO_LANH], found["handoff"][MY_NGAI]
    client = await staff_client(app, "tinh", "admin")
    try:
        html = await (await client.get("/staff/inbox")).text()
        assert mine.code in html and theirs.code in html
        listed = html.split('id="inbox-list"')[1]  # whose each one is, for the admin
        assert '<th scope="col">Xã/phường</th>' in listed and "Phường Mỹ Ngãi" in listed
        polled = await (await client.get("/staff/api/inbox")).json()
        assert {h["ward"] for h in polled["handoffs"]} == {
            "Phường Cao Lãnh",
            "Phường Mỹ Ngãi",
            "Chưa rõ xã/phường",
        }
        html = await (await client.get(f"/staff/inbox?ward={MY_NGAI}")).text()
        table = html.split('id="inbox-list"')[1]
        assert theirs.code in table and mine.code not in table
        nobody = found["handoff"][None]
        html = await (await client.get("/staff/inbox?ward=none")).text()
        table = html.split('id="inbox-list"')[1]
        assert nobody.code in table and mine.code not in table and theirs.code not in table
        assert 'data-poll="/staff/api/inbox?status=active&amp;ward=none"' in html
        resp = await client.get(f"/staff/inbox/{theirs.id}")
        assert resp.status == 200 and "Phường Mỹ Ngãi" in await resp.text()

        html = await (await client.get(f"/staff/dossiers?ward={MY_NGAI}")).text()
        assert B_CODE in html and A_CODE not in html  # the admin's pick of a ward
        html = await (await client.get("/staff/dossiers")).text()
        assert A_CODE in html and B_CODE in html

        html = await (await client.get("/staff/stats")).text()
        assert "Cả tỉnh: " in html and "So sánh các xã/phường" in html
        compare = html.split("So sánh các xã/phường")[1].split("</table>")[0]
        assert "Phường Cao Lãnh" in compare and "Phường Mỹ Ngãi" in compare
        assert f"ward={MY_NGAI}" in compare  # each ward's name opens its own figures
        html = await (await client.get(f"/staff/stats?ward={MY_NGAI}")).text()
        assert "Phường Mỹ Ngãi: " in html and "So sánh các xã/phường" not in html
        assert GOLD in await (await client.get(f"/staff/unanswered?ward={MY_NGAI}")).text()
        html = await (await client.get(f"/staff/unanswered?ward={CAO_LANH}")).text()
        assert GOLD not in html and 'name="ward"' in html  # the admin's choice of a ward
    finally:
        await client.close()


async def test_accounts_get_their_ward_and_an_officers_import_stays_in_its_ward(
    province: Any, tmp_path: Path
) -> None:
    app = province
    client = await staff_client(app, "tinh", "admin")
    try:
        token = await page_csrf(client, "/staff/accounts")
        base = {"csrf": token, "role": "officer", "password": "mat-khau-dai-2"}
        resp = await client.post(
            "/staff/accounts", data={**base, "username": "minh", "ward": "phuong my ngai"}
        )
        assert resp.status == 200 and "Phường Mỹ Ngãi" in await resp.text()
        resp = await client.post(
            "/staff/accounts", data={**base, "username": "x.y", "ward": "phường Không Có"}
        )
        assert resp.status == 400 and "Không có xã/phường" in await resp.text()
        form = {**base, "username": "x.z", "role": "admin", "ward": MY_NGAI}
        resp = await client.post("/staff/accounts", data=form)
        assert resp.status == 400 and "cả tỉnh" in await resp.text()
    finally:
        await client.close()
    async with app.uow() as uow:
        assert (await uow.repos.staff.get("minh")).ward_code == MY_NGAI
        assert await uow.repos.staff.get("x.y") is None

    new = "000.00.16.H20-261121-0009"  # a unit no office is mapped to: filed in Mỹ Ngãi
    rows = [
        f"{new},1.001193,Đăng ký khai sinh,Phạm Văn D,0912000111,2026-11-21,2026-11-26,"
        "Đang xử lý,",
        f"{A_CODE},1.001193,Đăng ký khai sinh,Nguyễn Văn An,0912345678,2026-11-20,2026-11-25,"
        "Đã có kết quả,",  # Cao Lãnh's dossier: not Mỹ Ngãi's to change
        f"000.00.16.H20-261121-0010,1.001193,Đăng ký khai sinh,Lê C,0912000112,2026-11-21,"
        f"2026-11-26,Đang xử lý,{CAO_LANH}",  # another ward's row
    ]
    path = tmp_path / "minh.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    report = await import_csv(app, path, ward=MY_NGAI)
    assert report.created == 1
    assert sorted(r.reason for r in report.rejected) == ["other_ward", "other_ward"]
    async with app.uow() as uow:
        assert (await uow.repos.dossiers.get(new)).ward_code == MY_NGAI
        assert (await uow.repos.dossiers.get(A_CODE)).status == "Đang xử lý"
