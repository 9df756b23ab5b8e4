"""The central as it runs in production: the container definition's command line with only
environment configuration, on PostgreSQL, several workers; liveness, readiness and metrics."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from central.app import create_app
from central.db import CentralDatabase

from .harness import REPO, free_port, run_central_cli, web

DOCKERFILE = REPO / "deploy" / "central" / "Dockerfile"


def container_definition() -> tuple[list[str], dict[str, str]]:
    """The Dockerfile's CMD (exec form) and its ENV lines."""
    command: list[str] = []
    env: dict[str, str] = {}
    for line in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("ENV "):
            name, _, value = line[4:].partition("=")
            env[name.strip()] = value.strip()
        elif line.startswith("CMD "):
            command = json.loads(line[4:])
    return command, env


def wait_ready(url: str, proc: subprocess.Popen, log: Path, timeout: float = 90.0) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the central exited ({proc.returncode}): {log.read_text(errors='replace')}")
        try:
            answer = web.get(f"{url}/readyz", timeout=2.0)
            if answer.status_code == 200:
                return answer
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"not ready in {timeout} s: {log.read_text(errors='replace')}")


@pytest.mark.slow
def test_container_command_with_environment_only(postgres, tmp_path: Path) -> None:
    command, image_env = container_definition()
    assert command == ["counter-central", "serve"]  # no option on the command line: all from ENV
    assert image_env["CENTRAL_HOST"] == "0.0.0.0" and int(image_env["CENTRAL_WORKERS"]) >= 2

    database_url = postgres.create_database("production")
    port = free_port()
    # The image's environment, plus what `docker run -e` / compose gives; loopback instead of 0.0.0.0 here.
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "LANG": "C.UTF-8", **image_env,
           "DATABASE_URL": database_url, "CENTRAL_HOST": "127.0.0.1", "CENTRAL_PORT": str(port),
           "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics")}
    executable = Path(sys.executable).parent / command[0]
    log = tmp_path / "central.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(executable), *command[1:]], env=env, cwd=tmp_path, stdout=out,
                                stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        ready = wait_ready(url, proc, log).json()
        assert ready["status"] == "ok" and ready["schema"]  # migrated on start, at the head
        assert web.get(f"{url}/livez", timeout=5).json() == {"status": "ok"}

        token = run_central_cli(database_url, "desk", "add", "--unit", "000.00.01.H12", "--desk", "1").stdout.strip()
        headers = {"Authorization": f"Bearer {token}"}
        pushed = web.post(f"{url}/api/v1/sync/push", json={"events": []}, headers=headers, timeout=10)
        assert pushed.status_code == 200, pushed.text
        for _ in range(3):
            assert web.get(f"{url}/api/v1/sync/changes", params={"after": 0}, headers=headers,
                             timeout=10).status_code == 200

        metrics = web.get(f"{url}/metrics", timeout=10).text
        assert 'central_http_requests_total{method="GET",route="/readyz",status="200"}' in metrics
        assert 'route="/api/v1/sync/changes",status="200"} 3.0' in metrics  # all workers added up
        assert "central_push_batches_total 1.0" in metrics
        assert "central_pull_requests_total 3.0" in metrics
        assert "central_quarantined_events_total" in metrics
        assert "central_http_request_duration_seconds_bucket" in metrics
    finally:
        proc.terminate()
        proc.wait(30)
    text = log.read_text(errors="replace")
    assert "Traceback" not in text, text


def test_not_ready_until_the_schema_is_migrated(tmp_path: Path) -> None:
    db = CentralDatabase(f"sqlite:///{tmp_path / 'central.sqlite'}")
    try:
        client = TestClient(create_app(db=db))
        assert client.get("/livez").status_code == 200  # alive: nothing wrong with the process
        answer = client.get("/readyz")
        assert answer.status_code == 503 and answer.json()["reason"] == "schema"
        db.upgrade()
        assert client.get("/readyz").json()["status"] == "ok"
    finally:
        db.dispose()


def test_lookup_base_url_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CENTRAL_PUBLIC_URL", "https://motcua.camau.gov.vn/")
    url = f"sqlite:///{tmp_path / 'central.sqlite'}"
    token = run_central_cli(url, "desk", "add", "--unit", "000.00.01.H12", "--desk", "2").stdout.strip()
    db = CentralDatabase(url)
    try:
        client = TestClient(create_app(db=db))
        me = client.get("/api/v1/sync/whoami", headers={"Authorization": f"Bearer {token}"}).json()
        assert me["lookup_url_template"] == "https://motcua.camau.gov.vn/tra-cuu/{code}"
    finally:
        db.dispose()
