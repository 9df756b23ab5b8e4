"""UI fixtures: real widgets on the offscreen platform with the app's bundled fonts."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def qapp_args():
    return ["counter-app-tests"]


@pytest.fixture(autouse=True)
def _scanner_paced(scanner_clock):
    """Every UI test scans at a scanner's pace, whatever the machine's load."""
    return scanner_clock


@pytest.fixture(autouse=True)
def app_fonts(qapp):
    from counter_app.ui.application import install_fonts

    install_fonts(qapp)
    return qapp

