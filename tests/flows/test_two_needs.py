"""Two needs in one message ("làm sổ đỏ với đăng ký kết hôn"): the card of the main one and
the other offered as a button, read from the search's ``others``.

The search that finds ``others`` is another part of the project; here it is stubbed: a small
index that classifies every message the same way, with or without ``others``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.app import build_app
from bot.config import Settings
from knowledge.index_bands import Match
from tests.support.chat import Chat

SO_DO = "1.013978"
MARRIAGE = "1.000894"


@dataclass(frozen=True)
class _Result:
    intent: str
    band: str
    matches: list[Match]
    others: list[Match] = field(default_factory=list)
    receipt_code: str | None = None
    phone: str | None = None


class _TwoNeedsIndex:
    """Every message is "sổ đỏ" first, and marriage registration as a second need."""

    def __init__(self, kb: Any, with_others: bool = True) -> None:
        self.kb, self.with_others = kb, with_others

    def _match(self, code: str) -> Match:
        return Match(code, self.kb.get(code).display_name, 90.0)

    def classify(self, text: str, k: int = 3) -> _Result:
        others = [self._match(MARRIAGE), self._match(SO_DO)] if self.with_others else []
        return _Result("procedure", "answer", [self._match(SO_DO)], others)


async def _app(tmp_path: Any, knowledge: Any, clock: Any, with_others: bool) -> Any:
    kb, _index = knowledge
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/two.db")
    return await build_app(settings, clock=clock, kb=kb, index=_TwoNeedsIndex(kb, with_others))


async def test_the_other_need_is_offered_as_a_button(tmp_path, knowledge, clock) -> None:
    app = await _app(tmp_path, knowledge, clock, with_others=True)
    try:
        chat = Chat(app.engine, chat_id="two-needs")
        await chat.say("làm sổ đỏ với đăng ký kết hôn")
        assert chat.text.startswith("📄 Cấp Giấy chứng nhận quyền sử dụng đất lần đầu")
        assert "Còn thủ tục: Đăng ký kết hôn" in chat.labels()
        assert not any("Cấp Giấy chứng nhận" in label for label in chat.labels())  # not itself
        await chat.press("sr:fees:" + SO_DO)  # the offer stays under the card's details
        assert "Còn thủ tục: Đăng ký kết hôn" in chat.labels()
        await chat.click("Còn thủ tục: Đăng ký kết hôn")
        assert chat.text.startswith("📄 Đăng ký kết hôn")
    finally:
        await app.close()


async def test_one_need_offers_nothing_more(tmp_path, knowledge, clock) -> None:
    app = await _app(tmp_path, knowledge, clock, with_others=False)
    try:
        chat = Chat(app.engine, chat_id="one-need")
        await chat.say("làm sổ đỏ")
        assert chat.text.startswith("📄")
        assert not any(label.startswith("Còn thủ tục") for label in chat.labels())
    finally:
        await app.close()


async def test_a_search_without_others_is_read_safely(app) -> None:
    """Today's real ``Result`` has no ``others``: the card shows without the offer."""
    chat = Chat(app.engine, chat_id="real-index")
    await chat.say("làm sổ đỏ")
    assert chat.text.startswith("📄") and "trục trặc" not in chat.text
