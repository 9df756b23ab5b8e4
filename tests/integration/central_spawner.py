"""Central servers for the tests, forked from one interpreter that has already imported them.

``python -m central.cli serve`` costs about a second of CPU before it listens, almost all of it
importing FastAPI, uvicorn, SQLAlchemy, psycopg and the central's modules, and the suite starts
dozens of centrals. This process (one per test process, started on first use) imports them once and
forks a child per central. The child is a real, separate process running ``central.cli.main`` with
the same arguments, environment and working directory the console script would get: it listens on
its own port, writes its own log, and dies of SIGKILL with its open transactions, like the real
thing. The console script itself is started as a real process in test_central_production.

Protocol: one JSON request per line on stdin (``argv``, ``env``, ``cwd``, ``log``), one JSON reply
per line on stdout (``pid``). When stdin closes (the test process ended, however it ended) every
central still running is killed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import traceback
from typing import Any, NoReturn

# What ``serve`` imports on its way to listening; anything else is imported by the child as usual.
PRELOAD = (
    "central.cli", "central.app", "central.db", "central.serving", "uvicorn", "uvicorn.config",
    "uvicorn.server", "uvicorn.main", "uvicorn.lifespan.on", "uvicorn.protocols.http.h11_impl",
    "uvicorn.protocols.http.httptools_impl", "uvicorn.loops.asyncio", "uvicorn.loops.uvloop", "uvloop",
    "sqlalchemy.dialects.sqlite.pysqlite", "sqlalchemy.dialects.postgresql.psycopg", "psycopg",
)


def _preload() -> None:
    import importlib

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:  # an optional piece (e.g. another loop): the child imports what it needs
            pass


def _child(request: dict[str, Any]) -> NoReturn:
    code = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the central waits for its own workers
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        random.seed()  # not the parent's sequence
        sys.argv = ["counter-central", *request["argv"]]
        from central.cli import main

        code = main(request["argv"]) or 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - reported in the central's log like an uncaught error
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001, S110 - exiting anyway
                pass
        os._exit(code)


def serve() -> None:
    _preload()
    # The kernel reaps finished children: the tests see a central gone when its pid is.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    children: list[int] = []
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(request)
        children.append(pid)
        sys.stdout.write(json.dumps({"pid": pid}) + "\n")
        sys.stdout.flush()
    for pid in children:
        if _is_my_child(pid):  # a pid that ended may already name another process
            os.kill(pid, signal.SIGKILL)


def _is_my_child(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1]) == os.getpid()
    except (OSError, ValueError, IndexError):
        return False


if __name__ == "__main__":
    serve()
