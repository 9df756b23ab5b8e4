"""Admission control of pushes (central/app.py): a worker applies at most ``--push-concurrency``
pushes at once; the others wait their turn holding no thread or connection, and an officer's step,
a desk's poll and the lookup page are answered meanwhile. Real central on PostgreSQL, on loopback."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import httpx
import psycopg
import pytest

from central.db import CentralDatabase
from counter_app.models import DossierStatus
from counter_app.sync import protocol as p

from .harness import make_desk, register_back_office, register_desk, until, wire_events

S = DossierStatus
UNIT = "000.00.01.H12"


def _gauge(url: str, name: str) -> float:
    text = httpx.get(f"{url}/metrics", timeout=5).text
    values = [float(line.split()[-1]) for line in text.splitlines() if line.startswith(name + " ")]
    return values[0] if values else 0.0


def test_back_office_step_poll_and_lookup_answered_while_every_push_slot_is_taken(tmp_path, central_factory):
    central = central_factory("postgresql", "--push-concurrency", "1")
    db = CentralDatabase(central.database_url)
    try:
        desks = [make_desk(tmp_path, UNIT, n) for n in (1, 2, 3)]
        tokens = [register_desk(db, d) for d in desks]
        officer = {"Authorization": f"Bearer {register_back_office(db)}"}
        codes = [d.receive(1)[0] for d in desks]
        bodies = [json.dumps({"events": wire_events(d)}).encode() for d in desks]

        def push(i: int) -> httpx.Response:
            return httpx.post(central.url + p.PUSH_PATH, content=bodies[i], timeout=60,
                              headers={"Authorization": f"Bearer {tokens[i]}", "Content-Type": "application/json"})

        assert push(2).json()["applied"] == 1  # desk 3's dossier is at the central, for the officer

        pg_url = central.database_url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(pg_url) as holder, psycopg.connect(pg_url, autocommit=True) as watcher, \
                ThreadPoolExecutor(2) as pool:
            def waiting_on_locks() -> int:
                return watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                       "AND datname = current_database()").fetchone()[0]

            # Desk 1's push is admitted and stays inside (its desk's stream row is held here); it
            # takes the worker's only push slot. Desk 2's push then waits for its turn.
            holder.execute("SELECT 1 FROM desk_streams WHERE unit_code = %s AND desk_number = 1 FOR UPDATE", (UNIT,))
            first = pool.submit(push, 0)
            until(lambda: waiting_on_locks() == 1 and _gauge(central.url, "central_pushes_active") == 1,
                   "desk 1's push applying, blocked on its stream row")
            second = pool.submit(push, 1)
            until(lambda: _gauge(central.url, "central_pushes_waiting") == 1, "desk 2's push waiting its turn")

            # Meanwhile the officer moves desk 3's dossier, desk 3 polls and sees it, a citizen looks it up.
            step = httpx.post(f"{central.url}{p.BACKOFFICE_PATH}/{codes[2]}/process", json={}, headers=officer,
                              timeout=10)
            assert step.status_code == 200, step.text
            # Its feed entry is numbered by the worker a moment after the step, before any desk asks.
            until(lambda: watcher.execute("SELECT count(*) FROM changes WHERE position IS NULL").fetchone()[0] == 0,
                  "the step's feed entry numbered in the background")
            page = httpx.get(central.url + p.CHANGES_PATH, params={"after": 0},
                             headers={"Authorization": f"Bearer {tokens[2]}"}, timeout=10).json()
            assert [c["payload"]["to"] for c in page["changes"] if c["entity_key"] == codes[2]] == [S.PROCESSING]
            assert httpx.get(f"{central.url}{p.LOOKUP_PATH}/{codes[2]}", timeout=10).status_code == 200

            assert not first.done() and not second.done()
            assert waiting_on_locks() == 1  # desk 2's push never reached the database: it waits in the queue
            assert _gauge(central.url, "central_pushes_waiting") == 1
            holder.rollback()  # desk 1's stream row is free: both pushes go through, one after the other
            assert first.result().json()["applied"] == 1
            assert second.result().json()["applied"] == 1
        assert _gauge(central.url, "central_pushes_active") == 0
        assert _gauge(central.url, "central_pushes_waiting") == 0
    finally:
        db.dispose()


@pytest.mark.parametrize("option", ["--push-concurrency", "--db-pool", "--workers"])
@pytest.mark.parametrize("value", ["0", "many"])
def test_serve_counts_must_be_positive_numbers(option, value):
    from central.cli import main
    from tests.helpers import run_main

    result = run_main(main, ["serve", option, value])
    assert result.returncode == 2
    assert result.stderr == (f"Lỗi: lệnh không hợp lệ (counter-central serve): tham số {option}: «{value}» phải là "
                             f"một số nguyên dương. Xem «counter-central serve --help».\n")


@pytest.mark.parametrize(("argv", "words"), [
    (["serve", "--bogus"], "(counter-central): tham số không nhận ra: --bogus"),
    (["serv"], "(counter-central): tham số COMMAND: lựa chọn không hợp lệ: 'serv' (chọn một trong 'serve', "),
    (["desk"], "(counter-central desk): thiếu tham số bắt buộc: COMMAND. Xem «counter-central desk --help»."),
    (["serve", "--log-level", "loud"], "(counter-central serve): tham số --log-level: lựa chọn không hợp lệ"),
])
def test_every_usage_error_of_the_central_is_one_vietnamese_sentence(argv, words):
    """An admin's typo: argparse's English frame ("usage: … error: argument …") is gone, exit 2."""
    from central.cli import main
    from tests.helpers import run_main

    result = run_main(main, argv)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("Lỗi: lệnh không hợp lệ ") and words in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and "usage:" not in result.stderr and "error:" not in result.stderr


@pytest.mark.parametrize(("variable", "words"), [
    ("CENTRAL_PUSH_CONCURRENCY", "«abc» phải là một số nguyên dương"),
    ("CENTRAL_DB_POOL", "«abc» phải là một số nguyên dương"),
    ("CENTRAL_WORKERS", "«abc» phải là một số nguyên dương"),
    ("CENTRAL_PORT", "cổng «abc» phải là một số từ 1 đến 65535"),
])
def test_serve_refuses_a_bad_setting_from_the_environment(monkeypatch, variable, words):
    from central.cli import main
    from tests.helpers import run_main

    monkeypatch.setenv(variable, "abc")
    result = run_main(main, ["serve"])
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr


def test_serve_workers_auto_is_one_per_core_and_the_default_stays_one(monkeypatch):
    import os

    from central.cli import build_parser

    monkeypatch.delenv("CENTRAL_WORKERS", raising=False)
    assert build_parser().parse_args(["serve"]).workers == 1
    assert build_parser().parse_args(["serve", "--workers", "auto"]).workers == len(os.sched_getaffinity(0))
    monkeypatch.setenv("CENTRAL_WORKERS", "auto")
    assert build_parser().parse_args(["serve"]).workers == len(os.sched_getaffinity(0))
