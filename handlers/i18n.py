"""User-facing strings, kept in YAML outside the code so non-developers can review them.

``handlers/texts/<locale>/*.yaml`` are merged into one flat dictionary per locale; keys are
dotted (``menu.greeting``). Vietnamese is the reference locale: a key missing in another
locale falls back to Vietnamese, so a half-translated locale still works.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

TEXTS_DIR = Path(__file__).parent / "texts"
DEFAULT_LOCALE = "vi"


def _flatten(prefix: str, node: Any, out: dict[str, str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), value, out)
    else:
        out[prefix] = "" if node is None else str(node)


@functools.lru_cache(maxsize=8)
def load_texts(locale: str = DEFAULT_LOCALE) -> dict[str, str]:
    """All strings of one locale as a flat ``key -> text`` dict."""
    out: dict[str, str] = {}
    folder = TEXTS_DIR / locale
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        _flatten("", data, out)
    return out


def available_locales() -> list[str]:
    """Locales that have a texts folder."""
    return sorted(p.name for p in TEXTS_DIR.iterdir() if p.is_dir())


def t(key: str, locale: str = DEFAULT_LOCALE, **params: Any) -> str:
    """The text for ``key`` in ``locale`` with ``{params}`` filled in.

    A missing key raises ``KeyError``: a typo must fail the tests, never reach a citizen.
    """
    texts = load_texts(locale) if locale != DEFAULT_LOCALE else {}
    template = texts.get(key)
    if template is None:
        template = load_texts(DEFAULT_LOCALE)[key]
    return template.format(**params) if params else template
