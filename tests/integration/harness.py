"""Real parts for the sync tests: a PostgreSQL server, the central API in its own process, desk
databases, and a fault-injecting TCP proxy. Everything listens on 127.0.0.1 only."""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx
from sqlalchemy import select

from counter_app.models import Dossier, Officer, OutboxEvent, ProcedureCase
from counter_app.models.db import Database
from counter_app.services import catalog, dossiers, org
from counter_app.services.org import DeskContext
from tests.conftest import SMALL_CATALOG
from tests.helpers import CliResult, applicant, run_main

REPO = Path(__file__).resolve().parents[2]

# One HTTP client for the tests' own requests (thread-safe): ``httpx.get`` builds a client, and so
# loads the certificate store, for every call (~0.1 s of CPU each; hundreds of calls in the suite).
# No kept-alive connections: centrals are killed and restarted on the same port.
web = httpx.Client(timeout=5.0, limits=httpx.Limits(max_keepalive_connections=0))


def find_pg_bin() -> Path | None:
    """The directory with initdb and pg_ctl: ``$PG_BIN``, the PATH, Debian's clusters, else the
    server that the ``pgserver`` wheel (test extra) ships, so a machine with only Python and make
    runs the PostgreSQL tests too."""
    candidates: list[Path] = []
    if os.environ.get("PG_BIN"):
        candidates.append(Path(os.environ["PG_BIN"]))
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    candidates.append(Path("/usr/local/bin"))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    try:
        import importlib.util

        spec = importlib.util.find_spec("pgserver")
    except ImportError:
        spec = None
    if spec is not None and spec.origin:
        candidates.append(Path(spec.origin).parent / "pginstall" / "bin")
    for directory in candidates:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    return None


PG_BIN = find_pg_bin() or Path(os.environ.get("PG_BIN", "/usr/local/bin"))


def until(condition: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    """Wait for a state of the system a test can observe (never a fixed sleep)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {what}")
        time.sleep(0.02)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- PostgreSQL

class PostgresServer:
    """A throw-away cluster: initdb + pg_ctl in a temp dir, TCP on 127.0.0.1 only, trust auth."""

    def __init__(self, *, durable: bool = False) -> None:
        self.durable = durable  # benchmarks: production durability (fsync, synchronous_commit, full pages)
        self.dir = Path(tempfile.mkdtemp(prefix="mc-pg-", dir="/tmp"))
        self.port = free_port()
        self.user = "counter"
        self._run_as: list[str] = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            ensure_postgres_user()
            subprocess.run(["chown", "postgres:", str(self.dir)], check=True)
            self._run_as = ["runuser", "-u", "postgres", "--"]
        self._count = 0

    def _cmd(self, *args: str) -> None:
        subprocess.run([*self._run_as, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> None:
        data = self.dir / "data"
        self._cmd(str(PG_BIN / "initdb"), "-D", str(data), "-U", self.user, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8")
        # Tests: fsync off, durability is not what is under test there. Benchmarks: PostgreSQL's
        # production durability (fsync, synchronous_commit and full_page_writes on) and the WAL room
        # a central's PostgreSQL is given in production (deploy/central/compose.yaml): with the default
        # max_wal_size of 1 GB a push storm checkpointed every 14-30 s, re-logging whole pages each time.
        durability = ("-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c shared_buffers=256MB "
                      "-c max_wal_size=4GB -c checkpoint_timeout=15min"
                      if self.durable else "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories='' "
                   f"{durability} -c max_connections=200")
        self._cmd(str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(self.dir / "log"), "-w", "start")

    def stop(self) -> None:
        try:
            self._cmd(str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def create_database(self, prefix: str = "central", *, template: str | None = None) -> str:
        """A new database, empty or a copy of ``template`` (a database nobody is connected to)."""
        import psycopg

        self._count += 1
        name = f"{prefix}_{os.getpid()}_{self._count}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"{copy}')
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{name}"


def ensure_postgres_user() -> None:
    """As root, the server runs as ``postgres``; a machine without a system PostgreSQL may lack that
    user (the pgserver wheel's binaries), so create it as a system account without a login."""
    import pwd

    try:
        pwd.getpwnam("postgres")
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"],
                       check=True)


def unreachable_as(prefix: list[str], command: list[str], cwd: Path | None = None) -> str:
    """'' when the account that ``prefix`` switches to can run ``command``, else the reason to skip.

    As root the tests run servers and commands as another account; a checkout (and its venv) under
    a mode-0700 directory, e.g. one made by ``mktemp -d``, is out of that account's reach. The probe
    runs the command itself: access(2) and the real exec disagree under setpriv."""
    try:
        probe = subprocess.run([*prefix, *command], capture_output=True, cwd=cwd, timeout=60)
    except OSError:
        return f"cannot switch account with {prefix[0]}"
    return "" if probe.returncode == 0 else f"{command[0]} is out of reach of the account the test runs as"


def postgres_available(bin_dir: Path | None = None) -> str:
    """'' when initdb/pg_ctl can be used, else the reason to skip."""
    bin_dir = bin_dir or PG_BIN
    missing = [b for b in ("initdb", "pg_ctl") if not (bin_dir / b).exists()]
    if missing:
        return f"PostgreSQL binaries not found in {bin_dir}: {', '.join(missing)}"
    if os.geteuid() == 0 and shutil.which("runuser"):
        ensure_postgres_user()
        return unreachable_as(["runuser", "-u", "postgres", "--"], [str(bin_dir / "initdb"), "--version"])
    return ""


# ---------------------------------------------------------------- the central, in its own process

class ForkedProcess:
    """A central forked by the spawner (tests/integration/central_spawner.py): the parts of
    ``subprocess.Popen`` the tests use. Its parent is the spawner, which lets the kernel reap it, so
    it has ended once its pid is gone; the exit code is not known here (-1)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = -1
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def wait(self, timeout: float | None = None) -> int:
        deadline = time.monotonic() + (timeout if timeout is not None else 1e9)
        while self.poll() is None:
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"central pid {self.pid}", timeout or 0)
            time.sleep(0.01)
        return -1


class CentralSpawner:
    """Forks centrals from one interpreter that imported the central once (see central_spawner.py):
    a start costs ~0.1 s of CPU instead of ~1 s. One per test process, started on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None

    def spawn(self, argv: list[str], log_path: Path) -> ForkedProcess:
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._proc = subprocess.Popen([sys.executable, "-m", "tests.integration.central_spawner"],
                                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=REPO, text=True)
                atexit.register(self._proc.kill)
            assert self._proc.stdin and self._proc.stdout
            request = {"argv": argv, "env": dict(os.environ), "cwd": str(REPO), "log": str(log_path)}
            self._proc.stdin.write(json.dumps(request) + "\n")
            self._proc.stdin.flush()
            reply = self._proc.stdout.readline()
            if not reply:
                raise RuntimeError("the central spawner ended")
            return ForkedProcess(json.loads(reply)["pid"])


spawner = CentralSpawner()


class CentralProcess:
    """``counter-central serve`` in its own process: restartable and killable like the real thing.
    The tests fork it from the spawner (``forked=True``); the benchmarks start the interpreter."""

    def __init__(self, database_url: str, log_dir: Path, *, migrated: bool = False, args: Sequence[str] = (),
                 forked: bool = False) -> None:
        self.database_url = database_url
        self.migrated = migrated  # a database made from a migrated template: serve --no-migrate
        self.args = list(args)  # more `serve` options
        self.forked = forked
        self.port = free_port()
        self.log_path = log_dir / f"central-{self.port}.log"
        self.proc: subprocess.Popen | ForkedProcess | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> CentralProcess:
        argv = ["--database-url", self.database_url, "serve", "--host", "127.0.0.1", "--port", str(self.port),
                "--log-level", "warning", *(["--no-migrate"] if self.migrated else []), *self.args]
        if self.forked:
            self.proc = spawner.spawn(argv, self.log_path)
        else:
            with open(self.log_path, "ab") as log:
                self.proc = subprocess.Popen([sys.executable, "-m", "central.cli", *argv],
                                             stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"central exited: {self.log_path.read_text()}")
            try:
                if web.get(f"{self.url}/healthz", timeout=1.0).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        raise RuntimeError("central did not start in time")

    def kill(self) -> None:
        """SIGKILL: no graceful shutdown, open transactions die with the process."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def error_lines(self) -> list[str]:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return [line for line in text.splitlines() if " ERROR " in line or "Traceback" in line]


def run_central_cli(database_url: str, *args: str) -> CliResult:
    """``counter-central --database-url URL ARGS`` through the same ``main``, in this process
    (tests.helpers.run_main); the console script and the container's command line are started for
    real in test_central_production."""
    from central.cli import main

    return run_main(main, ["--database-url", database_url, *args])


def run_desk_cli(db_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "counter_app.cli", "--db", str(db_path), *args],
                          capture_output=True, text=True, cwd=REPO, timeout=120, env=env)


# ---------------------------------------------------------------- desks

@dataclass
class Desk:
    db: Database
    path: Path
    unit_code: str
    number: int
    context: DeskContext | None = None
    _day_counts: Counter = field(default_factory=Counter)

    def receive(self, n: int = 1, *, start: datetime = datetime(2026, 11, 2, 8, 0), per_day: int = 200) -> list[str]:
        """Receive ``n`` dossiers (real reception path: code, due date, audit, outbox)."""
        out = []
        with self.db.write() as s:
            case = s.execute(select(ProcedureCase).order_by(ProcedureCase.id)).scalars().first()
            desk = org.current_desk(s)
            officer = s.execute(select(Officer).order_by(Officer.id)).scalars().first()
            for i in range(n):
                k = sum(self._day_counts.values())
                day = start.toordinal() + i // per_day
                when = datetime.fromordinal(day).replace(hour=start.hour, minute=i % per_day % 60)
                who = applicant(s, f"0960850{self.number}{k:05d}"[-12:], "Trần Văn Đức")
                d = dossiers.create_dossier(s, desk=desk, officer=officer, case=case, applicant=who, received_at=when)
                self._day_counts[day] += 1
                out.append(d.code)
        return out

    def statuses(self) -> dict[str, int]:
        with self.db.read() as s:
            return dict(s.execute(select(Dossier.code, Dossier.status)).all())

    def pending(self) -> int:
        with self.db.read() as s:
            return len(s.execute(select(OutboxEvent.id).where(OutboxEvent.acked_at.is_(None))).all())

    def outbox_uuids(self) -> list[str]:
        with self.db.read() as s:
            return list(s.execute(select(OutboxEvent.uuid).order_by(OutboxEvent.desk_seq)).scalars())


_template_lock = threading.Lock()
_desk_template: Path | None = None


def desk_template() -> Path:
    """A migrated desk file with the small catalog and no unit yet, built once per process: a copy
    costs milliseconds where migrating and importing cost a few hundred a desk."""
    global _desk_template
    with _template_lock:
        if _desk_template is None:
            directory = Path(tempfile.mkdtemp(prefix="mc-desk-template-"))
            atexit.register(shutil.rmtree, directory, ignore_errors=True)
            path = directory / "desk.sqlite"
            template = Database(path)
            template.upgrade()
            catalog.import_file(template, SMALL_CATALOG)
            template.dispose()  # the last connection closes: the WAL is checkpointed into the file
            _desk_template = path
        return _desk_template


def make_desk(directory: Path, unit_code: str = "000.00.01.H12", number: int = 1,
              unit_name: str = "UBND xã Tân Thành") -> Desk:
    path = directory / f"desk-{unit_code}-{number}.sqlite"
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(desk_template(), path)
    db = Database(path)
    with db.write() as s:
        unit = org.create_unit(s, agency_code=unit_code, name=unit_name, place="Cà Mau")
        desk = org.create_desk(s, unit, number)
        org.create_officer(s, unit, username=f"desk{number}", full_name="Nguyễn Thị Minh Thư", password="demo",
                           roles=set(org.Role))
        org.set_current_desk(s, desk)
    d = Desk(db, path, unit_code, number)
    d.context = org.login(db, f"desk{number}", "demo")
    return d


# ---------------------------------------------------------------- fault-injecting proxy

@dataclass
class FaultStats:
    connections: int = 0
    dropped: int = 0
    cut_requests: int = 0
    cut_responses: int = 0
    delays: int = 0


class FaultProxy:
    """TCP proxy between desk and central that (seeded) drops connections at once, delays chunks,
    and cuts connections at a random byte of a chunk in either direction — so requests arrive
    half-written and responses stop halfway after the central has committed."""

    def __init__(self, target_port: int, *, seed: int, drop: float = 0.15, cut_request: float = 0.05,
                 cut_response: float = 0.06, delay: float = 0.2, max_delay: float = 0.05) -> None:
        self.target_port = target_port
        self.seed = seed
        self.p = {"drop": drop, "cut_request": cut_request, "cut_response": cut_response, "delay": delay}
        self.max_delay = max_delay
        self.enabled = True
        self.stats = FaultStats()
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.AbstractServer | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._conn_index = 0
        self._transports: set[asyncio.BaseTransport] = set()
        self._handlers: set[asyncio.Task] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self._thread = threading.Thread(target=self._run, name="fault-proxy", daemon=True)
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        if self._loop is None:
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    async def _shutdown(self) -> None:
        # Abort the connections so every handler ends by itself: cancelling them would make
        # asyncio log an error for each.
        self._server.close()
        for transport in list(self._transports):
            transport.abort()
        await asyncio.gather(*self._handlers, return_exceptions=True)

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._server = self._loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            self._loop.run_forever()
        finally:
            self._loop.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self._handlers.add(task)
        self._transports.add(writer.transport)
        try:
            await self._proxy(reader, writer)
        finally:
            self._handlers.discard(task)
            self._transports.discard(writer.transport)

    async def _proxy(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._conn_index += 1
        rng = random.Random(self.seed * 100_003 + self._conn_index)
        self.stats.connections += 1
        faulty = self.enabled
        # The second connection is always dropped, so every seed exercises that fault too.
        if faulty and (self._conn_index == 2 or rng.random() < self.p["drop"]):
            self.stats.dropped += 1
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.transport.abort()
            return
        self._transports.add(up_writer.transport)

        async def pump(src: asyncio.StreamReader, dst: asyncio.StreamWriter, p_cut: float, stat: str) -> None:
            try:
                while True:
                    chunk = await src.read(4096)
                    if not chunk:
                        break
                    if faulty and rng.random() < self.p["delay"]:
                        self.stats.delays += 1
                        await asyncio.sleep(rng.uniform(0, self.max_delay))
                    if faulty and rng.random() < p_cut:
                        setattr(self.stats, stat, getattr(self.stats, stat) + 1)
                        dst.write(chunk[:rng.randrange(len(chunk))])
                        break
                    dst.write(chunk)
                    await dst.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                # Either side closing or a cut: tear the whole connection down, no graceful close.
                writer.transport.abort()
                up_writer.transport.abort()

        try:
            await asyncio.gather(pump(reader, up_writer, self.p["cut_request"], "cut_requests"),
                                 pump(up_reader, writer, self.p["cut_response"], "cut_responses"))
        finally:
            self._transports.discard(up_writer.transport)


# ---------------------------------------------------------------- shortcuts on the central database

def register_desk(central_db, desk: Desk, *, unit_name: str = "UBND xã Tân Thành") -> str:  # noqa: ANN001
    from central import admin

    with central_db.write() as s:
        return admin.add_desk(s, desk.unit_code, desk.number, unit_name=unit_name)


def register_back_office(central_db, agency: str = "Phòng Tư pháp", name: str = "Lê Văn Nam") -> str:  # noqa: ANN001
    from central import admin

    with central_db.write() as s:
        return admin.add_backoffice(s, agency=agency, name=name)


def back_office(central_db, code: str, action: str, *, agency: str = "Phòng Tư pháp", **fields) -> dict:  # noqa: ANN001, ANN003
    from central import backoffice

    step = backoffice.Step(action, agency, "Lê Văn Nam", **fields)
    return central_db.run_write(lambda s: backoffice.move(s, code, step))


def central_statuses(central_db) -> dict[str, int]:  # noqa: ANN001
    from central.models import Dossier as CentralDossier

    with central_db.read() as s:
        return dict(s.execute(select(CentralDossier.code, CentralDossier.status)).all())


def connect(desk: Desk, url: str, token: str) -> None:
    from counter_app.sync import service

    service.save_config(desk.db, url, token)


def wire_events(desk: Desk) -> list[dict]:
    """The desk's outbox exactly as the sync service sends it."""
    from counter_app.sync.service import _wire

    with desk.db.read() as s:
        return [_wire(e) for e in s.execute(select(OutboxEvent).order_by(OutboxEvent.desk_seq)).scalars()]
