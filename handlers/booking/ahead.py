"""Typed answers that run ahead of the booking, and a time typed as a part of the day.

While the day or the time is still to be chosen, citizens often type what the next steps
will ask: their name ("Phạm Thị Lài") or their phone ("0903 456 789"). That answer is kept
(the form does not ask it again) and the reply says plainly what is still being asked. A
part of the day ("buổi chiều", "sáng") at the time list offers just that part's free times.
"""

from __future__ import annotations

from typing import Any

from handlers.booking import form
from handlers.booking import input as bi
from handlers.booking import views as view
from handlers.booking.dates import parse_day, parse_time
from handlers.common import elsewhere, not_understood
from handlers.context import Context
from handlers.language import classify
from handlers.topics import is_question
from handlers.types import Button, Reply, Step
from knowledge.normalize import fold

# The commonest Vietnamese family names (folded): a typed "nguyen van tu" is a name even
# without capitals; a capitalised "Phạm Thị Lài" is one anyway.
SURNAMES = frozenset(
    """nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh trương
    lâm mai cao tạ thái quách lưu lương trịnh châu tôn kiều đoàn la văn thạch lại tăng""".split()
)
_BARE_SURNAMES = frozenset(fold(w) for w in SURNAMES)  # as typed without accents
# "sáng", "buổi chiều", "trưa", "tối": the part of the day as [from, to) minutes
PARTS = {"sang": (0, 12 * 60), "trua": (11 * 60, 14 * 60), "chieu": (12 * 60, 18 * 60)}
PART_NAMES = {"morning": "sang", "afternoon": "chieu", "noon": "trua"}
_PART_FILL = frozenset("buoi vao luc khoang tam gio di a nhe nha nay duoc in the".split())


def looks_like_name(text: str) -> str | None:
    """The cleaned name when typed text reads as a person's full name: two to five words of
    letters, either capitalised as names are or starting with a common family name."""
    name = bi.clean_name(text)
    words = text.split()
    if name is None or not 2 <= len(words) <= 5:
        return None
    capitalised = all(w[:1].isupper() for w in words)
    first = words[0].lower()
    bare = fold(text) == " ".join(text.lower().split())
    known = first in SURNAMES or (bare and first in _BARE_SURNAMES)  # "đăng" is no "Đặng"
    return name if capitalised or known else None


def typed_ahead(text: str) -> dict[str, str]:
    """``{"phone": ...}`` or ``{"name": ...}`` when the text answers a later form step."""
    phone = bi.parse_mobile(text)
    if phone is not None:
        return {"phone": phone}
    name = looks_like_name(text)
    return {"name": name} if name else {}


def kept_step(
    ctx: Context, data: dict[str, Any], answer: dict[str, str], asking: str, said: str = ""
) -> Step:
    """Keep the early answer and ask again, plainly, for the day or time still missing."""
    if said:
        pass
    elif "phone" in answer:
        said = ctx.t("booking.kept_phone", phone=bi.mask_phone(answer["phone"]))
    elif "name" in answer:
        said = ctx.t("booking.kept_name", name=bi.mask_name(answer["name"]))
    elif asking == "day":  # the programme's own name or place typed again
        said = ctx.t("booking.this_programme")
    else:  # a day or a time typed before the programme is chosen
        said = ""
    text = f"{said} {ctx.t(f'booking.still_{asking}')}".strip()
    rows = [[Button(*row[:3])] for row in ctx.state.last_buttons]
    return Step([Reply.make(text, rows)], data={**data, **answer})


def part_of_day(text: str) -> str | None:
    """The part of the day a typed answer names ("buổi chiều", "sáng nhé"): a key of
    ``PARTS``, else None."""
    words = [PART_NAMES.get(w, w) for w in fold(text).split() if w not in _PART_FILL]
    return words[0] if len(words) == 1 and words[0] in PARTS else None


def minutes(start: str) -> int:
    hour, _, minute = start.partition(":")
    return int(hour) * 60 + int(minute or 0)


async def ahead_or_unclear(ctx: Context, text: str, asking: str) -> Step:
    """Text at the day or time list that picks nothing: a name or phone is kept and the
    reply says what is still asked; the programme's own name again says which days; a new
    question leaves; anything else is "not understood" with the same buttons."""
    programme = form.current(ctx)
    if asking == "day" and programme is not None:
        if view.named(ctx, text, await ctx.ward()) == programme:
            return kept_step(ctx, ctx.data, {}, asking)
    day = parse_day(text, view.today(ctx)) if asking == "programme" else None
    if day is not None:  # "thứ 2 tuần sau" before the programme: kept, used once it is chosen
        said = ctx.t("booking.kept_day", date=f"{view.weekday(ctx, day)} {view.fmt_date(day)}")
        return kept_step(ctx, {**ctx.data, "want": day.isoformat()}, {}, asking, said)
    if asking == "programme" and parse_time(text):
        return kept_step(ctx, ctx.data, {}, asking)
    answer = typed_ahead(text)
    need = _need_named(ctx, text) if "phone" not in answer else None
    if need is not None and (ctx.data.get("name") or ctx.data.get("phone")):
        said = ctx.t("booking.kept_need", need=need)  # "trợ cấp xã hội" once the form began
        return kept_step(ctx, {**ctx.data, "need": need}, {}, asking, said)
    if answer.get("name") and (need is not None or _is_place(ctx, text)):
        answer = {}  # "Đăng Ký Khai Tử", "Mỹ Ngãi": no person's name
    if answer:
        return kept_step(ctx, ctx.data, answer, asking)
    if elsewhere(ctx, text):
        return Step(unhandled=True)
    return not_understood(ctx)


def _need_named(ctx: Context, text: str) -> str | None:
    """The procedure a bare procedure name names ("trợ cấp xã hội"), typed in the middle of
    a booking whose form has begun; a question about it ("... cần gì?") is no need."""
    if "?" in text or is_question(text) or ctx.services.index is None:
        return None
    result = classify(ctx, text)
    matches = getattr(result, "matches", None) or []
    if getattr(result, "intent", "") != "procedure" or getattr(result, "band", "") != "answer":
        return None
    return form.procedure_name(ctx, matches[0].code) if matches else None


def _is_place(ctx: Context, text: str) -> bool:
    """ "Mỹ Ngãi", "Tân Thuận Đông": a ward's name, capitalised like a person's."""
    places = ctx.services.localities
    if places is None:
        return False
    found = places.find(text)
    return bool(found.ward or found.choices)
