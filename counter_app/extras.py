"""Which optional part of the distribution a missing module belongs to.

One distribution, two installs: ``mot-cua-counter[desk]`` (Qt, printing, the sync client) on the
officers' PCs, ``mot-cua-counter[central]`` (FastAPI, uvicorn, psycopg, metrics) on the server.
Both commands are installed either way; a command whose libraries are missing says what to
install instead of dying with a traceback. No third-party import here.
"""

from __future__ import annotations

DISTRIBUTION = "mot-cua-counter"

EXTRA_MODULES = {
    "desk": frozenset({"PySide6", "shiboken6", "reportlab", "barcode", "openpyxl", "httpx",
                         "cryptography", "keyring"}),
    "central": frozenset({"fastapi", "starlette", "pydantic", "uvicorn", "psycopg", "prometheus_client",
                            "limits", "orjson"}),
}


def missing_extra(exc: ModuleNotFoundError) -> str | None:
    """The extra (``desk``/``central``) that provides the module ``exc`` could not import, if any."""
    root = (exc.name or "").split(".")[0]
    for extra, modules in EXTRA_MODULES.items():
        if root in modules:
            return extra
    return None


def install_hint(exc: ModuleNotFoundError, command: str) -> str | None:
    """One Vietnamese sentence telling what to install, or None for a module that is ours to fix."""
    extra = missing_extra(exc)
    if extra is None:
        return None
    what = "phần mềm quầy" if extra == "desk" else "hệ thống trung tâm"
    return (f"Lỗi: lệnh «{command}» cần thư viện {exc.name}, chưa được cài: bản cài này thiếu phần "
            f"{what}. Hãy cài: pip install '{DISTRIBUTION}[{extra}]'")
