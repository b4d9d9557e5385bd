"""End-to-end fixtures: the knowledge store and search index of this run built once, up
front, so that servers started by the tests read them instead of each building its own."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def _built_knowledge_cache() -> None:
    from bot.knowledge_base import load_search

    load_search()
