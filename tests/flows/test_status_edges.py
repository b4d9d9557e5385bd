"""The exact edges of dossier verification and of the lockout, through the engine.

Demo dossier ``CODE``: phone 0900001234. A guess that shares some digits with the right
ones, or a whole phone with the right tail and a wrong prefix, must read nothing; the chat
lockout (5 failures within an hour) holds at 30 and 59 minutes and is off once the hour is
over; failures spread over more than an hour never lock.
"""

from __future__ import annotations

import pytest

from handlers.i18n import t
from handlers.status import verify
from handlers.status.dossier import phone_hash
from handlers.status.steps import CODE_MAX_FAILURES, MAX_FAILURES
from tests.support.chat import Chat

CODE = "000.00.14.H20-200703-0002"  # demo: phone 0900001234
CARD = "Tình trạng: Đang xử lý"
NO_MATCH = t("status.no_match", code=CODE)
WHOLE_PHONE = NO_MATCH + "\n" + t("status.no_match_whole_phone")
LOCKED = t("status.locked", time="{time}").split("{time}")[0]


async def _try(chat: Chat, digits: str) -> str:
    await chat.say(f"tra cứu {CODE}")
    await chat.say(digits)
    return chat.text


@pytest.mark.parametrize(
    "digits",
    [
        "9934",  # the last two digits right
        "0234",  # the last three right
        "1299",  # the first two right
        "1243",  # the right digits in another order
        "2341",  # shifted
        "0900001243",  # a whole phone, right prefix, tail digits swapped
    ],
)
async def test_digits_sharing_some_with_the_right_ones_read_nothing(app, digits) -> None:
    text = await _try(Chat(app.engine, chat_id=f"near-{digits}"), digits)
    assert CARD not in text
    assert text == (NO_MATCH if len(digits) == 4 else WHOLE_PHONE)


@pytest.mark.parametrize("phone", ["0911111234", "0987651234", "+84 912 34 1234"])
async def test_a_whole_phone_with_the_right_tail_and_a_wrong_prefix_reads_nothing(
    app, phone
) -> None:
    text = await _try(Chat(app.engine, chat_id="prefix"), phone)
    assert CARD not in text
    assert text == WHOLE_PHONE  # the same reply as a whole number with a wrong tail


@pytest.mark.parametrize("phone", ["1234", "0900001234", "0900 001 234", "+84900001234"])
async def test_the_right_digits_or_the_whole_phone_show_the_card(app, phone) -> None:
    assert CARD in await _try(Chat(app.engine, chat_id="owner"), phone)


def test_matches_needs_both_the_tail_and_the_hash_of_a_whole_phone() -> None:
    class Dossier:
        phone_last4 = "1234"
        phone_hash = phone_hash("0900001234", "k")

    assert verify.matches(Dossier(), "1234", "k")
    assert verify.matches(Dossier(), "0900001234", "k")
    assert not verify.matches(Dossier(), "0900001234", "another key")
    assert not verify.matches(Dossier(), "0911111234", "k")  # right tail, wrong prefix
    assert not verify.matches(Dossier(), "34", "k")
    assert not verify.matches(None, "1234", "k")


async def _fail(chat: Chat) -> str:
    await chat.say("9999")
    return chat.text


async def _lock(chat: Chat) -> None:
    await chat.say(f"tra cứu {CODE}")
    for _ in range(MAX_FAILURES - 1):
        assert await _fail(chat) == NO_MATCH
    assert (await _fail(chat)).startswith(LOCKED)


@pytest.mark.parametrize(("minutes", "locked"), [(30, True), (59, True), (59.98, True)])
async def test_the_lockout_still_holds_within_the_hour(app, clock, minutes, locked) -> None:
    chat = Chat(app.engine, chat_id="typo")
    await _lock(chat)
    clock.advance(minutes=minutes)
    await chat.say(f"tra cứu {CODE}")
    assert chat.last[-1].text.startswith(LOCKED)
    assert "10:00 01/12/2026" in chat.text  # the hour after the first of the 5 failures
    await chat.say("1234")
    assert CARD not in chat.text


async def test_the_lockout_is_off_once_the_hour_is_over(app, clock) -> None:
    chat = Chat(app.engine, chat_id="typo")
    await _lock(chat)
    clock.advance(hours=1)
    assert CARD in await _try(chat, "1234")


async def test_the_lock_time_counts_from_the_fifth_last_failure(app, clock) -> None:
    chat = Chat(app.engine, chat_id="slow")
    await chat.say(f"tra cứu {CODE}")
    for _ in range(MAX_FAILURES - 1):
        await _fail(chat)
        clock.advance(minutes=10)  # failures at 9:00, 9:10, 9:20, 9:30
    text = await _fail(chat)  # 9:40: the fifth within the hour
    assert text.startswith(LOCKED) and "10:00 01/12/2026" in text
    clock.advance(minutes=21)  # 10:01: 9:00 is out of the window, four remain
    assert CARD in await _try(chat, "1234")


async def test_failures_spread_over_more_than_an_hour_never_lock(app, clock) -> None:
    chat = Chat(app.engine, chat_id="forgetful")
    await chat.say(f"tra cứu {CODE}")
    # one failure every 16 minutes (4 in any hour), below the code's own daily budget
    for _ in range(CODE_MAX_FAILURES - 1):
        assert await _fail(chat) == NO_MATCH
        clock.advance(minutes=16)
    assert CARD in await _try(chat, "1234")


async def test_a_typed_tail_is_shown_back_when_the_digits_are_asked(app) -> None:
    chat = Chat(app.engine)
    await chat.say("tra cứu hồ sơ 200703-0002")
    assert chat.text == t("status.ask_digits", code="200703-0002")
    await chat.say("1234")
    assert f"Hồ sơ {CODE}" in chat.text


async def test_the_lock_reply_is_exact_offers_a_way_out_and_ends_the_lookup(app, clock) -> None:
    """The locked answer names the time as typed for people ("10:00 01/12/2026"), keeps
    the way back to the menu, and ends the lookup: digits typed next are no new guess."""
    chat = Chat(app.engine, chat_id="exact-lock")
    await _lock(chat)
    assert chat.last[-1].text == t("status.locked", time="10:00 01/12/2026")
    assert t("menu.btn_home") in chat.labels()
    await chat.say("1234")
    assert CARD not in chat.text
    assert not chat.text.startswith(LOCKED)  # not read as one more try at the digits


async def _from_menu(chat: Chat, typed: str) -> str:
    """A lookup started again from the menu's "Tra cứu hồ sơ" button, then the code typed."""
    await chat.say("menu")
    await chat.click("Tra cứu hồ sơ")
    await chat.say(typed)
    return chat.text


async def test_a_locked_chat_starting_again_from_the_menu_is_still_locked(app, clock) -> None:
    chat = Chat(app.engine, chat_id="menu-again")
    await _lock(chat)
    clock.advance(minutes=59)
    assert await _from_menu(chat, CODE) == t("status.locked", time="10:00 01/12/2026")
    assert t("menu.btn_home") in chat.labels()  # the way out stays
    await chat.say("1234")
    assert CARD not in chat.text


async def test_a_code_locked_by_other_chats_is_locked_from_the_menu_too(app) -> None:
    for n in range(CODE_MAX_FAILURES // (MAX_FAILURES - 1) + 1):  # never a chat lockout
        guesser = Chat(app.engine, chat_id=f"guesser-{n}")
        await guesser.say(f"tra cứu {CODE}")
        for _ in range(MAX_FAILURES - 1):
            await _fail(guesser)
    citizen = Chat(app.engine, chat_id="citizen")
    text = await _from_menu(citizen, CODE)
    assert text.startswith(t("status.code_locked", time="")[:40])
    assert t("status.ask_digits", code=CODE) not in text


async def test_the_digits_prompt_from_the_menu_names_the_code_and_offers_a_way_out(app) -> None:
    chat = Chat(app.engine, chat_id="menu-tail")
    assert await _from_menu(chat, "200703-0002") == t("status.ask_digits", code="200703-0002")
    assert chat.labels() == [t("menu.btn_home")]


async def test_the_way_out_at_the_digits_prompt_opens_the_main_menu(app) -> None:
    menu = Chat(app.engine, chat_id="plain-menu")
    await menu.say("menu")
    chat = Chat(app.engine, chat_id="way-out")
    await _from_menu(chat, CODE)
    await chat.click(t("menu.btn_home"))
    assert chat.text == menu.text and chat.labels() == menu.labels()
    await chat.say("1234")  # the lookup is over: the digits are no answer to it
    assert CARD not in chat.text
