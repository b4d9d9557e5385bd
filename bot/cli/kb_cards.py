"""What the bot shows for a procedure, as data: ``kb cards`` rows and the note-field probe.

``card_row`` is one line of ``tthc-bot kb cards --json`` (contract, DESIGN section 11): the
card exactly as the bot sends it plus the facts behind it. ``rendered_fields`` finds out which
curated note fields the conversation really shows: it drives the real engine (in memory, no
database) through the card and the walkthrough of a probe procedure whose every note field
holds a marker, and reports the markers that came back. ``knowledge.audit`` then flags curated
text that no template renders, whatever shape the templates take.
"""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from handlers.checklist import logic
from handlers.context import Services, State
from handlers.engine import Engine
from handlers.facts import fee_lines, time_text, where_text
from handlers.i18n import t
from handlers.search.card import render_card
from handlers.types import Incoming, Reply
from knowledge.loader import KnowledgeBase
from knowledge.schema import Document, Fee, LegalBasis, Online, Procedure

PROBE_CODE = "dp.audit-probe"
MAX_TURNS = 12


def _condition(doc: Document, plan: logic.Plan) -> str | None:
    """The answers that make ``doc`` apply, as the questions and options read."""
    parts = []
    for qid, wanted in doc.when.items():
        question = logic.question_by_id(plan, qid)
        values = wanted if isinstance(wanted, list) else [wanted]
        if question is None:
            parts.append(f"{qid} = {' / '.join(values)}")
            continue
        labels = [o.label for o in question.options if o.value in values] or values
        parts.append(f"{question.ask} → {' / '.join(labels)}")
    return "; ".join(parts) or None


def card_row(proc: Procedure, kb: Any, locale: str = "vi") -> dict[str, Any]:
    """One ``kb cards`` row: the first reply text and the facts it is made of."""
    plan = logic.plan_for(proc, t("checklist.ask_case", locale))
    original, copy_ = t("checklist.n_original", locale), t("checklist.n_copy", locale)
    return {
        "code": proc.code,
        "name": proc.display_name,
        "curated": proc.curated,
        "card": render_card(proc, kb, locale),
        "documents": [
            {
                "name": doc.name,
                "count": logic.copies_text(doc, original, copy_),
                "kind": doc.kind,
                "form": doc.form,
                "condition": _condition(doc, plan),
            }
            for doc in plan.documents
        ],
        "legal": [{"number": lb.number, "title": lb.title} for lb in proc.legal_basis],
        "where": where_text(proc, kb, locale),
        "time": time_text(proc, locale),
        "fees": [line.strip().removeprefix("- ") for line in fee_lines(proc, locale)],
    }


# ------------------------------------------------------------------ the probe
def _marker(key: str) -> str:
    return f"[[probe:{key}]]"


def _probe(kb: KnowledgeBase, online_available: bool) -> Procedure:
    suffix = "" if online_available else ".unavailable"
    doc = Document(
        id="probe_doc",
        name="Probe document",
        originals=1,
        note=_marker("documents.note"),
        how_to_get=_marker("documents.how_to_get"),
    )
    return Procedure(
        code=PROBE_CODE,
        name="Probe procedure",
        curated=True,
        summary=_marker("summary"),
        local_notes=[_marker("local_notes")],
        online=Online(available=online_available, note=_marker("online.note" + suffix)),
        documents=[doc],
        legal_basis=[LegalBasis(number="1/2026/NĐ-CP", title="probe")],
        fees=[Fee(label="probe", amount="0")],
        where="probe",
        source="probe",
        verified_on=dt.date(2026, 1, 1),
    )


class _Memory:
    """Conversation store and unit of work kept in a dict: the probe needs no database."""

    def __init__(self) -> None:
        self.states: dict[tuple[str, str], State] = {}
        self.conversations = self
        self.repos: Any = None

    async def load(self, channel: str, chat_id: str) -> State | None:
        state = self.states.get((channel, chat_id))
        return copy.deepcopy(state) if state else None

    async def save(self, channel: str, chat_id: str, state: State, expected: int | None) -> None:
        state.version += 1
        self.states[(channel, chat_id)] = copy.deepcopy(state)

    async def commit(self) -> None:
        return None


def _memory_uow(memory: _Memory) -> Any:
    """A unit-of-work factory handing out the same in-memory store every turn."""

    @asynccontextmanager
    async def uow() -> AsyncIterator[_Memory]:
        yield memory

    return uow


def _next_payload(replies: list[Reply], pressed: set[str]) -> str | None:
    """Walk on: answer "missing" to a document, else the first new walkthrough choice."""
    payloads = [b.payload for r in replies for b in r.flat_buttons()]
    for payload in payloads:
        # "ck:d:missing" or, bound to its question, "ck:d:missing:<position>.<revision>"
        parts = payload.split(":")
        if parts[:2] == ["ck", "d"] and len(parts) > 2 and parts[2] == "missing":
            return payload
    for payload in payloads:
        action = payload.split(":")[1] if payload.count(":") >= 1 else ""
        if payload.startswith("ck:") and action not in ("back", "stop", "restart", "start"):
            if payload not in pressed or action in ("a", "d"):
                return payload
    return None


async def _drive(engine: Engine, chat: str, first: list[str]) -> list[str]:
    texts: list[str] = []
    pressed: set[str] = set()
    queue = list(first)
    for _turn in range(MAX_TURNS):
        if not queue:
            break
        payload = queue.pop(0)
        pressed.add(payload)
        replies = await engine.handle(Incoming(channel="probe", chat_id=chat, payload=payload))
        texts.extend(r.text for r in replies)
        if not queue:
            nxt = _next_payload(replies, pressed)
            if nxt:
                queue.append(nxt)
    return texts


async def rendered_fields_async(kb: KnowledgeBase) -> set[str]:
    """``rendered_fields`` for callers already inside an event loop."""
    from bot.app import load_flows  # the flows the product runs, in their registry

    found: set[str] = set()
    for available in (True, False):
        probe = _probe(kb, available)
        probe_kb = KnowledgeBase(
            [probe], {probe.code: probe}, kb.offices, kb.contact, dict(kb.meta)
        )
        engine = Engine(load_flows(), Services(kb=probe_kb), _memory_uow(_Memory()))
        texts = [render_card(probe, probe_kb, "vi")]
        texts += await _drive(engine, "card", [f"sr:card:{probe.code}"])
        texts += await _drive(engine, "walk", [f"ck:start:{probe.code}"])
        # the procedure's notes are one tap away, as the card's and the summary's "Lưu ý"
        # button (issue 12: a first reply and a summary must fit a phone)
        texts += await _drive(engine, "notes", [f"sr:notes:{probe.code}"])
        blob = "\n".join(texts)
        suffix = "" if available else ".unavailable"
        keys = ["summary", "local_notes", "documents.note", "documents.how_to_get"]
        keys.append("online.note" + suffix)
        found |= {key for key in keys if _marker(key) in blob}
    return found


def rendered_fields(kb: KnowledgeBase) -> set[str]:
    """Note fields (``knowledge.audit.NOTE_FIELDS`` keys) that some reply really shows."""
    return asyncio.run(rendered_fields_async(kb))


LEGAL_PROBE = 40


async def legal_view_async(kb: KnowledgeBase) -> tuple[int, bool]:
    """What the "Căn cứ pháp lý" reply shows of a long list: how many documents at most,
    and whether it says how many it left out (``knowledge.audit`` check ``legal_cut``)."""
    from bot.app import load_flows

    numbers = [f"{i + 1}/2026/NĐ-CP" for i in range(LEGAL_PROBE)]
    probe = _probe(kb, True).model_copy(
        update={"legal_basis": [LegalBasis(number=n, title="probe") for n in numbers]}
    )
    probe_kb = KnowledgeBase([probe], {probe.code: probe}, kb.offices, kb.contact, dict(kb.meta))
    engine = Engine(load_flows(), Services(kb=probe_kb), _memory_uow(_Memory()))
    replies = await engine.handle(
        Incoming(channel="probe", chat_id="legal", payload=f"sr:legal:{probe.code}")
    )
    lines = "\n".join(r.text for r in replies).splitlines()
    listed = [line for line in lines if any(f" {n}" in line for n in numbers)]
    rest = "\n".join(line for line in lines if line not in listed)
    hidden = LEGAL_PROBE - len(listed)
    return len(listed), hidden == 0 or re.search(rf"(?<!\d){hidden}(?!\d)", rest) is not None


def legal_view(kb: KnowledgeBase) -> tuple[int, bool]:
    """``legal_view_async`` for callers outside an event loop."""
    return asyncio.run(legal_view_async(kb))
