"""Desk polls answered on the event loop: one kept connection per worker process for the first
statement of every poll (``feed.POLL_SQL``: the token, and whether the desk's feed has news).

Most polls find nothing new (a desk asks every minute, all day). Answered through the worker
threads they cost a thread hand-over, a pool check-out with its liveness ping, the statement and a
rollback: ~2 ms of central CPU each. Here they cost one prepared statement on an autocommit
connection that the worker keeps open, on the event loop, and no thread at all; only a poll with
something to read goes on to the threads and the pool (the statement's answer saves it the
authentication query). The answer is exact: the statement reads the committed feed, no cache.

PostgreSQL only (psycopg's asyncio connection); with SQLite the first statement runs in a worker
thread on the pool like the rest.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from . import feed

log = logging.getLogger(__name__)


class Poller:
    def __init__(self, url: str) -> None:
        self.url = url.replace("postgresql+psycopg://", "postgresql://", 1)
        self._connection: Any = None  # psycopg.AsyncConnection, opened on first use
        self._lock = asyncio.Lock()

    async def poll(self, token_hash: str, after: int) -> feed.Poll | None:
        """The poll's first answer; None when the token is unknown or the connection failed (the
        caller then goes the whole way through the pool, which answers or explains)."""
        import psycopg

        try:
            async with self._lock:  # one statement at a time on the connection (~0.2 ms each)
                if self._connection is None or self._connection.closed:
                    self._connection = await psycopg.AsyncConnection.connect(self.url, autocommit=True)
                cursor = await self._connection.execute(feed.POLL_PSYCOPG, {"token_hash": token_hash,
                                                                            "after": after})
                return feed.poll_row(await cursor.fetchone())
        except psycopg.Error as exc:
            log.warning("poll connection failed (%s); answering through the pool", exc)
            await self.close()
            return None

    async def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                await connection.close()
            except Exception:  # noqa: BLE001 - closing a broken connection: nothing more to do
                pass
