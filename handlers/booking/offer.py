"""One concrete time proposed, as a clerk would: "Em đặt giúp anh/chị 07:30 Thứ Sáu 04/12
nhé?".

A citizen who narrows the choice to a part of the day ("sáng", "buổi chiều") or leaves it
open ("sớm nhất", "giờ nào cũng được", "lúc nào cũng được") without naming a time gets the
first free time that fits proposed as a "yes" button above the list; a following "đồng ý",
"ok", "đúng rồi" takes it (the typed-answer layer presses the yes button), any other time
of the list stays a tap away. A bare yes at a time list with nothing proposed is told plainly
that a time is needed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from handlers.booking import views as view
from handlers.context import Context
from handlers.types import Button, Reply, Step
from knowledge.normalize import fold


def _phrases(text: str) -> frozenset[str]:
    return frozenset(" ".join(p.split()) for p in text.split(","))


# any time suits: the first free time is proposed (accent-free, particles dropped)
ANYTIME = _phrases(
    """gio nao cung duoc, luc nao cung duoc, ngay nao cung duoc, hom nao cung duoc,
    khi nao cung duoc, bua nao cung duoc, gio nao cung dc, luc nao cung dc, ngay nao cung dc,
    gio nao cung ok, luc nao cung ok, bat ky gio nao, bat cu gio nao, bat cu luc nao,
    gio nao cung duoc het, any time, anytime, whenever, any day, any time is fine"""
)
_FILL = frozenset("a da nhe nha em oi thi vay cho toi minh tui".split())
# "sao cũng được", "mấy giờ cũng được hết", "tùy em", "em xếp giúp": the same, in other words
_ANY = re.compile(
    r"^(?:(?:gio|luc|ngay|hom|khi|bua|buoi|may gio|may h|cai|hom|kieu|the|sao) nao|sao|the nao"
    r"|kieu nao|gi|nao|may gio|bao gio|hom nao|ngay nao) cung (?:duoc|dc|đc|ok|oke|dung)"
    r"(?: (?:het|luon|ma|ca|tat))*$"
    r"|^tuy(?: (?:ban|ben|y|chon|xep|sap xep|co|chu|chi|anh))*$"  # "tùy em" ("em" dropped)
    r"|^(?:chon|xep|sap xep|sap) (?:giup|gium|dum|ho)(?: (?:gio|lich|luon|di|nao))*$"
)


def anytime(text: str) -> bool:
    """ "giờ nào cũng được ạ", "sao cũng được", "tùy em": the citizen leaves the time open."""
    words = [w for w in fold(text).split() if w not in _FILL]
    joined = " ".join(words)
    return joined in ANYTIME or bool(_ANY.match(joined))


def offer_text(ctx: Context, day: dt.date, start: str) -> str:
    date = f"{view.weekday(ctx, day)} {day.strftime('%d/%m')}"
    return ctx.t("booking.offer", start=start, date=date)


def offer_button(ctx: Context, key: str, start: str) -> Button:
    return Button(ctx.t("booking.btn_offer", start=start), f"bk:slot:{key}", "yes")


def offered_key(data: dict[str, Any]) -> str:
    """The key of the time proposed at this list ("2026-12-04_07:30"), or ''."""
    return str(data.get("offer") or "")


def still_text(ctx: Context, data: dict[str, Any]) -> str:
    """What the time list still asks, the proposal again when there is one."""
    key = offered_key(data)
    day_text, _, start = key.partition("_")
    if not start:
        return ctx.t("booking.still_slot")
    return offer_text(ctx, dt.date.fromisoformat(day_text), start)


def needs_time(ctx: Context) -> Step:
    """A bare "có", "đồng ý" at a time list with nothing proposed: a time is needed."""
    rows = [[Button(*row[:3])] for row in ctx.state.last_buttons]
    return Step([Reply.make(ctx.t("booking.yes_needs_time"), rows)])


def needs_day(ctx: Context) -> Step:
    """A bare yes at the day list: a day is needed (or "sớm nhất")."""
    rows = [[Button(*row[:3])] for row in ctx.state.last_buttons]
    return Step([Reply.make(ctx.t("booking.yes_needs_day"), rows)])
