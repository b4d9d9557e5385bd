"""Feedback and satisfaction: was the answer useful, and how satisfied is the citizen.

```mermaid
stateDiagram-v2
    state "any state" as any
    any --> any: fb:up:<c|k>:<code> (👍 counted, the card's buttons again)
    any --> await_missing: fb:down:<c|k>:<code> (👎 counted, "thiếu gì ạ?")
    await_missing --> [*]: a comment (stored masked), "Gặp cán bộ" offered
    await_missing --> handoff: ho:start:down:<code>
    [*] --> await_rating: ask_rating (a handoff closed) / fb:ask (event: dossier returned)
    await_rating --> [*]: fb:rate:<1-5>, or "không" / Bỏ qua
```
The question log of the staff analytics lives beside it (``handlers.feedback.log``).
"""

from __future__ import annotations

from handlers.feedback import steps
from handlers.flow import Flow

FLOW = Flow(
    name="feedback",
    prefix="fb",
    actions={
        "up": steps.vote_up,
        "down": steps.vote_down,
        "skip": steps.skip,
        "ask": steps.ask_rating_event,
    },
    steps={"await_missing": steps.take_missing, "await_rating": steps.take_rating},
    entries={"ask_rating": steps.ask_rating},
    free_text=frozenset({"await_missing"}),
)
