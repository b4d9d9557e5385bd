"""Booking an in-person assistance day (flow ``booking``, payload prefix ``bk``).

```mermaid
stateDiagram-v2
    [*] --> choose_programme: bk:start / mn:book / "đặt lịch"
    [*] --> choose_day: bk:start:<programme> / "hẹn ngày không viết"
    [*] --> choose_programme: bk:start:need=<code> (answer card)
    choose_programme --> choose_day: bk:prog:<id>
    choose_day --> choose_day: past / holiday / full day (explained, dates again)
    choose_day --> choose_slot: bk:day:<date>
    choose_slot --> ask_name: bk:slot:<date_time>
    ask_name --> ask_phone
    ask_phone --> ask_phone: invalid (3rd time: retry / stop / call the office)
    ask_phone --> ask_address: kind = home
    ask_phone --> ask_need
    ask_address --> ask_need
    ask_need --> confirm: bk:need:<code> / text / skip
    confirm --> done: bk:confirm (seat taken: code LH-XXXX, reminders queued)
    confirm --> choose_slot: slot filled meanwhile (next free slots offered)
    done --> done: bk:confirm again (same code, no second booking)
    [*] --> mine: bk:mine / "lịch hẹn của tôi"
    mine --> mine: bk:cancel:<code> -> bk:cancelok:<code>
    mine --> choose_day: bk:move:<code>
    choose_slot --> confirm_move: (moving)
    confirm_move --> done: bk:moveok
```

Every button is an action (valid from any state) that checks the state data it needs, so an
old button gets the polite "nút cũ" answer instead of acting on another booking.
"""

from __future__ import annotations

from handlers.booking import form, mine, steps
from handlers.flow import Flow

FLOW = Flow(
    name="booking",
    prefix="bk",
    actions={
        "start": steps.start,
        "prog": steps.choose_programme,
        "day": steps.choose_day,
        "slot": steps.choose_slot,
        "phone": form.retry_phone,
        "need": form.choose_need,
        "confirm": form.confirm,
        "mine": mine.show_mine,
        "cancel": mine.ask_cancel,
        "cancelok": mine.do_cancel,
        "move": mine.start_move,
        "moveok": mine.do_move,
        "back": steps.go_back,
    },
    steps={
        "choose_programme": steps.typed_programme,
        "choose_day": steps.typed_day,
        "choose_slot": steps.typed_slot,
        "ask_name": form.ask_name,
        "ask_phone": form.ask_phone,
        "ask_address": form.ask_address,
        "ask_need": form.ask_need,
        "confirm": steps.answer_done,
        "confirm_move": steps.answer_done,
        "done": steps.answer_done,
        "mine": mine.typed_in_mine,
    },
    intents={"booking": steps.from_text},
)
