"""What a step function gets: the message, the state, services and this turn's repositories.

Steps have side effects only through ``ctx``: the knowledge base and search index, the
repositories bound to this turn's database session (``ctx.repos``), and the clock. That keeps
every step testable without a channel or a network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from handlers.flow import Flow
from handlers.i18n import t as _t
from handlers.types import Incoming, Step

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class Clock(Protocol):
    def now(self) -> dt.datetime: ...


class SystemClock:
    """Wall clock in Vietnam's time zone."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(VN_TZ)


@dataclass
class FixedClock:
    """A clock tests can set and move."""

    current: dt.datetime

    def now(self) -> dt.datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current = self.current + dt.timedelta(**delta)


@dataclass
class State:
    """Conversation state of one chat, persisted between turns."""

    flow: str = "menu"
    step: str = "idle"
    data: dict[str, Any] = field(default_factory=dict)
    version: int = 0
    updated_at: dt.datetime | None = None
    last_buttons: list[list[str]] = field(default_factory=list)  # [[label, payload], ...]
    locale: str = "vi"

    @property
    def name(self) -> str:
        return f"{self.flow}:{self.step}"


@dataclass
class Services:
    """Long-lived collaborators shared by every turn (built once in ``bot.app``)."""

    kb: Any = None  # knowledge.loader.KnowledgeBase
    index: Any = None  # knowledge.index.SearchIndex
    clock: Clock = field(default_factory=SystemClock)
    settings: dict[str, Any] = field(default_factory=dict)  # plain values, e.g. hash keys
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. programmes, status source
    localities: Any = None  # knowledge.localities.Localities: the province and its wards


@dataclass
class Context:
    """Everything one step may use."""

    msg: Incoming
    state: State
    services: Services
    repos: Any  # repositories bound to this turn's session (bot.storage.repos.Repos)
    arg: str = ""  # argument of the pressed payload (``ck:doc:3`` -> "3")
    result: Any = None  # search classification when routed from free text
    flows: Mapping[str, Flow] = field(default_factory=dict)  # the registry, by flow name
    _profile: Any = field(default=None, repr=False)  # the chat's profile, read once per turn
    _profile_read: bool = field(default=False, repr=False)
    left: State | None = None  # the step a new question left this turn (e.g. a dossier card)
    typed: str = ""  # the words typed that pressed this turn's button ("sớm nhất")

    @property
    def locale(self) -> str:
        return self.msg.locale or self.state.locale or "vi"

    @property
    def data(self) -> dict[str, Any]:
        return self.state.data

    def t(self, key: str, **params: Any) -> str:
        """Localised text for this chat."""
        return _t(key, self.locale, **params)

    def now(self) -> dt.datetime:
        return self.services.clock.now()

    async def _chat_profile(self) -> Any:
        if not self._profile_read:
            profiles = getattr(self.repos, "profiles", None)
            channel, chat_id = self.msg.channel, self.msg.chat_id
            self._profile = await profiles.get(channel, chat_id) if profiles else None
            self._profile_read = True
        return self._profile

    async def ward(self) -> Any:
        """The chat's ward (``knowledge.localities.Ward``), or None when it has not said
        (or the deployment has no locality data). Remembered per chat across flows."""
        profile = await self._chat_profile()
        places = self.services.localities
        code = getattr(profile, "ward_code", None)
        return places.get(code) if places is not None and code else None

    async def ward_skipped(self) -> bool:
        """True when the chat was asked its ward and chose to skip the question."""
        profile = await self._chat_profile()
        return bool(profile) and not profile.ward_code and profile.ward_source == "skip"

    async def set_ward(self, code: str | None, source: str) -> None:
        """Remember the chat's ward (``code=None, source="skip"``: asked, not answered)."""
        await self.repos.profiles.set_ward(
            self.msg.channel, self.msg.chat_id, code, source, self.now()
        )
        self._profile, self._profile_read = None, False

    async def start(self, flow: str, entry: str, arg: str = "") -> Step:
        """Hand this turn over to another flow's entry point, by name (no import needed)."""
        self.arg = arg
        return await self.flows[flow].entry(entry)(self.msg, self)
