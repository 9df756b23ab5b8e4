"""Shared timing helpers: every benchmark reports median and p99 in milliseconds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def sample(fn: Callable[[], Any], runs: int, warmup: int = 3) -> list[float]:
    """Wall-clock durations of ``runs`` calls, in milliseconds, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    return {"median_ms": round(statistics.median(ordered), 4), "p99_ms": round(p99, 4), "runs": len(ordered)}


def measure(fn: Callable[[], Any], runs: int, warmup: int = 3) -> dict[str, float]:
    return summary(sample(fn, runs, warmup))
