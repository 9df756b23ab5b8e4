"""Small builders shared by tests (real rows in the real database, no mocks)."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.text import fold
from counter_app.models import Applicant, Desk, Dossier, Officer, Procedure, ProcedureCase
from counter_app.services import dossiers


def applicant(session: Session, id_number: str = "096085001234", name: str = "Trần Văn Đức") -> Applicant:
    found = session.execute(select(Applicant).where(Applicant.id_number == id_number)).scalar_one_or_none()
    if found:
        return found
    row = Applicant(id_number=id_number, name=name, name_folded=fold(name), phone="0912345678",
                    address="ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau")
    session.add(row)
    session.flush()
    return row


def make_dossier(session: Session, *, procedure_code: str = "1.001193", received_at: datetime | None = None,
                 desk_id: int = 1, id_number: str = "096085001234") -> Dossier:
    case = session.execute(
        select(ProcedureCase).join(Procedure).where(Procedure.code == procedure_code).order_by(ProcedureCase.position)
    ).scalars().first()
    desk = session.get(Desk, desk_id)
    officer = session.execute(select(Officer).order_by(Officer.id)).scalars().first()
    return dossiers.create_dossier(session, desk=desk, officer=officer, case=case,
                                   applicant=applicant(session, id_number), received_at=received_at)


class ScannerClock:
    """Time as the scan field sees it: each reading comes 2 ms after the last one, like a USB
    scanner's keys; :meth:`pause` is a person's pause between keys. No wall clock, so a loaded
    machine cannot turn a scan into typing."""

    def __init__(self, step: float = 0.002) -> None:
        self.now = 1000.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now

    def pause(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class CliResult:
    """What a test reads of a command line run: like ``subprocess.CompletedProcess``."""

    returncode: int
    stdout: str
    stderr: str


def run_main(main: Callable[[Sequence[str]], int], argv: Sequence[str], *, cwd: Path | None = None) -> CliResult:
    """A command line's ``main`` (what its console script calls) run in this process with its output
    captured: a second interpreter would only add about a second of imports a call. An uncaught
    exception fails the test itself, which is stricter than finding "Traceback" in a child's stderr.
    The tests that start the installed console scripts for real live in test_cli.py and
    tests/packaging."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        if cwd is not None:
            stack.enter_context(contextlib.chdir(cwd))
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse refusing the arguments
            code = exc.code if isinstance(exc.code, int) else 1
    return CliResult(code, out.getvalue(), err.getvalue())


def run_desk_cli(*args: str, cwd: Path | None = None) -> CliResult:
    """``counter-app ARGS`` through ``counter_app.cli.main`` in this process."""
    from counter_app.cli import main

    return run_main(main, args, cwd=cwd)
