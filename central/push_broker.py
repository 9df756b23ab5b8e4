"""One line of pushes for all the serving workers (PostgreSQL, ``--workers`` above 1).

A desk's connection stays with the worker that accepted it, and the workers accept unevenly: when
50 desks connect at once, the first worker awake takes most of them (34 and 16 in one run). With a
push-process pool per worker (central/push_pool.py), the desks of the busier worker waited in a line
twice as long while the other worker's processes had less to do: batch p99 ~1.7× the median.

With several workers, ``counter-central serve`` starts one **push broker** instead: a process of its
own that keeps every push process (two per core, or ``--push-concurrency`` per worker when it is
set: ``broker_size``) and one line, first come first served, whichever worker received the push. A
worker hands each push's bytes over a Unix socket (one connection per push, private to the
central's user) and awaits the answer on its event loop, exactly as it awaited its own pool; the
broker forwards it to a free process and the answer back. Nothing else changes: the same answers,
the same 503 when a push process dies mid-push, the same admission gauges (counted in the
broker's process).

If the broker itself dies, pushes get that 503 (the desks send again) until the serving process has
started a new one, within a second or two; a broker whose serving process is gone exits by itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from . import push_pool

if TYPE_CHECKING:
    from .auth import Principal
    from .push import PushResult

log = logging.getLogger(__name__)

SOCKET_ENV = "CENTRAL_PUSH_BROKER"  # the broker's socket, for the workers (set by `serve`)


# ------------------------------------------------------------------ the workers' side


class SharedLine:
    """A worker's way to the broker: ``apply`` as ``PushPool.apply``."""

    def __init__(self, path: str) -> None:
        self.path = path

    async def apply(self, caller: Principal, installation: str, body: bytes) -> PushResult:
        request = push_pool.request_of(caller, installation, body)
        try:
            reader, writer = await asyncio.open_unix_connection(self.path)
        except OSError as exc:
            log.error("push broker unreachable (%s): push answered 503", exc)
            raise push_pool.unavailable() from None
        try:
            answer = await push_pool.exchange(reader, writer, request)
        except (OSError, asyncio.IncompleteReadError):
            log.error("push broker ended while applying a push (answered 503)")
            raise push_pool.unavailable() from None
        finally:
            writer.close()
        return push_pool.result_of(answer)

    async def close(self) -> None:
        return None


# ------------------------------------------------------------------ the broker process


async def _serve(path: str, url: str, size: int, nice: int) -> None:
    pool = push_pool.PushPool(url, size, nice)
    await pool.start()
    handlers: set[asyncio.Task[None]] = set()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        handlers.add(task)
        try:
            request = await push_pool.read_frame(reader)
            # A push its worker gives up on (the worker stopping) leaves the line, as with a worker's own pool.
            submitted = asyncio.ensure_future(pool.submit(request))
            hung_up = asyncio.ensure_future(reader.read(1))
            await asyncio.wait({submitted, hung_up}, return_when=asyncio.FIRST_COMPLETED)
            if not submitted.done():
                submitted.cancel()  # one being applied is finished all the same (PushPool.submit)
                return
            hung_up.cancel()
            await push_pool.write_frame(writer, submitted.result())
        except (OSError, asyncio.IncompleteReadError):
            pass  # the worker went away (its desk hung up, or it stopped): what was applied stays
        finally:
            writer.close()
            handlers.discard(task)

    server = await asyncio.start_unix_server(handle, path=path)
    os.chmod(path, 0o600)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    parent = os.getppid()

    async def orphaned() -> None:  # the serving process was killed: nothing will stop us otherwise
        while os.getppid() == parent:
            await asyncio.sleep(1.0)
        stop.set()

    watch = asyncio.ensure_future(orphaned())
    await stop.wait()
    watch.cancel()
    server.close()
    await server.wait_closed()
    if handlers:  # pushes being applied finish and are answered
        await asyncio.wait(set(handlers), timeout=30)
    await pool.close()


def main(argv: list[str] | None = None) -> int:
    """``python -m central.push_broker SOCKET SIZE NICE`` (the database URL in ``$DATABASE_URL``)."""
    path, size, nice = (argv or sys.argv[1:])[:3]
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: `serve` stops us after its workers
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    asyncio.run(_serve(path, os.environ["DATABASE_URL"], int(size), int(nice)))
    return 0


# ------------------------------------------------------------------ the serving process's side


def broker_size(workers: int) -> int:
    """Push processes in the broker's line: ``workers × $CENTRAL_PUSH_CONCURRENCY`` when it is set
    (``--push-concurrency``), otherwise two per core. A push process is CPU-bound between its
    database round trips; on the 2-core benchmark host, 4 in the line against 8 (2 workers × the
    per-worker default of 4) cost 10–20 % less CPU per touched return, whose batch p99 was
    0.88–0.99 s against 1.11–1.19 s (two runs each, docs/performance.md)."""
    from .db import pool_size
    from .serving import PUSH_CONCURRENCY_ENV, cores, push_concurrency

    if os.environ.get(PUSH_CONCURRENCY_ENV, "").strip():
        return workers * push_concurrency(pool_size())
    return 2 * cores()


class Broker:
    """The broker process of a ``serve``: started before the workers, restarted if it dies, stopped
    after them. ``start`` returns False (the workers then keep a pool each) if it cannot start."""

    def __init__(self, size: int, nice: int) -> None:
        self.size, self.nice = size, nice
        self._dir = tempfile.mkdtemp(prefix="central-push-")  # 0700: only the central's user connects
        self.path = str(Path(self._dir) / "broker.sock")
        self._process: subprocess.Popen[bytes] | None = None
        self._stopping = threading.Event()
        self._watch: threading.Thread | None = None

    def start(self, timeout: float = 60.0) -> bool:
        if not self._launch(timeout):
            self._end()
            return False
        os.environ[SOCKET_ENV] = self.path
        self._watch = threading.Thread(target=self._keep_alive, name="push-broker-watch", daemon=True)
        self._watch.start()
        return True

    def _launch(self, timeout: float) -> bool:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "central.push_broker", self.path, str(self.size), str(self.nice)])
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                log.error("the push broker exited at start (code %s)", self._process.returncode)
                return False
            if os.path.exists(self.path):
                return True
            time.sleep(0.05)
        log.error("the push broker did not start within %s s", timeout)
        return False

    def _keep_alive(self) -> None:
        while not self._stopping.is_set():
            process = self._process
            if process is None or process.poll() is None:
                self._stopping.wait(0.5)
                continue
            log.error("the push broker ended (code %s): a new one takes its place", process.returncode)
            if not self._launch(60.0):
                self._stop_process()
                self._stopping.wait(1.0)

    def _stop_process(self, timeout: float = 35.0) -> None:
        process = self._process
        if process is None or process.poll() is not None:
            return
        process.terminate()  # the pushes being applied finish first
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def stop(self) -> None:
        self._stopping.set()
        if self._watch is not None:
            self._watch.join()
        self._end()

    def _end(self) -> None:
        self._stop_process()
        os.environ.pop(SOCKET_ENV, None)
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        with contextlib.suppress(OSError):
            os.rmdir(self._dir)


if __name__ == "__main__":
    sys.exit(main())
