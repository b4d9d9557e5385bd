"""Receipt codes as people type them, through the lookup (issue 12, "Receipt codes as people
type them"): normalised, completed from the store when the unit prefix is left out, never
revealing which codes exist. Demo dossiers: 000.00.14.H20-200703-0002..0005."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.storage.db import make_engine, make_sessionmaker, upgrade
from bot.storage.repos import uow_factory
from handlers.status.dossier import build_input
from knowledge.receipts import tail_pattern
from tests.support.chat import Chat

CODE = "000.00.14.H20-200703-0002"  # demo: ...1234, Đang xử lý
READY = "000.00.14.H20-200703-0004"  # demo: ...2468, Đã có kết quả


async def _add(app: Any, code: str, phone: str) -> None:
    row = {"code": code, "status": "Mới tiếp nhận", "phone": phone, "applicant_name": "Lê Văn C"}
    key = str(app.services.settings["phone_hash_key"])
    async with app.uow() as uow:
        await uow.repos.dossiers.upsert(build_input(row, key), app.services.clock.now())
        await uow.commit()


@pytest.mark.parametrize(
    "typed",
    [
        "00000014H20-200703-0004",  # read as "000.000.14..." and not found before
        "000.00.14.H20/200703/0004",
        "000.00.14.H20 200703 4",
        "OOO.OO.14.H2O-2OO7O3-OOO4",
        "tra cứu 000.00.14.h20-200703-04",
        "H20-200703-0004",  # the unit prefix left out: one dossier ends so
        "14.H20-200703-0004",
        "000-00-14-H20-200703-0004",  # the unit prefix typed with dashes: the whole code
        "999-99-999-H20-200703-0004",  # a dashed prefix that is no unit code: the tail alone
    ],
)
async def test_typed_variants_reach_the_dossier(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"variant-{typed}")
    await chat.say(typed)
    assert "4 số cuối" in chat.text
    await chat.say("2468")
    assert f"📄 Hồ sơ {READY}" in chat.text and "Đã có kết quả" in chat.text


@pytest.mark.parametrize(
    "typed",
    [
        f"{CODE} 1234",
        "mã hs 000.00.14.h20-200703-0002, sđt 0900001234",
        "H20/200703/2 1234",
        "000-00-14-H20-200703-0002 1234",  # the digits after a dashed prefix's whole code
    ],
)
async def test_code_and_digits_in_one_message(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"one-message-{typed}")
    await chat.say(typed)
    assert f"📄 Hồ sơ {CODE}" in chat.text


async def test_a_tail_several_dossiers_share_is_settled_by_the_digits(app: Any) -> None:
    other = "000.00.15.H20-200703-0002"  # another unit, same date and serial
    await _add(app, other, "0911112222")
    for digits, shown in (("2222", other), ("1234", CODE)):
        chat = Chat(app.engine, chat_id=f"shared-{digits}")
        await chat.say("H20-200703-0002")
        assert "4 số cuối" in chat.text  # asked the same way whoever fits
        await chat.say(digits)
        assert f"📄 Hồ sơ {shown}" in chat.text
    await _add(app, "000.00.16.H20-200703-0002", "0988881234")  # the same last four digits
    chat = Chat(app.engine, chat_id="shared-twice")
    await chat.say("H20-200703-0002")
    await chat.say("1234")
    assert "gõ đủ mã" in chat.text and "Hồ sơ 000" not in chat.text
    await chat.say(CODE)
    await chat.say("1234")
    assert f"📄 Hồ sơ {CODE}" in chat.text


async def test_a_tail_never_tells_whether_a_code_exists(app: Any) -> None:
    exists, missing = Chat(app.engine, chat_id="tail-a"), Chat(app.engine, chat_id="tail-b")
    await exists.say("H20-200703-0003")
    await missing.say("H20-200703-0099")
    assert exists.text.replace("0003", "X") == missing.text.replace("0099", "X")
    await exists.say("9999")  # wrong digits for the existing one
    await missing.say("9999")
    assert "không tìm thấy" in exists.text
    assert exists.text.replace("0003", "X") == missing.text.replace("0099", "X")
    assert exists.labels() == missing.labels()


async def test_tail_lookup_in_the_store_on_both_backends(db_url: str) -> None:
    from handlers.status.dossier import DossierInput

    db = make_engine(db_url)
    await upgrade(db)
    uow = uow_factory(make_sessionmaker(db))
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    async with uow() as u:
        for code in (
            "000.00.14.H20-200703-0002",
            "000.00.15.H20-200703-0002",
            "000.00.14.H20-200703-0012",
        ):
            await u.repos.dossiers.upsert(DossierInput(code=code, status="Mới tiếp nhận"), now)
        await u.commit()
    async with uow() as u:
        found = await u.repos.dossiers.codes_ending(tail_pattern("H20-200703-0002"))
        assert found == ["000.00.14.H20-200703-0002", "000.00.15.H20-200703-0002"]
        assert await u.repos.dossiers.codes_ending(tail_pattern("15.H20-200703-0002")) == [
            "000.00.15.H20-200703-0002"
        ]
        assert await u.repos.dossiers.codes_ending(tail_pattern("H20-200703-0002"), limit=1) == [
            "000.00.14.H20-200703-0002"
        ]
        assert await u.repos.dossiers.codes_ending(tail_pattern("H_0-200703-0002")) == []
    await db.dispose()
