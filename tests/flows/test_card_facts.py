"""Facts a citizen acts on, as the bot shows them (issue 13): the card and the walkthrough
through the engine, for the entries the fact audit found wrong or unclear."""

from __future__ import annotations

import re

from tests.support.chat import Chat


async def _card(app, code: str) -> str:
    chat = Chat(app.engine, chat_id=f"card-{code}")
    await chat.press(f"sr:card:{code}")
    return chat.last[0].text


async def _details(app, code: str, what: str) -> str:
    """The reply behind a card's detail button: "fees" (Chi tiết lệ phí), "legal"."""
    chat = Chat(app.engine, chat_id=f"{what}-{code}")
    await chat.press(f"sr:{what}:{code}")
    return chat.last[0].text


def _line(card: str, emoji: str) -> str:
    return next(line for line in card.splitlines() if line.startswith(emoji))


async def _documents(app, code: str, answers: list[str]) -> list[str]:
    """Press the given answers (button payload values) in order, then list every document
    question the walkthrough asks (answering "Đã có")."""
    chat = Chat(app.engine, chat_id=f"walk-{code}-{'-'.join(answers)}")
    await chat.press(f"ck:start:{code}")
    for value in answers:
        await chat.press_prefix(f"ck:a:{value}:")
    asked = []
    while chat.payload("ck:d:have") is not None:
        asked.append(chat.last[-1].text)
        await chat.press_prefix("ck:d:have")
    return asked


async def test_sign_in_person_certification_is_not_told_to_file_by_post(app) -> None:
    online = _line(await _card(app, "2.000884"), "🌐")
    assert "bưu chính" not in online
    assert "trước mặt người thực hiện chứng thực" in online


async def test_offline_catalogue_cards_name_only_the_channels_the_record_has(app) -> None:
    kb = app.services.kb
    offline = [p for p in kb.procedures if not p.curated and p.online is None
               and p.methods and not any(m.channel == "Trực tuyến" for m in p.methods)]  # fmt: skip
    by_post = next(p for p in offline if any(m.channel == "Dịch vụ bưu chính" for m in p.methods))
    in_person = next(p for p in offline if {m.channel for m in p.methods} == {"Trực tiếp"})
    assert "bưu chính" in _line(await _card(app, by_post.code), "🌐")
    assert "bưu chính" not in _line(await _card(app, in_person.code), "🌐")


async def test_a_time_without_unit_is_not_shown_as_working_days(app) -> None:
    kb = app.services.kb
    bare = next(p for p in kb.procedures if not p.curated and p.methods
                and p.methods[0].time_text == "" and "Cấp xã" in p.levels)  # fmt: skip
    time_line = _line(await _card(app, bare.code), "⏱")
    assert "ngày làm việc" not in time_line and "Bộ phận Một cửa" in time_line


async def test_temporary_residence_extension_shows_the_rates_of_the_circular(app) -> None:
    fees = await _details(app, "1.002755", "fees")
    assert "15.000 đồng/lần" in fees and "7.000 đồng/lần" in fees
    assert "5,000" not in fees  # the portal's mis-keyed online cell


async def test_legal_basis_on_residence_cards_is_whole(app) -> None:
    for code in ("1.002755", "1.004194", "1.010038"):
        legal = await _details(app, code, "legal")
        numbers = re.findall(r"\b\d+(?:\.\d+)?/(?:\d{4}/)?[\wĐđ-]+", legal)
        assert numbers and "53/2025/TT-BC" not in numbers  # the number cut before its "A"
        assert "Angày" not in legal and "Thông tư số\n" not in legal


async def test_mortgage_asks_for_the_certificate_to_be_handed_in(app) -> None:
    asked = await _documents(app, "1.011441", ["certified", "party"])
    cert = next(t for t in asked if "Giấy chứng nhận" in t)
    assert "nộp kèm hồ sơ" in cert and "1 bản chính" in cert
    assert "chỉ cần mang bản chính để cán bộ đối chiếu" not in cert
    contract = next(t for t in asked if "Hợp đồng thế chấp" in t)
    assert "bản sao có chứng thực" in contract


async def test_authoriser_without_e_id_must_add_a_card_copy(app) -> None:
    for code in ("1.001266", "1.001570"):
        without = "\n".join(await _documents(app, code, ["no", "person", "no"]))
        assert "Bản sao thẻ Căn cước" in without
        with_eid = "\n".join(await _documents(app, code, ["no", "person", "yes"]))
        assert "Bản sao thẻ Căn cước" not in with_eid
        by_self = "\n".join(await _documents(app, code, ["no", "self"]))
        assert "Bản sao thẻ Căn cước" not in by_self


async def test_marital_status_asks_for_divorce_details_not_the_judgment(app) -> None:
    asked = await _documents(app, "1.004873", ["in_person", "self", "divorced", "no"])
    divorce = next(t for t in asked if "ly hôn" in t)
    assert "không phải mang bản án" in divorce
    assert "Số lượng" not in divorce and "xuất trình" not in divorce


async def test_repair_permit_asks_for_current_state_drawings_and_photos(app) -> None:
    card = await _card(app, "1.013229")
    assert "07 ngày làm việc" in _line(card, "⏱")
    assert "217/2026/NĐ-CP" in await _details(app, "1.013229", "legal")
    asked = "\n".join(await _documents(app, "1.013229", ["gcn", "no"]))
    assert "Bản vẽ hiện trạng" in asked and "ảnh chụp" in asked
    assert "02 bộ" not in asked


async def test_the_legal_basis_names_each_document_not_only_its_number(app) -> None:
    # the catalogue's titles are often the number again ("Luật 60/2014/QH13",
    # "Nghị định 08/2015/NĐ-CP"): the citizen reads what each document is and who issued it
    legal = await _details(app, "1.001193", "legal")
    assert "Luật Hộ tịch 2014 (60/2014/QH13)" in legal, legal
    assert "Nghị định 123/2015/NĐ-CP của Chính phủ quy định chi tiết" in legal, legal
    legal = await _details(app, "1.011443", "legal")
    assert "Nghị định 99/2022/NĐ-CP của Chính phủ về đăng ký biện pháp bảo đảm" in legal, legal
