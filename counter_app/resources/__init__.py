"""Files shipped inside the package (``counter_app/resources/``): fonts, the bundled catalog,
the forms registry, compiled translations.

They are package data, read through ``importlib.resources``, so a wheel, an editable install and
a frozen bundle all find them (a built wheel used to miss them: they lived beside the package).
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from importlib.resources import as_file, files
from pathlib import Path

_extracted = ExitStack()  # only used when the package is not on a file system (zip import)
atexit.register(_extracted.close)


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource_path("catalog", "procedures.json")``.

    A real file path (ReportLab and Qt open fonts by name): on a normal install the file itself,
    from a zipped package a temporary copy kept until the process exits.
    """
    item = files(__name__).joinpath(*parts)
    if isinstance(item, Path):
        return item
    return _extracted.enter_context(as_file(item))
