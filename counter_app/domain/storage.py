"""Storage faults explained in Vietnamese: which fault an ``sqlite3``/``OSError`` is (full disk,
read-only, permission, corruption, missing file, …) and what the officer should do.

Stdlib only (it is loaded at start-up, before SQLAlchemy), beneath the models so the database
layer can raise it. ``StorageError`` is a ``ServiceError`` (``counter_app.domain.errors``), so every
screen and command that already shows a service's message shows a storage fault the same way:
at the place it happened, in Vietnamese, with the typed form kept (the unit of work was rolled
back, nothing half-written).
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from counter_app.domain.errors import ServiceError
from counter_app.i18n import QT_TR_NOOP, tr

__all__ = ["STORAGE_KINDS", "ServiceError", "StorageError", "explain_storage", "storage_kind", "storage_message"]


class StorageError(ServiceError):
    """The disk or the database file failed; ``kind`` is one of the keys of ``STORAGE_KINDS``."""

    def __init__(self, message: str, *, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


STORAGE_KINDS = ("full", "readonly", "permission", "corrupt", "missing", "path", "busy", "io")

_SAVED = QT_TR_NOOP("Việc vừa làm chưa được lưu; những gì đã nhập vẫn còn trên màn hình.")


def storage_message(kind: str, where: str) -> str:
    return {
        "full": tr("Ổ đĩa chứa cơ sở dữ liệu {where} đã đầy. {SAVED} Hãy giải phóng dung lượng "
                "(xóa tệp không cần, chuyển bản sao lưu cũ sang ổ khác) rồi làm lại.").format(where=where, SAVED=tr(_SAVED)),
        "readonly": tr("Cơ sở dữ liệu {where} đang ở chế độ chỉ đọc (ổ đĩa hoặc thư mục không cho ghi). {SAVED} "
                    "Hãy kiểm tra ổ đĩa/USB (khóa ghi, lỗi ổ đĩa) hoặc chọn tệp khác (--db).").format(where=where, SAVED=tr(_SAVED)),
        "permission": tr("Tài khoản đang chạy phần mềm không có quyền đọc/ghi cơ sở dữ liệu {where}. {SAVED} "
                      "Hãy chạy bằng đúng tài khoản của quầy hoặc nhờ kỹ thuật kiểm tra quyền của tệp.").format(where=where, SAVED=tr(_SAVED)),
        "corrupt": tr("Tệp cơ sở dữ liệu {where} bị hỏng hoặc không phải cơ sở dữ liệu của Một Cửa Counter. "
                   "Đừng ghi thêm vào tệp này: hãy khôi phục từ bản sao lưu gần nhất "
                   "(counter-app backup restore TỆP) rồi đồng bộ lại với trung tâm.").format(where=where),
        "missing": tr("Không tìm thấy tệp cơ sở dữ liệu {where} (tệp đã bị xóa, đổi tên, hoặc ổ USB/ổ mạng bị "
                   "rút ra). Hãy cắm lại ổ đĩa, hoặc khôi phục từ bản sao lưu.").format(where=where),
        "path": tr("Không tạo được cơ sở dữ liệu {where}: trên đường dẫn có một tệp trùng tên thư mục. "
                "Hãy chọn đường dẫn khác (--db).").format(where=where),
        "busy": tr("Cơ sở dữ liệu {where} đang bị một chương trình khác giữ quá lâu. {SAVED} "
                "Hãy đóng chương trình đó rồi làm lại.").format(where=where, SAVED=tr(_SAVED)),
        "io": tr("Lỗi đọc/ghi ổ đĩa ở cơ sở dữ liệu {where}. {SAVED} Hãy kiểm tra ổ đĩa "
              "(cáp, USB, lỗi phần cứng) rồi làm lại; nếu lỗi còn, khôi phục từ bản sao lưu.").format(where=where, SAVED=tr(_SAVED)),
    }[kind]


def causes(exc: BaseException) -> list[BaseException]:
    """The exception, its causes and contexts, and for SQLAlchemy errors the driver's error, once each."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:  # the exception, its causes and, for SQLAlchemy errors, the driver's error
        item = todo.pop(0)
        if item is None or any(item is s for s in seen):
            continue
        seen.append(item)
        todo += [getattr(item, "orig", None), item.__cause__, item.__context__]
    return seen


def storage_kind(exc: BaseException) -> str | None:
    """Which storage fault ``exc`` (or one of its causes) is, or None when it is not one."""
    for item in causes(exc):
        if isinstance(item, StorageError):
            return item.kind
        if isinstance(item, sqlite3.Error):
            name = getattr(item, "sqlite_errorname", "") or ""
            text = str(item).lower()
            if name == "SQLITE_FULL" or "disk is full" in text:
                return "full"
            if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
                return "readonly"
            if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or name.startswith("SQLITE_CORRUPT") \
                    or "malformed" in text or "not a database" in text:
                return "corrupt"
            if name == "SQLITE_PERM" or name == "SQLITE_AUTH":
                return "permission"
            if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
                return "missing"
            if name.startswith("SQLITE_IOERR") or "disk i/o" in text:
                return "io"
            if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
                return "busy"
        if isinstance(item, OSError) and not isinstance(item, sqlite3.Error):
            if item.errno in (errno.ENOSPC, errno.EDQUOT):
                return "full"
            if item.errno == errno.EROFS:
                return "readonly"
            if item.errno in (errno.EACCES, errno.EPERM):
                return "permission"
            if item.errno in (errno.EEXIST, errno.ENOTDIR):
                return "path"
            if item.errno == errno.ENOENT:
                return "missing"
            if item.errno == errno.EIO:
                return "io"
    return None


def explain_storage(exc: BaseException, path: Path | str | None = None) -> StorageError | None:
    """A ``StorageError`` with the Vietnamese explanation, or None when ``exc`` is no storage fault."""
    for item in causes(exc):
        if isinstance(item, StorageError):
            return item
    kind = storage_kind(exc)
    if kind is None:
        return None
    if kind in ("missing", "permission", "readonly") and path:
        kind = _refine_open_failure(Path(path), kind)
    where = f"«{path}»" if path else tr("của quầy")
    return StorageError(storage_message(kind, where), kind=kind)


def _refine_open_failure(path: Path, kind: str) -> str:
    """SQLite says "unable to open" for a missing file, a read-only medium and a denied one alike."""
    try:
        probe = path if path.exists() else path.parent
        if not probe.exists():
            return "missing"
        if hasattr(os, "statvfs") and os.statvfs(probe).f_flag & os.ST_RDONLY:  # no statvfs on Windows
            return "readonly"
        # The effective account decides, as for the open that failed (a program started under another
        # account, a service dropping its rights).
        if not os.access(probe, os.R_OK | os.W_OK, effective_ids=os.access in os.supports_effective_ids):
            return "permission"
    except PermissionError:
        return "permission"  # a folder on the way the account may not enter
    except OSError:
        return kind
    return kind
