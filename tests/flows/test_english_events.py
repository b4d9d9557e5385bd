"""English free text that names a life event, not a procedure (issue 12, English that
works): the English words are glossed into the catalogue's Vietnamese and the Vietnamese
search answers with its own bands; what is not a procedure stays out of scope."""

from __future__ import annotations

from typing import Any

import pytest

from handlers.i18n import t
from tests.support.chat import Chat

DEATH, BIRTH, UNDER_14, REISSUE = "1.000656", "1.001193", "1.014062", "1.014064"
# no pension at 75+: the social pension of Luật Bảo hiểm xã hội 2024 (from 01/7/2025)
FOREIGN_MARRIAGE, ALLOWANCE = "2.000806", "dp.tro-cap-huu-tri-xa-hoi"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("my father died, what papers do I need", DEATH),
        ("hello, my grandmother passed away yesterday", DEATH),  # not just a greeting
        ("my wife gave birth last week", BIRTH),
        ("ID card for my 10 year old son", UNDER_14),  # the under-14 variant, not the adult card
        ("I lost my ID card", REISSUE),  # the reissue, although "id card" names the first card
        ("I want to marry my Vietnamese girlfriend", FOREIGN_MARRIAGE),
        ("my mother is 80 and has no pension, any allowance?", ALLOWANCE),
    ],
)
async def test_an_english_life_event_reaches_its_procedure(
    app: Any, typed: str, code: str
) -> None:
    chat = Chat(app.engine, chat_id=f"en-event-{typed}", locale="en")
    await chat.say(typed)
    assert chat.payload(f"ck:start:{code}"), chat.text  # its card, with its walkthrough
    assert "Sorry, I can only answer" not in chat.text


async def test_an_exact_english_phrase_still_wins(app: Any) -> None:
    chat = Chat(app.engine, chat_id="en-exact", locale="en")
    await chat.say("register my baby")
    assert chat.last[0].text.startswith("📄 Birth registration (Đăng ký khai sinh)")


@pytest.mark.parametrize("typed", ["what's the weather today", "tell me a joke"])
async def test_english_small_talk_stays_out_of_scope(app: Any, typed: str) -> None:
    chat = Chat(app.engine, chat_id=f"en-oos-{typed}", locale="en")
    await chat.say(typed)
    assert chat.payload("ck:start:") is None, chat.text  # no procedure's card
    assert t("search.out_of_scope", "en") in chat.text
