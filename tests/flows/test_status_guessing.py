"""Guessing the last 4 phone digits of a dossier from many chats: the per-code budget stops
it, the citizen is sent to the one-stop shop, and staff see and lift the lock (API, CLI)."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.server import create_web_app
from handlers.i18n import t
from handlers.status.steps import CODE_MAX_FAILURES, MAX_FAILURES
from tests.support.chat import Chat

CODE = "000.00.14.H20-200703-0002"  # demo dossier, phone ending 1234
TOKEN = "staff-token-1"


async def _guess(app, chat_id: str, digits: str) -> str:
    chat = Chat(app.engine, chat_id=chat_id, channel="web")
    await chat.say(f"tra cứu {CODE}")
    first = chat.text
    await chat.say(digits)
    return first + "\n" + chat.text


async def test_rotating_chats_cannot_read_a_dossier_by_guessing(app) -> None:
    wrong = (str(n) for n in range(2000, 10000))  # ("0001" would press button 1)
    guesses = 0
    for rotation in range(CODE_MAX_FAILURES):  # a fresh chat id per guess: free to choose
        text = await _guess(app, f"attacker-{rotation}", next(wrong))
        guesses += 1
        assert "Tình trạng" not in text
    # the budget of this code is spent: even the right digits from a new chat read nothing
    text = await _guess(app, "attacker-lucky", "1234")
    assert "Tình trạng" not in text and "Bộ phận Một cửa" in text
    assert t("status.code_locked", time="")[:40] in text
    # and the chats never hit their own budget: the per-chat lockout alone would not help
    assert guesses // CODE_MAX_FAILURES < MAX_FAILURES

    # the real citizen too is told to come to the one-stop shop (no digits asked)
    citizen = Chat(app.engine, chat_id="citizen", channel="telegram")
    await citizen.say(f"tra cứu {CODE}")
    assert "Bộ phận Một cửa" in citizen.text and "4 số cuối" not in citizen.text

    # staff see the lock and lift it; then the citizen's right digits work
    app.settings = app.settings.model_copy(update={"staff_api_token": TOKEN})
    async with TestClient(TestServer(create_web_app(app))) as http:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        listed = await (await http.get("/api/staff/lookups/locked", headers=auth)).json()
        assert [row["code"] for row in listed["locked"]] == [CODE]
        assert listed["locked"][0]["failures"] == CODE_MAX_FAILURES
        assert (await http.get("/api/staff/lookups/locked")).status == 401
        lifted = await http.delete(f"/api/staff/lookups/locked/{CODE}", headers=auth)
        assert (await lifted.json())["lifted"] == CODE_MAX_FAILURES
        listed = await (await http.get("/api/staff/lookups/locked", headers=auth)).json()
        assert listed["locked"] == []
    await citizen.say(f"tra cứu {CODE}")
    await citizen.say("1234")
    assert "Tình trạng" in citizen.text


async def test_an_unknown_code_locks_the_same_way(app) -> None:
    """No oracle: a code that does not exist spends its budget and answers alike."""
    unknown = "000.00.14.H20-200703-0999"
    for n in range(CODE_MAX_FAILURES):
        chat = Chat(app.engine, chat_id=f"probe-{n}", channel="web")
        await chat.say(f"tra cứu {unknown}")
        await chat.say("5555")
    probe = Chat(app.engine, chat_id="probe-last", channel="web")
    await probe.say(f"tra cứu {unknown}")
    assert probe.text.startswith(t("status.code_locked", time="")[:40])


@pytest.mark.slow
async def test_cli_lists_and_lifts_locks(app, tmp_path) -> None:
    import asyncio
    import datetime as dt
    import json
    import os
    import sys

    # the CLI reads the real clock (not the tests' fixed one): the guesses are made now, or
    # the lock would have run out by the time the suite runs a day after the fixed date
    now = dt.datetime.now(dt.UTC)
    async with app.uow() as uow:  # ten chats, one wrong guess each
        for n in range(CODE_MAX_FAILURES):
            await uow.repos.lookups.record_failure("web", f"g{n}", now, CODE)
        await uow.commit()
    env = {**os.environ, "DATABASE_URL": str(app.settings.database_url)}

    async def cli(*args: str) -> str:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "dossiers",
            *args,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await proc.communicate()
        assert proc.returncode == 0, err.decode()
        return out.decode()

    [row] = [json.loads(line) for line in (await cli("locks", "--json")).splitlines()]
    assert row["code"] == CODE and row["failures"] == CODE_MAX_FAILURES
    assert CODE in await cli("unlock", CODE.lower())
    assert "không có mã nào bị khóa" in await cli("locks")


async def test_guessing_through_a_shared_tail_spends_every_dossier_it_fits(app) -> None:
    """A tail two dossiers share is no second door: each wrong guess through it counts on
    both codes, so afterwards either whole code is locked for a fresh chat too."""
    from handlers.status.dossier import build_input

    other = "000.00.15.H20-200703-0002"  # another unit, same date and serial as CODE
    row = {"code": other, "status": "Mới tiếp nhận", "phone": "0911112222"}
    async with app.uow() as uow:
        key = str(app.services.settings["phone_hash_key"])
        await uow.repos.dossiers.upsert(build_input(row, key), app.services.clock.now())
        await uow.commit()
    for n in range(CODE_MAX_FAILURES):
        chat = Chat(app.engine, chat_id=f"tail-guess-{n}", channel="web")
        await chat.say("H20-200703-0002")
        await chat.say(str(3000 + n))  # fits neither dossier
        assert "Tình trạng" not in chat.text
    locked = t("status.code_locked", time="")[:40]
    for code, digits in ((CODE, "1234"), (other, "2222")):
        fresh = Chat(app.engine, chat_id=f"fresh-{code}", channel="telegram")
        await fresh.say(f"tra cứu {code} {digits}")  # even with the right digits
        assert locked in fresh.text and "Tình trạng" not in fresh.text, code
