"""How a worker process serves: how many pushes it applies at once, its interpreter's switch
interval (the pool of database connections and threads is ``db.pool_size``). Read from the
environment in each worker process; ``counter-central serve`` options set the variables."""

from __future__ import annotations

import gc
import os


def cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


PUSH_CONCURRENCY_ENV = "CENTRAL_PUSH_CONCURRENCY"  # pushes applied at once per worker process
DEFAULT_PUSH_CONCURRENCY = 4


def push_concurrency(pool: int) -> int:
    """Pushes applied at once per worker process: ``$CENTRAL_PUSH_CONCURRENCY`` (default 4), at most
    the pool less one connection (the rest of the requests keep at least one). With PostgreSQL that
    many push processes per worker apply them (central/push_pool.py), otherwise as many threads.

    A push is mostly Python (parsing, checking, building rows) between a few round trips and its
    commit. Each push applying beside an officer's step is one more thread the step waits behind for
    the interpreter lock at each of its round trips: with 8 (half the pool, as before) the step's
    p99 under 50 desks pushing was 2–3 times that with 2–4. With 2 the pushes' own database waits
    are no longer covered (×0.13–0.18 of the same-run executemany against ×0.20–0.23 with 4 or 8
    in bench/central_load), so 4 is the default; docs/performance.md has the runs.
    """
    try:
        wanted = int(os.environ.get(PUSH_CONCURRENCY_ENV, "").strip() or DEFAULT_PUSH_CONCURRENCY)
    except ValueError:
        wanted = DEFAULT_PUSH_CONCURRENCY
    return max(1, min(wanted, pool - 1))


SWITCH_INTERVAL_ENV = "CENTRAL_SWITCH_INTERVAL_MS"  # the interpreter's thread switch interval, milliseconds
DEFAULT_SWITCH_INTERVAL_MS = 1.0


def switch_interval() -> float:
    """Seconds: ``$CENTRAL_SWITCH_INTERVAL_MS`` (default 1 ms; Python's own is 5 ms), 0.1 ms at least.

    A thread woken by its database's answer (an officer's step, a poll) waits for the interpreter
    lock (GIL) until the thread holding it has run this long; with pushes applying beside it, that
    wait comes at every round trip of the step. At 5 ms it was most of a step's time under push
    load; at 1 ms the holder gives way sooner, for a few hundred more thread switches a second.
    """
    try:
        value = float(os.environ.get(SWITCH_INTERVAL_ENV, "").strip() or DEFAULT_SWITCH_INTERVAL_MS)
    except ValueError:
        value = DEFAULT_SWITCH_INTERVAL_MS
    return max(0.1, value) / 1000


GC_THRESHOLDS = (20_000, 20, 20)


def tune_gc() -> None:
    """Once the worker has started: what it loaded so far (modules, the app, the ORM's mappers:
    ~115,000 objects) moves out of the cyclic garbage collector's sight (``gc.freeze``), and the
    youngest generation is collected after 20,000 new container objects instead of 700.

    A push makes a few hundred thousand short-lived objects; with Python's defaults it set off a
    full collection about once a second, each walking every object of the process for ~0.1 s with
    the interpreter lock held: every request of the worker, an officer's step among them, stood
    still meanwhile. Frozen, a full collection takes about a millisecond (10 desks' pushes in one
    process: 0.14 s → 0.8 ms per full collection, 2.0 → 1.3–1.6 s for the batches).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
