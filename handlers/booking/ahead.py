"""Typed answers that run ahead of the booking, and a time typed as a part of the day.

While the day or the time is still to be chosen, citizens often type what the next steps
will ask: their name ("Phạm Thị Lài") or their phone ("0903 456 789"). That answer is kept
(the form does not ask it again) and the reply says plainly what is still being asked. A
part of the day ("buổi chiều", "sáng") at the time list offers just that part's free times.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handlers.booking import form, offer
from handlers.booking import input as bi
from handlers.booking import views as view
from handlers.booking.dates import parse_day, parse_time
from handlers.booking.guard import details_in, not_a_name
from handlers.booking.times import part_in
from handlers.common import elsewhere, not_understood
from handlers.context import Context
from handlers.procedure_named import named_procedure
from handlers.textsplit import clip
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
NAME_MAX = 45
_PART_FILL = frozenset("buoi vao luc khoang tam gio di a nhe nha nay duoc in the".split())


def looks_like_name(text: str) -> str | None:
    """The cleaned name when typed text reads as a person's full name: two to five words of
    letters, either capitalised as names are or starting with a common family name."""
    name = bi.clean_name(text)
    words = text.split()
    if name is None or not 2 <= len(words) <= 5 or not_a_name(text):  # "Chọn Giờ Khác"
        return None
    capitalised = all(w[:1].isupper() for w in words)
    first = words[0].lower()
    bare = fold(text) == " ".join(text.lower().split())
    known = first in SURNAMES or (bare and first in _BARE_SURNAMES)  # "đăng" is no "Đặng"
    return name if capitalised or known else None


def typed_ahead(text: str) -> dict[str, str]:
    """``{"phone": ...}`` or ``{"name": ...}`` when the text answers a later form step."""
    given = details_in(text)  # "Nguyễn Thị Mai 0912 345 678", "số tôi là 0912..."
    if "phone" in given:
        named = looks_like_name(given.get("name", ""))
        return {"phone": given["phone"], **({"name": named} if named else {})}
    typed = looks_like_name(text)
    return {"name": typed} if typed else {}


# words that keep a name-like answer a date after all ("Thứ Năm Tuần Sau", "ngay 10")
_DATE_WORDS = frozenset("thứ ngày tuần tháng ngay tuan".split())


def day_in(ctx: Context, text: str) -> dt.date | None:
    """The day a typed answer names, unless the answer is the citizen's phone or full name:
    "Đỗ Thị Mai" typed at the day or time list is a name, not "ngày mai"."""
    typed = typed_ahead(text)
    if "phone" in typed:
        return None
    dated = _DATE_WORDS & set(text.lower().split()) or any(c.isdigit() for c in text)
    if "name" in typed and not dated:
        return None
    return parse_day(text, view.today(ctx))


def kept_step(
    ctx: Context, data: dict[str, Any], answer: dict[str, str], asking: str, said: str = ""
) -> Step:
    """Keep the early answer and ask again, plainly, for the day or time still missing."""
    if said:
        pass
    elif "phone" in answer:
        said = ctx.t("booking.kept_phone", phone=bi.mask_phone(answer["phone"]))
        if "name" in answer:
            said = f"{ctx.t('booking.kept_name', name=bi.mask_name(answer['name']))} {said}"
    elif "name" in answer:
        said = ctx.t("booking.kept_name", name=bi.mask_name(answer["name"]))
    elif asking == "day":  # the programme's own name or place typed again
        said = ctx.t("booking.this_programme")
    else:  # a day or a time typed before the programme is chosen
        said = ""
    still = offer.still_text(ctx, data) if asking == "slot" else ctx.t(f"booking.still_{asking}")
    text = f"{said} {still}".strip()
    rows = [[Button(*row[:3])] for row in ctx.state.last_buttons]
    return Step([Reply.make(text, rows)], data={**data, **answer})


def part_of_day(text: str, loose: bool = False) -> str | None:
    """The part of the day a typed answer names ("buổi chiều", "sáng nhé"): a key of
    ``PARTS``, else None; ``loose``: anywhere in a longer answer ("chiều thứ 3 tuần sau")."""
    if loose:
        part = part_in(text)
        return part if part in PARTS else None
    words = [PART_NAMES.get(w, w) for w in fold(text).split() if w not in _PART_FILL]
    return words[0] if len(words) == 1 and words[0] in PARTS else None


def within(free: list[Any], part: str) -> list[Any]:
    """The free slots that start in that part of the day ("chiều": 12:00-18:00)."""
    lo, hi = PARTS[part]
    return [s for s in free if lo <= minutes(s.start) < hi]


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
    start = parse_time(text) if asking == "day" else None
    if start is not None and programme is not None and not _in_hours(programme, start):
        hours = ", ".join(sorted({f"{s.start}-{s.end}" for s in programme.schedule}))
        said = ctx.t("booking.outside_hours_any", start=start, hours=hours)
        return kept_step(ctx, ctx.data, {}, asking, said)
    if start is not None:  # "9h" before the day: kept, booked once the day is chosen
        said = ctx.t("booking.kept_time", start=start)
        return kept_step(ctx, {**ctx.data, "at": start}, {}, asking, said)
    answer = typed_ahead(text)
    kept = _need_kept(ctx, text, asking) if "phone" not in answer else None
    if kept is not None:  # "đăng ký khai sinh" at the programme list: the need, kept
        return kept
    need = _need_named(ctx, text) if "phone" not in answer else None
    if need is not None and (ctx.data.get("name") or ctx.data.get("phone")):
        said = ctx.t("booking.kept_need", need=need)  # "trợ cấp xã hội" once the form began
        return kept_step(ctx, {**ctx.data, "need": need}, {}, asking, said)
    if answer.get("name") and (need is not None or _is_place(ctx, text)):
        answer = {}  # "Đăng Ký Khai Tử", "Mỹ Ngãi": no person's name
    if answer:
        return kept_step(ctx, ctx.data, answer, asking)
    if bi.phone_attempt(text):  # "09123": a phone with digits missing
        return kept_step(ctx, ctx.data, {}, asking, ctx.t("booking.phone_invalid"))
    if elsewhere(ctx, text):
        return Step(unhandled=True)
    return missed(ctx, asking)


def missed(ctx: Context, asking: str) -> Step:
    """Nothing fits: the same buttons with one short line the first time; from the second
    time on, what is needed in one line, a button to see the list again and the ways out
    (not the whole list once more)."""
    step = ctx.state.step
    count = (
        int(ctx.data.get("miss", [step, 0])[1]) + 1 if ctx.data.get("miss", [""])[0] == step else 1
    )
    data = {**ctx.data, "miss": [step, count]}
    programme = form.current(ctx)
    if count < 2 or programme is None or asking not in ("day", "slot"):
        again = not_understood(ctx)
        again.data = data
        return again
    day = ctx.data.get("d")
    see = f"bk:day:{day}" if asking == "slot" and day else f"bk:prog:{programme.id}"
    rows = [
        [Button(ctx.t(f"booking.btn_see_{asking}"), see)],
        view.stop_row(ctx),
        [Button(ctx.t("menu.btn_contact"), "mn:contact")],
    ]
    return Step([Reply.make(ctx.t(f"booking.brief_{asking}"), rows)], data=data)


def _need_named(ctx: Context, text: str) -> str | None:
    """The procedure a bare procedure name names ("trợ cấp xã hội"), typed in the middle of
    a booking; a question about it ("... cần gì?") is no need."""
    match = named_procedure(ctx, text)
    return form.procedure_name(ctx, match.code) if match is not None else None


def _need_kept(ctx: Context, text: str, asking: str) -> Step | None:
    """A procedure named at the programme list ("đăng ký khai sinh"): the booking's need,
    kept, the list asked again, and the procedure's card one tap away (QA round 14)."""
    match = named_procedure(ctx, text) if asking == "programme" else None
    if match is None:
        return None
    need = form.procedure_name(ctx, match.code)
    step = kept_step(
        ctx, {**ctx.data, "need": need}, {}, asking, ctx.t("booking.kept_need", need=need)
    )
    label = ctx.t("booking.btn_see_need", need=clip(need, NAME_MAX)[0])
    rows = [r for r in step.replies[-1].buttons if not r[0].payload.startswith("sr:card:")]
    at = next(
        (i for i, r in enumerate(rows) if not r[0].payload.startswith("bk:prog:")), len(rows)
    )
    rows.insert(at, (Button(label, f"sr:card:{match.code}"),))  # after the programmes
    step.replies[-1] = Reply.make(step.replies[-1].text, rows)
    return step


def _is_place(ctx: Context, text: str) -> bool:
    """ "Mỹ Ngãi", "Tân Thuận Đông": a ward's name, capitalised like a person's."""
    places = ctx.services.localities
    if places is None:
        return False
    found = places.find(text)
    return bool(found.ward or found.choices)


def _in_hours(programme: Any, start: str) -> bool:
    return any(minutes(s.start) <= minutes(start) < minutes(s.end) for s in programme.schedule)


def outside_hours(programme: Any, day: Any, start: str) -> bool:
    """A typed time before the day's first session or after its last ("7 giờ tối")."""
    sessions = [s for s in programme.schedule if s.weekday == day.isoweekday()]
    at = minutes(start)
    return bool(sessions) and all(not minutes(s.start) <= at < minutes(s.end) for s in sessions)


def hours_note(ctx: Context, programme: Any, day: Any, start: str) -> str:
    """ "19:00 is outside the programme's hours on that day: 07:30-11:00, 13:30-16:30"."""
    sessions = [s for s in programme.schedule if s.weekday == day.isoweekday()]
    hours = ", ".join(f"{s.start}-{s.end}" for s in sessions)
    return ctx.t("booking.outside_hours", start=start, hours=hours)
