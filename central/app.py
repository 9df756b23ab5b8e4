"""The central HTTP API (FastAPI). Stateless: every request is one unit of work on the database,
so several processes can run behind a load balancer.

``create_app()`` reads ``DATABASE_URL``; ``counter-central serve`` runs it under uvicorn.
No ``from __future__ import annotations`` here: FastAPI must see the real dependency types.
"""

import logging
import os
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from typing import Annotated, Any, TypeVar

import anyio.to_thread
from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ValidationError
from sqlalchemy import select, text
from starlette.requests import ClientDisconnect

from counter_app.domain import codes, fields
from counter_app.sync import protocol as p

from . import anchors, auth, backoffice, feed, files, lookup, marks, metrics, online, portal, quarantine, serving, stats
from . import attachments as central_attachments
from .bodies import parse_json
from .bodies import validation_message as _validation_message
from .db import CentralDatabase, pool_size
from .errors import CentralError, Forbidden, Malformed, NotFound, TooLarge
from .models import DeskStream, Dossier, Unit, now_local
from .poller import Poller
from .push import PushResult, any_code
from .push_broker import SOCKET_ENV as BROKER_SOCKET_ENV
from .push_broker import SharedLine
from .push_pool import PushPool, apply_body, in_processes, push_nice
from .schemas import MarksIn, ProcessIn, ResultIn, StopIn, SupplementIn
from .sequencer import Sequencer

log = logging.getLogger("central.api")
T = TypeVar("T", bound=BaseModel)

# Beyond this an oversized body is not even drained: the connection is simply closed after the 413.
DRAIN_LIMIT = 16 * p.MAX_BODY_BYTES


LIVE_PATH = "/livez"
READY_PATH = "/readyz"


def schema_head() -> str | None:
    """The newest migration of this code (what a ready database must be at)."""
    from alembic.script import ScriptDirectory

    from .db import alembic_config

    global _SCHEMA_HEAD
    if _SCHEMA_HEAD is None:
        _SCHEMA_HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head() or ""
    return _SCHEMA_HEAD or None


_SCHEMA_HEAD: str | None = None
PUBLIC_URL_ENV = "CENTRAL_PUBLIC_URL"  # e.g. https://motcua.camau.gov.vn: where citizens reach the lookup page


def lookup_url_template() -> str:
    """The address printed in the slips' QR code (``…/tra-cuu/{code}``), from ``$CENTRAL_PUBLIC_URL``."""
    base = os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/")
    return f"{base}{p.LOOKUP_PATH}/{{code}}" if base else ""


class _Disconnected(Exception):
    pass


async def _read_chunk(request: Request) -> bytes:
    """One uploaded chunk of a file (at most files.MAX_CHUNK_BYTES)."""
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > files.MAX_CHUNK_BYTES:
                raise TooLarge(f"Mỗi lần gửi tối đa {files.MAX_CHUNK_BYTES:,} byte của tệp.")
            chunks.append(chunk)
    except ClientDisconnect:
        raise _Disconnected from None  # the link was cut mid-chunk: nothing was written
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) != size:
        raise _Disconnected  # a chunk cut short never reaches the file
    return b"".join(chunks)


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and not declared.isdigit():
        raise Malformed("Độ dài nội dung (Content-Length) không hợp lệ.")
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size <= p.MAX_BODY_BYTES:
                chunks.append(chunk)
            elif size > DRAIN_LIMIT:
                break
    except ClientDisconnect:
        raise _Disconnected from None  # the desk went away mid-request: nothing was applied
    if size > p.MAX_BODY_BYTES:
        raise TooLarge(f"Lô sự kiện quá lớn ({size:,} byte); tối đa {p.MAX_BODY_BYTES:,} byte mỗi lần gửi.")
    return b"".join(chunks)


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


# Public surface, configured by the environment (docs/sync.md):
API_DOCS_ENV = "CENTRAL_API_DOCS"  # 1: serve /api/docs and /openapi.json (off: they map the API for attackers)
LOOKUP_DETAILS_ENV = "CENTRAL_LOOKUP_DETAILS"  # 1: the lookup page also shows the procedure and masked name
LOOKUP_RATE_ENV = "CENTRAL_LOOKUP_RATE"  # per client address, `limits` notation; default below
LOOKUP_RATE_DEFAULT = "20/minute;200/day"


def create_app(database_url: str | None = None, *, db: CentralDatabase | None = None,
               api_docs: bool | None = None, lookup_rate: str | None = None,
               lookup_details: bool | None = None) -> FastAPI:
    from limits import parse_many
    from limits.storage import MemoryStorage
    from limits.strategies import MovingWindowRateLimiter

    db = db or CentralDatabase(database_url)
    api_docs = _flag(API_DOCS_ENV) if api_docs is None else api_docs
    lookup_details = _flag(LOOKUP_DETAILS_ENV) if lookup_details is None else lookup_details
    # Per process: behind a load balancer each process counts its own clients (a client hitting
    # N processes gets N times the rate, still far from walking the code space).
    lookup_limits = parse_many(lookup_rate or os.environ.get(LOOKUP_RATE_ENV) or LOOKUP_RATE_DEFAULT)
    lookup_limiter = MovingWindowRateLimiter(MemoryStorage())

    # As many worker threads as kept database connections, so no request waits for, or opens, a
    # connection beyond the pool. A few of them apply pushes (the heavy requests: admission
    # control, the other pushes wait their turn on the event loop, holding nothing); the rest serve
    # everything else (polls with news, back-office steps, lookups, admin pages), so a back-office
    # step never queues behind a crowd of desks pushing their morning, and the threads that compete
    # for the process's one interpreter lock (GIL) are few: an officer's step waits for at most a
    # few pushes' slices of it, not for one of every desk pushing at once.
    push_threads = serving.push_concurrency(pool_size())
    push_limiter: list[anyio.CapacityLimiter] = []
    pollers: list[Poller] = []  # PostgreSQL: idle polls answered on the event loop (central/poller.py)
    # PostgreSQL: pushes applied in processes of their own at a lower priority (central/push_pool.py),
    # this worker's, or with several workers the push broker's, whose line all of them share.
    push_pools: list[PushPool | SharedLine] = []
    sequencer = Sequencer(db)  # numbers the feed's new entries a moment after a push or a step

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        sys.setswitchinterval(serving.switch_interval())  # the serving process's (a worker's) interpreter
        broker = os.environ.get(BROKER_SOCKET_ENV, "").strip()
        if not db.is_sqlite and broker:
            push_pools.append(SharedLine(broker))
        elif not db.is_sqlite and in_processes():
            pool = PushPool(db.url, push_threads, push_nice())
            try:
                await pool.start()
                push_pools.append(pool)
            except Exception:  # noqa: BLE001 - the pushes are then applied in threads, as with SQLite
                log.exception("push processes could not start: pushes applied in the worker's threads")
                await pool.close()
        anyio.to_thread.current_default_thread_limiter().total_tokens = max(
            1, pool_size() - (0 if push_pools else push_threads))
        push_limiter.append(anyio.CapacityLimiter(push_threads))
        if not db.is_sqlite:
            pollers.append(Poller(db.url))
        # The national portal's delivery loop (its own thread and connections), when a portal is set.
        config = portal.PortalConfig.from_env()
        runner = portal.Runner(db, config).start() if config is not None and config.in_serve else None
        serving.tune_gc()  # last: what start-up made stays out of the collector's way
        yield
        if runner is not None:
            runner.stop()
        await sequencer.close()
        while pollers:
            await pollers.pop().close()
        while push_pools:
            await push_pools.pop().close()
        push_limiter.clear()

    app = FastAPI(title="Một Cửa Central", version="1", redoc_url=None, lifespan=lifespan,
                  docs_url="/api/docs" if api_docs else None, openapi_url="/openapi.json" if api_docs else None)
    app.state.db = db
    app.add_middleware(metrics.MetricsMiddleware)

    @app.exception_handler(CentralError)
    async def _central_error(_request: Request, exc: CentralError) -> JSONResponse:
        if exc.status in (403, 409, 413):
            log.warning("%s %s: %s", exc.status, exc.code, exc.message)
        return JSONResponse(exc.to_json(), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"error": p.ERR_MALFORMED, "message": _validation_message(list(exc.errors()))},
                            status_code=422)

    @app.exception_handler(_Disconnected)
    async def _disconnected(_request: Request, _exc: _Disconnected) -> Response:
        return Response(status_code=400)  # never delivered: the client is gone

    def principal_in_thread(authorization: str | None) -> auth.Principal:
        with db.read() as session:
            return auth.authenticate(session, authorization)

    async def principal(authorization: Annotated[str | None, Header()] = None) -> auth.Principal:
        """The caller. With PostgreSQL a valid token is looked up on the event loop (one prepared
        statement on a kept connection, central/poller.py): no worker thread, no pool check-out, so
        a queue of pushes never delays who an officer is. Anything else (no token, an unknown or
        revoked one, the poll connection failing, SQLite) goes the usual way, which explains."""
        token = auth.bearer_token(authorization)
        if token and pollers:
            found = await pollers[0].credential(auth.hash_token(token))
            if found is not None and not found.revoked:
                return found.principal
        return await anyio.to_thread.run_sync(principal_in_thread, authorization)

    Caller = Annotated[auth.Principal, Depends(principal)]

    # Dependencies that only look at what they are given are ``async``: FastAPI runs a plain ``def``
    # in a worker thread, a hop through the thread pool (and the GIL) for nothing.
    async def desk(caller: Caller) -> auth.Principal:
        return auth.require(caller, auth.DESK)

    async def back_office(caller: Caller) -> auth.Principal:
        return auth.require(caller, auth.BACKOFFICE)

    DeskCaller = Annotated[auth.Principal, Depends(desk)]

    async def installation_of(x_installation: Annotated[str | None, Header()] = None) -> str:
        """The calling PC's installation id (counter_app/sync/guard.py); older desks send none."""
        value = (x_installation or "").strip()
        if len(value) > 64 or not all(c.isalnum() or c == "-" for c in value):
            raise Malformed(f"{p.INSTALLATION_HEADER} không hợp lệ.")
        return value

    Installation = Annotated[str, Depends(installation_of)]
    BackOffice = Annotated[auth.Principal, Depends(back_office)]

    @app.get(p.HEALTH_PATH)
    def health() -> dict[str, str]:
        with db.read() as session:
            session.execute(text("SELECT 1"))
        return {"status": "ok"}

    @app.get(LIVE_PATH)
    def live() -> dict[str, str]:
        """Liveness: the process answers (no database involved, so a database outage restarts nothing)."""
        return {"status": "ok"}

    @app.get(READY_PATH)
    def ready() -> JSONResponse:
        """Readiness: the database answers and its schema is the one this code expects."""
        try:
            current = db.current_revision()
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready", said in the answer
            log.warning("not ready: database unreachable: %s", exc)
            return JSONResponse({"status": "unavailable", "reason": "database"}, status_code=503)
        head = schema_head()
        if current != head:
            return JSONResponse({"status": "unavailable", "reason": "schema", "current": current, "expected": head},
                                status_code=503)
        return JSONResponse({"status": "ok", "schema": current})

    @app.get(metrics.METRICS_PATH)
    def metrics_page() -> Response:
        body, content_type = metrics.exposition()
        return Response(body, media_type=content_type)

    @app.get(p.WHOAMI_PATH)
    def whoami(caller: Caller) -> dict[str, Any]:
        with db.read() as session:
            unit = session.get(Unit, caller.unit_code) if caller.unit_code else None
            stream = (session.get(DeskStream, (caller.unit_code, caller.desk_number))
                      if caller.kind == auth.DESK else None)
            return {"kind": caller.kind, "unit_code": caller.unit_code, "unit_name": unit.name if unit else "",
                    "desk_number": caller.desk_number, "name": caller.name, "agency": caller.agency,
                    "expected_seq": stream.next_seq if stream else None,
                    "lookup_url_template": lookup_url_template(),
                    "server_time": p.format_moment(now_local())}

    async def admitted(handle: Callable[[], PushResult], limiter: anyio.CapacityLimiter | None) -> PushResult:
        """Admission control: at most ``push_threads`` pushes applied at once per process, the
        others wait here (on the event loop, holding no thread or connection), counted on /metrics."""
        started = False

        def run() -> PushResult:
            nonlocal started
            started = True
            metrics.PUSHES_WAITING.dec()
            metrics.PUSHES_ACTIVE.inc()
            try:
                return handle()
            finally:
                metrics.PUSHES_ACTIVE.dec()

        metrics.PUSHES_WAITING.inc()
        try:
            return await anyio.to_thread.run_sync(run, limiter=limiter)
        finally:
            if not started:  # the desk went away while waiting its turn
                metrics.PUSHES_WAITING.dec()

    @app.post(p.PUSH_PATH)
    async def push(request: Request, caller: DeskCaller, installation: Installation) -> dict[str, Any]:
        body = await _read_body(request)
        if push_pools:  # parsed and applied by a push process, the same way as below
            return push_answer(await push_pools[0].apply(caller, installation, body))

        def handle() -> PushResult:
            # Parsing and checking a batch is CPU work: done here, in the push's worker thread, not on
            # the event loop, where it held up every other request of the process meanwhile.
            return apply_body(db, caller, installation, body)

        limiter = push_limiter[0] if push_limiter else None  # None: an app driven without its lifespan
        return push_answer(await admitted(handle, limiter))

    def push_answer(result: PushResult) -> dict[str, Any]:
        metrics.pushed(result.applied, result.duplicates, result.deferred, len(result.conflicts))
        if result.applied:  # their echoes in the feed, if any, numbered before a desk asks
            sequencer.soon()
        if result.quarantined:  # counted once committed, like the rest of the batch
            metrics.quarantined(len(result.quarantined))
        return {"expected_seq": result.expected_seq, "applied": result.applied, "duplicates": result.duplicates,
                "deferred": result.deferred, "conflicts": len(result.conflicts),
                "quarantined": result.quarantined, "resolved": result.resolved,
                "server_time": p.format_moment(now_local())}

    def first_poll(token_hash: str, after: int) -> feed.Poll | None:
        with db.engine.connect() as conn:
            return feed.poll(conn, token_hash, after)

    def read_page(authorization: str | None, polled: feed.Poll | None, after: int, limit: int) -> Response:
        if polled is not None and polled.found.principal.kind == auth.DESK and not polled.found.revoked:
            caller = polled.found.principal
        else:  # no token, an unknown or revoked one, a back-office one: the usual answers
            caller = auth.require(principal_in_thread(authorization), auth.DESK)
        unit_code, desk_number = caller.unit_code, caller.desk_number
        assert unit_code is not None and desk_number is not None  # a desk's token names both
        server_time = p.format_moment(now_local())
        with db.read(snapshot=True) as session:  # the usual case: nothing to number, the page at once
            page = feed.read_json(session, unit_code, desk_number, after, limit, server_time, sequenced_only=True)
        if page is None:
            db.run_write(feed.sequence)  # number what has committed since, then read after it
            with db.read(snapshot=True) as session:
                page = feed.read_json(session, unit_code, desk_number, after, limit, server_time)
        assert page is not None
        body, count = page
        metrics.pulled(count)
        return Response(body, media_type="application/json")

    @app.get(p.CHANGES_PATH, response_model=None)
    async def changes(authorization: Annotated[str | None, Header()] = None,
                      after: Annotated[int, Query(ge=0, le=fields.MAX_SEQ)] = 0,
                      limit: Annotated[int, Query(ge=1, le=p.MAX_CHANGES_LIMIT)] = p.DEFAULT_CHANGES_LIMIT
                      ) -> Response | dict[str, Any]:
        # An idle desk's poll (the usual one) is answered by one statement, on the event loop with
        # PostgreSQL (central/poller.py); a poll with news reads its page in a worker thread.
        token = auth.bearer_token(authorization)
        polled = None
        if token:
            token_hash = auth.hash_token(token)
            if pollers:
                polled = await pollers[0].poll(token_hash, after)
            else:
                polled = await anyio.to_thread.run_sync(first_poll, token_hash, after)
            if (polled is not None and polled.found.principal.kind == auth.DESK and not polled.found.revoked
                    and not polled.busy):
                metrics.pulled(0)
                return {"changes": [], "cursor": after, "remaining": 0, "server_time": p.format_moment(now_local())}
        return await anyio.to_thread.run_sync(read_page, authorization, polled, after, limit)

    @app.get(p.COUNTERS_PATH)
    def counters(_caller: Caller, start: Annotated[date | None, Query(alias="from")] = None,
                 end: Annotated[date | None, Query(alias="to")] = None,
                 unit: Annotated[str | None, Query(max_length=40)] = None) -> dict[str, Any]:
        if unit is not None and fields.problem(fields.AGENCY_CODE, unit):
            raise Malformed(f"unit: {fields.problem(fields.AGENCY_CODE, unit)}")
        with db.read(snapshot=True) as session:
            return stats.counters(session, start=start, end=end, unit_code=unit)

    @app.post(p.MARKS_PATH)
    async def desk_marks(request: Request, caller: DeskCaller, installation: Installation) -> dict[str, Any]:
        """This desk's high-water marks; ``known``: which of the given event UUIDs the central has."""
        data = parse_json(await _read_body(request) or b"{}")
        try:
            body = MarksIn.model_validate(data)
        except ValidationError as exc:
            raise Malformed(_validation_message(list(exc.errors()))) from None
        unit_code, desk_number = caller.unit_code, caller.desk_number
        assert unit_code is not None and desk_number is not None  # a desk's token names both
        answer = await anyio.to_thread.run_sync(db.run_write, lambda session: marks.marks(
            session, unit_code, desk_number, since=body.since, uuids=body.uuids, installation=installation,
            now=now_local()))
        return answer | {"server_time": p.format_moment(now_local())}

    @app.get(p.QUARANTINE_PATH)
    def quarantined(caller: Caller, unit: Annotated[str | None, Query(max_length=40)] = None,
                    include_resolved: Annotated[bool, Query(alias="all")] = False) -> dict[str, Any]:
        """Back office (the central's side): every desk's, or one unit's; a desk: its own."""
        if unit is not None and fields.problem(fields.AGENCY_CODE, unit):
            raise Malformed(f"unit: {fields.problem(fields.AGENCY_CODE, unit)}")
        desk_number = None
        if caller.kind == auth.DESK:
            unit, desk_number = caller.unit_code, caller.desk_number
        with db.read() as session:
            rows = quarantine.list_events(session, unit_code=unit, desk_number=desk_number,
                                          include_resolved=include_resolved)
        return {"events": rows, "open": sum(1 for r in rows if r["resolved_at"] is None)}

    @app.get(f"{p.ONLINE_FILES_PATH}/{{file_id}}")
    def online_file(file_id: Annotated[int, Path(ge=1, le=fields.MAX_SEQ)], caller: DeskCaller) -> Response:
        """A file uploaded with an online dossier, for a desk of its unit."""
        assert caller.unit_code is not None
        with db.read() as session:
            f = online.get_file(session, file_id, caller.unit_code)
            return Response(f.data, media_type="application/octet-stream",
                            headers={"X-Sha256": f.sha256, "Content-Disposition": "attachment"})

    @app.get(f"{p.API_PREFIX}/portal")
    def portal_status(_caller: BackOffice, code: Annotated[str | None, Query(max_length=64)] = None,
                      state: Annotated[str | None, Query(pattern="^(pending|sent|failed)$")] = None) -> dict[str, Any]:
        """The national portal adapter's state per dossier, and the counts (back office / admin)."""
        with db.read() as session:
            return portal.status(session, code=code, state=state)

    async def _body(request: Request, model: type[T]) -> T:
        """A back-office body through the push's parser: size and depth limits, then the schema."""
        data = parse_json(await _read_body(request) or b"{}")
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            raise Malformed(_validation_message(list(exc.errors()))) from None

    async def _step(code: str, step: backoffice.Step) -> dict[str, Any]:
        any_code(code)
        moved = await anyio.to_thread.run_sync(db.run_write, lambda session: backoffice.move(session, code, step))
        sequencer.soon()
        return moved

    @app.post(f"{p.BACKOFFICE_PATH}/{{code}}/process")
    async def process(code: str, request: Request, caller: BackOffice) -> dict[str, Any]:
        body = await _body(request, ProcessIn)
        return await _step(code, backoffice.Step(backoffice.PROCESS, caller.agency, caller.name, note=body.note))

    @app.post(f"{p.BACKOFFICE_PATH}/{{code}}/supplement")
    async def supplement(code: str, request: Request, caller: BackOffice) -> dict[str, Any]:
        body = await _body(request, SupplementIn)
        items = [{"name": i.name, "reason": i.reason} for i in body.items]
        return await _step(code, backoffice.Step(backoffice.SUPPLEMENT, caller.agency, caller.name,
                                                 note=body.note, items=items))

    @app.post(f"{p.BACKOFFICE_PATH}/{{code}}/stop")
    async def stop(code: str, request: Request, caller: BackOffice) -> dict[str, Any]:
        body = await _body(request, StopIn)
        return await _step(code, backoffice.Step(backoffice.STOP, caller.agency, caller.name, reason=body.reason))

    @app.post(f"{p.BACKOFFICE_PATH}/{{code}}/result")
    async def result(code: str, request: Request, caller: BackOffice) -> dict[str, Any]:
        body = await _body(request, ResultIn)
        return await _step(code, backoffice.Step(
            backoffice.RESULT, caller.agency, caller.name, note=body.note, result_type=body.result_type,
            result_number=body.result_number, result_summary=body.summary))

    @app.get(f"{p.BACKOFFICE_PATH}/{{code}}")
    def show(code: str, _caller: BackOffice) -> dict[str, Any]:
        any_code(code)
        with db.read() as session:
            return backoffice.describe(session, code)

    @app.get(p.AUDIT_ANCHORS_PATH)
    def audit_anchors(caller: DeskCaller) -> dict[str, Any]:
        """Every head of its audit chain this desk has sent, in the order received."""
        unit_code, desk_number = caller.unit_code, caller.desk_number
        assert unit_code is not None and desk_number is not None  # a desk's token names both
        with db.read() as session:
            return {"anchors": anchors.history(session, unit_code, desk_number)}

    @app.get(p.AUDIT_ANCHOR_PATH)
    def audit_anchor(caller: Caller, seq: Annotated[int | None, Query(ge=1)] = None,
                     unit: Annotated[str | None, Query(max_length=40)] = None,
                     desk: Annotated[int | None, Query(ge=1, le=9)] = None) -> dict[str, Any]:
        """A desk asks about its own chain; a back-office token about any desk (unit and desk given)."""
        if caller.kind == auth.DESK:
            unit, desk = caller.unit_code, caller.desk_number
        if unit is None or desk is None:
            raise Malformed("Hãy cho biết đơn vị (unit) và số quầy (desk).")
        with db.read() as session:
            found = anchors.find(session, unit, desk, seq)
        if found is None:
            raise NotFound(f"Chưa có mốc nhật ký nào của quầy {desk} ({unit})"
                           + (f" tại dòng {seq}." if seq else "."))
        return found

    # ------------------------------------------------------------ digitised papers (issue #13)
    store = files.FileStore(files.files_dir(db.url))

    @app.get(f"{p.FILES_PATH}/{{sha256}}/status")
    def file_status(sha256: str, _caller: DeskCaller) -> dict[str, Any]:
        return store.state(files.check_sha(sha256)).to_json()

    @app.put(f"{p.FILES_PATH}/{{sha256}}")
    async def file_chunk(sha256: str, request: Request, caller: DeskCaller,
                         offset: Annotated[int, Query(ge=0, le=files.MAX_FILE_BYTES)],
                         size: Annotated[int, Query(ge=1, le=files.MAX_FILE_BYTES)]) -> dict[str, Any]:
        sha = files.check_sha(sha256)
        with db.read() as session:
            if not central_attachments.announced(session, caller, sha):
                raise Forbidden("Quầy chưa báo tệp đính kèm nào có mã băm này (hãy đồng bộ sự kiện trước).")
        chunk = await _read_chunk(request)
        state = await anyio.to_thread.run_sync(store.write, sha, offset, size, chunk)
        return state.to_json()

    @app.get(f"{p.FILES_PATH}/{{sha256}}", response_class=FileResponse)
    def file_download(sha256: str, _caller: BackOffice) -> FileResponse:
        sha = files.check_sha(sha256)
        return FileResponse(store.path_of_complete(sha), media_type="application/pdf", filename=f"{sha}.pdf")

    @app.get(f"{p.BACKOFFICE_PATH}/{{code}}/files")
    def dossier_files(code: str, _caller: BackOffice) -> dict[str, Any]:
        any_code(code)  # a code as the back office sees it, else 422
        with db.read() as session:
            listed = central_attachments.list_for(session, code)
        for item in listed:
            item["uploaded"] = store.state(item["sha256"]).complete
        return {"code": code, "files": listed}

    @app.get(f"{p.LOOKUP_PATH}/{{code}}", response_class=HTMLResponse)
    def lookup_page(code: str, request: Request) -> HTMLResponse:
        client = request.client.host if request.client else "?"
        for limit in lookup_limits:  # e.g. a minute's burst and a day's total
            if not lookup_limiter.hit(limit, "lookup", client):
                reset = lookup_limiter.get_window_stats(limit, "lookup", client).reset_time
                retry = max(1, int(reset - time.time()) + 1)
                return HTMLResponse(lookup.too_many_page(retry), status_code=429,
                                    headers={"Retry-After": str(retry)})
        wanted = codes.normalise_scan(code)  # citizens type variants: the lookup forgives them
        if codes.parse_code(wanted) is None and not codes.is_foreign_code(wanted):
            return HTMLResponse(lookup.not_found_page(code[:80]), status_code=404)
        with db.read() as session:
            dossier = session.execute(select(Dossier).where(Dossier.code == wanted)).scalar_one_or_none()
            if dossier is None:
                return HTMLResponse(lookup.not_found_page(code), status_code=404)
            unit = session.get(Unit, dossier.unit_code)
            return HTMLResponse(lookup.page(dossier, unit_name=unit.name if unit else "", details=lookup_details,
                                            result_file=central_attachments.has_result_file(session, wanted)))

    return app


def app_factory() -> FastAPI:
    """For ``uvicorn --factory central.app:app_factory`` (several worker processes)."""
    return create_app()
