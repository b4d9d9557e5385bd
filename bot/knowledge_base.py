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
    """The knowledge base and its search index."""
    from knowledge.index import SearchIndex
    from knowledge.loader import load_knowledge

    started = time.perf_counter()
    kb = load_knowledge()
    index = SearchIndex.build(kb.procedures)
    log.info(
        "knowledge loaded: %d procedures in %.2fs",
        len(kb.procedures),
        time.perf_counter() - started,
    )
    return kb, index
