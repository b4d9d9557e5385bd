"""Booking an in-person assistance day (flow ``booking``, payload prefix ``bk``).

```mermaid
stateDiagram-v2
    [*] --> ward: bk:start / mn:book / "đặt lịch" with no ward known (asked once)
    ward --> choose_programme: the ward's own programmes (and province-wide ones)
    [*] --> choose_programme: bk:start / mn:book / "đặt lịch"
    [*] --> choose_day: bk:start:<programme> / "hẹn ngày không viết"
    [*] --> choose_programme: bk:start:need=<code> (answer card)
    [*] --> choose_programme: a need, no booking word ("cán bộ xuống nhà", "hướng dẫn nộp online": that kind)
    [*] --> choose_programme: bk:start:need=<code> pressed on the card a procedure question with a booking gets first
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
    ask_need --> ask_need: a time typed ("9h": that time on the day chosen, the need asked again)
    ask_name --> ask_need: "Nguyễn Thị Mai 0912 345 678" (name and phone in one message)
    ask_name --> choose_slot: "chọn giờ khác" (any form step; the day's times again)
    ask_phone --> stopped: "hủy lịch hẹn", "thôi không đặt nữa", "Dừng" (nothing booked, draft kept)
    stopped --> ask_phone: bk:resume / "thôi không hủy nữa" (back where it was)
    confirm --> done: bk:confirm (seat taken: code LH-XXXX, reminders queued)
    confirm --> choose_slot: slot filled meanwhile (next free slots offered)
    done --> done: bk:confirm again (same code, no second booking)
    [*] --> mine: bk:mine / "lịch hẹn của tôi"
    mine --> confirm_cancel: bk:cancel:<code> ("chắc chắn muốn hủy?")
    confirm_cancel --> mine: bk:cancelok:<code> / typed "hủy", "đồng ý", "có", "ừ hủy đi"
    confirm_cancel --> mine: bk:keep:<code> / typed "không", "thôi" (the booking stands)
    confirm_cancel --> [*]: a new question (said first: the booking still stands)
    mine --> choose_day: bk:move:<code>
    [*] --> choose_slot: "đổi sang tuần sau", "dời lịch sang thứ 3 tuần sau" (one booking: the day said)
    choose_programme --> choose_programme: a ward typed (that ward's programmes)
    choose_day --> choose_day: "đặt lịch" typed (never a stop; the same step again)
    choose_day --> choose_day: typed "10/12", "thứ 5 tuần sau", "ngày mai" (offered or why not)
    choose_slot --> confirm_move: (moving)
    confirm_move --> done: bk:moveok
    confirm_move --> mine: bk:keep:<code> (the old time stands)
```

Every button is an action (valid from any state) that checks the state data it needs, so an
old button gets the polite "nút cũ" answer instead of acting on another booking.
"""

from __future__ import annotations

from handlers.booking import back, changes, form, guard, mine, opening, resume, review, steps
from handlers.booking.need_time import time_first
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
        "keep": mine.keep_booking,
        "move": opening.start_move,
        "moveok": mine.do_move,
        "back": back.go_back,
        "resume": resume.resume,
    },
    steps={
        "choose_programme": guard.leaving(steps.typed_programme),
        "choose_day": guard.leaving(steps.typed_day),
        "choose_slot": guard.leaving(steps.typed_slot),
        "ask_name": guard.guarded(form.ask_name, steps.day_step),
        "ask_phone": guard.guarded(form.ask_phone, steps.day_step),
        "ask_address": guard.guarded(form.ask_address, steps.day_step),
        "ask_need": time_first(guard.guarded(resume.need_or_stop, steps.day_step)),
        "confirm": changes.typed_confirm,
        "confirm_move": changes.typed_confirm,
        "confirm_cancel": mine.typed_at_cancel,
        "done": opening.answer_done,
        "mine": review.in_mine,
        "stopped": resume.typed_stopped,
    },
    entries={"stop": resume.stop, "from_text": opening.from_text},
    intents={"booking": opening.from_text},
    free_text=frozenset({"ask_name", "ask_phone", "ask_address"}),
    resting=frozenset({"done", "mine", "stopped"}),
    hints={
        "ask_name": "booking.hint_name",
        "ask_phone": "booking.hint_phone",
        "ask_address": "booking.hint_address",
    },
    leave_notes={
        "confirm": "booking.not_booked",
        "confirm_move": "booking.move_kept",
        "confirm_cancel": "booking.cancel_kept",
    },
)
