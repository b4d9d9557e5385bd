"""Whose ward a console page shows: an officer's own ward, always; the provincial admin's
choice (``?ward=CODE``, a list of the wards on the page) or every ward.

Another ward's record is "not found" to an officer, exactly as an unknown one, so an officer
cannot tell which codes exist elsewhere.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.staff.accounts import Session
from bot.staff.console.guard import app_of
from bot.staff.console.html import esc
from bot.staff.scope import NO_WARD
from handlers.i18n import t


def shown_ward(request: web.Request, s: Session, unknown: bool = False) -> str | None:
    """The ward a page is of: the officer's; for the admin the ``?ward=`` asked (a known
    code; with ``unknown``, ``none`` gives ``""``: records of no known ward) or None, every
    ward."""
    if s.scope.ward is not None:
        return s.scope.ward
    asked = request.query.get("ward", "").strip()[:16]
    if unknown and asked == NO_WARD:
        return ""
    places = app_of(request).services.localities
    return asked if asked and places is not None and places.get(asked) is not None else None


def ward_name(request: web.Request, code: str | None) -> str:
    """A ward's name ("Phường Cao Lãnh"); "Chưa rõ xã/phường" for None (no ward known)."""
    places = app_of(request).services.localities
    ward = places.get(code) if places is not None and code else None
    if ward is not None:
        return str(ward.name)
    return t("console.ward_none") if code is None else str(code)


def ward_choice(request: web.Request, s: Session, shown: str | None, unknown: bool = False) -> str:
    """For the admin, a ``<select name="ward">`` to put inside the page's GET form (with
    ``unknown``, also "not known"); for an officer a line naming its ward."""
    if s.scope.ward is not None:
        return f'<span class="ward">{esc(ward_name(request, s.scope.ward))}</span> '
    places = app_of(request).services.localities
    wards: list[Any] = sorted(places.wards.values(), key=lambda w: w.name) if places else []
    if len(wards) < 2:
        return ""
    options = [f'<option value="">{esc(t("console.ward_all"))}</option>']
    if unknown:
        mark = " selected" if shown == "" else ""
        options.append(f'<option value="{NO_WARD}"{mark}>{esc(t("console.ward_none"))}</option>')
    options += [
        f'<option value="{esc(w.code)}"{" selected" if w.code == shown else ""}>'
        f"{esc(w.name)}</option>"
        for w in wards
    ]
    return (
        f'<label for="ward">{esc(t("console.ac_ward"))}</label>'
        f'<select id="ward" name="ward">{"".join(options)}</select> '
    )
