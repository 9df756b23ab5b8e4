"""Desk polls and authentication answered on the event loop: a few kept connections per worker
process for the first statement of every poll (``feed.POLL_SQL``: the token, and whether the
desk's feed has news) and for the token of every other request (``auth.CREDENTIAL_PSYCOPG``).

Most polls find nothing new (a desk asks every minute, all day). Answered through the worker
threads they cost a thread hand-over, a pool check-out with its liveness ping, the statement and a
rollback: ~2 ms of central CPU each. Here they cost one prepared statement on an autocommit
connection that the worker keeps open, on the event loop, and no thread at all; only a poll with
something to read goes on to the threads and the pool (the statement's answer saves it the
authentication query). The answer is exact: the statement reads the committed feed, no cache.
At most ``POLL_CONNECTIONS`` statements run at once per worker, each on its own connection.

PostgreSQL only (psycopg's asyncio connection); with SQLite the first statement runs in a worker
thread on the pool like the rest.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from . import auth, feed

log = logging.getLogger(__name__)


_FAILED = object()
POLL_CONNECTIONS = 4  # per worker process: polls of many desks at once do not queue behind one


class Poller:
    def __init__(self, url: str, size: int = POLL_CONNECTIONS) -> None:
        self.url = url.replace("postgresql+psycopg://", "postgresql://", 1)
        self.size = size
        self._idle: list[Any] = []  # psycopg.AsyncConnection, kept open between polls
        self._free = asyncio.Semaphore(size)

    async def poll(self, token_hash: str, after: int) -> feed.Poll | None:
        """The poll's first answer; None when the token is unknown or the connection failed (the
        caller then goes the whole way through the pool, which answers or explains)."""
        row = await self._fetchone(feed.POLL_PSYCOPG, {"token_hash": token_hash, "after": after})
        return None if row is _FAILED else feed.poll_row(row)

    async def credential(self, token_hash: str) -> auth.Found | None:
        """Who a token is (any request's authentication); None when unknown or the connection failed."""
        row = await self._fetchone(auth.CREDENTIAL_PSYCOPG, {"token_hash": token_hash})
        return None if row is _FAILED or row is None else auth.Found.from_row(row)

    async def _fetchone(self, sql: str, params: dict[str, Any]) -> Any:
        import psycopg

        async with self._free:  # at most ``size`` statements at once, each on a connection of its own
            connection = self._idle.pop() if self._idle else None
            try:
                if connection is None or connection.closed:
                    connection = await psycopg.AsyncConnection.connect(self.url, autocommit=True)
                cursor = await connection.execute(sql, params)
                row = await cursor.fetchone()
            except psycopg.Error as exc:
                log.warning("poll connection failed (%s); answering through the pool", exc)
                if connection is not None:
                    await _close(connection)
                return _FAILED
            self._idle.append(connection)  # not after a failure or a cancelled request: that one is dropped
            return row

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for connection in idle:
            await _close(connection)


async def _close(connection: Any) -> None:
    try:
        await connection.close()
    except Exception:  # noqa: BLE001 - closing a broken connection: nothing more to do
        pass
