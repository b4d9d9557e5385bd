"""Reading what a citizen types in the walkthrough: a document answer, or another question."""

from __future__ import annotations

from handlers.context import Context
from handlers.sanitize import fold

HAVE, MISSING, UNKNOWN = "have", "missing", "unknown"
TYPED = {
    HAVE: {
        "co",
        "da co",
        "roi",
        "co roi",
        "da co roi",
        "co a",
        "da co a",
        "roi a",
        "yes",
        "ok",
        "co r",
        "dc",
        "duoc",
        "co san",
    },
    MISSING: {
        "chua",
        "chua co",
        "k",
        "ko",
        "khong",
        "khong co",
        "kh",
        "no",
        "chua a",
        "chua co a",
        "hong",
        "hong co",
        "kg",
    },
    UNKNOWN: {
        "khong ro",
        "ko ro",
        "k ro",
        "khong biet",
        "ko biet",
        "k biet",
        "chua ro",
        "?",
        "khong chac",
        "ko chac",
        "hok biet",
    },
}


def elsewhere(ctx: Context, text: str) -> bool:
    """True when typed text is clearly about something else: another procedure answered with
    confidence, a dossier lookup or a booking. Such a message leaves the walkthrough instead
    of being told to pick an option ("lam giay khai sinh can gi" typed mid-checklist)."""
    index = ctx.services.index
    if index is None or len(text) > 40:
        return len(text) > 40
    result = index.classify(text)
    intent = getattr(result, "intent", "")
    if intent in ("dossier_status", "booking"):
        return True
    matches = getattr(result, "matches", None) or []
    return bool(
        intent == "procedure"
        and getattr(result, "band", "") == "answer"
        and matches[0].code != ctx.data.get("code")
    )


def typed_choice(text: str) -> str | None:
    folded = fold(text).strip(" .!")
    for choice, words in TYPED.items():
        if folded in words:
            return choice
    return None
