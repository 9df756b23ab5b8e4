"""The feed's new entries numbered soon after they are published, off the readers' path.

A feed entry has no position until a sequencer gives it one (``central.feed.sequence``). Left to
the readers, the first desk to read after a storm of pushes numbered all of it (~120,000 entries,
a second and more of PostgreSQL's time) while every other desk's page waited for it. Here each
worker process, after a push that applied events or a back-office step, numbers what has committed
a moment later (``DELAY``: one unit of work for all the publications of that moment). It never
waits: when another sequencer is at work, that one numbers what it sees, and a reader numbers
whatever is left. Readers keep numbering as before, so nothing depends on this being on time.

PostgreSQL only (SQLite numbers entries as they are published).
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial

import anyio.to_thread

from . import feed
from .db import CentralDatabase

log = logging.getLogger(__name__)

DELAY = 0.1  # seconds between a publication and its numbering: the publications of that moment together


class Sequencer:
    def __init__(self, db: CentralDatabase, delay: float = DELAY) -> None:
        self.db = db
        self.delay = delay
        self._pending: asyncio.Task[None] | None = None

    def soon(self) -> None:
        """Number what commits within ``delay`` (call on the event loop, after a publication)."""
        if self.db.is_sqlite or self._pending is not None:
            return
        self._pending = asyncio.get_running_loop().create_task(self._number())

    async def _number(self) -> None:
        await asyncio.sleep(self.delay)
        self._pending = None  # what commits from now on needs a run of its own
        try:
            await anyio.to_thread.run_sync(self.db.run_write, partial(feed.sequence, wait=False))
        except Exception as exc:  # noqa: BLE001 - the next reader numbers what is left
            log.warning("feed entries not numbered in the background (%s); readers will number them", exc)

    async def close(self) -> None:
        task, self._pending = self._pending, None
        if task is not None:
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
