"""Fewer glibc malloc arenas for the server (issue 17: ``tthc-bot run`` memory).

Each SQLite connection of the pool runs in its own aiosqlite thread, and glibc gives a thread
that meets contention its own malloc arena (up to eight per core), whose freed memory stays
with that arena. Measured with ``tthc-bot bench turns --serve`` (1,000 turns, 8 citizens at a
time, ~18 connections): two arenas held the server's peak ~2.5 MB lower with no change in
the turns. ``MALLOC_ARENA_MAX`` in the environment (glibc's own setting) still wins: it is
left alone when set. Nothing happens on a C library without ``mallopt`` (musl, macOS).
"""

from __future__ import annotations

import ctypes
import logging
import os

M_ARENA_MAX = -8  # glibc's malloc.h
ARENAS = 2
log = logging.getLogger(__name__)


def cap_arenas(arenas: int = ARENAS) -> bool:
    """``mallopt(M_ARENA_MAX, arenas)`` unless ``MALLOC_ARENA_MAX`` is set; True when done."""
    if "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the process's own C library (no path lookup)
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    done = bool(mallopt(M_ARENA_MAX, arenas))
    log.debug("malloc arenas capped at %d: %s", arenas, done)
    return done
