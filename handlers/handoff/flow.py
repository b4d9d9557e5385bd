"""A person when the bot cannot help: the handoff to ward staff, live or as a ticket.

```mermaid
stateDiagram-v2
    [*] --> live: "gặp cán bộ" / ho:start (office hours; staff group told)
    [*] --> await_question: ho:start out of hours
    await_question --> [*]: the question (ticket HT-XXXX; the chat is free)
    await_question --> [*]: the office's contact or hours, a booking asked (answered, no ticket)
    live --> live: any message (to the staff thread; the bot stays silent)
    live --> live: ho:staff (event: a staff reply, shown once)
    live --> confirm_end: hủy / menu / kết thúc / another flow's button
    confirm_end --> live: ho:stay, or a message for the staff
    confirm_end --> rating: ho:end (a staff member had answered)
    confirm_end --> [*]: ho:end (nobody had answered yet)
    live --> rating: ho:closed (event: staff closed it)
    live --> [*]: ho:timeout (event: no reply in time, a ticket now)
    state "any state" as any
    any --> any: ho:staff on a ticket (the answer, pushed; "Nhắn tiếp" -> ho:reply)
    any --> ticket: "HT-4K7Q" typed (its status and answers)
```
``rating`` is the feedback flow's 1-5 question (``ctx.start("feedback", "ask_rating")``).
State data: ``id`` and ``code`` of the handoff (live), ``brief`` (the staff's context) while
asking a ticket's question, ``acked`` once the first message was said to be passed on.
"""

from __future__ import annotations

from handlers.flow import Flow
from handlers.handoff import events, steps, tickets, withdraw

FLOW = Flow(
    name="handoff",
    prefix="ho",
    actions={
        "start": steps.start_handoff,
        "end": steps.end_handoff,
        "stay": steps.stay,
        "reply": steps.write_back,
        "show": tickets.show_ticket,
        "staff": events.deliver_staff,
        "closed": events.closed_by_staff,
        "timeout": events.no_staff_reply,
    },
    steps={
        "live": steps.relay,
        "confirm_end": steps.confirm_end,
        "await_question": steps.take_question,
    },
    intents={
        "human": steps.start_handoff,
        "ticket": tickets.show_ticket,
        "done": withdraw.answer_done,
    },
    entries={"start": steps.start_handoff},
    free_text=frozenset({"await_question"}),
    captive=frozenset({"live", "confirm_end"}),
)
