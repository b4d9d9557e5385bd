"""Main menu flow: greeting, the four jobs, contact information, help, cancel.

```mermaid
stateDiagram-v2
    [*] --> idle: /start, menu, xin chào
    idle --> idle: mn:contact / mn:help
    idle --> search: mn:ask (then free text)
    idle --> await_docs: mn:docs
    await_docs --> checklist: procedure name (answer band)
    idle --> status: mn:status
    idle --> booking: mn:book
    idle --> ward: mn:ward / "đổi xã/phường" (the chat's commune or ward)
    idle --> ward: mn:contact with no ward known yet (asked once, then the contact)
    state "any state" as any
    idle --> idle: "số điện thoại một cửa phường X", "làm giấy tờ" (the contact; which paperwork)
    idle --> booking: "ở xã Mỹ Ngãi" (the ward kept, its programmes)
    idle --> idle: "bạn là người thật hả" (an automated assistant; "Gặp cán bộ")
    idle --> idle: a bare "chưa có", "ko biết" with nothing asked (mn:bare: short, the menu)
    idle --> idle: English typed in a Vietnamese chat (offer English, mn:lang:en|vi)
    any --> idle: hủy / menu / stale (30 min)
```
"""

from __future__ import annotations

from handlers.flow import Flow
from handlers.menu import asks, steps

FLOW = Flow(
    name="menu",
    prefix="mn",
    actions={
        "menu": steps.show_menu,
        "home": steps.show_menu,
        "cancel": steps.cancel_flow,
        "help": steps.show_help,
        "contact": steps.show_contact,
        "ask": steps.ask_question,
        "docs": steps.ask_docs,
        "status": steps.open_status,
        "book": steps.open_booking,
        "lang": steps.set_language,
        "ward": steps.change_ward,
        "bare": asks.answer_bare,
    },
    steps={"await_docs": steps.await_docs},
    entries={"office": asks.answer_office},
    intents={
        "greeting": steps.answer_greeting,
        "thanks": steps.answer_thanks,
        "bye": steps.answer_bye,
        "ack": steps.answer_ack,
        "empty": steps.answer_empty,
        "english": steps.offer_english,
        "office_contact": asks.answer_office,
        "ward_said": asks.answer_ward,
        "vague_need": asks.answer_vague,
        "bot_asked": asks.answer_bot,
        "*": steps.answer_unknown,
    },
)
