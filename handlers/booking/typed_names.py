"""Names typed at the booking lists that are neither a day nor a time: a ward, or a kind of
programme said in the chat's language.

A ward typed at the programme list ("cao lãnh" once the ward is known) lists that ward's
programmes again instead of picking one whose name holds the ward; at the day or time list
the programme's own ward says that this is where it works, and the days or times stay on
offer. A kind of programme typed at the list ("online filing guidance", "cán bộ đến nhà")
picks the one offered programme of the kind whose label, in the current locale, it
fuzzy-matches ("Guidance for online filing"): the labels the bot shows are what people type.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from handlers.booking import views as view
from handlers.context import Context
from knowledge.normalize import fold
from knowledge.programmes import Programme

MAX_WORDS = 5  # a ward's name, not a sentence that happens to hold one
KIND_MIN = 80  # token-set similarity of the typed words and a kind's label
KIND_MARGIN = 10


def ward_only(ctx: Context, text: str) -> Any:
    """The ward a short message names when it names no programme, else None."""
    places = ctx.services.localities
    if places is None or not text or len(text.split()) > MAX_WORDS:
        return None
    if view.programmes(ctx).match_text(text) is not None:  # "mỹ ngãi", "phường 3": aliases
        return None
    return places.find(text).ward


def other_ward(ctx: Context, text: str, listed: Any) -> Any:
    """Another ward than the one listed, typed as a ward ("phường mỹ ngãi", "p3 cao lanh")
    even when a programme's name holds it: that ward's programmes are meant, not the one
    named after it ("Hỗ trợ tại nhà - Mỹ Ngãi" of two in Mỹ Ngãi). None for the listed ward
    ("phường 3" at Cao Lãnh's list stays its "Ngày không viết - Phường 3 cũ")."""
    places = ctx.services.localities
    if places is None or not text or len(text.split()) > MAX_WORDS:
        return None
    ward = places.find(text).ward
    same = ward is not None and listed is not None and ward.code == listed.code
    return None if ward is None or same else ward


def said_ward(ctx: Context, text: str) -> Any:
    """The ward a message that opens a booking names ("đặt lịch hỗ trợ ở p3 cao lãnh"), or
    None: it is the chat's ward from now on, never asked again."""
    places = ctx.services.localities
    return places.find(text).ward if places is not None and text.strip() else None


def own_ward_note(ctx: Context, programme: Programme | None, text: str) -> str | None:
    """ "cao lãnh" at the day or time list of a programme that works there: it does."""
    ward = ward_only(ctx, text) if programme is not None and programme.ward else None
    if ward is None or programme is None or ward.code != programme.ward:
        return None
    return ctx.t("booking.own_ward", name=programme.name, ward=ward.display)


def other_ward_note(ctx: Context, programme: Programme | None, text: str) -> str | None:
    """ "phường Cao Lãnh" while the programme works in another ward: where it works."""
    places = ctx.services.localities
    if programme is None or places is None or not programme.ward:
        return None
    found = places.find(text)
    if found.ward is None or found.ward.code == programme.ward:
        return None
    own = places.get(programme.ward)
    return ctx.t(
        "booking.other_ward",
        typed=found.ward.display,
        name=programme.name,
        ward=own.display if own is not None else programme.unit,
    )


def offered_programmes(ctx: Context) -> list[Programme]:
    book = view.programmes(ctx)
    ids = [
        str(row[1]).split(":", 2)[2]
        for row in ctx.state.last_buttons
        if len(row) > 1 and str(row[1]).startswith("bk:prog:")
    ]
    return [p for p in (book.get(i) for i in ids) if p is not None]


def of_kind(ctx: Context, text: str, among: list[Programme]) -> list[Programme]:
    """The programmes among ``among`` whose kind's label (this locale) the text names."""
    typed = " ".join(fold(text).split())
    if len(typed) < 4:
        return []
    scores: dict[str, float] = {}
    for kind in {p.kind for p in among}:
        label = fold(ctx.t(f"booking.kind_{kind}"))
        scores[kind] = fuzz.token_set_ratio(typed, label)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < KIND_MIN:
        return []
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < KIND_MARGIN:
        return []
    return [p for p in among if p.kind == ranked[0][0]]


def first_offered(ctx: Context) -> Programme | None:
    """The first programme of the list on screen (its first ``bk:prog:`` button)."""
    book = view.programmes(ctx)
    ids = [str(r[1])[8:] for r in ctx.state.last_buttons if str(r[1]).startswith("bk:prog:")]
    return book.get(ids[0]) if ids else None
