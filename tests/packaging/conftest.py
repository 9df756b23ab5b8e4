"""Tests of what is built from the checkout (the wheel, the frozen bundle), run outside it.

They take tens of seconds to minutes (fresh virtual environments, a PyInstaller build), so
`make test` skips them and `make test-package` (run by .ci/run) runs them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("COUNTER_PACKAGE_TESTS") == "1":
        return
    skip = pytest.mark.skip(reason="built-package test: `make test-package` (and .ci/run) runs it")
    for item in items:
        if item.get_closest_marker("package"):
            item.add_marker(skip)


def clean_env(home: Path) -> dict[str, str]:
    """The environment of a user's shell: no PYTHONPATH, no venv of the checkout, a HOME of its own."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME") and not k.startswith("PYTEST")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local/share"), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_STATE_HOME=str(home / ".local/state"), QT_QPA_PLATFORM="offscreen")
    env.pop("COUNTER_APP_DB", None)
    return env


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel pip builds from the checkout (in an isolated build environment, like a release)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
                   check=True, cwd=out, timeout=600)
    (built,) = out.glob("mot_cua_counter-*.whl")
    return built


def make_venv(where: Path, requirement: str, env: dict[str, str]) -> Path:
    """A fresh virtual environment outside the checkout with ``requirement`` installed; its bin dir."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, cwd=where.parent, env=env, timeout=120)
    bin_dir = where / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    requirement], check=True, cwd=where.parent, env=env, timeout=900)
    return bin_dir
