"""Prometheus metrics of one running bot (``GET /metrics``, text format).

Names follow the Prometheus conventions (counters ``_total``, durations ``_seconds``):

- ``tthc_turns_total{channel,outcome}`` turns processed (``ok``, ``error``, ``skipped``);
- ``tthc_turn_seconds{channel}`` time from taking an update to committing its turn;
- ``tthc_inbox_backlog`` updates stored and not yet processed, ``tthc_inbox_oldest_age_seconds``;
- ``tthc_sends_total{channel,result}`` outgoing messages: ``sent``, ``failed``, ``resent``
  (sent again after a worker died between sending and recording it);
- ``tthc_shed_total{route}`` requests refused with 503/429 to protect the worker;
- ``tthc_job_lag_seconds`` how late the oldest due background job is;
- ``tthc_turns_in_flight`` and ``tthc_events_total{event}`` (requests per route).

Each app has its own registry (tests build many apps in one process).
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterator
from typing import Any

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, Metric
from prometheus_client.registry import Collector

disable_created_metrics()  # the *_created series only double the output

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
CONTENT_TYPE = "text/plain; version=0.0.4"


class _Events(Collector):
    """The per-route request tally (a plain ``Counter`` the routes bump) as a metric."""

    def __init__(self, tally: Tally[str]) -> None:
        self.tally = tally

    def collect(self) -> Iterator[Metric]:
        family = CounterMetricFamily("tthc_events", "Requests per route", labels=["event"])
        for name, value in sorted(self.tally.items()):
            family.add_metric([name], value)
        yield family


class Metrics:
    """The metrics of one app; ``render`` gives the text exposition."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.turns = Counter("tthc_turns", "Turns processed", ["channel", "outcome"], registry=r)
        self.turn_seconds = Histogram(
            "tthc_turn_seconds",
            "Seconds from taking an update to committing its turn",
            ["channel"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.sends = Counter("tthc_sends", "Outgoing messages", ["channel", "result"], registry=r)
        self.shed = Counter(
            "tthc_shed", "Requests refused to protect the worker", ["route"], registry=r
        )
        self.backlog = Gauge("tthc_inbox_backlog", "Updates waiting to be processed", registry=r)
        self.backlog_age = Gauge(
            "tthc_inbox_oldest_age_seconds", "Age of the oldest waiting update", registry=r
        )
        self.job_lag = Gauge("tthc_job_lag_seconds", "Lateness of the oldest due job", registry=r)
        self.in_flight = Gauge("tthc_turns_in_flight", "Turns being processed now", registry=r)
        self.tally: Tally[str] = Tally()
        r.register(_Events(self.tally))

    def render(self) -> bytes:
        return generate_latest(self.registry)


def metrics_of(app: Any) -> Metrics:
    """The app's metrics (created on first use)."""
    found = app.extras.get("metrics")
    if found is None:
        found = app.extras["metrics"] = Metrics()
    return found  # type: ignore[no-any-return]
