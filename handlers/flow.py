"""A flow is a table: payload actions anyone can press, steps that wait for the next message,
the free-text intents it answers, and named entry points other flows start it by.

Flows never import each other. The engine keeps every flow in a registry by name, and a step
that hands over to another flow calls ``ctx.start("checklist", "start", code)``: the menu
starts the walkthrough, the booking, the lookup that way (as aiogram routers do), so there is
no import circle between the flow packages. See ``handlers/engine.py`` for the dispatch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from handlers.types import StepFn


@dataclass
class Flow:
    """One conversation flow.

    - ``prefix``: payload prefix (``ck`` for ``ck:doc:3``).
    - ``actions``: payload action -> step, valid from any state (entry points such as
      ``ck:start:<code>`` pressed on an answer card).
    - ``steps``: state step -> step function, called when the chat is in ``<name>:<step>`` and a
      message or a payload of this flow that is not an action arrives.
    - ``intents``: free-text intent (from the search index) -> step.
    - ``entries``: named entry points for other flows (``ctx.start(name, entry, arg)``); an
      action of the same name is used when there is no such entry.
    - ``free_text``: steps that wait for typed data (a name, phone digits, a code): there a
      typed number is data, never the number of a button.
    - ``resting``: steps that show a result and wait for nothing in particular (a card);
      they expire silently, and "cảm ơn" there is an ordinary thank-you.
    - ``hints``: step -> text key explaining what the step expects ("ko hiểu" typed there).
    - ``leave_notes``: confirmation step -> text key said when the chat leaves the flow from
      it without confirming ("the booking still stands"); ``{code}`` is the data's code.
    - ``captive``: steps that own every message of the chat (a conversation with staff):
      the step gets all text, commands and other flows' buttons first, and never expires.
      Only events (``Incoming.kind == "event"``: a staff reply...) are routed as usual.
    """

    name: str
    prefix: str
    actions: dict[str, StepFn] = field(default_factory=dict)
    steps: dict[str, StepFn] = field(default_factory=dict)
    intents: dict[str, StepFn] = field(default_factory=dict)
    entries: dict[str, StepFn] = field(default_factory=dict)
    free_text: frozenset[str] = frozenset()
    resting: frozenset[str] = frozenset()
    hints: dict[str, str] = field(default_factory=dict)
    leave_notes: dict[str, str] = field(default_factory=dict)
    captive: frozenset[str] = frozenset()

    def entry(self, name: str) -> StepFn:
        """The entry point ``name`` (an entry, else an action); ``KeyError`` if neither."""
        fn = self.entries.get(name) or self.actions.get(name)
        if fn is None:
            raise KeyError(f"flow {self.name!r} has no entry {name!r}")
        return fn


def split_payload(payload: str) -> tuple[str, str, str]:
    """``"ck:doc:3"`` -> ``("ck", "doc", "3")``; missing parts are empty strings."""
    parts = payload.split(":", 2)
    while len(parts) < 3:
        parts.append("")
    return parts[0], parts[1], parts[2]
