"""Which language a message is in, and what it asks for in that language.

The search index is Vietnamese. In an English chat (Telegram client language "en",
``tthc-bot chat --locale en``, or English chosen in the chat) an English message is matched
against the English phrases of the curated procedures and intents first
(``knowledge.english``); when none names the need, its known words are glossed into the
catalogue's Vietnamese (``knowledge.english_gloss``: "my father died" -> "cha khai tử") and
the index answers or suggests with its own bands. Vietnamese typed there still goes to the
index. In a Vietnamese
chat, an English message the index cannot answer is classified ``english``: the menu then
answers briefly in English and offers to continue in English.
"""

from __future__ import annotations

import re
from typing import Any

from handlers.context import Context
from handlers.plain_asks import bot_asked, intent_of, what_about
from knowledge.english import EnglishHit, default_matcher
from knowledge.english_gloss import default_glossary
from knowledge.index_bands import Match, Result
from knowledge.normalize import fold

CONFIDENT = ("greeting", "thanks", "dossier_status")
EXACT = 99.5  # an English phrase matched word for word (and the message is only that)
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


# what is left of "con ơi chỉ giúp bà với" without its forms of address: a call for help
_HELP = frozenset("oi giup gium dum voi di nha nhe xin lam on chut cai chi chiu dum a".split())


def only_help(text: str) -> bool:
    """A call for help that names no need ("con ơi chỉ giúp bà với", "cháu ơi giúp bà")."""
    words = [w.strip(",.!?") for w in text.split()]
    if not 2 <= len(words) <= 10:
        return False
    bare = all(fold(w) == w.lower() for w in words)
    kin = [w for w in words if w.lower() in KIN or (bare and fold(w) in _BARE_KIN)]
    rest = {fold(w) for w in words if w not in kin}
    return bool(kin) and "giup" in rest | {fold(w) for w in kin} and rest <= _HELP


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


def _better(glossed: Result, named: Result) -> bool:
    """The gloss's answer wins over a phrase that covers only part of the message when it
    names another procedure ("I lost my ID card": the reissue, not the first card), or
    when the phrase was a greeting or an intent around a need ("hello, my father died")."""
    if named.intent != "procedure":
        return named.intent == "greeting"
    top = glossed.matches[0].code if glossed.matches else None
    return glossed.band == "answer" and top != named.matches[0].code


def _short(text: str) -> bool:
    return len(text.split()) <= 3


def _glossed(index: Any, matcher: Any, text: str) -> Result | None:
    """The index's procedure answer or suggestions for the Vietnamese gloss of an English
    message, or None (no known word, nothing found, or the message is not English)."""
    glossary = default_glossary()
    if index is None or not matcher.looks_english(text, glossary.words):
        return None
    gloss = glossary.to_vietnamese(text)
    if not gloss:
        return None
    result = index.classify(gloss)
    if getattr(result, "intent", "") == "procedure" and result.band in ("answer", "suggest"):
        return result
    return None


def classify(ctx: Context, text: str) -> Any:
    """The search classification of ``text`` in the chat's language (see the module doc)."""
    if bot_asked(text):  # "bạn là người thật hả", "are you a real person": never the handoff
        return Result(intent="bot_asked", band="none", matches=[])
    matcher = default_matcher()
    index = ctx.services.index
    if ctx.locale == "en":
        hit = _english_hit(matcher, text)
        named = _result(ctx, hit) if hit is not None else None
        exact = hit is not None and (
            hit.score >= EXACT or (hit.intent == "greeting" and _short(text))
        )
        if named is not None and exact:
            return named
        glossed = _glossed(index, matcher, text)
        if glossed is not None and (named is None or _better(glossed, named)):
            return glossed  # "hello, my father passed away" is the death, not a greeting
        if named is not None:
            return named
    result = index.classify(text) if index is not None else None
    sure = getattr(result, "band", "") == "answer" or getattr(result, "intent", "") in CONFIDENT
    if not sure and only_help(text):  # "con ơi, giúp bà với": a greeting, the menu next
        return Result(intent="greeting", band="none", matches=[])
    about = what_about(text) if not sure and index is not None else None
    if about:  # "còn vụ căn cước thì sao": the need named, when the index is sure of it
        retry = index.classify(about)
        if getattr(retry, "band", "") == "answer" and retry.intent == "procedure":
            return retry
    said = getattr(result, "intent", "")
    asked = intent_of(text, ctx.state.last_buttons, ctx.services.localities) if not sure else None
    if asked == "office_hours" and said != "out_of_scope":
        asked = None  # a procedure's own days stay the search's
    if asked is not None and said in ("procedure", "out_of_scope"):
        return Result(intent=asked, band="none", matches=[])  # "sđt một cửa phường X"
    found = sure or getattr(result, "band", "none") != "none"
    found = found or getattr(result, "intent", "") not in ("procedure", "out_of_scope")
    plain = without_kin(text) if index is not None and not found else ""
    if plain and len(plain.split()) >= 2:  # nothing found: the need without "cháu ơi", "bà"
        retry = index.classify(plain)
        if getattr(retry, "band", "none") in ("answer", "suggest"):
            return retry
    if ctx.locale != "en" and not sure and matcher.looks_english(text):
        return Result(intent="english", band="none", matches=[])
    return result
