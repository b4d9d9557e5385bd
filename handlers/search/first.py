"""The first answer to a question that asks one thing of a procedure, before its card.

"làm giấy khai sinh cần những giấy tờ gì", "lam can cuoc can giay to gi": the citizen asked
for the papers; a card whose papers are one button away ("Giấy tờ cần chuẩn bị") left them
re-asking (QA round 12, item 1). "trợ cấp mai táng được bao nhiêu tiền": a benefit's amount,
which the card's "Phí, lệ phí" line never answers (item 5). Such a question gets the answer
first under the procedure's name, with the card one tap away ("Xem thông tin thủ tục") and
the card's buttons (the walkthrough among them). Any other question keeps the card.
"""

from __future__ import annotations

import re

from handlers.context import Context
from handlers.facts import document_lines
from handlers.search.amount import amount_text, is_benefit
from handlers.search.card import Other, card_buttons, card_name, render_card
from handlers.search.fee_match import asks_fee, matching_fees
from handlers.topics import spelled, topic_of
from handlers.types import Button, Reply
from knowledge.schema import Procedure

# a documents question names the papers and asks which ones ("cần những giấy tờ gì", "hồ sơ
# gồm những gì"); "làm giấy khai sinh cần gì" names none (the card answers it) and "giấy tờ"
# alone may be part of the procedure's name
PAPERS = re.compile(
    r"\b(?:giay to|giay gi|giay nao|nhung giay|ho so gom|ho so gi|ho so can|ho so nhung"
    r"|thanh phan ho so|documents?|papers)\b"
)
ASKING = frozenset("gi nao what which".split())
# "giấy xác nhận tình trạng hôn nhân là giấy gì": what a paper *is*, which the card says
WHAT_IS = re.compile(r"\bla (?:giay |cai |loai )?(?:gi|j)\b|\bla sao\b|\bwhat is\b")
# what the citizen pays ("tốn bao nhiêu", "lệ phí bao nhiêu"): the fee, even of a benefit
COST = frozenset("phi fi mat ton het tra nop dong fee cost".split())


def asks_papers(text: str) -> bool:
    """Whether the message asks which papers a procedure needs."""
    if topic_of(text) != "documents":
        return False
    said = spelled(text)
    if WHAT_IS.search(said):
        return False
    return bool(PAPERS.search(said)) and bool(ASKING & set(said.split()))


def asks_amount(text: str, proc: Procedure) -> bool:
    """Whether the message asks how much a benefit pays ("được bao nhiêu", "bao nhiêu tiền"
    of a trợ cấp): the amount, never its fee line."""
    topic = topic_of(text)
    words = set(spelled(text).split())
    paid_by_them = topic == "fee" and "bao nhieu" in f" {spelled(text)} " and not words & COST
    return is_benefit(proc) and (topic == "amount" or paid_by_them)


def _lead(ctx: Context, proc: Procedure, body: str, others: list[Other]) -> list[Reply]:
    head = f"📄 {card_name(proc, ctx.locale)}"
    info = [Button(ctx.t("search.btn_card"), f"sr:card:{proc.code}")]
    rows = card_buttons(proc, ctx.locale, others)
    rows.insert(1, info)  # the walkthrough stays the first option ("1")
    text = "\n".join([head, body, ctx.t("search.card_hint")])
    return [Reply.make(text, rows)]


def card_replies(ctx: Context, proc: Procedure, others: list[Other]) -> list[Reply]:
    """The first replies for the procedure: the answer to what the message asked when it is
    the papers or a benefit's amount, else the card (with the fee lines a fee question
    names: "lệ phí khai sinh quá hạn bao nhiêu")."""
    asked = (ctx.msg.text or "") if ctx.msg.payload is None else ""
    if asked and asks_papers(asked):
        lines = document_lines(proc, ctx.locale, with_counts=False)
        if lines:
            title = ctx.t("search.documents_title", name=card_name(proc, ctx.locale))
            return _lead(ctx, proc, "\n".join([title, *lines]), others)
    if asked and asks_amount(asked, proc):
        url = proc.url or ctx.t("search.portal")
        return _lead(ctx, proc, amount_text(ctx, proc, url), others)
    text = render_card(proc, ctx.services.kb, ctx.locale)
    fees = matching_fees(ctx, proc, asked) if asks_fee(asked, topic_of(asked)) else None
    rows = card_buttons(proc, ctx.locale, others)
    return [Reply(text), Reply.make(fees, rows)] if fees else [Reply.make(text, rows)]
