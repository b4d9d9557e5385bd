"""The examples the bot itself suggests must work when a citizen types them."""

from __future__ import annotations

import re
from typing import Any

import pytest

from handlers.i18n import t
from tests.support.chat import Chat


@pytest.mark.parametrize("locale", ["vi", "en"])
@pytest.mark.parametrize("key", ["menu.greeting", "menu.ask_prompt"])
async def test_every_quoted_example_gets_an_answer_card(app: Any, locale: str, key: str) -> None:
    examples = re.findall(r'"([^"]+)"', t(key, locale))
    assert examples, f"{key} ({locale}) gives no example"
    for i, example in enumerate(examples):
        chat = Chat(app.engine, chat_id=f"ex-{locale}-{key}-{i}", locale=locale)
        await chat.say(example)
        assert chat.text.startswith("📄"), f"{locale} {key}: {example!r} -> {chat.text[:80]!r}"
