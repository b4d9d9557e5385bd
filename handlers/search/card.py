"""The answer card: what a citizen needs to know about one procedure, in a few lines."""

from __future__ import annotations

from typing import Any

from handlers.facts import (
    MAX_SUMMARY,
    fee_lines,
    legal_text,
    online_text,
    source_text,
    time_text,
    where_text,
)
from handlers.i18n import t
from knowledge.schema import Procedure


def render_card(proc: Procedure, kb: Any, locale: str = "vi") -> str:
    """The full answer card text for one procedure."""
    lines = [f"📄 {proc.display_name}"]
    if proc.summary:
        summary = " ".join(proc.summary.split())
        if len(summary) > MAX_SUMMARY:
            summary = summary[: MAX_SUMMARY - 3].rsplit(" ", 1)[0] + "..."
        lines.append(summary)
    elif proc.short_name is None and proc.name != proc.display_name:
        lines.append(proc.name)
    lines.append("")
    lines.append(t("card.where", locale, value=where_text(proc, kb, locale)))
    lines.append(t("card.time", locale, value=time_text(proc, locale)))
    lines.append(t("card.fees", locale))
    lines.extend(fee_lines(proc, locale))
    lines.append(t("card.online", locale, value=online_text(proc, locale)))
    legal = legal_text(proc)
    if legal:
        lines.append(t("card.legal", locale))
        lines.extend(legal)
    if not proc.curated:
        lines.append(t("card.uncurated_note", locale))
    lines.append(source_text(proc, kb, locale))
    return "\n".join(lines)
