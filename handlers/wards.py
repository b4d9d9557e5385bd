"""The chat's ward, for every flow: ask it once when a reply depends on the place, and the
lines that describe a ward's one-stop office.

A reply that depends on the place (where to file, office hours, contact, booking) calls
``ward_or_ask``: with the ward known it gets it; otherwise the ``ward`` flow asks "Anh/chị ở
xã/phường nào ạ?" and, once answered, runs ``then`` (``"flow:entry:arg"``) again. Facts that
do not depend on the place never call it, so they never wait for the question.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from handlers.context import Context
from handlers.facts import where_text
from handlers.office_hours import hours_in
from handlers.types import Step
from knowledge.normalize import fold


def province_name(ctx: Context) -> str:
    """ "tỉnh Đồng Tháp" (as written inside a sentence), or '' without locality data."""
    places = ctx.services.localities
    if places is None:
        return ""
    name = str(places.province.name)
    return name[:1].lower() + name[1:]


def single_ward(ctx: Context) -> Any:
    """The only ward of a one-ward deployment (nothing to ask there), else None."""
    places = ctx.services.localities
    if places is not None and len(places.wards) == 1:
        return next(iter(places.wards.values()))
    return None


async def chat_ward_code(ctx: Context) -> str | None:
    """The code of the chat's ward (the only ward of a one-ward deployment), else None: what
    a handoff, a logged question, a vote or a rating is filed under for the staff."""
    ward = await ctx.ward() or single_ward(ctx)
    code = getattr(ward, "code", None)
    return str(code) if code else None


def single_ward_code(services: Any) -> str | None:
    """The code of the only ward of a one-ward deployment, else None."""
    places = getattr(services, "localities", None)
    if places is not None and len(places.wards) == 1:
        return str(next(iter(places.wards)))
    return None


def dossier_ward_code(ctx: Context, dossier: Any) -> str | None:
    """The ward whose office handles a dossier (receipt unit prefix, else its ward)."""
    found = dossier_office(ctx, dossier.code, getattr(dossier, "ward_code", None))
    code = getattr(found[0], "code", None) if found is not None else None
    return str(code) if code else None


async def ward_or_ask(ctx: Context, then: str, optional: bool) -> tuple[Any, Step | None]:
    """``(ward, None)`` when the chat's ward is known; ``(None, question)`` when it must be
    asked first; ``(None, None)`` when the reply goes on without one (no locality data, or
    an ``optional`` question the citizen chose to skip)."""
    places = ctx.services.localities
    if places is None or not places.wards:
        return None, None
    ward = await ctx.ward() or single_ward(ctx)
    if ward is not None:
        return ward, None
    if optional and await ctx.ward_skipped():
        return None, None
    return None, await ctx.start("ward", "ask", ("?" if optional else "") + then)


_UBND_WORDS = ("ủy ban nhân dân", "ubnd", "một cửa", "hành chính công")


def office_key(proc: Any, kb: Any) -> str | None:
    """The office (id of ``offices.yaml``) that receives a procedure: the entry's own; a
    catalogue record the one-stop shop only when its authority says so (one filed at the
    Công an xã keeps its own hours, e.g. "sáng thứ 7": issue 13, 1.014056); else None."""
    if proc.offices:
        return str(proc.offices[0])
    where = where_text(proc, kb, "vi").lower()
    return "ubnd_xa" if any(word in where for word in _UBND_WORDS) else None


def filed_at_ward(proc: Any) -> bool:
    """Whether a procedure is filed at the citizen's commune/ward one-stop shop (so where to
    file, and the hours, depend on the chat's ward)."""
    if proc.offices:
        return "ubnd_xa" in proc.offices
    police = "cong an" in fold(proc.authority or "")  # "Công an cấp Xã": not the ward's shop
    return "Cấp xã" in (proc.levels or []) and not police


def dossier_office(ctx: Context, code: str, ward_code: str | None) -> tuple[Any, Any] | None:
    """``(ward, office)`` that handles a dossier: the office whose receipt unit prefix starts
    its code (``000.00.14.H20-...``, mapped in the ward data), else the dossier's ward's main
    office, else None."""
    places = ctx.services.localities
    if places is None:
        return None
    found = places.office_of_receipt(code)
    if found is not None:
        return tuple(found)
    ward = places.get(ward_code)
    return (ward, ward.office) if ward is not None else None


async def learn_ward(ctx: Context, dossier: Any) -> None:
    """A chat that has not said its ward and has just verified a dossier takes the ward of
    the office handling it (its receipt unit or its ward): a booking or "nộp ở đâu" right
    after is not asked what the dossier told ("đổi xã/phường" still changes it)."""
    if ctx.services.localities is None or await ctx.ward() is not None:
        return
    if (code := dossier_ward_code(ctx, dossier)) is not None:
        await ctx.set_ward(code, "dossier")


def office_name(ctx: Context, ward: Any, office: Any = None) -> str:
    """The office's name, or the ward's one-stop shop by its usual name when data has none."""
    office = office or ward.office
    return office.name or ctx.t("ward.office_default", ward=ward.display)


def office_lines(ctx: Context, ward: Any, office: Any = None) -> list[str]:
    """Name, address, phone, hours and map of a ward office: what data gives, and one polite
    line for what local staff have not filled in yet (never a guessed value)."""
    office = office or ward.office
    lines = [ctx.t("ward.office_title", name=office_name(ctx, ward, office))]
    for key in ("address", "phone", "hours", "map_url"):
        value = (
            hours_in(getattr(office, key), ctx.locale) if key == "hours" else getattr(office, key)
        )
        if value:
            lines.append(ctx.t(f"ward.office_{key}", value=value))
    missing = office.missing()
    if missing:
        fields = ", ".join(ctx.t(f"ward.field_{k}") for k in missing)
        lines.append(ctx.t("ward.office_missing", fields=fields, ward=ward.display))
    return lines


GO_THERE = ("Đã có kết quả", "Chờ bổ sung hồ sơ")  # statuses that send the citizen to an office


def place_dossier(ctx: Context, dossier: Any, always: bool = False) -> tuple[Any, list[str]]:
    """The dossier with the name of the office that handles it (from its receipt unit or
    its ward, when the data knows), and that office's address/phone/hours lines when the
    status sends the citizen there."""
    found = dossier_office(ctx, dossier.code, getattr(dossier, "ward_code", None))
    if found is None:
        return dossier, []
    ward, office = found
    dossier = replace(dossier, office=office_name(ctx, ward, office))
    shown = always or dossier.status in GO_THERE  # ``always``: "whom do I ask" wants them
    return dossier, office_lines(ctx, ward, office)[1:] if shown else []
