"""The conversation engine: Incoming -> load state -> route -> step -> save state -> [Reply].

One database session and one commit per turn. Turns of one chat run in order: an in-process
lock per chat, plus a row lock and a ``version`` check in the database so that several worker
processes never lose an update (the loser of a race retries its turn on fresh state).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
import weakref
from dataclasses import replace
from typing import Any

from handlers import answers, language, sanitize
from handlers.common import menu_reply, same_buttons, typed_menu_payload
from handlers.context import Context, Services, State
from handlers.flow import Flow, split_payload
from handlers.i18n import t
from handlers.store import OnCommit, TurnObserver, UnitOfWork, UowFactory, VersionConflict
from handlers.types import Incoming, Reply, Step, StepFn

__all__ = ["Engine", "OnCommit", "UnitOfWork", "VersionConflict"]

log = logging.getLogger(__name__)


class Engine:
    """Routes each incoming message through the flows and persists the state."""

    def __init__(
        self,
        flows: list[Flow],
        services: Services,
        uow_factory: UowFactory,
        stale_after: dt.timedelta = dt.timedelta(minutes=30),
        observer: TurnObserver | None = None,
    ) -> None:
        self.flows = {f.name: f for f in flows}
        self.by_prefix = {f.prefix: f for f in flows}
        self.services = services
        self.uow_factory = uow_factory
        self.stale_after = stale_after
        self.observer = observer
        self._locks: weakref.WeakValueDictionary[tuple[str, str], asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    def _lock(self, key: tuple[str, str]) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock

    async def handle(self, msg: Incoming, on_commit: OnCommit | None = None) -> list[Reply]:
        """Process one message; never raises for bad input.

        ``on_commit`` runs inside the turn's transaction, after the state is saved and
        before the commit; it is not called when the turn fails (internal error, busy).
        """
        lock = self._lock((msg.channel, msg.chat_id))
        async with lock:
            for _attempt in range(5):
                try:
                    return await self._turn(msg, on_commit)
                except VersionConflict:
                    await asyncio.sleep(0.01)
                except Exception:  # a bug must not kill the process or lose the chat
                    log.exception("turn failed channel=%s", msg.channel)
                    return [menu_reply(t("errors.internal", msg.locale), msg.locale)]
            return [Reply(t("errors.busy", msg.locale))]

    async def _turn(self, msg: Incoming, on_commit: OnCommit | None = None) -> list[Reply]:
        async with self.uow_factory() as uow:
            loaded = await uow.conversations.load(msg.channel, msg.chat_id)
            # ``State.locale`` is the language chosen in the chat; '' follows the channel's
            state = loaded or State(locale="")
            msg = replace(msg, locale=state.locale or msg.locale or "vi")
            expected = loaded.version if loaded else None
            now = self.services.clock.now()
            replies: list[Reply] = []
            if self._is_stale(state, now):
                if not self._is_resting(state) and msg.kind != "event":
                    replies.append(Reply(t("errors.stale", msg.locale)))
                state = State(locale=state.locale, version=state.version)
            before = (state.flow, state.step, dict(state.data))
            step = await self._route(msg, state, uow)
            replies.extend(step.replies)
            if step.next:
                flow, _, name = step.next.partition(":")
                if flow != state.flow:
                    state.data = {}
                state.flow, state.step = flow, name or "idle"
            if step.data is not None:
                state.data = step.data
            if step.locale is not None:
                state.locale = step.locale
            replies[:0] = self._leave_note(before, state, msg.locale)
            if not replies and not step.silent:
                replies = [menu_reply(t("errors.not_understood", msg.locale), msg.locale)]
            if replies:  # a silent turn (a message relayed to staff) keeps the offered buttons
                last = replies[-1]
                state.last_buttons = [
                    [b.label, b.payload, *([b.role] if b.role else [])]
                    for b in last.flat_buttons()
                ]
            state.updated_at = now
            await uow.conversations.save(msg.channel, msg.chat_id, state, expected)
            if on_commit is not None:
                await on_commit(uow, replies)
            await uow.commit()
            if self.observer is not None and msg.kind != "event":
                await self.observer.turn(uow.repos, msg, state)
            return replies

    def _is_resting(self, state: State) -> bool:
        flow = self.flows.get(state.flow)
        return flow is not None and state.step in flow.resting

    def _leave_note(
        self, before: tuple[str, str, dict[str, Any]], state: State, locale: str
    ) -> list[Reply]:
        """Leaving a confirmation without confirming says what still stands (a booking the
        citizen might believe cancelled)."""
        flow = self.flows.get(before[0])
        key = flow.leave_notes.get(before[1]) if flow is not None else None
        if key is None or state.flow == before[0]:
            return []
        return [Reply(t(key, locale, code=str(before[2].get("code", ""))))]

    def _captive(self, state: State) -> StepFn | None:
        """The step that owns every message of the chat now (a conversation with staff),
        if any: commands, typed answers and other flows' buttons go to it first."""
        flow = self.flows.get(state.flow)
        if flow is None or state.step not in flow.captive:
            return None
        return flow.steps.get(state.step)

    def _is_stale(self, state: State, now: dt.datetime) -> bool:
        if state.updated_at is None or state.name == "menu:idle":
            return False
        if self._captive(state) is not None:  # ends when staff or the citizen end it
            return False
        updated = state.updated_at
        if updated.tzinfo is None:
            updated = updated.replace(tzinfo=now.tzinfo)
        return now - updated > self.stale_after

    async def _route(self, msg: Incoming, state: State, uow: UnitOfWork) -> Step:
        ctx = Context(
            msg=msg, state=state, services=self.services, repos=uow.repos, flows=self.flows
        )
        if msg.payload is None and msg.kind != "text":
            return Step([same_buttons(t("errors.unsupported_kind", msg.locale), state)])
        captive = self._captive(state) if msg.kind != "event" else None
        if msg.payload is not None:
            head = split_payload(msg.payload)[0]
            if captive is not None and head != self.flows[state.flow].prefix:
                return await captive(msg, ctx)  # an old card's button while with staff
            return await self._route_payload(msg.payload, ctx)
        text = sanitize.clean_text(msg.text or "")
        if not text:
            key = "errors.empty" if state.name == "menu:idle" else "errors.empty_in_flow"
            return Step([same_buttons(t(key, msg.locale), state)])
        if captive is not None:  # everything typed goes to staff; the step reads "hủy"
            ctx.msg = replace(msg, text=text)
            return await captive(ctx.msg, ctx)
        flow = self.flows.get(state.flow, self.flows["menu"])
        free = state.step in flow.free_text and state.flow == flow.name
        command = sanitize.command_of(text)
        if command in sanitize.GLOBAL_COMMANDS and command.startswith("/"):
            return await self._command(command, text, ctx)
        social = answers.social_of(text)
        waiting = state.step in flow.steps and state.step not in flow.resting
        if social not in (None, "done") and waiting and state.name != "menu:idle":
            return self._social(social, flow, state, msg.locale)
        if social == "confused" and not waiting:  # "ko hiểu" at the menu: how to use the bot
            return await self._route_payload("mn:help", ctx)
        if social == "done" or (social in ("thanks", "bye") and not waiting):  # a fitting word
            ctx.msg = replace(msg, text=text)
            return await self._answer(ctx, social)
        if free:  # typed data: only the exact label of a button presses it, never a number
            pressed = sanitize.match_label(text, state.last_buttons)
        else:
            pressed = answers.understand(text, state.last_buttons)
        if pressed:  # a typed number, label or answer word is a button press, for every step
            ctx.msg, ctx.typed = replace(msg, payload=pressed, text=None), text
            return await self._route_payload(pressed, ctx)
        if command in sanitize.GLOBAL_COMMANDS:
            return await self._command(command, text, ctx)
        link = sanitize.ward_link(text) if not free else None  # "XA 29869" from a poster
        if link is not None:
            return await self._route_payload(link, ctx)
        nav = sanitize.navigation_of(text)
        if nav is not None:
            nav_payload = self._navigation_payload(nav, state)
            if nav_payload is not None:
                ctx.msg = replace(msg, payload=nav_payload, text=None)
                return await self._route_payload(nav_payload, ctx)
        ctx.msg = replace(msg, text=text)
        if len(msg.text or "") > sanitize.MAX_TEXT:
            prefix = [Reply(t("errors.too_long", msg.locale))]
        else:
            prefix = []
        step_fn = self.flows.get(state.flow, self.flows["menu"]).steps.get(state.step)
        if step_fn is not None:
            step = await step_fn(ctx.msg, ctx)
            if not step.unhandled:
                step.replies[:0] = prefix
                return step
            prefix.extend(step.replies)  # e.g. "your booking still stands", then the answer
            ctx.left = State(state.flow, state.step, dict(state.data))
            state.flow, state.step, state.data = "menu", "idle", {}
        if nav == "back":  # nothing to go back to in this step: the menu, not a search
            return await self._route_payload("mn:menu", ctx)
        step = await self._route_text(ctx)
        step.replies[:0] = prefix
        return step

    async def _command(self, command: str, text: str, ctx: Context) -> Step:
        arg = sanitize.command_arg(text)
        if command in ("/start", "start") and arg:
            return await self._route_payload(sanitize.deep_link_payload(arg), ctx)
        return await self._route_payload(f"mn:{sanitize.GLOBAL_COMMANDS[command]}", ctx)

    def _social(self, kind: str, flow: Flow, state: State, locale: str) -> Step:
        """ "cám ơn", "bye", "ko hiểu" while a step waits: a fitting word, the same buttons,
        and the flow kept exactly where it was."""
        key = flow.hints.get(state.step, "answers.confused") if kind == "confused" else ""
        text = t(key or f"answers.{kind}", locale)
        return Step([same_buttons(text, state)])

    def _navigation_payload(self, nav: str, state: State) -> str | None:
        """The button a typed "dừng" / "quay lại" stands for in this state, if any.

        "Dừng" presses the offered stop button (else cancels whatever is going on). "Quay lại"
        presses the offered back button, else the flow's own ``back`` action; with neither,
        the step gets the text (the walkthrough handles it) and then the menu.
        """
        offered = [row[1] for row in state.last_buttons]
        if nav == "stop":
            stops = [p for p in offered if p == "mn:cancel" or p.split(":")[1:2] == ["stop"]]
            return stops[0] if stops else "mn:cancel"
        backs = [p for p in offered if p.split(":")[1:2] == ["back"]]
        if backs:
            return backs[0]
        flow = self.flows.get(state.flow)
        if flow is not None and "back" in flow.actions:
            return f"{flow.prefix}:back:"
        return None

    async def _route_payload(self, payload: str, ctx: Context) -> Step:
        prefix, action, arg = split_payload(payload)
        ctx.arg = arg
        flow = self.by_prefix.get(prefix)
        if flow is None:
            return Step(
                [menu_reply(t("errors.old_button", ctx.locale), ctx.locale)],
                next="menu:idle",
            )
        if action in flow.actions:
            return await flow.actions[action](ctx.msg, ctx)
        step_fn = flow.steps.get(ctx.state.step) if ctx.state.flow == flow.name else None
        if step_fn is None:
            return Step(
                [menu_reply(t("errors.old_button", ctx.locale), ctx.locale)],
                next="menu:idle",
            )
        return await step_fn(ctx.msg, ctx)

    async def _route_text(self, ctx: Context) -> Step:
        text = ctx.msg.text or ""
        pressed = typed_menu_payload(text, ctx.locale)  # "tra cuu", or a bare "chưa"
        if pressed:
            ctx.msg = replace(ctx.msg, payload=pressed, text=None)
            return await self._route_payload(pressed, ctx)
        if answers.role_of(text) == answers.YES:  # "ok", "có rồi" when nothing was asked
            return await self._answer(ctx, "ack")
        started = time.perf_counter()
        result = language.classify(ctx, text)
        ctx.result = result
        step = await self._answer(ctx, getattr(result, "intent", "out_of_scope"))
        if self.observer is not None:  # the question log; may offer a person
            elapsed = (time.perf_counter() - started) * 1000
            await self.observer.question(ctx, result, step, elapsed)
        return step

    async def _answer(self, ctx: Context, intent: str) -> Step:
        for flow in self.flows.values():
            handler = flow.intents.get(intent)
            if handler is not None:
                return await handler(ctx.msg, ctx)
        fallback = self.flows["menu"].intents.get("*")
        if fallback is not None:
            return await fallback(ctx.msg, ctx)
        return Step([menu_reply(t("errors.not_understood", ctx.locale), ctx.locale)])
