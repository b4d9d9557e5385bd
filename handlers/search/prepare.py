"""A procedure question whose act is preparing or checking its papers starts the walkthrough.

"chuẩn bị giấy tờ khai sinh cho con", "kiểm tra giấy tờ đăng ký kết hôn giúp em", "cần
mang những gì khi đi làm căn cước": the answer is the one-by-one walkthrough of that
procedure, not its card. A confident match starts it at once; a "did you mean" choice
offers the closest procedures, each button leading into its walkthrough.
"""

from __future__ import annotations

from typing import Any

from handlers.common import home_row
from handlers.context import Context
from handlers.facts import document_lines
from handlers.filing import ONLINE, channel_of
from handlers.language import classify
from handlers.search.card import card_name
from handlers.textsplit import clip
from handlers.topics import TOPICS, spelled
from handlers.types import Button, Incoming, Reply, Step
from knowledge.intents import wants_walkthrough, without_walkthrough
from knowledge.normalize import fold

LABEL_MAX = 60
# a question about another part of the card ("đã chuẩn bị giấy tờ rồi thì nộp ở đâu")
# (whole phrases only: "gia" of "gia hạn" is no price; "trực tiếp", "online" answer the
# walkthrough's first question, they ask nothing)
OTHER_TOPICS = ("place", "fee", "time", "penalty", "legal", "notice")
ANSWERS = frozenset({"truc tiep", "in person"})
YES_NO = frozenset("khong hong hok k ko".split())
ASKED = frozenset("gi nao what which".split())  # "cần mang theo gì": which papers


# words of the request around the procedure's own ("tôi cần kiểm tra giấy tờ trước khi đi
# làm căn cước": "đi làm căn cước" is what the search should read)
FILL = frozenset(
    """toi tui em minh can muon xin hoi cho giup gium dum truoc khi xem du chua da roi thi de
    nhung gi ạ a nhe nha voi het cac lai san""".split()
)
PAIRS = ("kiem tra", "chuan bi", "giay to", "ho so", "xem lai", "ra soat", "mang theo")


def _procedure_words(text: str) -> str:
    """The message's words once its prepare/check words and fillers are gone."""
    words = fold(without_walkthrough(text)).split()
    padded = f" {' '.join(words)} "
    for pair in PAIRS:
        padded = padded.replace(f" {pair} ", " ")
    words = padded.split()
    kept = [  # "cần" goes, "căn" of "căn cước" stays (both "can" without accents)
        w
        for i, w in enumerate(words)
        if w not in FILL or (w == "can" and words[i + 1 : i + 2] == ["cuoc"])
    ]
    return " ".join(kept) if kept and len(kept) < len(fold(text).split()) else ""


def is_prepare_request(text: str) -> bool:
    """The act is preparing or checking the papers: not "đã chuẩn bị rồi thì nộp ở đâu"
    (done already, asks where), not "cần mang theo CCCD không" (a yes/no about one paper:
    the card answers it)."""
    if not wants_walkthrough(text):
        return False
    words = spelled(text).split()
    padded = f" {' '.join(words)} "
    if "da" in words and "roi" in words[words.index("da") :]:
        return False  # "đã chuẩn bị ... rồi": done already
    asked = (
        w
        for topic, ws in TOPICS
        if topic in OTHER_TOPICS
        for w in ws
        if len(w.split()) > 1 and w not in ANSWERS
    )
    if any(f" {fold(w)} " in padded for w in asked):
        return False
    return not (words[-1:] and words[-1] in YES_NO and "gi" not in words)


async def walkthrough_step(msg: Incoming, ctx: Context, result: Any) -> Step | None:
    """The walkthrough (or the choice leading into it) for a "prepare the papers of X"
    message; ``None`` when the message asks something else or names no procedure."""
    if not is_prepare_request(msg.text or ""):
        return None
    matches = list(getattr(result, "matches", []) or [])
    band = getattr(result, "band", "none")
    rest = _procedure_words(msg.text or "")
    if band != "answer" and rest:
        again = classify(ctx, rest)  # the procedure's words alone: "... đi làm căn cước"
        if getattr(again, "intent", "") == "procedure" and getattr(again, "band", "") == "answer":
            matches, band = list(again.matches), "answer"
    if not matches or band not in ("answer", "suggest"):
        return None
    if band == "answer":
        walk = await ctx.start("checklist", "start", matches[0].code)
        return _with_papers(ctx, walk, matches[0].code, msg.text or "")
    rows = [[Button(clip(m.name, LABEL_MAX)[0], f"ck:start:{m.code}")] for m in matches[:3]]
    rows.append([Button(ctx.t("search.btn_none"), "sr:none:", "no")])
    rows.extend(home_row(ctx))
    codes = [m.code for m in matches[:3]]
    reply = Reply.make(ctx.t("search.did_you_mean_docs"), rows)
    return Step([reply], next="search:suggest", data={"codes": codes, "walk": True})


def _with_papers(ctx: Context, step: Step, code: str, text: str) -> Step:
    """ "đăng ký kết hôn cần mang theo gì" asks which papers: they are listed before the
    walkthrough's first question, which then tells the ones the case needs (QA round 12,
    item 1); "chuẩn bị giấy tờ khai sinh" asks nothing and starts the walkthrough alone."""
    kb = ctx.services.kb
    proc = kb.get(code) if kb is not None else None
    if proc is None or step.unhandled or not ASKED & set(spelled(text).split()):
        return step
    lines = document_lines(proc, ctx.locale, with_counts=False)
    if lines:
        head = ctx.t("search.documents_walk", name=card_name(proc, ctx.locale))
        step.replies.insert(0, Reply("\n".join([head, *lines])))
    return step


def said_channel(ctx: Context, code: str) -> str | None:
    """How the citizen said they will file, on this card: in this message ("nộp online được
    không"), by its "Nộp trực tuyến" button, or earlier on the same card."""
    if ctx.msg.payload and ctx.msg.payload.startswith("sr:online:"):
        return ONLINE
    said = channel_of(ctx.msg.text or "")
    same = ctx.state.flow == "search" and ctx.data.get("code") == code
    return said or (str(ctx.data["said"]) if same and ctx.data.get("said") else None)
