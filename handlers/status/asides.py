"""Questions after a dossier's card that are not about its stage, and a complaint about a
late dossier.

"gửi bưu điện được không", "nhận kết quả qua bưu điện được không": what the procedure's data
says about returning the result by post (its sentence quoted), or, when it says nothing,
that the office handling the dossier can confirm, with its contact and "Gặp cán bộ" (never
a guess). "lệ phí bao nhiêu" after the card: the fees of that dossier's procedure, from the
knowledge. A complaint ("hồ sơ trễ hẹn rồi mà chưa có", "quá hạn rồi sao chưa trả", "sao
lâu vậy"): a word of regret, what the status says (the overdue days when late), and the
offer to pass it to staff ("Gặp cán bộ"); typed as a first message, the same regret with the
receipt code asked and the button.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from handlers import facts
from handlers.common import handoff_button
from handlers.context import Context
from handlers.plain_asks import late_said
from handlers.status import followup, steps
from handlers.status import verify as vf
from handlers.status.serial import short_serial, with_serial
from handlers.status.views import card_buttons
from handlers.types import Incoming, Reply, Step
from handlers.wards import place_dossier
from handlers.workdays import local_date
from knowledge.normalize import fold

POSTAL = (
    "buu dien", "buu chinh", "gui ve nha", "gui ve tan nha", "tra ve nha", "giao tan nha",
    "gui tan nha", "chuyen phat", "gui ve dia chi", "ship", "by post", "by mail", "post office",
    "mail it", "send it home",
)  # fmt: skip
FEE = (
    "le phi", "phi bao nhieu", "ton bao nhieu", "bao nhieu tien", "mat tien", "ton tien",
    "dong bao nhieu", "nop bao nhieu", "tien phi", "chi phi", "fee", "how much", "cost",
)  # fmt: skip
# a sentence of the procedure's data on returning the result by post
_RETURN_BY_POST = re.compile(
    r"(?:nhận|trả|gửi|chuyển|phát)\s+(?:lại\s+)?kết quả[^.;\n]{0,60}?"
    r"(?:qua|bằng|theo|tới|đến)\s+(?:đường\s+|hệ thống\s+|dịch vụ\s+)*bưu\s+(?:chính|điện)"
    r"|cách thức nhận kết quả[^.;\n]{0,80}bưu\s+(?:chính|điện)",
    re.I,
)
QUOTE_MAX = 300


def _has(text: str, words: tuple[str, ...]) -> bool:
    folded = f" {fold(text)} "
    short = len(folded.split()) <= followup.MAX_WORDS
    return short and any(f" {fold(w)} " in folded for w in words)  # folded alike ("by")


def return_by_post(proc: Any) -> str:
    """The procedure data's sentence on returning the result by post, or ''."""
    texts = [proc.steps or "", proc.result or "", *proc.local_notes]
    texts += [m.description or "" for m in proc.methods]
    for text in texts:
        for sentence in re.split(r"(?<=[.;])\s+|\n", text):
            if _RETURN_BY_POST.search(sentence):
                cut = " ".join(sentence.split()).strip(" -+;")
                return cut if len(cut) <= QUOTE_MAX else cut[: QUOTE_MAX - 1].rstrip() + "…"
    return ""


async def after_card(msg: Incoming, ctx: Context) -> Step:
    """``status:shown``: postal return and fees about the dossier shown, a complaint with
    regret and "Gặp cán bộ"; the rest as ``steps.after_card``."""
    text = msg.text or ""
    code = str(ctx.data.get("verified") or "")
    corrected = await _serial(msg, ctx)  # "hay là mã 0005": the same code, that serial
    if corrected is not None:
        return corrected
    postal, fee = _has(text, POSTAL), _has(text, FEE)
    if code and vf.find(text) is None and (postal or fee):
        dossier = await ctx.repos.dossiers.get(code)
        if dossier is not None:
            return await (_postal(msg, ctx, dossier) if postal else _fee(msg, ctx, dossier))
    step = await steps.after_card(msg, ctx)
    if code and step.replies and followup.topic_of(text) == "overdue":
        dossier = await ctx.repos.dossiers.get(code, with_history=False)
        due = getattr(dossier, "due_at", None)
        late = due is not None and local_date(ctx.now()) > due
        return _with_regret(ctx, step, "status.aside.regret" if late else "status.aside.waiting")
    return step


async def _serial(msg: Incoming, ctx: Context) -> Step | None:
    """A short serial typed after a code: that code with the serial looked up (its digits
    asked like any code's), the whole code asked when no earlier code is known."""
    serial = short_serial(msg.text or "")
    if serial is None or vf.find(msg.text or "") is not None:
        return None
    code = with_serial(ctx.data, serial)
    if code is None:
        reply = Reply.make(ctx.t("status.serial_whole_code"), steps._cancel_row(ctx))
        return Step([reply], next="status:await_code", data={})
    ctx.arg = code
    return await steps.start_lookup(replace(msg, text=None), ctx)


async def await_digits(msg: Incoming, ctx: Context) -> Step:
    """``status:await_digits``: a short serial ("à nhầm, mã 0005") corrects the code, never
    counts as phone digits; anything else as ``steps.await_digits``."""
    return await _serial(msg, ctx) or await steps.await_digits(msg, ctx)


async def await_code(msg: Incoming, ctx: Context) -> Step:
    """``status:await_code``: "mã 0005" with no code known asks for the whole code."""
    return await _serial(msg, ctx) or await steps.await_code(msg, ctx)


async def _rows(msg: Incoming, ctx: Context, code: str) -> list[list[Any]]:
    subscribed = await ctx.repos.dossiers.is_subscribed(code, msg.channel, msg.chat_id)
    return card_buttons(code, subscribed, ctx.locale)


def _procedure(ctx: Context, dossier: Any) -> Any:
    kb = ctx.services.kb
    return kb.get(dossier.procedure_code) if kb is not None and dossier.procedure_code else None


async def _postal(msg: Incoming, ctx: Context, dossier: Any) -> Step:
    proc = _procedure(ctx, dossier)
    said = return_by_post(proc) if proc is not None else ""
    name = proc.display_name if proc is not None else dossier.procedure_name
    placed, where = place_dossier(ctx, dossier, always=True)
    office, rows = followup.contact(ctx, placed, where, await _rows(msg, ctx, dossier.code))
    if said:
        lead = ctx.t("status.aside.postal_said", procedure=name, said=said)
    else:
        lead = ctx.t("status.aside.postal_unknown", procedure=name)
    return Step([Reply.make(f"{lead}\n{office}", rows)])


async def _fee(msg: Incoming, ctx: Context, dossier: Any) -> Step:
    proc = _procedure(ctx, dossier)
    rows = await _rows(msg, ctx, dossier.code)
    if proc is None or not facts.fee_known(proc):
        placed, where = place_dossier(ctx, dossier, always=True)
        office, rows = followup.contact(ctx, placed, where, rows)
        name = proc.display_name if proc is not None else dossier.procedure_name
        lead = ctx.t("status.aside.fee_unknown", procedure=name)
        return Step([Reply.make(f"{lead}\n{office}", rows)])
    lines = [ctx.t("status.aside.fee", code=dossier.code, procedure=proc.display_name)]
    lines += facts.fee_lines(proc, ctx.locale, ctx.now().date())
    lines.append(ctx.t("status.aside.fee_receipt"))
    return Step([Reply.make("\n".join(lines), rows)])


def _with_regret(ctx: Context, step: Step, key: str) -> Step:
    """The step's last reply with the regret first, the offer of staff and its button."""
    *before, last = step.replies
    rows = [list(row) for row in last.buttons]
    if not any(b.payload.startswith("ho:start") for row in rows for b in row):
        rows.insert(0, [handoff_button(ctx.locale, "status")])
    text = f"{ctx.t(key)}\n{last.text}\n{ctx.t('status.aside.offer_staff')}"
    step.replies = [*before, Reply.make(text, rows, last.link)]
    return step


async def start_lookup(msg: Incoming, ctx: Context) -> Step:
    """The ``dossier_status`` intent: a complaint with no code ("hồ sơ trễ hẹn rồi mà chưa
    có") gets the regret, the code asked and "Gặp cán bộ"; the rest as before."""
    step = await steps.start_lookup(msg, ctx)
    text = msg.text or ""
    if step.next == "status:await_code" and step.replies and late_said(text):
        return _with_regret(ctx, step, "status.aside.regret_first")
    return step
