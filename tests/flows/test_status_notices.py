"""After the card: subscribing to notices (only for the dossier just verified), declining,
unsubscribing, follow-up questions, and the ZNS consent on Zalo OA (the dossier's own phone,
kept encrypted, or nothing kept)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.app import build_app
from bot.config import Settings
from handlers.i18n import t
from tests.support.chat import Chat

CODE = "000.00.14.H20-200703-0002"  # demo: phone 0900001234
LATE = "000.00.14.H20-200703-0005"  # demo: overdue, ...1357


async def _card(chat: Chat, code: str = CODE, digits: str = "1234") -> None:
    await chat.say(f"tra cứu {code}")
    await chat.say(digits)
    assert f"Hồ sơ {code}" in chat.text


async def _subscribed(app: Any, chat: Chat, code: str = CODE) -> bool:
    async with app.uow() as uow:
        return bool(await uow.repos.dossiers.is_subscribed(code, chat.channel, chat.chat_id))


async def test_subscribe_then_unsubscribe_the_verified_dossier(app) -> None:
    chat = Chat(app.engine)
    await _card(chat)
    assert t("status.offer_notices") in chat.text
    await chat.press(f"st:sub:{CODE}")
    assert chat.text == t("status.subscribed", code=CODE)
    assert chat.labels()[0] == t("status.btn_unsubscribe")
    assert await _subscribed(app, chat)
    await chat.press(f"st:sub:{CODE}")
    assert chat.text == t("status.already_subscribed", code=CODE)
    await _card(chat)  # the card of a subscribed chat offers nothing more
    assert t("status.offer_notices") not in chat.text
    await chat.press(f"st:unsub:{CODE}")
    assert chat.text == t("status.unsubscribed", code=CODE)
    assert chat.labels() == [t("status.btn_other"), t("menu.btn_home")]
    assert not await _subscribed(app, chat)
    await chat.press(f"st:unsub:{CODE}")
    assert chat.text == t("status.not_subscribed", code=CODE)


async def test_a_typed_yes_subscribes_and_a_second_card_knows_it(app) -> None:
    chat = Chat(app.engine)
    await _card(chat)
    await chat.say("có")
    assert chat.text == t("status.subscribed", code=CODE)
    await _card(chat)
    assert chat.labels()[0] == t("status.btn_unsubscribe")


async def test_subscribing_to_another_code_than_the_verified_one_is_refused(app) -> None:
    chat = Chat(app.engine)
    await _card(chat)
    await chat.press(f"st:sub:{LATE}")
    assert chat.text == t("status.verify_first")
    assert chat.labels() == [t("status.btn_other"), t("menu.btn_home")]
    assert not await _subscribed(app, chat, LATE)
    await chat.press("st:sub:")  # no code: the verified one
    assert chat.text == t("status.subscribed", code=CODE)


async def test_a_subscription_button_of_an_older_lookup_needs_a_new_one(app) -> None:
    chat = Chat(app.engine)
    await _card(chat)
    await chat.say("menu")
    await chat.press(f"st:sub:{CODE}")  # the state left the lookup: verify again
    assert chat.text == t("status.verify_first")
    assert not await _subscribed(app, chat)


async def test_unsubscribe_without_a_code_says_so(app) -> None:
    chat = Chat(app.engine)
    await chat.press("st:unsub:")
    assert chat.text == t("status.not_subscribed", code="—")


async def test_declining_keeps_the_other_buttons(app) -> None:
    chat = Chat(app.engine)
    await _card(chat)
    await chat.say("không")
    assert chat.text == t("status.no_notices")
    assert chat.labels() == [t("status.btn_other"), t("menu.btn_home")]
    assert not await _subscribed(app, chat)


async def test_a_follow_up_is_answered_about_this_dossier(app) -> None:
    chat = Chat(app.engine)
    await _card(chat, LATE, "1357")
    await chat.say("sao quá hạn rồi mà chưa có")  # a complaint: regret first (issue #12)
    assert chat.text.startswith(t("status.aside.regret"))
    assert f"\nHồ sơ {LATE} đã quá ngày hẹn trả" in chat.text
    assert chat.labels()[:2] == [t("handoff.btn_start"), t("status.btn_subscribe")]
    await chat.say(f"tra cứu {CODE} 1234")  # another code with its digits: a new card
    assert f"Hồ sơ {CODE}" in chat.text and "Tình trạng: Đang xử lý" in chat.text


@pytest.mark.parametrize(
    ("locale", "lookup", "asks"),
    [
        ("en", "check my dossier", ["what is missing", "where do I bring the papers"]),
        ("vi", "tra cứu hồ sơ", ["còn thiếu gì vậy", "mang giấy tờ tới đâu"]),
    ],
)
async def test_papers_asked_for_are_where_to_hand_them_in(
    app: Any, locale: str, lookup: str, asks: list[str]
) -> None:
    # a dossier waiting for papers: "what is missing" / "where do I bring the papers" are
    # about handing them in (there is no result to collect yet), in either language
    waiting = "000.00.14.H20-200703-0003"  # demo: Chờ bổ sung hồ sơ, ...5678
    chat = Chat(app.engine, chat_id=f"supplement-{locale}", locale=locale)
    await chat.say(lookup)
    await chat.say(waiting)
    await chat.say("5678")
    for ask in asks:
        await chat.say(ask)
        hand_in = {"en": "Hand in the additional documents", "vi": "nộp giấy tờ bổ sung"}[locale]
        assert hand_in in chat.text and waiting in chat.text
        assert "chứng minh chỗ ở hợp pháp" in chat.text  # the staff's own note


async def test_a_new_question_after_the_card_leaves_the_lookup(app) -> None:
    chat = Chat(app.engine)
    await _card(chat)
    await chat.say("làm giấy khai sinh cần gì")
    assert "Đăng ký khai sinh" in chat.text and f"Hồ sơ {CODE}" not in chat.text


@pytest.fixture
async def oa_app(tmp_path, knowledge, clock) -> AsyncIterator[Any]:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/zns.db",
        zalo_zns_template_status="tpl-1",
    )
    kb, index = knowledge
    built = await build_app(settings, clock=clock, kb=kb, index=index)
    yield built
    await built.close()


async def test_zalo_oa_asks_for_the_phone_and_keeps_only_the_dossiers_own(oa_app) -> None:
    chat = Chat(oa_app.engine, channel="zalo_oa")
    await _card(chat)
    await chat.press(f"st:sub:{CODE}")
    assert chat.text == t("status.subscribed", code=CODE) + "\n\n" + t("status.zns_ask")
    assert chat.labels() == [t("status.btn_zns_no")]
    await chat.say("0911111234")  # right tail, another phone
    assert chat.text == t("status.zns_mismatch")
    await chat.say("0900 001 234")
    assert chat.text == t("status.zns_saved")
    async with oa_app.uow() as uow:
        key = oa_app.settings.phone_encryption_secret()
        stored = await uow.repos.contacts.phone_for("zalo_oa", chat.chat_id, CODE, key)
    assert stored == "0900001234"


async def test_zalo_oa_declining_keeps_no_phone(oa_app) -> None:
    chat = Chat(oa_app.engine, channel="zalo_oa")
    await _card(chat)
    await chat.press(f"st:sub:{CODE}")
    await chat.press("st:zns_no:")
    assert chat.text == t("status.zns_declined")
    assert chat.labels()[0] == t("status.btn_unsubscribe")
    async with oa_app.uow() as uow:
        key = oa_app.settings.phone_encryption_secret()
        assert await uow.repos.contacts.phone_for("zalo_oa", chat.chat_id, CODE, key) is None
    await chat.say("0900001234")  # no longer asked: not kept
    async with oa_app.uow() as uow:
        assert await uow.repos.contacts.phone_for("zalo_oa", chat.chat_id, CODE, key) is None


async def test_declining_without_a_dossier_offers_the_menu(oa_app) -> None:
    chat = Chat(oa_app.engine, channel="zalo_oa")
    await chat.press("st:zns_no:")
    assert chat.text == t("status.zns_declined")
    assert chat.labels() == [t("menu.btn_home")]


async def test_zalo_oa_a_wrong_phone_still_offers_to_decline(oa_app) -> None:
    chat = Chat(oa_app.engine, channel="zalo_oa")
    await _card(chat)
    await chat.press(f"st:sub:{CODE}")
    await chat.say("0911111234")
    assert chat.text == t("status.zns_mismatch")
    await chat.click(t("status.btn_zns_no"))  # the button on the mismatch answer works
    assert chat.text == t("status.zns_declined")


async def test_zalo_oa_after_the_phone_is_kept_the_card_offers_unsubscribing(oa_app) -> None:
    chat = Chat(oa_app.engine, channel="zalo_oa")
    await _card(chat)
    await chat.press(f"st:sub:{CODE}")
    await chat.say("0900 001 234")
    assert chat.text == t("status.zns_saved")
    assert chat.labels() == [
        t("status.btn_unsubscribe"),
        t("status.btn_other"),
        t("menu.btn_home"),
    ]
    assert chat.payload("st:unsub:") == f"st:unsub:{CODE}"
    await chat.say("sao lâu vậy chưa có")  # back on this dossier's card: about it
    assert CODE in chat.text and "chưa quá hạn" in chat.text
    await chat.say("0900001234")  # no longer asked for: not taken for a phone again
    assert chat.text != t("status.zns_saved")


async def test_zalo_oa_a_question_instead_of_the_phone_is_answered(oa_app) -> None:
    chat = Chat(oa_app.engine, channel="zalo_oa")
    await _card(chat)
    await chat.press(f"st:sub:{CODE}")
    await chat.say("làm giấy khai sinh cần gì")
    assert "Đăng ký khai sinh" in chat.text


async def test_zalo_oa_after_declining_the_card_still_answers_about_the_dossier(oa_app) -> None:
    chat = Chat(oa_app.engine, channel="zalo_oa")
    await _card(chat, LATE, "1357")
    await chat.press(f"st:sub:{LATE}")
    await chat.press("st:zns_no:")
    assert chat.payload("st:unsub:") == f"st:unsub:{LATE}"
    await chat.say("sao quá hạn rồi mà chưa có")  # a complaint: regret first (issue #12)
    assert chat.text.startswith(t("status.aside.regret"))
    assert f"\nHồ sơ {LATE} đã quá ngày hẹn trả" in chat.text


async def test_unsubscribe_without_a_code_takes_the_verified_one(app) -> None:
    chat = Chat(app.engine)
    await _card(chat)
    await chat.press(f"st:sub:{CODE}")
    await chat.press("st:unsub:")
    assert chat.text == t("status.unsubscribed", code=CODE)
    assert not await _subscribed(app, chat)


async def test_another_lookup_is_offered_after_unsubscribing_or_a_refusal(app) -> None:
    fresh = Chat(app.engine)
    await fresh.press("st:start:")
    chat = Chat(app.engine)
    await _card(chat)
    await chat.press(f"st:unsub:{CODE}")
    await chat.click(t("status.btn_other"))
    assert chat.text == fresh.text
    await chat.press(f"st:sub:{LATE}")  # not the verified dossier
    assert chat.text == t("status.verify_first")
    await chat.click(t("status.btn_other"))
    assert chat.text == fresh.text


async def test_a_follow_up_of_a_subscribed_chat_offers_unsubscribing(app) -> None:
    chat = Chat(app.engine)
    await _card(chat)
    await chat.press(f"st:sub:{CODE}")
    await chat.say("khi nào có kết quả")
    assert f"Hồ sơ {CODE}" in chat.text
    assert chat.payload("st:") == f"st:unsub:{CODE}"


async def test_waiting_for_a_code_a_question_is_answered_and_stray_digits_are_refused(app) -> None:
    chat = Chat(app.engine)
    await chat.press("st:start:")
    await chat.say("làm giấy khai sinh cần gì")
    assert "Đăng ký khai sinh" in chat.text
    await chat.press("st:start:")
    await chat.say("số 123")
    assert chat.text == t("status.code_not_recognised")
    assert chat.labels() == [t("menu.btn_home")]


async def test_zalo_oa_the_decline_button_of_the_question_itself_declines(oa_app) -> None:
    chat = Chat(oa_app.engine, channel="zalo_oa", chat_id="decline-button")
    await _card(chat)
    await chat.press(f"st:sub:{CODE}")
    await chat.click(t("status.btn_zns_no"))  # the button sent with the consent question
    assert chat.text == t("status.zns_declined")
