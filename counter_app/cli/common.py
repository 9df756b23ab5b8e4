"""What the commands share: the desk file they work on (which must exist unless the command makes a
desk), opening it, and the dates and moments typed on the command line."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.i18n import tr
from counter_app.services.errors import ServiceError

if TYPE_CHECKING:  # the command line imports SQLAlchemy only for the commands that use it
    from counter_app.models.db import Database


def parse_moment(text: str) -> datetime:
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise ServiceError(tr("Thời điểm «{text}» không đúng dạng YYYY-MM-DD HH:MM.").format(text=text)) from None


# The commands that may make a new desk file (the first-run set-up, a demo desk, a schema or a catalog
# into a new file); every other one refuses a path that does not exist: a mistyped --db, or an unplugged
# drive, must not become a fresh, empty desk. `backup restore` writes its target itself.
CREATING = {"setup", "demo-data", "db upgrade", "catalog import"}


def desk_path(args: argparse.Namespace, *, create: bool = False) -> Path:
    """The desk file the command works on; it must exist unless the command creates a desk."""
    from counter_app.models.db import default_db_path

    path = Path(args.db) if args.db else default_db_path()
    if not create and not path.exists():
        from counter_app.domain.storage import StorageError

        raise StorageError(tr("Không tìm thấy tệp cơ sở dữ liệu «{path}» (gõ sai --db, tệp bị xóa/đổi tên, hoặc ổ "
                              "USB/ổ mạng chưa cắm). Lệnh này không tạo quầy mới; để tạo quầy mới dùng "
                              "«counter-app setup» hoặc mở ứng dụng.").format(path=path), kind="missing")
    return path


def open_db(args: argparse.Namespace, **options: bool):  # noqa: ANN202 - Database
    from counter_app.services.desk_database import open_desk_database

    command = " ".join(filter(None, (args.command, getattr(args, f"{args.command}_command", None))))
    path = desk_path(args, create=command in CREATING)
    # The quick integrity check gets a short budget here: a command on a large file must stay quick;
    # a file it could not check in full is said so (until `db check` or the window checked it all).
    db = open_desk_database(path, check_budget=0.3, **options)
    say_partial_check(db)
    return db


def say_partial_check(db: Database) -> None:
    from counter_app.services.desk_database import partial_check_note

    note = partial_check_note(db)
    if note:
        print(note, file=sys.stderr)


def fmt(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def default_db_exists() -> bool:
    from counter_app.models.db import default_db_path

    return default_db_path().exists()


def parse_day(text: str) -> date:
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise ServiceError(tr("Ngày «{text}» không đúng dạng YYYY-MM-DD.").format(text=text)) from None
