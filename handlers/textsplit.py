"""Split long replies to fit a channel's message limit without cutting a line in half."""

from __future__ import annotations

TELEGRAM_LIMIT = 4096
ZALO_LIMIT = 2000


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most ``limit`` characters, broken between lines.

    A single line longer than the limit (rare: a long paragraph) is broken at a space, or
    hard-cut only when it has no space at all.
    """
    if limit <= 0:
        raise ValueError("limit must be positive")
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        for part in _split_line(line, limit):
            candidate = f"{current}\n{part}" if current else part
            if len(candidate) <= limit:
                current = candidate
            else:
                if current:
                    pieces.append(current)
                current = part
    if current:
        pieces.append(current)
    return [p for p in pieces if p.strip()] or [text[:limit]]


def _split_line(line: str, limit: int) -> list[str]:
    parts: list[str] = []
    while len(line) > limit:
        cut = line.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        parts.append(line[:cut].rstrip())
        line = line[cut:].lstrip()
    parts.append(line)
    return parts
