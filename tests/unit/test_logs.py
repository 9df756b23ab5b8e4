"""Log files: a rotating file in the platform's log directory, exported as one zip for support."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import pytest
from platformdirs import user_log_path

from counter_app import logs


@pytest.fixture
def root_handlers():
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in before:
            handler.close()
    root.handlers[:] = before
    root.setLevel(level)


def test_desk_log_goes_to_the_platform_log_dir_and_rotates(isolated_data_dir: Path, root_handlers) -> None:
    path = logs.setup_logging("desk")
    assert path == user_log_path("mot-cua-counter", appauthor=False) / "desk.log"
    assert str(path).startswith(str(isolated_data_dir))  # the test's own HOME, never the real one
    assert logs.setup_logging("desk") == path  # idempotent: one handler per process
    assert sum(h.get_name() == "mot-cua-file" for h in logging.getLogger().handlers) == 1

    line = "Đã nhận hồ sơ 000.00.01.H12-261125-1001 " + "x" * 1000
    for _ in range(2600):  # > 2 MB
        logging.getLogger("counter_app.test").info(line)
    assert path.exists() and path.with_name("desk.log.1").exists()
    assert path.stat().st_size <= logs.MAX_BYTES
    assert "Đã nhận hồ sơ" in path.with_name("desk.log.1").read_text(encoding="utf-8")

    exported = logs.export_logs(isolated_data_dir / "support" / "nhat-ky")
    assert exported.suffix == ".zip"
    with zipfile.ZipFile(exported) as archive:
        names = set(archive.namelist())
        assert {"desk.log", "desk.log.1", "README.txt"} <= names
        assert "Đã nhận hồ sơ" in archive.read("desk.log.1").decode("utf-8")


def test_central_log_dir_is_its_own_and_can_be_overridden(tmp_path: Path, monkeypatch) -> None:
    assert logs.log_dir(logs.CENTRAL_APP) != logs.log_dir(logs.DESK_APP)
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path / "logs"))
    assert logs.log_dir(logs.CENTRAL_APP) == tmp_path / "logs"


def test_export_without_any_log_file_still_gives_a_zip(tmp_path: Path) -> None:
    exported = logs.export_logs(tmp_path / "out.zip", tmp_path / "missing")
    with zipfile.ZipFile(exported) as archive:
        assert archive.namelist() == ["README.txt"]
