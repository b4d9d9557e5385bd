"""Whether a follow-up-looking message after a card is really about another procedure
("lệ phí làm sổ đỏ bao nhiêu" after the birth card), a lookup or a booking."""

from __future__ import annotations

from typing import Any

from handlers.context import Context
from handlers.language import classify
from handlers.topics import rest_words, spelled
from knowledge.normalize import fold

ELSEWHERE = ("dossier_status", "booking", "greeting", "thanks", "english")
# Only a topic word in it: about the card ("giá bao nhiêu" is its fee, not "Gia hạn tạm trú").
CONFIDENT_ELSEWHERE = ("dossier_status", "booking")


def _own_words(proc: Any) -> set[str]:
    """The accent-free words the card itself uses (its names and description)."""
    parts = [proc.display_name, getattr(proc, "name", ""), getattr(proc, "description", "")]
    return set(fold(" ".join(str(p or "") for p in parts)).split())


def about_another(ctx: Context, text: str, codes: list[str], topic: str) -> bool:
    """A follow-up-looking message that is really a new request: a lookup or a booking, or
    another procedure named in it ("lệ phí làm sổ đỏ bao nhiêu")."""
    result = classify(ctx, text)
    intent = getattr(result, "intent", "")
    matches = getattr(result, "matches", None) or []
    band = getattr(result, "band", "")
    proc = ctx.services.kb.get(codes[0]) if ctx.services.kb is not None else None
    rest = [w for w in rest_words(text) if proc is None or w not in _own_words(proc)]
    if topic != "other" and not rest:  # only topic words: about this card...
        return intent in CONFIDENT_ELSEWHERE or _names_another(ctx, text, matches, codes)
    if intent in ELSEWHERE:
        return True
    if intent == "procedure" and matches and matches[0].code not in codes:
        if band != "answer" and topic == "other" and _yes_no_about_this(text):
            return False  # "có phải đo vẽ lại không": about this card, no vague other one
        return band == "answer" or (topic == "other" and codes[0] not in {m.code for m in matches})
    return False


def _yes_no_about_this(text: str) -> bool:
    """ "có phải ... không", "có cần ... ko", "phải ... hông": a yes/no question, which after
    a card asks about it unless another procedure is named with confidence."""
    words = spelled(text).split()
    return len(words) >= 3 and words[0] in ("co", "phai", "can") and words[-1] in ("khong", "chua")


def _names_another(ctx: Context, text: str, matches: list[Any], codes: list[str]) -> bool:
    """...unless the words are another procedure's name ("chứng thực bản sao" typed after
    the tạm trú card: its words are all copy words, yet it asks for that procedure)."""
    typed = " ".join(fold(text).split())
    if not matches or matches[0].code in codes or len(typed.split()) < 3:
        return False
    other = ctx.services.kb.get(matches[0].code) if ctx.services.kb is not None else None
    return other is not None and typed in " ".join(fold(other.display_name).split())


_NOT_A_NAME = frozenset("cai viec thu tuc lam dang ky".split())


def other_named(others: list[Any], also: str | None) -> Any | None:
    """The card's other need (its "Còn thủ tục: Đăng ký tạm trú" button) that a "còn cái X
    thì sao" names, or None: X is that need, not a paper of this card."""
    words = set(fold(also or "").split()) - _NOT_A_NAME
    for other in others:
        if words and words <= set(fold(other.name).split()):
            return other
    return None
