"""A fee question with a qualifier ("lệ phí khai sinh quá hạn bao nhiêu", "phí bản sao",
"nộp online thì bao nhiêu") gets the fee lines that match it, not every fee of the card.

The qualifier is read from a short table of the ways fees differ (late or on time, online or
in person, a copy, a re-issue, an exemption); a fee line matches when its label or amount
says the same. No match: the caller shows every fee (nothing hidden, nothing guessed).
"""

from __future__ import annotations

from handlers.context import Context
from handlers.facts import current_fees
from handlers.search.card import card_name
from handlers.topics import spelled
from knowledge.normalize import fold
from knowledge.schema import Procedure

# what a fee line says -> how citizens ask for it
QUALIFIERS = {  # never a bare "trẻ" (a child), "muốn" (want), "mất" ("mất bao nhiêu": cost)
    "qua han": ("qua han", "tre han", "muon han", "de lau", "lau roi", "het han", "qua 60 ngay",
                "sau 60 ngay", "dang ky tre", "dang ky muon", "khai tre", "khai muon"),
    "dung han": ("dung han", "trong han"),
    "truc tuyen": ("truc tuyen", "online", "qua mang", "vneid", "dich vu cong"),
    "truc tiep": ("truc tiep", "len xa", "ra xa", "tai mot cua"),
    "ban sao": ("ban sao", "photo", "them ban", "xin them"),
    "cap lai": ("cap lai", "lam lai", "bi mat", "lam mat", "danh mat"),
    "trich luc": ("trich luc",),
    "mien": ("ho ngheo", "khuyet tat", "co cong", "mien", "khong mat tien", "free"),
}  # fmt: skip


_FEE_WORDS = ("le phi", "phi", "tien", "bao nhieu tien", "mat bao nhieu", "het bao nhieu")


def asks_fee(text: str, topic: str | None) -> bool:
    """A fee question, also when a qualifier took the topic ("phí bản sao bao nhiêu" reads
    as a copies question by its longest phrase)."""
    padded = f" {spelled(text or '')} "
    return topic == "fee" or (topic == "copies" and any(f" {w} " in padded for w in _FEE_WORDS))


CHANNELS = frozenset({"truc tuyen", "truc tiep"})  # a rate per channel, not a case of its own


def qualifiers(text: str) -> list[str]:
    """The fee qualifiers a message names ("quá hạn" -> ["qua han"])."""
    padded = f" {spelled(text or '')} "
    return [key for key, said in QUALIFIERS.items() if any(f" {w} " in padded for w in said)]


def matching_fees(ctx: Context, proc: Procedure, text: str) -> str | None:
    """The fee lines the message's qualifier picks, with their basis; None when it names
    none or no line matches (then every fee is shown)."""
    wanted = qualifiers(text)
    if not wanted or not proc.fees:
        return None
    fees = current_fees(proc)
    picked = [
        fee
        for fee in fees
        if any(key in f" {fold(fee.label)} {fold(fee.amount)} " for key in wanted)
    ]
    if not picked:
        return None
    if set(wanted) <= CHANNELS and fees[0] not in picked:  # "online": the main rate too
        picked.insert(0, fees[0])
    lines = [ctx.t("search.fees_title", name=card_name(proc, ctx.locale))]
    for fee in picked:
        basis = f" ({ctx.t('search.fee_basis', basis=fee.basis)})" if fee.basis else ""
        lines.append(f"  - {fee.label}: {fee.amount}{basis}")
    others = len(fees) - len(picked)
    if others > 0:
        lines.append(ctx.t("search.fees_others", n=others))
    return "\n".join(lines)
