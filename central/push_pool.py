"""Pushes applied in processes of their own, at a lower OS priority (PostgreSQL only).

A push is milliseconds of pure Python per batch (parsing, checking, building rows) between a few
round trips. Applied in a serving worker's threads, it held that worker's one interpreter lock
(GIL) while an officer's step, a poll or a lookup of the same worker waited for it at each of
their ~8 wake-ups. Here each worker keeps ``--push-concurrency`` push processes: the route hands
the body's bytes and the caller to a free one and awaits its answer on the event loop (no thread,
no connection held meanwhile; the pushes waiting for a free process are the admission queue). The
process parses the batch and applies it exactly as the route did in its thread (``parse_push``,
then ``apply_push`` + ``auth.touch`` + ``anchors.record`` in one unit of work on its own engine)
and answers with the result or the error (422/403/409/413 and their messages unchanged). With
several workers, one pool in a push broker serves them all in one line (central/push_broker.py).

The processes run ``$CENTRAL_PUSH_NICE`` (default 10) steps nicer than the worker, so when the
cores are busy the kernel runs the officers' requests, polls and lookups first; the pushes use
what is left, which under a desk storm is most of it.

A push process that dies (killed, out of memory) takes its open transaction with it: PostgreSQL
rolls it back unless it had committed, and the desk's re-sent batch is applied or counted as
duplicates (exactly-once by sequence number and event UUID). The request it was applying gets a
503 at once (the desk retries later), and a new process takes its place.

Processes come from a fork server (``multiprocessing``'s ``forkserver``: a clean interpreter
that imports the push's modules once, then forks a process per slot in milliseconds), never by
forking the serving worker itself, whose threads, event loop and listening socket a child must
not inherit. With SQLite there is no pool: SQLite applies one write at a time for the whole
file, so processes would only queue on its lock, and the demo's and the tests' centrals start
without the fork server's second of imports.
"""

from __future__ import annotations

import asyncio
import collections
import gc
import logging
import multiprocessing
import os
import pickle
import signal
import socket
import struct
import traceback
from typing import TYPE_CHECKING, Any

from .errors import CentralError

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from .auth import Principal
    from .db import CentralDatabase
    from .push import PushResult

log = logging.getLogger(__name__)

NICE_ENV = "CENTRAL_PUSH_NICE"  # how much nicer (lower OS priority) the push processes run, 0–19
DEFAULT_NICE = 10
IN_THREADS_ENV = "CENTRAL_PUSH_IN_THREADS"  # 1: apply pushes in the worker's threads (no push processes)
# What a push process needs, imported once by the fork server (its children share it).
PRELOAD = ["central.push_pool", "central.bodies", "central.push", "central.db", "central.anchors", "central.auth",
           "sqlalchemy.dialects.postgresql.psycopg", "psycopg", "central.push_preload"]
_HEADER = struct.Struct("!I")


class Unavailable(CentralError):
    status = 503
    code = "unavailable"


class PushFailed(Exception):
    """An unexpected error in the push process (its traceback in the message): a 500, as in a thread."""


def push_nice() -> int:
    """``$CENTRAL_PUSH_NICE``: 0–19 (default 10); 0 runs the push processes at the worker's priority."""
    try:
        value = int(os.environ.get(NICE_ENV, "").strip() or DEFAULT_NICE)
    except ValueError:
        value = DEFAULT_NICE
    return max(0, min(19, value))


def in_processes() -> bool:
    """Pushes applied by push processes unless ``$CENTRAL_PUSH_IN_THREADS`` says otherwise, or the
    platform has no fork server (Windows): there the worker's threads apply them, as before."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    return os.environ.get(IN_THREADS_ENV, "").strip().lower() not in ("1", "true", "yes", "on")


# ------------------------------------------------------------------ the push process


def _recv(sock: socket.socket) -> bytes | None:
    def exactly(n: int) -> bytes | None:
        buf = bytearray(n)
        view, got = memoryview(buf), 0
        while got < n:
            r = sock.recv_into(view[got:])
            if r == 0:
                return None
            got += r
        return bytes(buf)

    header = exactly(_HEADER.size)
    return None if header is None else exactly(_HEADER.unpack(header)[0])


def _send(sock: socket.socket, data: bytes) -> None:
    sock.sendall(_HEADER.pack(len(data)))
    sock.sendall(data)


def apply_body(db: CentralDatabase, caller: Principal, installation: str, body: bytes) -> PushResult:
    """A push's body parsed, checked and applied in one unit of work (in a push process, or in a
    worker's thread when there are none): everything or nothing is written."""
    from . import anchors, auth
    from .bodies import parse_push
    from .push import apply_push

    batch, skew = parse_push(body)

    def work(session):  # noqa: ANN001, ANN202
        result = apply_push(session, caller, batch.events, installation)
        auth.touch(session, caller, skew_seconds=skew)
        anchors.record(session, caller.unit_code, caller.desk_number, batch.audit_head)
        return result

    return db.run_write(work)


def _answer(db: CentralDatabase, request: bytes) -> bytes:
    try:
        caller, installation, body = pickle.loads(request)
        return pickle.dumps(("ok", apply_body(db, caller, installation, body)), pickle.HIGHEST_PROTOCOL)
    except CentralError as exc:  # 422/403/409/413: the route's answers
        return pickle.dumps(("refused", type(exc), exc.message), pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - reported to the worker, which answers 500 and logs it
        return pickle.dumps(("failed", traceback.format_exc()), pickle.HIGHEST_PROTOCOL)


def child_main(sock: socket.socket, url: str, nice: int) -> None:
    """A push process: one push at a time from its worker, until the worker closes the socket."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the worker decides
    if nice:
        os.nice(nice)
    from . import serving
    from .db import CentralDatabase

    db = CentralDatabase(url)
    gc.freeze()  # what the fork server imported is frozen already (central/push_preload.py)
    gc.set_threshold(*serving.GC_THRESHOLDS)
    try:
        while (request := _recv(sock)) is not None:
            _send(sock, _answer(db, request))
    except OSError:  # the worker is gone
        pass
    finally:
        db.dispose()


# ------------------------------------------------------------------ the worker's side


async def write_frame(writer: asyncio.StreamWriter, data: bytes) -> None:
    writer.write(_HEADER.pack(len(data)))
    writer.write(data)
    await writer.drain()


async def read_frame(reader: asyncio.StreamReader) -> bytes:
    (size,) = _HEADER.unpack(await reader.readexactly(_HEADER.size))
    return await reader.readexactly(size)


async def exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> bytes:
    """One request sent, its answer read: the framing of every push hand-over (a length, then bytes)."""
    await write_frame(writer, request)
    return await read_frame(reader)


def request_of(caller: Principal, installation: str, body: bytes) -> bytes:
    return pickle.dumps((caller, installation, body), pickle.HIGHEST_PROTOCOL)


GONE = pickle.dumps(("gone",), pickle.HIGHEST_PROTOCOL)  # the push process ended while applying it


def unavailable() -> CentralError:
    return Unavailable("Máy chủ trung tâm đang bận, lô sự kiện chưa được ghi nhận; quầy sẽ tự gửi lại sau.")


def result_of(answer: bytes) -> PushResult:
    """A push process's answer as the route's: the result, or the error it raised (the same class and message)."""
    kind, *rest = pickle.loads(answer)
    if kind == "ok":
        return rest[0]
    if kind == "refused":
        cls, message = rest
        error = cls.__new__(cls)
        CentralError.__init__(error, message)
        raise error
    if kind == "gone":
        raise unavailable()
    raise PushFailed(rest[0])


class _Slot:
    def __init__(self, process: BaseProcess, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.process, self.reader, self.writer = process, reader, writer
        self.busy = False

    async def call(self, request: bytes) -> bytes:
        return await exchange(self.reader, self.writer, request)

    def close(self) -> None:
        self.writer.close()


class PushPool:
    """``size`` push processes of one serving worker, and the pushes waiting for one."""

    def __init__(self, url: str, size: int, nice: int) -> None:
        self.url, self.size, self.nice = url, size, nice
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(PRELOAD)
        # Free processes, and the pushes waiting for one in their order of arrival. A freed process
        # is handed to the first waiter itself: with a queue, a push arriving at that moment would
        # take it and send the woken one to the back of the line (batch p99 ~2x the median).
        self._free: list[_Slot] = []
        self._waiters: collections.deque[asyncio.Future[_Slot]] = collections.deque()
        self._slots: set[_Slot] = set()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closed = False

    def pids(self) -> list[int]:
        return [s.process.pid for s in self._slots if s.process.pid is not None]

    async def start(self) -> None:
        """Start every process (the first start also starts the fork server: about a second)."""
        await asyncio.gather(*(self._add() for _ in range(self.size)))

    async def _add(self) -> None:
        import anyio.to_thread

        parent, child = socket.socketpair()
        process = self._context.Process(target=child_main, args=(child, self.url, self.nice), daemon=True,
                                        name="central-push")
        try:
            await anyio.to_thread.run_sync(process.start)  # a round trip to the fork server
        finally:
            child.close()
        reader, writer = await asyncio.open_unix_connection(sock=parent)
        slot = _Slot(process, reader, writer)
        if self._closed:
            await self._stop(slot)
            return
        self._slots.add(slot)
        # The fork server tells when the process ends: an idle one is replaced at once.
        asyncio.get_running_loop().add_reader(process.sentinel, self._ended, slot)
        self._release(slot)

    def _ended(self, slot: _Slot) -> None:
        asyncio.get_running_loop().remove_reader(slot.process.sentinel)
        if not slot.busy and slot in self._slots:  # a busy one is replaced by the push it was applying
            log.error("push process %s ended while idle (exit code %s): a new process replaces it",
                      slot.process.pid, slot.process.exitcode)
            self._replace(slot)

    async def apply(self, caller: Principal, installation: str, body: bytes) -> PushResult:
        """The push applied by a free process; waits for one first (admission control)."""
        return result_of(await self.submit(request_of(caller, installation, body)))

    async def submit(self, request: bytes) -> bytes:
        """A pickled push request applied by a free process, first come first served: its pickled
        answer (``GONE`` when the process ended while applying it)."""
        from . import metrics

        metrics.PUSHES_WAITING.inc()
        try:
            while (slot := await self._acquire()) not in self._slots or not slot.process.is_alive():
                if slot in self._slots:  # ended while idle, not yet noticed: nothing of this push was sent
                    self._replace(slot)
        finally:
            metrics.PUSHES_WAITING.dec()
        # Its own task: a request cancelled meanwhile (server shutting down) leaves the process
        # to finish, and the slot comes back only once its answer has been read.
        task = asyncio.ensure_future(self._run(slot, request))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return await asyncio.shield(task)

    async def _run(self, slot: _Slot, request: bytes) -> bytes:
        from . import metrics

        metrics.PUSHES_ACTIVE.inc()
        slot.busy = True
        try:
            answer = await slot.call(request)
        except (OSError, asyncio.IncompleteReadError):
            log.error("push process %s ended while applying a push (answered 503): a new process replaces it",
                      slot.process.pid)
            self._replace(slot)
            return GONE
        finally:
            slot.busy = False
            metrics.PUSHES_ACTIVE.dec()
        self._release(slot)
        return answer

    async def _acquire(self) -> _Slot:
        """A free process, first come first served."""
        if self._free and not self._waiters:
            return self._free.pop()
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            return await waiter
        except asyncio.CancelledError:  # the desk went away (or shutdown) while waiting
            if waiter.done() and not waiter.cancelled():
                self._release(waiter.result())  # handed a process meanwhile: the next in line takes it
            elif waiter in self._waiters:
                self._waiters.remove(waiter)
            raise

    def _release(self, slot: _Slot) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(slot)
                return
        self._free.append(slot)

    def _replace(self, slot: _Slot) -> None:
        if slot not in self._slots:
            return  # already being replaced
        self._slots.discard(slot)

        async def replace() -> None:
            await self._stop(slot)
            while not self._closed:
                try:
                    await self._add()
                    return
                except Exception:  # e.g. out of memory, too many processes: the pushes wait for a slot
                    log.exception("could not start a push process; trying again in a second")
                    await asyncio.sleep(1.0)

        task = asyncio.ensure_future(replace())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _stop(self, slot: _Slot, timeout: float = 5.0) -> None:
        import anyio.to_thread

        asyncio.get_running_loop().remove_reader(slot.process.sentinel)
        slot.close()  # the process sees the end of its input and exits once idle

        def join() -> None:
            slot.process.join(timeout)
            if slot.process.exitcode is None:
                slot.process.kill()  # its open transaction, if any, is rolled back
                slot.process.join(timeout)

        await anyio.to_thread.run_sync(join)

    async def close(self) -> None:
        """Shutdown (after the server's requests ended): every process finishes what it applies, then exits."""
        self._closed = True
        slots = list(self._slots)
        self._slots.clear()
        await asyncio.gather(*(self._stop(s) for s in slots))
        for task in list(self._tasks):
            task.cancel()
