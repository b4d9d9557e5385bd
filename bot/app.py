"""Composition root: builds the database, knowledge index, conversation engine and services."""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.config import Settings
from bot.errors import database_error
from bot.knowledge_base import load_search
from bot.storage.db import make_engine, make_sessionmaker, upgrade
from bot.storage.repos import uow_factory
from handlers.context import Clock, Services, SystemClock
from handlers.engine import Engine
from handlers.flow import Flow

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

__all__ = ["FLOW_MODULES", "START_HOOKS", "App", "build_app", "load_flows", "load_search"]

log = logging.getLogger(__name__)

# one module per flow; each exposes FLOW (order matters only for intent lookup)
FLOW_MODULES = [
    "handlers.menu.flow",
    "handlers.search.flow",
    "handlers.checklist.flow",
    "handlers.booking.flow",
    "handlers.status.flow",
    "handlers.ward.flow",
    "handlers.handoff.flow",
    "handlers.feedback.flow",
]


def load_flows() -> list[Flow]:
    """All conversation flows of the product."""
    return [importlib.import_module(name).FLOW for name in FLOW_MODULES]


def load_places() -> Any:
    """The province and its wards (``knowledge/data/localities``); ``None`` without data, so
    a one-locality deployment runs as before (nobody is asked for a ward)."""
    from knowledge.localities import LOCALITIES_DIR, load_localities

    if not (LOCALITIES_DIR / "province.yaml").exists():
        return None
    places = load_localities()
    for problem in places.problems:
        log.warning("locality row skipped: %s", problem)
    return places


async def open_database(url: str, settings: Settings | None = None) -> AsyncEngine:
    """The engine for ``url``, migrated to head; a bad URL or an unreachable server becomes
    a ``UserError`` (one clear line, no traceback)."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        pool = (settings.db_pool_size, settings.db_pool_timeout_s) if settings else (None, None)
        db = make_engine(url, pool_size=pool[0], pool_timeout=pool[1])
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise database_error(exc, url) from exc
    try:
        await upgrade(db)
    except (SQLAlchemyError, OSError, ImportError, ValueError) as exc:
        await db.dispose()
        raise database_error(exc, url) from exc
    return db


@dataclass
class App:
    """Everything a running bot (or a CLI command) needs, built once."""

    settings: Settings
    db: AsyncEngine
    sessionmaker: async_sessionmaker
    services: Services
    engine: Engine
    extras: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        # the dataclass repr would walk the whole knowledge base (pytest-asyncio reprs
        # fixtures: that alone cost seconds per test)
        return f"App(db={self.db.url.render_as_string(hide_password=True)!r})"

    def uow(self, *, read: bool = False, urgent: bool = False) -> Any:
        """A new unit of work (session + repositories) for non-conversation work.

        ``read``: it only reads (on SQLite it then takes no write lock); ``urgent``: it
        stores what a platform just delivered (on SQLite it goes ahead of waiting turns)."""
        if not (read or urgent):
            return uow_factory(self.sessionmaker)()
        key = "read" if read else "urgent"
        maker = self.extras.get(f"sessionmaker_{key}")
        if maker is None:
            bound = self.db.execution_options(**{f"sqlite_{key}": True})
            maker = self.extras[f"sessionmaker_{key}"] = make_sessionmaker(bound)
        return uow_factory(maker)()

    async def close(self) -> None:
        """Write the turn counts still in memory (``bot.turn_counts``), then release the
        database connections."""
        from bot.turn_counts import flush

        try:
            await flush(self)
        except Exception:  # the database away: say so, still release what is held
            log.exception("turn counts not written at close")
        await self.db.dispose()


async def build_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    kb: Any = None,
    index: Any = None,
    with_knowledge: bool = True,
    localities: Any = None,
) -> App:
    """Create the database (migrated to head), knowledge, services and engine."""
    db = await open_database(settings.database_url, settings)
    sessionmaker = make_sessionmaker(db)
    if with_knowledge and (kb is None or index is None):
        kb, index = load_search()
    services = Services(
        kb=kb,
        index=index,
        localities=localities if localities is not None else load_places(),
        clock=clock or SystemClock(),
        settings={
            "phone_hash_key": settings.phone_hash_key,
            "database_backend": db.dialect.name,
            "lookup_code_max_failures": settings.lookup_code_max_failures,
            "lookup_code_lock_hours": settings.lookup_code_lock_hours,
            # ZNS needs the citizen's phone: subscribing on these channels asks for it
            "zns_channels": ["zalo_oa"] if settings.zns_enabled() else [],
            "phone_encryption_key": settings.phone_encryption_secret(),
            "chat_hash_key": settings.chat_hash_secret(),
            "handoff_wait_min": settings.handoff_wait_min,
            "staff_group": settings.staff_group(),
        },
    )
    from handlers.feedback.log import Analytics

    engine = Engine(
        load_flows(),
        services,
        uow_factory(sessionmaker),
        stale_after=dt.timedelta(minutes=settings.conversation_timeout_min),
        observer=Analytics(services),
    )
    app = App(
        settings=settings, db=db, sessionmaker=sessionmaker, services=services, engine=engine
    )
    if services.localities is not None:
        for code in sorted(set(settings.ward_tokens().values()) - set(services.localities.wards)):
            log.warning("STAFF_WARD_TOKENS: no ward %s in the locality data (sees nothing)", code)
    await _on_start_hooks(app)
    return app


# modules exposing ``async def on_start(app)``: seeding demo data, etc.
START_HOOKS: list[str] = ["bot.demo", "bot.status_source", "bot.retention"]


async def _on_start_hooks(app: App) -> None:
    for name in START_HOOKS:
        await importlib.import_module(name).on_start(app)
