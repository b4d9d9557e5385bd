"""Issue 12 on Zalo (no buttons: everything typed), through signed webhooks and the fake API.

The walkthrough answered with the words people type ("co", "roi", "không biết", "ko bik"),
"cám ơn" in the middle, a card that fits a Zalo message, and a receipt code typed without
its unit prefix followed by the phone digits in the same message.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.webapp import APP_KEY
from handlers.search.card import CARD_MAX
from tests.e2e.fake_zalo import FakeZalo
from tests.e2e.test_zalo_bot import HEADERS, fake, server, update
from tests.support.idle import quiet

__all__ = ["fake", "server"]  # fixtures

pytestmark = pytest.mark.slow


async def _say(client: Any, fake: FakeZalo, chat: str, n: int, text: str) -> str:
    before = len(fake.sent_texts(chat))
    body = update(text, f"{chat}-{n}", chat=chat)
    assert (await client.post("/webhooks/zalo-bot", json=body, headers=HEADERS)).status == 200
    await quiet(client.server.app[APP_KEY])  # the whole turn sent, every message
    assert len(fake.sent_texts(chat)) > before
    return fake.sent_texts(chat)[-1]


async def test_walkthrough_typed_with_everyday_words(server: Any, fake: FakeZalo) -> None:
    _app, client = server
    lines = [
        "lam giay khai sinh cho con can gi",
        "1",  # "Giấy tờ cần chuẩn bị"
        "nop truc tiep",
        "cha hoac me",
        "không",  # "Không, trẻ sinh bình thường"
        "co giay chung sinh roi",  # "Có Giấy chứng sinh": that paper is not asked again
        "roi",  # document 1: have
        "cám ơn",  # a thank-you keeps the question open
        "không biết",  # document 2: not sure
    ]
    sent = [await _say(client, fake, "zw", n, text) for n, text in enumerate(lines)]
    card = next(text for text in fake.sent_texts("zw") if text.startswith("📄 Đăng ký khai sinh"))
    assert len(card.split("\n\n")[0]) <= CARD_MAX  # the card, before the numbered options
    assert "(1/2)" in sent[5] and "(2/2)" in sent[6] and "không có gì" in sent[7]
    assert "1. Đã có" in sent[7]
    summary = next(t for t in reversed(fake.sent_texts("zw")) if "Tóm tắt hồ sơ" in t)
    assert "Giấy tờ đã có (2)" in summary and "Giấy tờ anh/chị chưa rõ (1)" in summary
    assert "✅ Giấy chứng sinh" in summary
    # the numbered options may come as the next message (2,000-character pieces)
    assert "1. Đặt lịch hỗ trợ" in fake.sent_texts("zw")[-1]
    assert not any("chưa rõ ý" in text for text in sent)


async def test_walkthrough_answer_in_own_words(server: Any, fake: FakeZalo) -> None:
    """ "nha cua bo me" names no label's words, yet means "Nhà của người thân (... cha mẹ
    ...)": taken, and the walkthrough goes on (no land-transfer card)."""
    _app, client = server
    await _say(client, fake, "zo", 1, "can chuan bi gi de nhap ho khau vo nha ba me")
    await _say(client, fake, "zo", 2, "truc tiep")
    await _say(client, fake, "zo", 3, "nha cua bo me")
    said = "\n".join(fake.sent_texts("zo")[-3:])
    assert "Em ghi nhận: Nhà của người thân" in said and "Anh/chị đã có" in said
    assert "📄" not in said


async def test_receipt_tail_and_digits_in_one_message(server: Any, fake: FakeZalo) -> None:
    _app, client = server
    answer = await _say(client, fake, "zs", 1, "h20-200703-0004 sdt 2468")
    assert "Hồ sơ 000.00.14.H20-200703-0004" in answer and "Đã có kết quả" in answer
