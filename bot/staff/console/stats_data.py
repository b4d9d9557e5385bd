"""The figures of the statistics page: the analytics report (``bot.staff.analytics``, the
same numbers as the API) plus questions per day, shaped as charts.

A chart is ``{"id", "title", "kind" (bars|columns), "labels", "series": [(name, values)],
"columns": [header, ...]}``; the page draws it and its table, the CSV export lists it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.staff.analytics import report
from handlers.context import VN_TZ
from handlers.i18n import t

BANDS = ("answer", "suggest", "none")
# first staff reply: upper bounds in minutes of each bucket
WAIT_BUCKETS = (1, 5, 15, 60)


def _wait_buckets(waits: list[float | None]) -> tuple[list[str], list[float]]:
    labels = [t("console.st_wait_le", minutes=m) for m in WAIT_BUCKETS]
    labels += [t("console.st_wait_gt", minutes=WAIT_BUCKETS[-1]), t("console.st_wait_none")]
    counts = [0.0] * len(labels)
    for wait in waits:
        if wait is None:
            counts[-1] += 1
            continue
        for i, bound in enumerate(WAIT_BUCKETS):
            if wait <= bound * 60:
                counts[i] += 1
                break
        else:
            counts[len(WAIT_BUCKETS)] += 1
    return labels, counts


async def charts(
    app: Any, first: dt.date, last: dt.date, ward: str | None = None
) -> tuple[dict[str, Any], list[dict]]:
    """(the analytics report, the page's charts) for the local days ``first``..``last``, of
    one ward or of all (then with the ward-by-ward comparison, ``by_ward``)."""
    data = await report(app, first, last, ward)
    start = dt.datetime.combine(first, dt.time(0), tzinfo=VN_TZ)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=VN_TZ)
    async with app.uow(read=True) as uow:
        per_day = await uow.repos.console_stats.questions_per_day(start, end, ward)
        found = await uow.repos.analytics.handoffs(start, end, ward)
        waits = [h["first_reply_s"] for h in found]
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    band_names = [t("console.st_band_" + b) for b in BANDS]
    out: list[dict[str, Any]] = [
        {
            "id": "questions", "kind": "columns", "title": t("console.st_questions"),
            "labels": [d.strftime("%d/%m") for d in days],
            "series": [(band_names[i], [float(per_day.get((d, b), 0)) for d in days])
                       for i, b in enumerate(BANDS)],
        },
        {
            "id": "top", "kind": "bars", "title": t("console.st_top"),
            "labels": [p["name"] for p in data["top_procedures"]],
            "series": [(t("console.st_count"),
                        [float(p["questions"]) for p in data["top_procedures"]])],
        },
    ]  # fmt: skip
    votes = data["feedback"]["by_procedure"]
    out.append({
        "id": "votes", "kind": "bars", "title": t("console.st_votes"),
        "labels": [v["name"] for v in votes],
        "series": [(t("console.st_up"), [float(v["up"]) for v in votes]),
                   (t("console.st_down"), [float(v["down"]) for v in votes])],
    })  # fmt: skip
    scores = data["satisfaction"]["scores"]
    out.append({
        "id": "satisfaction", "kind": "bars", "title": t("console.st_satisfaction"),
        "labels": [t(f"console.st_score_{n}") for n in range(5, 0, -1)],
        "series": [(t("console.st_count"), [float(scores[str(n)]) for n in range(5, 0, -1)])],
    })  # fmt: skip
    labels, counts = _wait_buckets(waits)
    out.append({
        "id": "handoffs", "kind": "bars", "title": t("console.st_handoffs"),
        "labels": labels, "series": [(t("console.st_count"), counts)],
    })  # fmt: skip
    out.append({
        "id": "bookings", "kind": "bars", "title": t("console.st_bookings"),
        "labels": [b["name"] for b in data["bookings"]],
        "series": [(t("console.st_count"), [float(b["count"]) for b in data["bookings"]])],
    })  # fmt: skip
    return data, out
