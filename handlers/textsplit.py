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


def clip(text: str, limit: int) -> tuple[str, bool]:
    """``text`` on one line, cut to about ``limit`` characters, and whether it was cut.

    The cut falls at the end of a sentence or clause when one is near (". ", "; ", ": "),
    else between words, and is marked with "…" so nobody takes the rest for absent.
    """
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text, False
    head = text[: limit - 1]
    ends = [head.rfind(mark) for mark in (". ", "; ", ": ", ", ")]
    best = max(ends[:3]) if max(ends[:3]) >= limit * 0.4 else ends[3]
    if best >= limit * 0.4:
        body, mark = head[: best + 1].rstrip(" ,;:"), " …"
    else:
        cut = head.rfind(" ")
        body, mark = (head[:cut] if cut > 0 else head).rstrip(" ,;:"), "…"
    return _closed(body, mark, limit), True


def _closed(body: str, mark: str, limit: int) -> str:
    """``body`` + ``mark``; a cut that falls inside a parenthesis ("(mức khi nộp trực tuyến")
    moves before it when enough text is left, else the parenthesis is closed after the mark,
    so a line never ends with an open one (issue 13: lines cut mid-parenthesis)."""
    depth, opened = 0, -1
    for i, char in enumerate(body):
        if char == "(":
            opened = i if depth == 0 else opened
            depth += 1
        elif char == ")" and depth:
            depth -= 1
    if not depth:
        return body + mark
    if opened >= limit * 0.4:
        return body[:opened].rstrip(" ,;:") + " …"
    return body + mark + ")" * depth
