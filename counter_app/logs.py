"""Log files for the desk and the central: a rotating file in the platform's log directory.

Desk: ``~/.local/state/mot-cua-counter/log/desk.log`` on Linux,
``%LOCALAPPDATA%\\mot-cua-counter\\Logs\\desk.log`` on Windows. Central: ``central.log`` in its
own directory, or the file named by ``COUNTER_CENTRAL_LOG_FILE`` (empty: stderr only, the usual
choice in a container). ``export_logs`` zips them for support. No Qt here.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import zipfile
from datetime import datetime
from pathlib import Path

from platformdirs import user_log_path

DESK_APP = "mot-cua-counter"
CENTRAL_APP = "mot-cua-central"
LOG_DIR_ENV = "COUNTER_LOG_DIR"  # overrides the platform's directory (tests, kiosks, shared PCs)
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"

_HANDLER_NAME = "mot-cua-file"


def log_dir(app: str = DESK_APP) -> Path:
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    return user_log_path(app, appauthor=False)


def file_handler(path: Path, level: int = logging.INFO) -> logging.Handler:
    """A size-rotating UTF-8 file handler (2 MB x 5); the directory is created."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                   encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    handler.set_name(_HANDLER_NAME)
    return handler


def setup_logging(name: str = "desk", *, app: str = DESK_APP, level: int | str = logging.INFO,
                  path: Path | None = None) -> Path:
    """Send the root logger to ``<log dir>/<name>.log`` (once per process); returns the file's path."""
    level = logging.getLevelName(level.upper()) if isinstance(level, str) else level
    path = path or log_dir(app) / f"{name}.log"
    root = logging.getLogger()
    for existing in root.handlers:
        if existing.get_name() == _HANDLER_NAME and isinstance(existing, logging.FileHandler):
            return Path(existing.baseFilename)
    root.addHandler(file_handler(path, level))
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.captureWarnings(True)
    return path


def current_log_file() -> Path | None:
    """The file ``setup_logging`` opened in this process, if any."""
    for handler in logging.getLogger().handlers:
        if handler.get_name() == _HANDLER_NAME and isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


def export_logs(destination: Path, directory: Path | None = None) -> Path:
    """Zip every log file (the current one and the rotated ones) into ``destination`` for support."""
    directory = directory or log_dir()
    for handler in logging.getLogger().handlers:
        handler.flush()
    destination = Path(destination)
    if destination.suffix.lower() != ".zip":
        destination = destination.with_suffix(".zip")
    destination.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in directory.glob("*.log*") if p.is_file()) if directory.is_dir() else []
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in files:
            archive.write(item, arcname=item.name)
        archive.writestr("README.txt", f"Nhật ký Một Cửa Counter, xuất lúc {datetime.now():%d/%m/%Y %H:%M:%S} "
                                       f"từ {directory} ({len(files)} tệp).\n")
    return destination
