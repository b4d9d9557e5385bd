"""Dossier status lookup through the engine: verification, no enumeration, lockout,
subscription and notification delivery (demo dossiers seeded on the first start)."""

from __future__ import annotations

import re

from bot import jobs as runner
from handlers.status.views import notify_changes
from tests.support.chat import Chat

CODE = "000.00.14.H20-200703-0002"  # demo: Nguyễn Văn An, phone ...1234, Đang xử lý
SUPPLEMENT = "000.00.14.H20-200703-0003"  # demo: Chờ bổ sung hồ sơ, ...5678
READY = "000.00.14.H20-200703-0004"  # demo: Đã có kết quả, ...2468
LATE = "000.00.14.H20-200703-0005"  # demo: overdue, ...1357


async def _lookup(chat: Chat, text: str, digits: str) -> str:
    await chat.say(text)
    assert "4 số cuối" in chat.text
    await chat.say(digits)
    return chat.text


async def test_sloppy_code_in_a_sentence_then_digits_show_the_card(app) -> None:
    chat = Chat(app.engine)
    text = await _lookup(
        chat, "cho em hỏi hồ sơ 000.00.14.h20 - 200703 - 0002 tới đâu rồi", "1234"
    )
    assert f"Hồ sơ {CODE}" in text
    assert "Đăng ký khai sinh" in text
    assert "Tình trạng: Đang xử lý" in text
    assert "Nguyễn V*** A" in text and "Nguyễn Văn An" not in text
    assert "0900001234" not in text
    assert re.search(r"Còn \d+ ngày làm việc", text)
    assert "Quá trình xử lý:" in text and "Mới tiếp nhận" in text
    assert "Nhận thông báo" in " ".join(chat.labels())


async def test_menu_button_then_code_without_dots(app) -> None:
    chat = Chat(app.engine)
    await chat.say("menu")
    await chat.click("Tra cứu hồ sơ")
    assert "mã hồ sơ" in chat.text
    text = await _lookup(chat, "0000014h20-200703-0004", "2468")
    assert "Đã có kết quả" in text
    assert "nhận kết quả tại" in text and "giấy biên nhận" in text


async def test_supplement_and_overdue_explain_what_to_do(app) -> None:
    chat = Chat(app.engine)
    text = await _lookup(chat, SUPPLEMENT, "5678")
    assert "Chờ bổ sung hồ sơ" in text
    assert "Phiếu yêu cầu bổ sung" in text and "chỗ ở hợp pháp" in text
    text = await _lookup(chat, LATE, "0900001357")  # the whole phone number works too
    assert "quá ngày hẹn trả 3 ngày làm việc" in text


async def test_unknown_code_and_wrong_digits_give_the_same_answer(app) -> None:
    wrong = Chat(app.engine, chat_id="a")
    unknown = Chat(app.engine, chat_id="b")
    await wrong.say(CODE)
    await unknown.say(CODE.replace("0002", "0099"))
    assert wrong.text.replace("0002", "X") == unknown.text.replace("0099", "X")
    await wrong.say("9999")
    await unknown.say("1234")
    assert "không tìm thấy" in wrong.text
    assert wrong.text.replace("0002", "X") == unknown.text.replace("0099", "X")
    assert wrong.labels() == unknown.labels()


async def test_five_failures_lock_the_chat_for_an_hour(app, clock) -> None:
    chat = Chat(app.engine, chat_id="attacker")
    await chat.say(CODE)
    for _ in range(4):
        await chat.say("0000")
        assert "không tìm thấy" in chat.text
    await chat.say("0000")
    assert "tạm khóa" in chat.text
    await chat.say(CODE)  # even a fresh lookup is refused now
    assert "tạm khóa" in chat.text and "4 số cuối" not in chat.text
    await chat.say("1234")
    assert "Đang xử lý" not in chat.text
    other = Chat(app.engine, chat_id="someone-else")  # other chats are not affected
    assert "Đang xử lý" in await _lookup(other, CODE, "1234")
    clock.advance(hours=1, minutes=1)
    assert "Đang xử lý" in await _lookup(chat, CODE, "1234")


async def test_subscribe_requires_verification(app) -> None:
    chat = Chat(app.engine, chat_id="nosy")
    await chat.press(f"st:sub:{CODE}")
    assert "tra cứu lại" in chat.text
    async with app.uow() as uow:
        assert not await uow.repos.dossiers.is_subscribed(CODE, "test", "nosy")


async def test_status_change_notifies_each_subscriber_once(app, clock) -> None:
    collected = runner.CollectingSender()
    runner.senders(app)["test"] = collected
    alice, bob = Chat(app.engine, chat_id="alice"), Chat(app.engine, chat_id="bob")
    for chat in (alice, bob):
        await _lookup(chat, CODE, "1234")
        await chat.click("Nhận thông báo")
        assert "sẽ nhắn tin báo" in chat.text
    await bob.click("Hủy nhận thông báo")
    assert "ngừng gửi thông báo" in bob.text
    async with app.uow() as uow:
        change = await uow.repos.dossiers.set_status(CODE, "Đã có kết quả", None, clock.now())
        assert await notify_changes(uow.repos, [change], clock.now()) == 1
        assert await notify_changes(uow.repos, [change], clock.now()) == 0  # deduplicated
        await uow.commit()
    assert await runner.run_once(app) == 1
    assert await runner.run_once(app) == 0
    assert collected.texts("alice") == [collected.texts()[0]]
    assert f"Hồ sơ {CODE} vừa được cập nhật: Đã có kết quả" in collected.texts("alice")[0]
    assert collected.texts("bob") == []
    details = collected.sent[0][1].flat_buttons()[0]  # the notification's own button
    await alice.press(details.payload)
    assert "4 số cuối" in alice.text  # details need the phone digits again


async def test_failed_delivery_is_retried_later(app, clock) -> None:
    calls: list[str] = []

    async def flaky(chat_id, reply) -> None:
        calls.append(chat_id)
        if len(calls) == 1:
            raise ConnectionError("network down")

    runner.senders(app)["test"] = flaky
    chat = Chat(app.engine, chat_id="carol")
    await _lookup(chat, CODE, "1234")
    await chat.click("Nhận thông báo")
    async with app.uow() as uow:
        change = await uow.repos.dossiers.set_status(
            CODE, "Chờ bổ sung hồ sơ", "Thiếu ảnh", clock.now()
        )
        await notify_changes(uow.repos, [change], clock.now())
        await uow.commit()
    assert await runner.run_once(app) == 1
    assert await runner.run_once(app) == 0  # not due yet
    clock.advance(minutes=1)
    assert await runner.run_once(app) == 1
    assert calls == ["carol", "carol"]


async def test_status_question_without_code_asks_for_it(app) -> None:
    chat = Chat(app.engine)
    await chat.say("hồ sơ của tôi tới đâu rồi")
    assert "gõ mã hồ sơ" in chat.text
    await chat.say("12345")
    assert "chưa nhận ra mã" in chat.text
    text = await _lookup(chat, "ma ho so 000 00 14 H20-200703-0002", "1234")
    assert "Tình trạng: Đang xử lý" in text


async def test_a_ready_result_says_on_its_own_line_what_the_office_data_lacks(app) -> None:
    """Sent to the office (result ready): the card adds the ward office's lines, and the
    shipped data has no address, phone or hours yet, so one line says so, never a guess."""
    from dataclasses import replace

    from handlers.i18n import t
    from handlers.status.dossier import build_input

    key = str(app.services.settings["phone_hash_key"])
    async with app.uow() as uow:
        for code, status in (("000.00.99.H20-200703-0001", "Đã có kết quả"),
                             ("000.00.99.H20-200703-0002", "Đang xử lý")):  # fmt: skip
            row = {"code": code, "status": status, "phone": "0912345678"}
            inp = replace(build_input(row, key), ward_code="29869")  # phường Cao Lãnh's
            await uow.repos.dossiers.upsert(inp, app.services.clock.now())
        await uow.commit()
    ward = app.services.localities.get("29869")
    fields = ", ".join(t(f"ward.field_{k}", "vi") for k in ("address", "phone", "hours"))
    missing = t("ward.office_missing", "vi", fields=fields, ward=ward.display)
    ready = await _lookup(Chat(app.engine, chat_id="ready"), "000.00.99.H20-200703-0001", "5678")
    assert "Tình trạng: Đã có kết quả" in ready and missing in ready.splitlines()
    assert t("status.offer_notices", "vi") in ready.splitlines()  # its own paragraph
    busy = Chat(app.engine, chat_id="busy")
    text = await _lookup(busy, "tra cứu 000.00.99.H20-200703-0002 và đặt lịch hỗ trợ", "5678")
    assert "Tình trạng: Đang xử lý" in text and missing not in text  # nowhere to go yet
    # the booking asked in the same message: offered right under the notices button
    assert busy.labels()[:2] == [t("status.btn_subscribe", "vi"), t("status.btn_also_book", "vi")]


async def test_the_office_lines_staff_filled_in_come_one_per_line(app, monkeypatch) -> None:
    """Staff filled in the office's address only: the card of a ready dossier gives it on its
    own line, then one line for the phone and hours still missing."""
    from dataclasses import replace

    from handlers.i18n import t
    from handlers.status.dossier import build_input

    places = app.services.localities
    ward = places.get("29869")
    office = ward.office.model_copy(update={"address": "Số 1 đường Lý Thường Kiệt"})
    offices = type(ward.offices)([office, *ward.offices[1:]])
    monkeypatch.setitem(places.wards, "29869", ward.model_copy(update={"offices": offices}))
    key = str(app.services.settings["phone_hash_key"])
    row = {"code": "000.00.99.H20-200703-0001", "status": "Đã có kết quả", "phone": "0912345678"}
    async with app.uow() as uow:
        inp = replace(build_input(row, key), ward_code="29869")
        await uow.repos.dossiers.upsert(inp, app.services.clock.now())
        await uow.commit()
    lines = (await _lookup(Chat(app.engine), row["code"], "5678")).splitlines()
    address = t("ward.office_address", "vi", value="Số 1 đường Lý Thường Kiệt")
    fields = ", ".join(t(f"ward.field_{k}", "vi") for k in ("phone", "hours"))
    missing = t("ward.office_missing", "vi", fields=fields, ward=ward.display)
    assert address in lines and lines[lines.index(address) + 1] == missing


async def test_what_the_citizen_types_when_asked_for_the_digits(app) -> None:
    """At "4 số cuối?": another code (with its digits) is a fresh lookup; a lost receipt is
    explained; a short stray number asks again for the 4 digits; the digits work even
    in a sentence about the lost receipt; a new question is answered as a question."""
    from handlers.i18n import t

    chat = Chat(app.engine, chat_id="digits-step")
    await chat.say(CODE)
    assert "4 số cuối" in chat.text
    await chat.say(f"à nhầm, mã {READY} số 2468")
    assert f"Hồ sơ {READY}" in chat.text and "Đã có kết quả" in chat.text

    await chat.say(CODE)
    await chat.say("giấy biên nhận mất rồi")
    assert chat.text.startswith(t("status.lost_code", "vi"))
    await chat.say(CODE)
    await chat.say("mất phiếu")  # short: not taken for a new question
    assert chat.text.startswith(t("status.lost_code", "vi"))
    await chat.say(CODE)
    await chat.say("em chỉ nhớ hai số cuối là 34 thôi ạ")
    assert chat.text == t("status.digits_format", "vi")
    # no digits: up to 12 characters is a (wrong) answer, longer is a new question
    await chat.say("không biết ạ")  # 12
    assert chat.text == t("status.digits_format", "vi")
    await chat.say("hỏi thủ tục ạ")  # 13
    assert "4 chữ số" not in chat.text
    await chat.say(CODE)
    await chat.say("giấy biên nhận mất rồi nhưng số cuối là 1234")
    assert f"Hồ sơ {CODE}" in chat.text
    await chat.say(SUPPLEMENT)
    await chat.say("làm giấy khai sinh cho con cần những gì")
    assert "khai sinh" in chat.text.lower() and "4 chữ số" not in chat.text
