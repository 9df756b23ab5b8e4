"""Prometheus metrics of the central (``GET /metrics``), with prometheus-client.

Counters: HTTP requests (method, route template, status) and their duration, events pushed by
desks per outcome, changes pulled, events quarantined; gauges: pushes being applied and waiting. Other modules call ``pushed``, ``pulled``
and ``quarantined``; nothing here touches the database.

Several worker processes: set ``PROMETHEUS_MULTIPROC_DIR`` to an empty directory writable by all
workers (cleared before the service starts); ``/metrics`` then adds up every worker's values.
"""

from __future__ import annotations

import os
import time
from collections.abc import Awaitable, Callable
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client import multiprocess as _multiprocess

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
METRICS_PATH = "/metrics"

REQUESTS = Counter("central_http_requests", "HTTP requests answered", ["method", "route", "status"])
DURATION = Histogram("central_http_request_duration_seconds", "Time to answer an HTTP request",
                     ["method", "route"], buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
PUSH_EVENTS = Counter("central_push_events", "Events pushed by desks, per outcome", ["outcome"])
PUSH_BATCHES = Counter("central_push_batches", "Push requests applied")
PULL_CHANGES = Counter("central_pull_changes", "Changes sent to desks by the changes feed")
PULL_REQUESTS = Counter("central_pull_requests", "Changes-feed pages served")
# Admission control of pushes (central/app.py): how many are being applied, how many wait their turn.
PUSHES_ACTIVE = Gauge("central_pushes_active", "Push requests being applied now", multiprocess_mode="livesum")
PUSHES_WAITING = Gauge("central_pushes_waiting", "Push requests waiting for their turn (admission control)",
                       multiprocess_mode="livesum")
QUARANTINED = Counter("central_quarantined_events", "Pushed events set aside (quarantined) instead of applied")


def pushed(applied: int = 0, duplicates: int = 0, deferred: int = 0, conflicts: int = 0) -> None:
    PUSH_BATCHES.inc()
    for outcome, n in (("applied", applied), ("duplicate", duplicates), ("deferred", deferred),
                       ("conflict", conflicts)):
        if n:
            PUSH_EVENTS.labels(outcome).inc(n)


def pulled(changes: int) -> None:
    PULL_REQUESTS.inc()
    if changes:
        PULL_CHANGES.inc(changes)


def quarantined(n: int = 1) -> None:
    """Count events the central set aside instead of applying (sync issue #11's quarantine)."""
    if n:
        QUARANTINED.inc(n)


def exposition() -> tuple[bytes, str]:
    """The text exposition format: this process's registry, or every worker's in multiprocess mode."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        _multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST


class MetricsMiddleware:
    """ASGI middleware: one count and one duration per request, labelled by the route *template*
    (``/tra-cuu/{code}``, never the code itself: bounded label values)."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = {"code": 500}

        async def send_wrapper(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            method = scope.get("method", "")
            REQUESTS.labels(method, template, str(status["code"])).inc()
            DURATION.labels(method, template).observe(time.perf_counter() - start)
