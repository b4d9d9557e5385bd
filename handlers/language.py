"""Which language a message is in, and what it asks for in that language.

The search index is Vietnamese. In an English chat (Telegram client language "en",
``tthc-bot chat --locale en``, or English chosen in the chat) an English message is matched
against the English phrases of the curated procedures and intents first
(``knowledge.english``); Vietnamese typed there still goes to the index. In a Vietnamese
chat, an English message the index cannot answer is classified ``english``: the menu then
answers briefly in English and offers to continue in English.
"""

from __future__ import annotations

import re
from typing import Any

from handlers.context import Context
from knowledge.english import EnglishHit, default_matcher
from knowledge.index_bands import Match, Result
from knowledge.normalize import fold

CONFIDENT = ("greeting", "thanks", "dossier_status")
# How elderly citizens wrap a short need: "cháu ơi, bà muốn lãnh tiền mai táng cho ông".
# Forms of address and kinship words name no procedure. Accented as typed ("nhà" is no
# "nha", "còn" no "con"); their accent-free spellings count only in an accent-free message.
KIN = frozenset(
    """cháu con cô chú bác ông bà mẹ cha ba má em anh chị dì cậu mợ thím ơi ạ dạ thưa hả nhé
    nha nhen muốn tôi tui mình""".split()
)
_BARE_KIN = frozenset(fold(w) for w in KIN)


def without_kin(text: str) -> str:
    """The message without its forms of address and kinship words ("cho ông" included);
    ``""`` when nothing was removed."""
    words = text.split()
    plains = [w.strip(",.!?").lower() for w in words]
    bare = all(fold(p) == p for p in plains)  # typed without accents: "ba" may be "bà"
    kept: list[str] = []
    for word, plain in zip(words, plains, strict=True):
        if plain in KIN or (bare and plain in _BARE_KIN):
            if kept and fold(kept[-1]) == "cho":
                kept.pop()  # "cho ông": for whom, not what
            continue
        kept.append(word)
    return " ".join(kept) if len(kept) < len(words) else ""


def _result(ctx: Context, hit: EnglishHit) -> Result | None:
    if hit.intent != "procedure":
        intent = "greeting" if hit.intent == "help" else hit.intent
        return Result(intent=intent, band="none", matches=[])
    kb = ctx.services.kb
    proc = kb.get(hit.code) if kb is not None and hit.code else None
    if proc is None:
        return None
    return Result(
        intent="procedure", band="answer", matches=[Match(proc.code, proc.display_name, hit.score)]
    )


def _english_hit(matcher: Any, text: str) -> EnglishHit | None:
    """The English phrase hit of the whole message, else of its best sentence: "hello, can
    someone help me fill in forms? I would like to book an appointment" is a booking."""
    hit = matcher.match(text)
    if hit is not None and hit.intent != "greeting":
        return hit
    parts = [p for p in re.split(r"[.?!;,]+", text) if len(p.split()) >= 2]
    hits = [h for h in (matcher.match(p) for p in parts if p.strip() != text.strip()) if h]
    better = [h for h in hits if h.intent != "greeting"]
    return max(better, key=lambda h: h.score) if better else hit


def classify(ctx: Context, text: str) -> Any:
    """The search classification of ``text`` in the chat's language (see the module doc)."""
    matcher = default_matcher()
    if ctx.locale == "en":
        hit = _english_hit(matcher, text)
        result = _result(ctx, hit) if hit is not None else None
        if result is not None:
            return result
    index = ctx.services.index
    result = index.classify(text) if index is not None else None
    sure = getattr(result, "band", "") == "answer" or getattr(result, "intent", "") in CONFIDENT
    found = sure or getattr(result, "band", "none") != "none"
    plain = without_kin(text) if index is not None and not found else ""
    if plain and len(plain.split()) >= 2:  # nothing found: the need without "cháu ơi", "bà"
        retry = index.classify(plain)
        if getattr(retry, "band", "none") in ("answer", "suggest"):
            return retry
    if ctx.locale != "en" and not sure and matcher.looks_english(text):
        return Result(intent="english", band="none", matches=[])
    return result
