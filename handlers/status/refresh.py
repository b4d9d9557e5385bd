"""A dossier's latest status pulled from the one-stop software before it is shown
(``STATUS_SOURCE_URL``); the source being down never blocks a lookup."""

from __future__ import annotations

import logging

from handlers.context import Context
from handlers.status.views import notify_changes

log = logging.getLogger(__name__)


async def refresh(ctx: Context, dossier: object) -> object:
    """Pull the latest status from the one-stop software when a source is configured."""
    source = ctx.services.extra.get("status_source")
    if source is None:
        return dossier
    code = dossier.code  # type: ignore[attr-defined]
    try:
        remote = await source.fetch(code)
    except Exception as exc:  # the source being down must not block the lookup
        log.warning("status source failed: %s", type(exc).__name__)
        return dossier
    if remote is None or not remote.status or remote.status == dossier.status:  # type: ignore[attr-defined]
        return dossier
    change = await ctx.repos.dossiers.set_status(code, remote.status, remote.note, ctx.now())
    if change is not None:
        await notify_changes(ctx.repos, [change], ctx.now())
    return dossier
