"""Facts the third fact audit (issue 13) found missing or garbled, as a citizen reads them:
the card, its detail replies and the walkthrough, through the engine."""

from __future__ import annotations

from tests.flows.test_card_facts import _card, _details, _line
from tests.support.chat import Chat


async def test_adoption_gives_the_laws_time_limit_and_place(app) -> None:
    card = await _card(app, "2.001263")
    time = _line(card, "⏱")
    assert "30 ngày, kể từ ngày Ủy ban nhân dân cấp xã nhận đủ hồ sơ hợp lệ" in time
    assert "Điều 19" in time and "Chưa có thông tin" not in time
    assert "nơi người được giới thiệu làm con nuôi thường trú" in _line(card, "📍")
    legal = await _details(app, "2.001263", "legal")
    assert "52/2010/QH12" in legal
    # the two circulars keep their own titles (the portal quotes one number in the other)
    tt10 = next(line for line in legal.splitlines() if "10/2020/TT-BTP" in line)
    assert "ghi chép" in tt10 and "SỬA ĐỔI" not in tt10.upper()
    assert "NGÀY 28 THÁNG 12" not in legal


async def test_adoption_notes_say_the_residence_heading_once(app) -> None:
    chat = Chat(app.engine, chat_id="notes-2.001263")
    await chat.press("sr:notes:2.001263")
    notes = chat.last[0].text
    assert notes.count("Các trường hợp phải chứng minh nơi cư trú") == 1
    assert "bao gồm: )" not in notes


async def test_a_time_only_the_records_description_gives_is_shown(app) -> None:
    assert _line(await _card(app, "1.004656"), "⏱").endswith("5 ngày làm việc")


async def test_free_beside_the_hdnd_note_is_not_called_free(app) -> None:
    fee = _line(await _card(app, "1.013228"), "💰")
    assert "Hội đồng nhân dân cấp tỉnh" in fee
    assert "Miễn phí" not in fee


async def _na_offers(app, code: str, first: bool = True) -> dict[str, bool]:
    """Every paper the walkthrough asks, with whether it offers "not my case"."""
    chat = Chat(app.engine, chat_id=f"na-{code}-{first}")
    await chat.press(f"ck:start:{code}")
    offers: dict[str, bool] = {}
    for _ in range(40):
        options = [b.payload for b in chat.buttons() if b.payload.startswith("ck:a:")]
        if options:
            await chat.press(options[0] if first else options[-1])
            continue
        if chat.payload("ck:d:have") is None:
            break
        name = chat.last[-1].text.split('"')[1]
        offers[name] = chat.payload("ck:d:na") is not None
        await chat.press_prefix("ck:d:missing")
    return offers


def _offer(offers: dict[str, bool], words: str) -> bool:
    return next(v for k, v in offers.items() if words in k)


async def test_papers_for_another_case_offer_not_my_case(app) -> None:
    permit = await _na_offers(app, "1.013228")
    assert _offer(permit, "(đối với trường hợp bị rách, nát)")
    assert not _offer(permit, "Đơn đề nghị")  # asked of everyone
    child = await _na_offers(app, "2.001263", first=False)  # the child's papers
    assert _offer(child, "Quyết định tiếp nhận đối với trẻ em ở cơ sở nuôi dưỡng")
    assert _offer(child, "Biên bản xác nhận")
    assert not _offer(child, "Giấy khai sinh")
    # a curated paper needed only when the officer cannot look it up (audit pattern A9)
    death = await _na_offers(app, "1.000656")
    assert _offer(death, "Giấy tờ chứng minh nơi cư trú (chỉ khi")


async def test_proof_of_acting_for_a_child_is_not_asked_of_an_adult(app) -> None:
    # QA pass 6: an adult renewing their own card was asked for proof of representing a
    # child under 14; that paper is "not my case" unless the procedure is the child's card
    renewal = await _na_offers(app, "1.014063")  # Cấp đổi thẻ căn cước
    assert _offer(renewal, "người đại diện hợp pháp của người dưới 14 tuổi")
    assert not _offer(renewal, "Phiếu đề nghị giải quyết thủ tục về căn cước")
    child = await _na_offers(app, "1.014062")  # the card for a child under 14
    proof = [name for name in child if "đại diện hợp pháp" in name]
    assert proof and not any(child[name] for name in proof)  # asked, and of everyone
