"""Opening the desk database: migrate it, load the bundled catalog, create the demo set-up.

One call for every way the desk starts (the GUI behind its login form, each command line).
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

from counter_app.domain.storage import StorageError, storage_message
from counter_app.i18n import tr
from counter_app.models import local_now
from counter_app.models.db import CHECK_BUDGET_ENV, QUICK_CHECK_BUDGET, Database, default_db_path

from . import catalog, org, restore_guard, settings

SOUND_AT_KEY = "integrity.sound_at"  # when a complete check last found the file sound
FULL_CHECK_FRESH = timedelta(hours=24)


def check_budget(default: float) -> float:
    """The open check's budget: ``$COUNTER_APP_CHECK_BUDGET`` seconds when set, else ``default``."""
    try:
        return max(0.0, float(os.environ.get(CHECK_BUDGET_ENV, "") or default))
    except ValueError:
        return default


def refuse_if_damaged(db: Database, budget: float | None = QUICK_CHECK_BUDGET) -> bool:
    """The quick integrity check: a damaged file is refused with what to do (restore a backup).

    Returns whether the whole file was checked; a check out of time is not taken as sound
    (``db.fully_checked`` stays False until :func:`full_check` has run)."""
    result = db.quick_check(budget)
    if result.problems:
        raise StorageError(storage_message("corrupt", f"«{db.path}»") + tr(" (Kiểm tra: {problems})").format(problems=result.problems[0]),
                           kind="corrupt")
    db.fully_checked = result.complete
    return result.complete


def full_check(db: Database) -> None:
    """The whole quick check, however long it takes (the window runs it in the background after a start
    whose check ran out of time; ``counter-app db check``). Damage raises the corrupt ``StorageError``;
    a sound file is recorded (``SOUND_AT_KEY``) so commands on it need not warn for a day."""
    refuse_if_damaged(db, None)
    with db.write() as session:
        settings.put(session, SOUND_AT_KEY, local_now().isoformat(timespec="seconds"))


def partial_check_note(db: Database) -> str:
    """'' when the file was checked in full at open or recently enough; else what to run."""
    if db.fully_checked is not False:
        return ""
    with db.read() as session:
        last = settings.get(session, SOUND_AT_KEY)
    if last and local_now() - datetime.fromisoformat(last) < FULL_CHECK_FRESH:
        return ""
    return tr("Lưu ý: tệp dữ liệu lớn nên lần mở này chỉ kiểm tra toàn vẹn được một phần; kiểm tra đầy đủ "
              "(có thể mất vài phút): counter-app db check.")


def check_budget_of(given: float | None) -> float:
    return check_budget(QUICK_CHECK_BUDGET if given is None else given)


def _known_desks_file() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("mot-cua-counter", appauthor=False)) / "desk-files"


def was_opened_here(path: Path) -> bool:
    """Whether this account opened a desk file at ``path`` before (``remember_desk``)."""
    try:
        known = _known_desks_file().read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    return str(Path(path).absolute()) in known


def remember_desk(path: Path) -> None:
    """Note a desk file this account opened, so that its disappearance is not taken for a first start.
    Best effort: a config folder that cannot be written only loses the note."""
    if was_opened_here(path):
        return
    target = _known_desks_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "a", encoding="utf-8") as out:
            out.write(str(Path(path).absolute()) + "\n")
    except OSError:
        pass


def open_desk_database(path: Path | str | None = None, *, demo_setup: bool = True,
                       bundled_catalog: bool = True, check_budget: float | None = None,
                       recreate: bool = True) -> Database:
    """Check, migrate, load the bundled catalog into an empty database, create the demo unit/desk/officer.

    The quick integrity check (``Database.quick_check``) runs first: a damaged file is refused
    with what to do (restore a backup) instead of signing in and failing later. ``recreate=False``
    (the window): a desk file this account opened before and that is gone now (a USB drive not
    plugged in, a mount point left empty, the file deleted) is refused, never started afresh.
    """
    path = Path(path or default_db_path())
    if not recreate and not path.exists() and was_opened_here(path):
        raise StorageError(tr("Không tìm thấy tệp cơ sở dữ liệu «{path}» mà máy này đã dùng trước đây (ổ USB/ổ mạng "
                              "chưa cắm, hoặc tệp bị xóa, đổi tên). Hãy cắm lại ổ đĩa rồi mở lại phần mềm, hoặc khôi "
                              "phục từ bản sao lưu (counter-app backup restore TỆP --db «{path}»); phần mềm không "
                              "tạo một quầy trống thay cho nó.").format(path=path), kind="missing")
    db = Database(path)
    try:
        refuse_if_damaged(db, check_budget_of(check_budget))
        try:
            db.upgrade()
        except Exception as exc:
            error = db.storage_error(exc)
            if error is exc:
                raise
            raise error from exc
        if bundled_catalog:
            catalog.ensure_bundled_catalog(db)
        if demo_setup:
            with db.write() as session:
                org.ensure_demo_setup(session)
        # A file last used by another PC (copied) mints no code until a sync fast-forwarded it.
        restore_guard.check_installation(db, restore_guard.installation_id())
    except BaseException:
        db.dispose()  # a failed start must not leave the file open
        raise
    remember_desk(path)
    return db
