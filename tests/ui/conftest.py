"""UI fixtures: real widgets on the offscreen platform with the app's bundled fonts."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def qapp_args():
    return ["counter-app-tests"]


@pytest.fixture(autouse=True)
def app_fonts(qapp):
    from counter_app.ui.application import install_fonts
    from counter_app.ui.pyside_fix import protect_none

    protect_none()  # as create_application does: PySide6 6.12 on Python 3.11 leaks None references
    install_fonts(qapp)
    return qapp

