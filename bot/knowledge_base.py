"""The knowledge base and its search index, built once per process.

Kept apart from ``bot.app`` so that ``tthc-bot ask`` and ``eval`` load the knowledge and
nothing of the server (no SQLAlchemy, aiohttp or Alembic).
"""

from __future__ import annotations

import logging
import time
from typing import Any

log = logging.getLogger(__name__)


def load_search() -> tuple[Any, Any]:
    """The knowledge base and its search index (the built index is cached on disk:
    ``knowledge.search_cache``)."""
    from knowledge.index import SearchIndex
    from knowledge.loader import load_knowledge
    from knowledge.search_cache import cached_index

    started = time.perf_counter()
    kb = load_knowledge()
    index = cached_index(kb, SearchIndex.build)
    log.info(
        "knowledge loaded: %d procedures in %.2fs",
        len(kb.procedures),
        time.perf_counter() - started,
    )
    return kb, index
