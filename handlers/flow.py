"""A flow is a table: payload actions anyone can press, steps that wait for the next message,
and the free-text intents it answers. See ``handlers/engine.py`` for how they are dispatched.
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
    """

    name: str
    prefix: str
    actions: dict[str, StepFn] = field(default_factory=dict)
    steps: dict[str, StepFn] = field(default_factory=dict)
    intents: dict[str, StepFn] = field(default_factory=dict)


def split_payload(payload: str) -> tuple[str, str, str]:
    """``"ck:doc:3"`` -> ``("ck", "doc", "3")``; missing parts are empty strings."""
    parts = payload.split(":", 2)
    while len(parts) < 3:
        parts.append("")
    return parts[0], parts[1], parts[2]
