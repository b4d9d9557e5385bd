"""A chat that looked a dossier up is not asked its ward again when the dossier tells it: the
office whose receipt unit starts the code (or the dossier's ward) is the chat's ward from
then on, unless the chat had said another; "đổi xã/phường" still changes it (issue 18)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_app
from bot.config import Settings
from tests.flows.test_wards import ASKED, CAO_LANH_PROGRAMMES, MY_NGAI_PROGRAMMES
from tests.support.chat import Chat
from tests.support.places import places_with

DEMO = "000.00.14.H20-200703-0002"  # demo dossier, phone ...1234


@pytest.fixture
async def mapped(tmp_path: Path, knowledge: Any, clock: Any) -> AsyncIterator[Any]:
    """Demo dossiers, and phường Cao Lãnh's office issuing the ``000.00.14.H20`` receipts."""
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/w.db")
    places = places_with(tmp_path, {"29869": {"receipt_units": "000.00.14.H20"}})
    kb, index = knowledge
    app = await build_app(settings, clock=clock, kb=kb, index=index, localities=places)
    yield app
    await app.close()


def _programmes(chat: Chat) -> set[str]:
    return {b.label for b in chat.buttons() if b.payload.startswith("bk:prog:")}


async def _look_up(chat: Chat) -> None:
    await chat.say(f"hồ sơ {DEMO} tới đâu rồi")
    await chat.say("1234")
    assert "Tình trạng: Đang xử lý" in chat.text


async def test_booking_after_a_lookup_uses_the_dossiers_ward(mapped: Any) -> None:
    chat = Chat(mapped.engine, chat_id="lookup-then-book")
    await _look_up(chat)
    await chat.say("đặt lịch hỗ trợ")
    assert ASKED not in chat.text
    assert "phường Cao Lãnh" in chat.text
    assert _programmes(chat) == CAO_LANH_PROGRAMMES
    await chat.say("đổi xã/phường")  # still the citizen's to change
    await chat.say("phuong my ngai")
    await chat.say("đặt lịch hỗ trợ")
    assert _programmes(chat) == MY_NGAI_PROGRAMMES


async def test_a_ward_the_chat_said_is_kept_after_a_lookup(mapped: Any) -> None:
    chat = Chat(mapped.engine, chat_id="said-then-lookup")
    await chat.press("wd:link:29884")  # opened from phường Mỹ Ngãi's poster
    await _look_up(chat)
    await chat.say("đặt lịch hỗ trợ")
    assert ASKED not in chat.text and _programmes(chat) == MY_NGAI_PROGRAMMES


async def test_a_dossier_no_ward_data_places_leaves_the_question(app: Any) -> None:
    chat = Chat(app.engine, chat_id="unmapped")  # shipped data: no receipt unit is mapped
    await _look_up(chat)
    await chat.say("đặt lịch hỗ trợ")
    assert ASKED in chat.text and not _programmes(chat)
