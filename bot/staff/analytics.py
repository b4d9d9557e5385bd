"""The staff analytics of a period: one JSON object for the API, the CLI and the console.

Contract (``GET /api/staff/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD``, ``tthc-bot analytics
--json``); days are Vietnamese calendar days, both ends included::

    {"from", "to",
     "turns", "chats",                      # every turn; distinct chats (keyed hashes)
     "questions": {"total", "by_band": {"answer", "suggest", "none"}, "by_intent": {...}},
     "top_procedures": [{"code", "name", "questions"}],          # answered, most first
     "unanswered": [{"text", "count", "examples": [...]}],       # similar texts grouped
     "feedback": {"up", "down", "by_procedure": [{"code", "name", "kind", "up", "down"}],
                  "comments": [{"code", "text"}]},
     "satisfaction": {"count", "mean", "scores": {"1".."5"}, "by_subject": {"dossier"|"handoff":
                      {"count", "mean", "scores"}}},
     "handoffs": {"count", "live", "tickets", "answered", "closed", "median_first_reply_s"},
     "bookings": [{"programme", "name", "count", "by_status": {...}}],
     "dossier_lookups",
     "ward",                                # the ward code the figures are of; null: all
     "by_ward": [{"ward", "name", "turns", "chats", "questions", "unanswered", "handoffs",
                  "handoffs_answered", "bookings", "ratings", "satisfaction_mean",
                  "dossier_lookups"}]}      # only for all wards: each ward with activity,
                                            # busiest first; "ward" null: no ward known

A row counts for the ward its chat had said (or the dossier's office, for lookups) when it
was written; rows written before the wards were recorded (migration 0006), and chats that
never said theirs, count only in the provincial total and the ``null`` line.

Texts are masked when logged (``handlers.privacy``); nothing here names a chat.
"""

from __future__ import annotations

import datetime as dt
import statistics
from typing import Any

from bot.storage.analytics import LOOKUPS
from bot.turn_counts import flush
from handlers.context import VN_TZ
from knowledge.normalize import fold

MAX_DAYS = 366
TOP = 10
GROUPS = 20
SIMILAR = 80.0  # rapidfuzz token_set_ratio: the same question asked in other words


def parse_period(first: str | None, last: str | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """``from`` and ``to`` (``YYYY-MM-DD``; defaults: the last 7 days); ``ValueError`` with
    a message a person can act on."""
    try:
        end = dt.date.fromisoformat(last) if last else today
        start = dt.date.fromisoformat(first) if first else end - dt.timedelta(days=6)
    except ValueError as exc:
        raise ValueError("from/to must be dates YYYY-MM-DD") from exc
    if start > end:
        raise ValueError("from is after to")
    if (end - start).days >= MAX_DAYS:
        raise ValueError(f"at most {MAX_DAYS} days at a time")
    return start, end


def group_similar(texts: list[str]) -> list[dict[str, Any]]:
    """Unanswered questions grouped by similar wording (accent-free), biggest first."""
    from rapidfuzz import fuzz

    groups: list[dict[str, Any]] = []
    for text in texts:
        key = " ".join(fold(text).split())
        if not key:
            continue
        for group in groups:
            if fuzz.token_set_ratio(key, group["key"]) >= SIMILAR:
                group["count"] += 1
                if len(group["examples"]) < 3 and text not in group["examples"]:
                    group["examples"].append(text)
                break
        else:
            groups.append({"key": key, "text": text, "count": 1, "examples": [text]})
    groups.sort(key=lambda g: (-g["count"], g["key"]))
    return [{k: g[k] for k in ("text", "count", "examples")} for g in groups[:GROUPS]]


def _scores(rows: list[tuple[int, int]]) -> dict[str, Any]:
    scores = {str(n): 0 for n in range(1, 6)}
    for score, count in rows:
        scores[str(score)] = scores.get(str(score), 0) + count
    total = sum(scores.values())
    mean = sum(int(k) * v for k, v in scores.items()) / total if total else None
    return {"count": total, "mean": round(mean, 2) if mean is not None else None, "scores": scores}


def _name(kb: Any, code: str) -> str:
    proc = kb.get(code) if kb is not None else None
    return str(proc.display_name) if proc is not None else code


def _programme_names() -> dict[str, str]:
    try:
        from knowledge.programmes import load_programmes

        return {p.id: p.name for p in load_programmes().programmes}
    except Exception:  # the analytics must not fail on a broken programmes file
        return {}


WARD_FIELDS = (
    "turns", "chats", "questions", "unanswered", "handoffs", "handoffs_answered", "bookings",
    "ratings", "dossier_lookups",
)  # fmt: skip


def _by_ward(app: Any, found: dict[str | None, dict[str, Any]]) -> list[dict[str, Any]]:
    places = app.services.localities
    rows = []
    for code, values in found.items():
        ward = places.get(code) if places is not None and code else None
        row: dict[str, Any] = {"ward": code, "name": ward.name if ward is not None else None}
        row.update({k: int(values.get(k, 0)) for k in WARD_FIELDS})
        row["satisfaction_mean"] = values.get("satisfaction_mean")
        rows.append(row)
    rows.sort(key=lambda r: (r["ward"] is None, -r["turns"], -r["questions"], r["ward"] or ""))
    return rows


async def report(
    app: Any, first: dt.date, last: dt.date, ward: str | None = None
) -> dict[str, Any]:
    """The analytics of the local days ``first``..``last`` (see the module docstring), of
    one ward (``ward``) or of all, then with the ward-by-ward comparison."""
    start = dt.datetime.combine(first, dt.time(0), tzinfo=VN_TZ)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=VN_TZ)
    kb = app.services.kb
    await flush(app)  # this process's turns counted in memory (``bot.turn_counts``)
    async with app.uow() as uow:
        a = uow.repos.analytics
        turns, chats = await a.turns_and_chats(first, last, ward)
        bands = await a.questions_by_band(start, end, ward)
        intents = await a.questions_by_intent(start, end, ward)
        top = await a.top_codes(start, end, TOP, ward)
        unanswered = await a.unanswered_texts(start, end, ward)
        votes = await a.votes(start, end, ward)
        comments = await a.comments(start, end, ward=ward)
        ratings = await a.ratings(start, end, ward)
        handoffs = await a.handoffs(start, end, ward)
        bookings = await a.bookings(start, end, ward)
        counter = LOOKUPS if ward is None else f"{LOOKUPS}@{ward}"
        lookups = await a.counter(counter, first, last)
        wards = await a.by_ward(start, end, first, last) if ward is None else None
    waits = [h["first_reply_s"] for h in handoffs if h["first_reply_s"] is not None]
    programmes = _programme_names()
    by_programme: dict[str, dict[str, int]] = {}
    for programme, status, count in bookings:
        by_programme.setdefault(programme, {})[status] = count
    subjects = sorted({s for s, _score, _n in ratings})
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "turns": turns,
        "chats": chats,
        "questions": {
            "total": sum(bands.values()),
            "by_band": {b: bands.get(b, 0) for b in ("answer", "suggest", "none")},
            "by_intent": dict(sorted(intents.items())),
        },
        "top_procedures": [{"code": c, "name": _name(kb, c), "questions": n} for c, n in top],
        "unanswered": group_similar(unanswered),
        "feedback": {
            "up": sum(v[2] for v in votes),
            "down": sum(v[3] for v in votes),
            "by_procedure": [
                {"code": c, "name": _name(kb, c), "kind": k, "up": u, "down": d}
                for c, k, u, d in votes
            ],
            "comments": [{"code": c, "text": text} for c, text in comments],
        },
        "satisfaction": {
            **_scores([(score, n) for _s, score, n in ratings]),
            "by_subject": {
                s: _scores([(score, n) for s2, score, n in ratings if s2 == s]) for s in subjects
            },
        },
        "handoffs": {
            "count": len(handoffs),
            "live": sum(h["mode"] == "live" for h in handoffs),
            "tickets": sum(h["mode"] == "ticket" for h in handoffs),
            "answered": len(waits),
            "closed": sum(h["status"] == "closed" for h in handoffs),
            "median_first_reply_s": round(statistics.median(waits), 1) if waits else None,
        },
        "bookings": [
            {
                "programme": p,
                "name": programmes.get(p, p),
                "count": sum(statuses.values()),
                "by_status": dict(sorted(statuses.items())),
            }
            for p, statuses in sorted(by_programme.items())
        ],
        "dossier_lookups": lookups,
        "ward": ward,
        **({"by_ward": _by_ward(app, wards)} if wards is not None else {}),
    }
