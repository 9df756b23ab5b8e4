"""Restored or copied desk files (issue #11): no code is minted until the counters are current.

A desk database brought back from an older backup (or copied to another PC) has counters behind
what it already sent: its next dossier code and event sequence number were used before, by
dossiers of other citizens. ``mark_restored(db)`` is **the service call a restore must make**
(the backup restore of issue #17 routes through it); opening a file last used by another
installation (``check_installation``, at start-up and every sync pass) does the same. Both set
``FAST_FORWARD_KEY``; ``code_allocation.allocate`` then refuses to mint codes, with a message
saying to sync first, until a sync pass has fast-forwarded the counters to the central's
high-water marks and cleared it (counter_app/sync/guard.py). The installation id is a random id
kept per PC in the user config dir.
"""

from __future__ import annotations

import logging
import threading
import uuid
from pathlib import Path

from platformdirs import user_config_dir
from sqlalchemy.orm import Session

from counter_app.i18n import QT_TR_NOOP, tr
from counter_app.models.db import Database

from . import settings
from .errors import ServiceError

log = logging.getLogger(__name__)

FAST_FORWARD_KEY = "sync.fast_forward_needed"  # '' or why the desk waits for a sync
INSTALLATION_KEY = "sync.installation"  # the installation that last used this desk file

RESTORED = QT_TR_NOOP("Cơ sở dữ liệu của quầy vừa được khôi phục từ bản sao lưu.")
COPIED = (QT_TR_NOOP("Tệp dữ liệu của quầy được mở trên một máy khác với máy đã dùng nó lần trước "
          "(tệp được sao chép hoặc chuyển máy)."))


class CountersBehindError(ServiceError):
    """The desk's code counters may be behind what the central has seen: sync first."""


_ids: dict[Path, str] = {}
_ids_lock = threading.Lock()


def installation_id() -> str:
    """This PC's installation id, created on first use — once, even when several threads or
    processes ask at the same moment (exclusive create; the loser reads the winner's id)."""
    path = Path(user_config_dir("mot-cua-counter", appauthor=False)) / "installation-id"
    with _ids_lock:
        if path in _ids:
            return _ids[path]
        try:
            value = path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            value = ""
        if not value:
            value = str(uuid.uuid4())
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                with open(path, "x", encoding="ascii") as out:
                    out.write(value)
            except FileExistsError:
                value = path.read_text(encoding="ascii").strip() or value
        _ids[path] = value
        return value


def sync_lock_path(db_path: Path | str) -> str:
    """The lock a sync pass holds on a desk file (``desk.sqlite`` → ``desk.sqlite.sync-lock``), an OS file
    lock so it binds every window and process on the PC. A restore takes it too (services/backup.py):
    no sync pass writes while the file is swapped and marked restored."""
    return f"{db_path}.sync-lock"


def mark_restored(db: Database, why: str = RESTORED) -> None:
    """After restoring this desk file from a backup: no code is minted until the next sync has
    fast-forwarded the counters from the central."""
    with db.write() as session:
        settings.put(session, FAST_FORWARD_KEY, why)


def needs_fast_forward(db: Database) -> str:
    """'' or the reason reception is waiting for a sync."""
    with db.read() as session:
        return settings.get(session, FAST_FORWARD_KEY) or ""


def check_installation(db: Database, installation: str) -> bool:
    """A desk file last used by another installation is treated as copied (or restored there).
    Returns whether the file now waits for a sync."""
    with db.write() as session:
        stored = settings.get(session, INSTALLATION_KEY)
        if stored is None:
            settings.put(session, INSTALLATION_KEY, installation)
        elif stored != installation and not settings.get(session, FAST_FORWARD_KEY):
            log.warning("desk file last used by installation %s, now opened by %s", stored, installation)
            settings.put(session, FAST_FORWARD_KEY, COPIED)
        return bool(settings.get(session, FAST_FORWARD_KEY))


def require_current(session: Session) -> None:
    """Raise CountersBehindError while the desk waits for a fast-forward (called before minting a code)."""
    why = settings.get(session, FAST_FORWARD_KEY)
    if why:
        raise CountersBehindError(
            tr("{why} Để không cấp trùng mã hồ sơ với hồ sơ đã gửi lên trước đây, quầy chưa tiếp nhận được cho đến "
            "khi đồng bộ xong với máy chủ trung tâm: bấm «Đồng bộ ngay» ở thanh trạng thái (cần kết nối mạng).").format(why=tr(why)))
