"""Terminal chat: staff try the bot, scripts drive it (``tthc-bot chat``, DESIGN section 7).

Interactive on a TTY with numbered options; one message per line when stdin is a pipe, each
echoed as ``> line`` so the output reads as a transcript; ``--json`` prints each reply as
one JSON line and accepts ``{"payload": "..."}`` lines.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import IO

from handlers.engine import Engine
from handlers.types import Incoming, Reply

CHANNEL = "console"


def render_text(reply: Reply) -> str:
    """A reply as plain text with its buttons as numbered options."""
    lines = [reply.text]
    if reply.link:
        lines.append(reply.link)
    for n, button in enumerate(reply.flat_buttons(), start=1):
        lines.append(f"  {n}. {button.label}")
    return "\n".join(lines)


def parse_line(line: str, as_json: bool) -> tuple[str | None, str | None]:
    """(text, payload) of one input line; in JSON mode a line may be a JSON object."""
    line = line.rstrip("\r\n")
    if as_json and line.lstrip().startswith("{"):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            return line, None
        if isinstance(obj, dict):
            payload = obj.get("payload")
            text = obj.get("text")
            return (str(text) if text is not None else None), (
                str(payload) if payload is not None else None
            )
    return line, None


async def run_console(
    engine: Engine,
    user: str,
    as_json: bool,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    locale: str = "vi",
) -> None:
    """Chat over stdin/stdout until EOF (or 'q'/'thoat' on a TTY)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty() and not as_json
    loop = asyncio.get_running_loop()
    if interactive:
        stdout.write("Trò chuyện với trợ lý thủ tục hành chính. Gõ câu hỏi; Ctrl+D để thoát.\n")
    while True:
        if interactive:
            stdout.write("\n> ")
            stdout.flush()
        line = await loop.run_in_executor(None, stdin.readline)
        if not line:
            break
        text, payload = parse_line(line, as_json)
        if not interactive and not as_json:
            stdout.write(f"> {text}\n")
        msg = Incoming(
            channel=CHANNEL, chat_id=user, user_id=user, text=text, payload=payload, locale=locale
        )
        for reply in await engine.handle(msg):
            if as_json:
                stdout.write(json.dumps(reply.to_dict(), ensure_ascii=False) + "\n")
            else:
                stdout.write(render_text(reply) + "\n\n")
        stdout.flush()
