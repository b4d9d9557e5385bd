"""An earlier walkthrough answer corrected at a later question ("à nhầm, 1 mình tôi thôi").

Citizens notice a wrong answer only when the next question shows it ("Em ghi nhận: Một cá
nhân đăng ký"), and say so in words rather than with "Quay lại": "à nhầm, cả nhà cùng
đăng ký", "lộn rồi, tôi tự nộp", "em bấm nhầm". A message that opens with such a word and
then names another option of a question already answered changes that answer (the answers
that depended on the old one are dropped, the others kept) and the walkthrough goes on; a
bare "nhầm rồi" undoes the last answer, as "Quay lại" does.
"""

from __future__ import annotations

from typing import Any

from handlers import answers
from handlers.answer_overlap import closest
from handlers.checklist import logic
from handlers.checklist.views import ask_next
from handlers.context import Context
from handlers.types import Reply, Step
from knowledge.normalize import fold

# what opens a correction ("à nhầm", "ghi lộn rồi", "em chọn nhầm", "sai rồi")
LEADS = tuple(
    tuple(p.split())
    for p in """a nham roi, a nham, a lon roi, a lon, ah nham, oi nham, nham roi, nham,
    em nham, toi nham, minh nham, tui nham, con nham, chon nham, bam nham, ghi nham, ghi lon,
    lon roi, em bam nham, toi bam nham, em chon nham, toi chon nham, xin loi nham,
    xin loi em nham, sai roi, ghi sai roi, ghi sai, em ghi sai roi, oops, sorry wrong,
    wrong, i made a mistake, a thoi, thoi, thoi doi lai, doi y, em doi y, toi doi y, a khong,
    khoan, khoan da, a khoan""".split(",")
)
AROUND = frozenset("a da oi nhe nha em anh chi".split())
# leads that also open a plain answer ("thôi, chưa có"): a correction only with content words
SOFT = frozenset({("a", "thoi"), ("thoi",), ("khoan",), ("khoan", "da"), ("a", "khoan")})


def _rest(text: str) -> list[str] | None:
    """The words after a correction's opening, or None when the message opens otherwise."""
    words = fold(text.replace(",", " ").replace(".", " ")).split()
    for lead in sorted(LEADS, key=len, reverse=True):
        if tuple(words[: len(lead)]) == lead:
            rest = words[len(lead) :]
            while rest and rest[0] in AROUND:
                rest = rest[1:]
            if lead in SOFT and (not rest or answers.role_of(" ".join(rest))):
                return None  # "thôi", "thôi chưa có": a stop or an answer, no correction
            return rest
    return None


def _changed(plan: logic.Plan, data: dict[str, Any], said: str) -> tuple[Any, Any] | None:
    """The answered question (latest first) and the other option of it ``said`` names."""
    for kind, ident in reversed(data.get("history", [])):
        question = logic.question_by_id(plan, ident) if kind == "q" else None
        if question is None:
            continue
        rows = [[o.label, f"ck:a:{o.value}"] for o in question.options]
        payload = answers.understand(said, rows) or closest(said, rows, question.ask).payload
        value = payload.split(":", 2)[2] if payload else None
        option = next((o for o in question.options if o.value == value), None)
        if option is not None and data["answers"].get(question.id) != value:
            return question, option
    return None


async def corrected(
    ctx: Context, proc: Any, plan: logic.Plan, data: dict[str, Any], text: str
) -> Step | None:
    """The walkthrough after the correction ``text`` makes, or None when it makes none."""
    rest = _rest(text)
    if rest is None or "?" in text:
        return None
    if not rest:  # "nhầm rồi": the last answer undone and asked again
        if not data.get("history"):
            return None
        kind, ident = data["history"].pop()
        (data["answers"] if kind == "q" else data["docs"]).pop(ident, None)
        note = ctx.t("checklist.undone")
    else:
        found = _changed(plan, data, " ".join(rest))
        if found is None:
            return None
        question, option = found
        data["answers"][question.id] = option.value
        note = ctx.t("checklist.corrected", answer=option.label)
    data["rev"] = int(data.get("rev", 0)) + 1
    logic.prune(plan, data)
    step = await ask_next(ctx, proc, plan, data)
    step.replies.insert(0, Reply(note))
    return step
