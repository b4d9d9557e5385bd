"""The answer card: what a citizen needs to know about one procedure, on one phone screen.

The first reply (``render_card``, also what ``tthc-bot kb cards`` prints) stays under
``CARD_MAX`` characters: the name, a one-line summary, where, time, the fees in one line,
online yes/no and the source. Fee details, the legal basis and the notes are one tap away
("Chi tiết lệ phí", "Căn cứ pháp lý", "Lưu ý", see ``handlers.search.details``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from handlers.common import feedback_row
from handlers.facts import (
    fee_summary,
    first_sentence,
    online_short,
    time_text,
    where_text,
)
from handlers.i18n import t
from handlers.textsplit import clip
from handlers.types import Button, Reply
from knowledge.english import english_name
from knowledge.schema import Procedure

CARD_MAX = 900
# first limits of each line; shrunk together until the card fits CARD_MAX
LIMITS = {"name": 150, "summary": 170, "where": 170, "time": 120, "fee": 150, "source": 110}


@dataclass(frozen=True)
class Other:
    """Another need found in the card's message, offered as "Còn thủ tục: ..."."""

    code: str
    name: str


def card_name(proc: Procedure, locale: str) -> str:
    """The name on the card: in English chats the English name and the Vietnamese one."""
    english = english_name(proc.code) if locale == "en" else None
    return f"{english} ({proc.display_name})" if english else proc.display_name


def _source(proc: Procedure, kb: Any, locale: str, limit: int) -> str:
    if proc.curated and proc.source:
        when = proc.verified_on.strftime("%d/%m/%Y") if proc.verified_on else ""
        first = clip(proc.source.split(";")[0], limit)[0]
        more = t("card.source_more", locale) if ";" in proc.source else ""
        return t("card.source_curated", locale, source=first + more, date=when)
    retrieved = (getattr(kb, "meta", {}) or {}).get("retrieved", "")
    return t("card.source_catalogue", locale, code=proc.code, date=retrieved)


def _lines(proc: Procedure, kb: Any, locale: str, limits: dict[str, int]) -> list[str]:
    lines = [f"📄 {clip(card_name(proc, locale), limits['name'])[0]}"]
    if proc.summary:
        lines.append(first_sentence(proc.summary, limits["summary"]))
    lines.append(
        t("card.where", locale, value=clip(where_text(proc, kb, locale), limits["where"])[0])
    )
    lines.append(t("card.time", locale, value=clip(time_text(proc, locale), limits["time"])[0]))
    lines.append(t("card.fee_line", locale, value=fee_summary(proc, locale, limits["fee"])))
    lines.append(t("card.online", locale, value=online_short(proc, locale)))
    if not proc.curated:
        lines.append(t("card.uncurated_note", locale))
    if locale != "vi":
        lines.append(t("card.in_vietnamese", locale))
    lines.append(_source(proc, kb, locale, limits["source"]))
    return lines


def render_card(proc: Procedure, kb: Any, locale: str = "vi") -> str:
    """The first reply of the answer card, exactly as sent (at most ``CARD_MAX`` chars)."""
    limits = dict(LIMITS)
    for _ in range(8):
        text = "\n".join(_lines(proc, kb, locale, limits))
        if len(text) <= CARD_MAX:
            return text
        limits = {k: max(40, int(v * 0.8)) for k, v in limits.items()}
    return text[: CARD_MAX - 1] + "…"


def card_buttons(
    proc: Procedure, locale: str, others: list[Other] | None = None
) -> list[list[Button]]:
    """The actions under a card: documents, the details, online, booking, another question,
    and the other needs found in the same message ("Còn thủ tục: ...")."""
    code = proc.code
    rows = [
        [Button(t("search.btn_docs", locale), f"ck:start:{code}")],
        [
            Button(t("search.btn_fees", locale), f"sr:fees:{code}"),
            Button(t("search.btn_legal", locale), f"sr:legal:{code}"),
        ],
    ]
    if proc.local_notes or proc.requirements:
        rows.append([Button(t("search.btn_notes", locale), f"sr:notes:{code}")])
    rows.append(
        [
            Button(t("search.btn_online", locale), f"sr:online:{code}"),
            Button(t("search.btn_book", locale), f"bk:start:need={code}"),
        ]
    )
    for other in (others or [])[:2]:
        label = t("search.btn_also", locale, name=clip(other.name, 45)[0])
        rows.append([Button(label, f"sr:card:{other.code}")])
    rows.append(feedback_row(locale, "c", code))
    rows.append([Button(t("search.btn_other", locale), "mn:ask")])
    return rows


def with_channel(replies: list[Reply], code: str, said: str | None) -> list[Reply]:
    """The walkthrough buttons (``ck:start:<code>``) carrying how the citizen said they will
    file (``ck:start:<code>:online``): the walkthrough takes it as its first answer."""
    if not said:
        return replies
    old, new = f"ck:start:{code}", f"ck:start:{code}:{said}"
    return [
        Reply(
            r.text,
            tuple(
                tuple(Button(b.label, new, b.role) if b.payload == old else b for b in row)
                for row in r.buttons
            ),
            r.link,
        )
        for r in replies
    ]
