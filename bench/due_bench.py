"""Due-moment computations per second (typical durations, receipts spread over two years)."""

from __future__ import annotations

import json
import random
import time
from datetime import datetime, timedelta

from counter_app.domain.calendar import Duration, DurationUnit, WorkingCalendar


def run(n: int = 200_000, seed: int = 7) -> dict:
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, 7, 0)
    receipts = [start + timedelta(minutes=rng.randrange(2 * 365 * 24 * 60)) for _ in range(n)]
    durations = [Duration(rng.randint(1, 30), DurationUnit.WORKING_DAYS) for _ in range(n)]
    cal = WorkingCalendar()
    cal.due(receipts[0], durations[0])  # build the day index outside the timing
    t0 = time.perf_counter()
    for received, duration in zip(receipts, durations, strict=True):
        cal.due(received, duration)
    elapsed = time.perf_counter() - t0
    return {"computations": n, "per_second": round(n / elapsed), "us_each": round(elapsed / n * 1e6, 2)}


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
