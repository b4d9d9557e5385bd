"""Answering a free-text question about a procedure.

```mermaid
stateDiagram-v2
    [*] --> card: band answer
    [*] --> suggest: band suggest ("Ý anh/chị là...?" top 3)
    [*] --> out_of_scope: band none / out-of-scope text
    suggest --> card: sr:card:<code>
    out_of_scope --> card: popular procedure button
    card --> checklist: ck:start:<code>
    card --> booking: bk:start:need=<code>
    card --> online: sr:online:<code>
```
"""

from __future__ import annotations

from handlers.flow import Flow
from handlers.search import steps

FLOW = Flow(
    name="search",
    prefix="sr",
    actions={"card": steps.show_card, "online": steps.show_online, "none": steps.show_none},
    intents={"procedure": steps.show_result, "out_of_scope": steps.show_out_of_scope},
    entries={"out_of_scope": steps.show_out_of_scope},
)
