"""Which xã/phường the chat is about (flow ``ward``, payload prefix ``wd``).

Other flows never ask themselves: a reply that depends on the place calls
``handlers.wards.ward_or_ask``, which starts ``ward:ask`` with the reply to give afterwards
(``then = "flow:entry:arg"``). The answer is kept in the chat's profile (it outlives flows),
so the question comes once; "đổi xã/phường" asks again.

```mermaid
stateDiagram-v2
    [*] --> await_ward: ward:ask (then) from booking, contact, "nộp ở đâu"
    await_ward --> [*]: a current or former name / code (ward set, then resumed)
    await_ward --> await_ward: several places of that name (choose) / close spellings / not found
    await_ward --> [*]: wd:set:<code> (a choice pressed: ward set, then resumed)
    await_ward --> [*]: wd:skip (optional questions only: answered for the whole province)
    await_ward --> [*]: a new question (routed afresh, nothing waits)
    [*] --> menu: wd:link:<code> (Telegram /start xa_<code>, web ?xa=<code>, typed "xa <code>")
    [*] --> await_ward: wd:change / "đổi xã/phường" (current ward shown, kept with wd:keep)
```
"""

from __future__ import annotations

from handlers.flow import Flow
from handlers.ward import steps

FLOW = Flow(
    name="ward",
    prefix="wd",
    actions={
        "ask": steps.ask_ward,
        "set": steps.set_ward,
        "link": steps.link_ward,
        "change": steps.change_ward,
        "keep": steps.keep_ward,
        "skip": steps.skip_ward,
    },
    steps={"await_ward": steps.typed_ward},
    free_text=frozenset({"await_ward"}),  # "3" alone is no answer (only a choice's number)
    hints={"await_ward": "ward.hint"},
)
