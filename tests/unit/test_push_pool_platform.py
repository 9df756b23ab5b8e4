"""Where pushes are applied: push processes need a fork server, which Windows has not."""

from __future__ import annotations

import multiprocessing

import pytest

from central import push_pool


def test_pushes_go_to_processes_by_default_where_a_fork_server_exists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(push_pool.IN_THREADS_ENV, raising=False)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["fork", "spawn", "forkserver"])
    assert push_pool.in_processes()
    monkeypatch.setenv(push_pool.IN_THREADS_ENV, "1")
    assert not push_pool.in_processes()


def test_without_a_fork_server_pushes_stay_in_the_worker_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(push_pool.IN_THREADS_ENV, raising=False)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])  # Windows
    assert not push_pool.in_processes()


def test_the_push_brokers_line_has_two_processes_per_core_unless_the_concurrency_is_set(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from central.push_broker import broker_size

    monkeypatch.delenv("CENTRAL_PUSH_CONCURRENCY", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2})
    assert broker_size(2) == broker_size(4) == 6
    monkeypatch.setenv("CENTRAL_PUSH_CONCURRENCY", "3")  # per worker, as without a broker
    assert broker_size(2) == 6 and broker_size(4) == 12
