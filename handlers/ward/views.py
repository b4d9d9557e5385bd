"""Replies of the ward flow: the question, the choices, the confirmation."""

from __future__ import annotations

from typing import Any

from handlers.common import menu_button_rows
from handlers.context import Context
from handlers.textsplit import clip
from handlers.types import Button, Reply, Step
from handlers.wards import office_name, province_name
from knowledge.programmes import load_programmes

LABEL_MAX = 64


def examples(ctx: Context) -> dict[str, str]:
    """A current and a former name from the data, for the question's "ví dụ": the ward of
    the first programme (else the first ward) and a former unit whose name alone finds it."""
    places = ctx.services.localities
    book = ctx.services.extra.get("programmes") or load_programmes()
    first = next((p.ward for p in book.programmes if p.ward), "")
    ward = places.get(first) or next(iter(places.wards.values()))
    unique = (u for u in ward.former if places.find(u.name).ward is ward)
    old = next(unique, None)
    return {"example_new": ward.display, "example_old": f"{old.name} cũ" if old else ward.name}


def _rows(ctx: Context, optional: bool, current: Any = None) -> list[list[Button]]:
    rows = []
    if current is not None:
        label = ctx.t("ward.btn_keep", ward=current.display)
        rows.append([Button(clip(label, LABEL_MAX)[0], "wd:keep:", "no")])
    elif optional:
        rows.append([Button(ctx.t("ward.btn_skip"), "wd:skip:", "unknown")])
    rows.append([Button(ctx.t("ward.btn_stop"), "mn:cancel", "stop")])
    return rows


def _data(ctx: Context, **extra: Any) -> dict[str, Any]:
    keep: dict[str, Any] = {k: ctx.data[k] for k in ("then", "opt") if k in ctx.data}
    return {**keep, **extra} if ctx.state.flow == "ward" else extra


def question(ctx: Context, then: str, optional: bool, current: Any = None) -> Step:
    """ "Anh/chị ở xã/phường nào ạ?" with examples, and skip/keep and stop buttons."""
    text = ctx.t("ward.ask", **examples(ctx))
    if current is not None:
        text = ctx.t("ward.current", ward=current.display) + "\n" + text
    data = {"then": then, "opt": optional}
    return Step([Reply.make(text, _rows(ctx, optional, current))], "ward:await_ward", data)


def choice_label(ctx: Context, hit: Any) -> str:
    """ "Xã Mỹ Tân (TP Cao Lãnh) → phường Mỹ Ngãi", or the ward's own name."""
    if hit.former is None:
        return str(hit.ward.name)
    key = "ward.choice_part" if hit.former.part else "ward.choice"
    label = ctx.t(key, former=hit.former.label, part=hit.former.part, ward=hit.ward.display)
    return clip(label, LABEL_MAX)[0]


def choices(ctx: Context, text: str, hits: tuple[Any, ...], key: str) -> Step:
    """The places a typed name may mean, as buttons (the question stays open)."""
    rows = [[Button(choice_label(ctx, h), f"wd:set:{h.ward.code}")] for h in hits]
    lines = [ctx.t(key, text=clip(text, 40)[0])]
    if any(h.former is not None and h.former.part for h in hits):
        lines.append(ctx.t("ward.split_note"))
    rows.extend(_rows(ctx, bool(ctx.data.get("opt"))))
    return Step([Reply.make("\n".join(lines), rows)], "ward:await_ward", _data(ctx))


def not_found(ctx: Context, text: str) -> Step:
    """Nothing in the province goes by that name: say so, how to answer, same buttons."""
    msg = ctx.t(
        "ward.not_found", text=clip(text, 40)[0], province=province_name(ctx), **examples(ctx)
    )
    rows = _rows(ctx, bool(ctx.data.get("opt")))
    return Step([Reply.make(msg, rows)], "ward:await_ward", _data(ctx))


def confirm_text(ctx: Context, ward: Any, via: Any) -> str:
    """ "Dạ, Phường 3 (TP Cao Lãnh) nay thuộc phường Cao Lãnh..." or "Dạ, em ghi nhận..."."""
    province = province_name(ctx)
    if via is not None:
        return ctx.t("ward.chosen_via", former=via.label, ward=ward.display, province=province)
    return ctx.t("ward.chosen", ward=ward.display, province=province)


def menu_rows(ctx: Context) -> list[list[Button]]:
    """The main menu plus "Đổi xã/phường"."""
    return [*menu_button_rows(ctx.locale), [Button(ctx.t("ward.btn_change"), "wd:change:")]]


def set_done(ctx: Context, text: str) -> Step:
    """The ward set with nothing waiting for it: the confirmation and the menu."""
    return Step(
        [Reply.make(text + "\n" + ctx.t("ward.change_hint"), menu_rows(ctx))],
        next="menu:idle",
        data={},
    )


def greeting(ctx: Context, ward: Any) -> Step:
    """The greeting of a chat opened from a ward's link or QR poster."""
    text = ctx.t(
        "ward.link_greeting",
        office=office_name(ctx, ward),
        ward=ward.display,
        province=province_name(ctx),
    )
    return set_done(ctx, text)
