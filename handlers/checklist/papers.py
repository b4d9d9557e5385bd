"""A paper named while another one is asked: noted for later, the current one asked again.

"có hợp đồng thuê rồi" typed at "(1/3) Anh/chị đã có 'Tờ khai thay đổi thông tin cư
trú' chưa?": the shared answer layer reads "có ... rồi" as the current paper's "Đã có"
and presses it. The citizen said nothing about the tờ khai: the paper named (the rental
contract, asked later) is recorded with the answer said, and the tờ khai is asked again.
"""

from __future__ import annotations

from typing import Any

from handlers.checklist import typed
from handlers.checklist.document import short_name
from handlers.checklist.views import ask_next, load
from handlers.context import Context
from handlers.types import Incoming, Reply, Step


def other_paper_first(step_fn: Any) -> Any:
    """Wrap the document step: a press typed about another paper records that paper."""

    async def step(msg: Incoming, ctx: Context) -> Step:
        loaded = load(ctx) if msg.payload and ctx.typed else None
        found = typed.other_paper(loaded[1], loaded[2], ctx.typed) if loaded else None
        if loaded is None or found is None:
            return await step_fn(msg, ctx)
        proc, plan, data = loaded
        doc, choice = found
        data["docs"][doc.id] = choice
        data["history"].append(["d", doc.id])
        data["rev"] = int(data.get("rev", 0)) + 1
        said = ctx.t(f"checklist.btn_{choice}")
        note = ctx.t("checklist.paper_ahead", name=short_name(doc), answer=said)
        step = await ask_next(ctx, proc, plan, data)
        step.replies.insert(0, Reply(note))
        return step

    return step
