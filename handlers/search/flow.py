"""Answering a free-text question about a procedure.

```mermaid
stateDiagram-v2
    [*] --> card: band answer (others as "Còn thủ tục: ..." buttons)
    [*] --> suggest: band suggest ("Ý anh/chị là...?" top 3)
    [*] --> out_of_scope: band none / out-of-scope text
    suggest --> card: sr:card:<code>, or a typed follow-up (answered for the top one)
    out_of_scope --> card: popular procedure button
    card --> card: sr:fees / sr:legal / sr:notes / sr:online, or a typed follow-up
    card --> checklist: ck:start:<code>
    card --> booking: bk:start:need=<code>
    card --> ward: "nộp ở đâu" / sr:where, filed at the ward and no ward known (asked once)
    ward --> card: the ward's one-stop office (where to file, hours, phone when known)
    [*] --> status: a receipt code (a procedure question beside it answered first)
    card --> [*]: anything else (routed afresh; the context ends)
```
"""

from __future__ import annotations

from handlers.flow import Flow
from handlers.search import inside, outside, steps, with_status

FLOW = Flow(
    name="search",
    prefix="sr",
    actions={
        "card": steps.show_card,
        "online": steps.show_online,
        "fees": steps.show_fees,
        "legal": steps.show_legal,
        "notes": steps.show_notes,
        "none": outside.show_none,
        "where": steps.show_where,
    },
    steps={"card": steps.follow_up, "suggest": steps.suggest_follow_up},
    intents={
        "procedure": steps.show_result,
        "out_of_scope": outside.show_out_of_scope,
        "office_hours": outside.show_out_of_scope,  # "thứ 7 làm không": the office's hours
        # a receipt code: the status flow's lookup, a procedure asked beside it answered too
        # (this flow is registered before the status flow, so its handler is the one used)
        "dossier_status": with_status.lookup_and_more,
    },
    entries={
        "out_of_scope": outside.show_out_of_scope,
        "follow_up": steps.follow_up,
        "show_result": steps.show_result,
        "inside": inside.answer_inside,
    },
    resting=frozenset({"card", "suggest"}),
)
