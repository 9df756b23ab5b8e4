"""Shared timing helpers: every benchmark reports median and p99 in milliseconds."""

from __future__ import annotations

import gc
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


def host_stalls(seconds: float = 1.0, threshold_us: float = 20.0) -> dict[str, float]:
    """How often this host stops a busy thread for more than ``threshold_us`` (timer ticks, the
    hypervisor): such stalls set the p99 of any call long enough to meet one in 1 % of its runs."""
    stalls = []
    last = start = time.perf_counter()
    while last - start < seconds:
        now = time.perf_counter()
        if now - last > threshold_us / 1e6:
            stalls.append((now - last) * 1e6)
        last = now
    return {"per_second": round(len(stalls) / seconds, 1),
            "median_us": round(statistics.median(stalls), 1) if stalls else 0.0}


def settle() -> None:
    """Start measuring as the desk app runs after sign-in: what is loaded so far is frozen out of
    the garbage collector's walks (counter_app.ui.application does ``gc.freeze()`` then), so one
    benchmark's leftovers do not put another's full collections in its p99."""
    gc.collect()
    gc.freeze()


class GcPauses:
    """The longest stop of this process's cyclic garbage collector since ``restart``.

    A benchmark whose clients run in its own process (bench/province_day.py: 300 desks' files and
    sessions, the officers, the citizens) times every request in flight during such a stop as slow,
    although the server answered at once: its full collections grew with what the process held, to
    2.7 s in the province day (the lone 2.3–2.8 s step of every earlier run, met by pushes, pulls,
    steps and lookups at the same instant). ``restart`` settles first (what exists is frozen, so a
    collection walks only what the phase makes); the longest pause left is reported with the figures."""

    def __init__(self) -> None:
        self._longest = self._started = 0.0

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self._longest = max(self._longest, time.perf_counter() - self._started)

    def restart(self) -> None:
        settle()
        self._longest = 0.0

    def longest_ms(self) -> float:
        return round(self._longest * 1000, 1)

    def __enter__(self) -> GcPauses:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)
        gc.unfreeze()
