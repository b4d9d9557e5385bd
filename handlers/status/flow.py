"""Dossier status lookup (tra cứu hồ sơ), safe against reading someone else's dossier.

```mermaid
stateDiagram-v2
    [*] --> await_code: st:start / "hồ sơ của tôi tới đâu"
    [*] --> await_digits: message containing a receipt code (whole, or its tail)
    [*] --> shown: code + phone digits in one message, matching
    await_code --> await_digits: receipt code
    await_digits --> shown: code + last 4 phone digits match
    await_digits --> await_code: a tail whose digits fit several dossiers
    await_digits --> await_digits: no match (same answer for unknown code), counted
    await_digits --> locked: 5 failures in 1 hour (per chat), 10 in 24 h (per code, any chat)
    shown --> shown: st:sub / st:unsub / typed "có" / "không"
    shown --> shown: follow-up about this dossier (overdue, where to hand in papers)
    shown --> shown: "gửi bưu điện được không", "lệ phí bao nhiêu" (its procedure's data)
    shown --> shown: a complaint ("sao lâu vậy"): regret, the status, "Gặp cán bộ"
    shown --> await_zns_phone: st:sub on Zalo OA with ZNS (consent asked)
    await_zns_phone --> shown: the dossier's phone typed (kept encrypted) / st:zns_no
    shown --> await_digits: another receipt code, or a short serial ("hay là mã 0005")
    await_digits --> await_digits: a short serial corrects the code (same prefix)
```

Security: an unknown code and a wrong number give the same answer; the digits are asked for
even when the code does not exist; a code typed without its unit prefix is resolved by the
store to a few whole codes only to check the digits against them; comparisons use
``hmac.compare_digest``; failures are counted per chat and per receipt code in the database,
so several workers share the count and rotating chats does not reset the budget of a code
(staff can lift a code's lock).
"""

from __future__ import annotations

from handlers.flow import Flow
from handlers.status import asides, steps

FLOW = Flow(
    name="status",
    prefix="st",
    actions={
        "start": asides.start_lookup,
        "sub": steps.subscribe,
        "unsub": steps.unsubscribe,
        "zns_no": steps.decline_zns,
    },
    steps={
        "await_code": asides.await_code,
        "await_digits": asides.await_digits,
        "shown": asides.after_card,
        "await_zns_phone": steps.await_zns_phone,
    },
    intents={"dossier_status": asides.start_lookup},
    free_text=frozenset({"await_code", "await_digits"}),
    resting=frozenset({"shown"}),
    hints={"await_code": "status.hint_code", "await_digits": "status.hint_digits"},
)
