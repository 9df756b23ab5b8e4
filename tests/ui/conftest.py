"""UI fixtures: real widgets on the offscreen platform with the app's bundled fonts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def shots_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This run's screenshots: ``<pytest's base temp>/screenshots`` (each xdist worker has its own;
    pytest keeps the last three runs, e.g. /tmp/pytest-of-$USER/pytest-current/popen-gw0/screenshots)."""
    return tmp_path_factory.mktemp("screenshots", numbered=False)


@pytest.fixture
def shot(shots_dir: Path) -> Callable[..., Path]:
    """``shot(widget, "name")``: grab the widget into ``shots_dir/name.png`` and return the path."""

    def take(widget, name: str) -> Path:  # noqa: ANN001 - any QWidget
        path = shots_dir / (name if name.endswith(".png") else f"{name}.png")
        assert widget.grab().save(str(path)), path
        return path

    return take


@pytest.fixture(autouse=True)
def _scanner_paced(scanner_clock):
    """Every UI test scans at a scanner's pace, whatever the machine's load."""
    return scanner_clock


@pytest.fixture(autouse=True)
def app_fonts(qapp):
    from counter_app.ui.application import install_fonts

    install_fonts(qapp)
    return qapp
