"""The machine's baseline for ``tthc-bot bench turns --http``: a trivial ``/api/chat``.

It reads the JSON body, issues a session cookie on the first request (like the real
endpoint) and answers one fixed reply: what aiohttp, JSON and HTTP cost on this machine
with no bot behind them. Run as ``python -m bot.cli.bench_baseline PORT``.
"""

from __future__ import annotations

import secrets
import sys

from aiohttp import web

COOKIE = "tthc_web"


async def chat(request: web.Request) -> web.Response:
    body = await request.json()
    resp = web.json_response({"replies": [{"text": str(body.get("text") or ""), "buttons": []}]})
    if COOKIE not in request.cookies:
        resp.set_cookie(COOKIE, secrets.token_urlsafe(24), httponly=True, samesite="Strict")
    return resp


async def healthz(_request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def main(port: int) -> None:
    app = web.Application()
    app.router.add_post("/api/chat", chat)
    app.router.add_get("/healthz", healthz)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


if __name__ == "__main__":
    main(int(sys.argv[1]))
