"""Ward officers see their ward only, on SQLite and PostgreSQL: with its token
(``STAFF_WARD_TOKENS``) the officer of phường Cao Lãnh lists, reads, changes and files only
Cao Lãnh's bookings, dossiers and lookup locks; phường Mỹ Ngãi's are "no such" (their codes
are not confirmed) and asking for Mỹ Ngãi is refused. The provincial admin's token
(``STAFF_API_TOKEN``) sees every ward. The CLI runs on the server with the database's own
rights: it is the admin's tool (``bookings list --ward`` narrows it)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from pydantic import ValidationError

from bot.app import build_app
from bot.config import Settings
from bot.server import create_web_app
from bot.staff.dossier_import import import_csv
from bot.webapp import APP_KEY
from tests.support.places import book_in_ward, places_with

CAO_LANH, MY_NGAI = "29869", "29884"
ADMIN, OFFICER_A, OFFICER_B = (
    "admin-token-0123456789",
    "cao-lanh-token-0123",
    "my-ngai-token-01234",
)
HEADER = "code,procedure_code,procedure_name,applicant_name,phone,received_at,due_at,status,ward"
A_CODE, B_CODE, NO_WARD = (
    "000.00.14.H20-261120-0001",
    "000.00.14.H20-261120-0002",
    "000.00.15.H20-261120-0003",
)


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
async def staff(db_url: str, tmp_path: Path, knowledge: Any, clock: Any) -> AsyncIterator[Any]:
    """The app with one dossier in each ward and one of no known ward, and its staff API."""
    settings = Settings(
        database_url=db_url,
        demo_data=False,
        staff_api_token=ADMIN,
        staff_ward_tokens=f"{CAO_LANH}:{OFFICER_A}, {MY_NGAI}:{OFFICER_B}",
        lookup_code_max_failures=2,
    )
    kb, index = knowledge
    app = await build_app(
        settings, clock=clock, kb=kb, index=index, localities=places_with(tmp_path, {})
    )
    rows = [
        f"{A_CODE},1.001193,Đăng ký khai sinh,Nguyễn Văn An,0912345678,2026-11-20,2026-11-25,"
        f"Đang xử lý,{CAO_LANH}",
        f"{B_CODE},1.001193,Đăng ký khai sinh,Trần Thị Bích,0912345679,2026-11-20,2026-11-25,"
        f"Đang xử lý,{MY_NGAI}",
        f"{NO_WARD},1.001193,Đăng ký khai sinh,Lê Văn C,0912345670,2026-11-20,2026-11-25,"
        "Đang xử lý,",
    ]
    path = tmp_path / "hs.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    assert (await import_csv(app, path)).created == 3
    async with TestClient(TestServer(create_web_app(app))) as client:
        yield client
    await app.close()


async def _codes(client: TestClient, token: str, query: str = "") -> list[str]:
    resp = await client.get("/api/staff/dossiers" + query, headers=_auth(token))
    assert resp.status == 200
    return sorted(d["code"] for d in (await resp.json())["dossiers"])


async def test_an_officer_reads_and_changes_only_their_wards_dossiers(staff: Any) -> None:
    assert await _codes(staff, OFFICER_A) == [A_CODE]
    assert await _codes(staff, OFFICER_B) == [B_CODE]
    assert await _codes(staff, ADMIN) == sorted([A_CODE, B_CODE, NO_WARD])
    assert await _codes(staff, ADMIN, f"?ward={MY_NGAI}") == [B_CODE]
    resp = await staff.get(f"/api/staff/dossiers?ward={MY_NGAI}", headers=_auth(OFFICER_A))
    assert resp.status == 403

    for code in (B_CODE, NO_WARD):  # another ward's, and one of no known ward
        resp = await staff.get(f"/api/staff/dossiers/{code}", headers=_auth(OFFICER_A))
        assert resp.status == 404
        assert "Trần" not in await resp.text() and code not in await resp.text()
        resp = await staff.patch(
            f"/api/staff/dossiers/{code}",
            json={"status": "Đã có kết quả"},
            headers=_auth(OFFICER_A),
        )
        assert resp.status == 404
    resp = await staff.get(f"/api/staff/dossiers/{B_CODE}", headers=_auth(ADMIN))
    assert (await resp.json())["dossier"]["status"] == "Đang xử lý"  # unchanged
    resp = await staff.patch(
        f"/api/staff/dossiers/{A_CODE}", json={"status": "Đã có kết quả"}, headers=_auth(OFFICER_A)
    )
    assert resp.status == 200 and (await resp.json())["dossier"]["status"] == "Đã có kết quả"


async def test_an_officer_files_dossiers_in_their_own_ward_only(staff: Any) -> None:
    new = {
        "code": "000.00.16.H20-261121-0009",  # a prefix no ward's office is mapped to
        "procedure_code": "1.001193",
        "procedure_name": "Đăng ký khai sinh",
        "applicant_name": "Phạm Văn D",
        "phone": "0912000111",
        "received_at": "2026-11-21",
        "due_at": "2026-11-26",
        "status": "Đang xử lý",
    }
    resp = await staff.post("/api/staff/dossiers", json=new, headers=_auth(OFFICER_A))
    assert resp.status == 201 and (await resp.json())["dossier"]["ward"] == CAO_LANH
    assert new["code"] in await _codes(staff, OFFICER_A)
    assert new["code"] not in await _codes(staff, OFFICER_B)

    other = {**new, "code": "000.00.16.H20-261121-0010", "ward": "phường Mỹ Ngãi"}
    resp = await staff.post("/api/staff/dossiers", json=other, headers=_auth(OFFICER_A))
    assert resp.status == 403
    overwrite = {**new, "code": B_CODE, "status": "Đã có kết quả"}  # Mỹ Ngãi's dossier
    resp = await staff.post("/api/staff/dossiers", json=overwrite, headers=_auth(OFFICER_A))
    assert resp.status == 404
    assert await _codes(staff, ADMIN, f"?ward={MY_NGAI}") == [B_CODE]
    resp = await staff.get(f"/api/staff/dossiers/{B_CODE}", headers=_auth(ADMIN))
    assert (await resp.json())["dossier"]["status"] == "Đang xử lý"


async def test_an_officer_sees_and_marks_only_their_wards_bookings(staff: Any) -> None:
    app = staff.server.app[APP_KEY]
    await book_in_ward(app, "a", "phường Cao Lãnh")
    await book_in_ward(app, "b", "phuong my ngai")
    async with app.uow() as uow:
        [mine] = await uow.repos.bookings.list(ward=CAO_LANH)
        [theirs] = await uow.repos.bookings.list(ward=MY_NGAI)

    for day in {mine.slot_date, theirs.slot_date}:
        resp = await staff.get(f"/api/staff/bookings?date={day}", headers=_auth(OFFICER_A))
        codes = {b["code"] for b in (await resp.json())["bookings"]}
        assert theirs.code not in codes and (mine.code in codes) == (day == mine.slot_date)
        resp = await staff.get(f"/api/staff/bookings?date={day}", headers=_auth(ADMIN))
        codes = {b["code"] for b in (await resp.json())["bookings"]}
        assert theirs.code in codes or day != theirs.slot_date
    resp = await staff.get(f"/api/staff/bookings?ward={MY_NGAI}", headers=_auth(OFFICER_A))
    assert resp.status == 403

    resp = await staff.post(
        f"/api/staff/bookings/{theirs.code}/attended", headers=_auth(OFFICER_A)
    )
    assert resp.status == 404
    resp = await staff.post(f"/api/staff/bookings/{mine.code}/attended", headers=_auth(OFFICER_A))
    assert resp.status == 200
    async with app.uow() as uow:
        assert (await uow.repos.bookings.get(theirs.code)).status == "booked"
        assert (await uow.repos.bookings.get(mine.code)).status == "attended"


async def test_lookup_locks_of_another_ward_are_neither_listed_nor_lifted(staff: Any) -> None:
    app = staff.server.app[APP_KEY]
    async with app.uow() as uow:
        for code in (A_CODE, B_CODE, B_CODE, A_CODE):
            await uow.repos.lookups.record_code_failure(code, app.services.clock.now())
        await uow.commit()
    path = "/api/staff/lookups/locked"
    resp = await staff.get(path, headers=_auth(OFFICER_A))
    assert [r["code"] for r in (await resp.json())["locked"]] == [A_CODE]
    resp = await staff.delete(f"{path}/{B_CODE}", headers=_auth(OFFICER_A))
    assert resp.status == 404
    resp = await staff.get(path, headers=_auth(ADMIN))
    assert sorted(r["code"] for r in (await resp.json())["locked"]) == [A_CODE, B_CODE]


async def test_a_wrong_token_is_refused_and_a_bad_token_list_is_a_settings_error(
    staff: Any,
) -> None:
    for headers in ({}, _auth("cao-lanh-token-0124"), {"Authorization": OFFICER_A}):
        resp = await staff.get("/api/staff/dossiers", headers=headers)
        assert resp.status == 401
    for bad in ("29869", "29869:short", "cao-lanh:" + OFFICER_A):
        with pytest.raises(ValidationError, match="STAFF_WARD_TOKENS"):
            Settings(staff_ward_tokens=bad)
    for bad in ("29869", "29869:@nhom", "cao-lanh:-100123"):
        with pytest.raises(ValidationError, match="TELEGRAM_STAFF_WARD_CHATS"):
            Settings(telegram_staff_ward_chats=bad)
    chats = Settings(telegram_staff_ward_chats="29869:-100123, 29884:-100456").ward_chats()
    assert chats == {"29869": "-100123", "29884": "-100456"}


async def test_a_token_for_a_ward_the_data_lacks_is_logged_at_start(
    tmp_path: Path, caplog: Any
) -> None:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/t.db",
        demo_data=False,
        staff_ward_tokens=f"{CAO_LANH}:{OFFICER_A},99999:{OFFICER_B}",
    )
    app = await build_app(settings, with_knowledge=False, localities=places_with(tmp_path, {}))
    await app.close()
    warned = [r.getMessage() for r in caplog.records if "STAFF_WARD_TOKENS" in r.getMessage()]
    assert warned == ["STAFF_WARD_TOKENS: no ward 99999 in the locality data (sees nothing)"]
