"""Backups of the desk file: online (SQLite's backup API), encrypted, verified, rotated; and restore.

An offline desk holds dossiers that exist nowhere else until they sync, so the desk copies its
file to a folder the supervisor chose (a second disk, a USB stick) on a schedule and on demand:

1. ``sqlite3.Connection.backup`` copies a consistent snapshot while the desk keeps working, into
   a private temporary folder on the local disk (no clear copy ever touches the destination);
2. the copy is checked (``PRAGMA integrity_check``) and hashed;
3. it is encrypted with the supervisor's passphrase — scrypt (n=2^15, r=8, p=1) derives a 256-bit
   key, AES-256-GCM (``cryptography``) seals 1 MiB chunks, each with its index and a last-chunk
   flag in the associated data, so a reordered, cut or altered file does not decrypt — into
   ``<folder>/<name>.tmp``, renamed into place when complete; mode 0600;
4. the written file is read back and decrypted, and its content hash compared: a backup that
   cannot be restored is reported at once, not on the day it is needed;
5. only the newest ``backup.keep`` backups of this desk stay in the folder.

The encrypted manifest (first chunk) carries the audit seal key, so a desk restored on a new PC
still proves its log. ``restore`` decrypts into the target's folder, checks it (integrity, audit
chain), keeps the current file as ``<name>.before-restore-<time>``, puts the backup in place and
marks the desk restored: it refuses to mint codes until a sync has fast-forwarded its code
counters from the central (``restore_guard``), so no Mã hồ sơ is ever issued twice.

Parts: the encrypted file format and the checks of a plain copy are ``backup_format``; verify and
restore are ``backup_restore`` (their public names are imported here: ``backup.verify``,
``backup.restore``…). This module holds the settings, the status-bar alerts and the backup itself.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from counter_app.domain.storage import StorageError, explain_storage
from counter_app.i18n import tr
from counter_app.models import Officer, Role, local_now
from counter_app.models.db import Database

from . import attachments, audit, file_store, secrets, settings
from .backup_format import SUFFIX, BackupError, decrypt, encrypt, file_sha256, integrity_problem
from .backup_restore import (
    RESTORE_WAIT,
    PreparedRestore,
    VerifiedBackup,
    finish_restore,
    prepare_restore,
    restore,
    verify,
)
from .errors import PermissionDeniedError, ValidationError
from .org import DeskContext

__all__ = [
    "DEFAULT_INTERVAL_MINUTES", "DEFAULT_KEEP", "MIN_PASSPHRASE", "PASSPHRASE_ENV", "RESTORE_WAIT", "SUFFIX",
    "BackupConfig", "BackupError", "BackupInfo", "DeskAlerts", "PreparedRestore", "VerifiedBackup", "alerts",
    "backup", "configure", "due", "finish_restore", "list_backups", "load_config", "prepare_restore", "restore",
    "stored_passphrase", "verify",
]

MIN_PASSPHRASE = 10

DIR_KEY = "backup.dir"
KEEP_KEY = "backup.keep"
INTERVAL_KEY = "backup.interval_minutes"
LAST_KEY = "backup.last_at"
LAST_FILE_KEY = "backup.last_file"
LAST_ERROR_KEY = "backup.last_error"
PASSPHRASE_KEY = "backup.passphrase"
PASSPHRASE_ENV = "COUNTER_APP_BACKUP_PASSPHRASE"
DEFAULT_KEEP = 14
DEFAULT_INTERVAL_MINUTES = 240


@dataclass(frozen=True)
class BackupConfig:
    directory: str
    keep: int
    interval_minutes: int
    has_passphrase: bool
    last_at: datetime | None
    last_file: str
    last_error: str


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    created_at: datetime
    audit_seq: int | None
    dossiers: int
    files: int = 0  # digitised files carried
    files_missing: list[str] = field(default_factory=list)  # SHA-256 of files gone or damaged on this disk


# ---------------------------------------------------------------- settings

def load_config(db: Database) -> BackupConfig:
    with db.read() as session:
        last = settings.get(session, LAST_KEY)
        return BackupConfig(
            directory=settings.get(session, DIR_KEY, "") or "",
            keep=int(settings.get(session, KEEP_KEY, DEFAULT_KEEP) or DEFAULT_KEEP),
            interval_minutes=int(settings.get(session, INTERVAL_KEY, DEFAULT_INTERVAL_MINUTES)
                                 or DEFAULT_INTERVAL_MINUTES),
            has_passphrase=secrets.is_set(session, PASSPHRASE_KEY),
            last_at=datetime.fromisoformat(last) if last else None,
            last_file=settings.get(session, LAST_FILE_KEY, "") or "",
            last_error=settings.get(session, LAST_ERROR_KEY, "") or "",
        )


def _supervisor(ctx: DeskContext) -> None:
    if not (ctx.has_role(Role.SUPERVISOR) or ctx.has_role(Role.ADMIN)):
        raise PermissionDeniedError(tr("Chỉ lãnh đạo hoặc quản trị viên mới được đặt cấu hình sao lưu."))


def configure(db: Database, ctx: DeskContext, *, directory: str, keep: int = DEFAULT_KEEP,
              interval_minutes: int = DEFAULT_INTERVAL_MINUTES, passphrase: str | None = None,
              passphrase_again: str | None = None) -> BackupConfig:
    """The supervisor's choices: folder, how many to keep, how often; a new passphrase when given."""
    _supervisor(ctx)
    directory = directory.strip()
    if not directory:
        raise ValidationError(tr("Hãy chọn thư mục lưu bản sao lưu (ổ đĩa thứ hai hoặc USB)."), field="backup_dir")
    if not 1 <= keep <= 365:
        raise ValidationError(tr("Số bản sao lưu giữ lại phải từ 1 đến 365."), field="backup_keep")
    if not 15 <= interval_minutes <= 7 * 24 * 60:
        raise ValidationError(tr("Chu kỳ sao lưu phải từ 15 phút đến 7 ngày."), field="backup_interval")
    if passphrase is not None:
        if len(passphrase) < MIN_PASSPHRASE:
            raise ValidationError(tr("Mật khẩu sao lưu phải có ít nhất {MIN_PASSPHRASE} ký tự.").format(MIN_PASSPHRASE=MIN_PASSPHRASE),
                                  field="backup_passphrase")
        if passphrase_again is not None and passphrase != passphrase_again:
            raise ValidationError(tr("Hai lần nhập mật khẩu sao lưu không giống nhau."), field="backup_passphrase_again")
    with db.write() as session:
        settings.put(session, DIR_KEY, directory)
        settings.put(session, KEEP_KEY, keep)
        settings.put(session, INTERVAL_KEY, interval_minutes)
        changed = {"dir": directory, "keep": keep, "interval_minutes": interval_minutes}
        if passphrase is not None:
            secrets.put(session, PASSPHRASE_KEY, passphrase)
            changed["passphrase"] = "đã đặt mới"
        officer = session.get(Officer, ctx.officer_id)
        audit.append(session, action="backup.configured", entity="backup", officer=officer, details=changed)
    return load_config(db)


def stored_passphrase(db: Database) -> str:
    with db.read() as session:
        return secrets.get(session, PASSPHRASE_KEY)


@dataclass(frozen=True)
class DeskAlerts:
    """What the status bar warns about (``ui/backup_ui.py``)."""

    restored: bool  # restored (or copied), not fast-forwarded by a sync yet: no reception
    backup_stale: bool  # no backup for a day (counted from the desk's first day)
    sync_stale: bool  # no successful sync for a day


STALE_AFTER = 24 * 3600


def alerts(db: Database, now: datetime | None = None) -> DeskAlerts:
    from sqlalchemy import select

    from counter_app.models import AuditEvent

    from . import restore_guard

    now = now or local_now()
    config = load_config(db)
    with db.read() as session:
        restored = bool(settings.get(session, restore_guard.FAST_FORWARD_KEY))
        last_sync = settings.get(session, "sync.last_success_at")  # sync/service.py, protocol's moment format
        synced = datetime.strptime(last_sync, "%Y-%m-%d %H:%M:%S") if last_sync else None
        set_up = settings.get(session, "desk_id") is not None
        # Since when the desk has worked: a desk set up this morning is not "a day without a backup".
        since = session.execute(select(AuditEvent.at).order_by(AuditEvent.id).limit(1)).scalar() or now
    return DeskAlerts(
        restored=restored,
        backup_stale=set_up and (now - (config.last_at or since)).total_seconds() > STALE_AFTER,
        sync_stale=set_up and (now - (synced or since)).total_seconds() > STALE_AFTER,
    )


def due(config: BackupConfig, now: datetime | None = None) -> bool:
    """Whether the schedule asks for a backup now (configured, and the last one is old enough)."""
    if not config.directory or not config.has_passphrase:
        return False
    now = now or local_now()
    return config.last_at is None or (now - config.last_at).total_seconds() >= config.interval_minutes * 60


# ---------------------------------------------------------------- backup


def _desk_label(conn: sqlite3.Connection) -> tuple[str, int]:
    try:
        row = conn.execute("SELECT u.agency_code, d.number FROM desks d JOIN units u ON u.id = d.unit_id "
                           "WHERE d.id = (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'desk_id')").fetchone()
    except sqlite3.Error:
        row = None
    return (row[0], row[1]) if row else ("chua-thiet-lap", 0)


def _prefix(agency: str, desk: int) -> str:
    return f"motcua-{agency}-quay{desk}-"


def backup(db: Database, directory: Path | str | None = None, *, passphrase: str | None = None,
           keep: int | None = None, now: datetime | None = None) -> BackupInfo:
    """One backup now (the schedule and "Sao lưu ngay" both call this); returns where it went."""
    config = load_config(db)
    target = Path(directory or config.directory).expanduser()
    if not str(directory or config.directory).strip():
        raise BackupError(tr("Chưa chọn thư mục sao lưu: hãy chọn trong Cài đặt → Sao lưu, hoặc dùng --to THƯ_MỤC."))
    passphrase = passphrase or stored_passphrase(db)
    if not passphrase:
        raise BackupError(tr("Chưa có mật khẩu sao lưu: lãnh đạo cần đặt trong Cài đặt → Sao lưu "
                          "(hoặc đặt biến môi trường {PASSPHRASE_ENV}).").format(PASSPHRASE_ENV=PASSPHRASE_ENV))
    keep = keep or config.keep
    now = now or local_now()
    try:
        info = _backup(db, target, passphrase, keep, now)
    except BackupError as exc:
        _record_failure(db, exc.message)
        raise
    except (OSError, sqlite3.Error) as exc:
        error = explain_storage(exc, target) or StorageError(tr("Không sao lưu được vào «{target}»: {exc}").format(target=target, exc=exc), kind="io")
        if error.kind in ("missing", "permission", "readonly", "full", "io", "path"):
            error = StorageError(_target_message(error.kind, target), kind=error.kind)
        _record_failure(db, error.message)
        raise error from exc
    with db.write() as session:
        settings.put(session, LAST_KEY, now.isoformat(timespec="seconds"))
        settings.put(session, LAST_FILE_KEY, str(info.path))
        settings.put(session, LAST_ERROR_KEY, "")
        audit.append(session, action="backup.created", entity="backup", entity_key=info.path.name[:64],
                     details={"dir": str(target), "size": info.size, "audit_seq": info.audit_seq,
                              "files": info.files, "files_missing": len(info.files_missing)})
    return info


def _target_message(kind: str, target: Path) -> str:
    return {
        "missing": tr("Không tìm thấy thư mục sao lưu «{target}» (USB/ổ đĩa chưa cắm?). Hãy cắm ổ đĩa rồi sao lưu lại.").format(target=target),
        "permission": tr("Không có quyền ghi vào thư mục sao lưu «{target}». Hãy chọn thư mục khác.").format(target=target),
        "readonly": tr("Thư mục sao lưu «{target}» chỉ đọc (USB bị khóa ghi?). Hãy mở khóa hoặc chọn thư mục khác.").format(target=target),
        "full": tr("Ổ đĩa của thư mục sao lưu «{target}» đã đầy. Hãy xóa bớt tệp hoặc dùng ổ khác.").format(target=target),
        "path": tr("«{target}» không phải thư mục. Hãy chọn thư mục khác.").format(target=target),
    }.get(kind, tr("Lỗi ổ đĩa khi ghi bản sao lưu vào «{target}». Hãy kiểm tra ổ đĩa rồi sao lưu lại.").format(target=target))


def _record_failure(db: Database, message: str) -> None:
    try:
        with db.write() as session:
            settings.put(session, LAST_ERROR_KEY, message)
    except Exception:  # noqa: BLE001 - the desk file itself may be the problem; the error is raised anyway
        pass


def _backup(db: Database, target: Path, passphrase: str, keep: int, now: datetime) -> BackupInfo:
    if not target.is_dir():
        raise FileNotFoundError(2, "No such directory", str(target))
    with tempfile.TemporaryDirectory(prefix="motcua-backup-") as tmp:  # 0700, on the local disk
        plain = Path(tmp) / "desk.sqlite"
        src = sqlite3.connect(db.path, timeout=30)
        dst = sqlite3.connect(plain)
        try:
            src.backup(dst, pages=4096)  # online: the desk keeps working; restarts if a page changes
        finally:
            dst.close()
            src.close()
        problem = integrity_problem(plain)
        if problem:
            raise BackupError(tr("Bản chụp cơ sở dữ liệu không toàn vẹn ({problem}): tệp của quầy có thể đang hỏng. "
                              "Hãy chạy «counter-app audit verify» và liên hệ kỹ thuật.").format(problem=problem))
        conn = sqlite3.connect(plain)
        try:
            agency, desk = _desk_label(conn)
            head = conn.execute("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
            dossiers = conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
            shas = [r[0] for r in conn.execute("SELECT DISTINCT sha256 FROM attachments ORDER BY sha256")]
        finally:
            conn.close()
        files, missing = _files_of(attachments.store_root(db), shas)
        digest = file_sha256(plain)
        seal = audit.seal_key()
        manifest = {"created_at": now.isoformat(timespec="seconds"), "agency_code": agency, "desk_number": desk,
                    "sha256": digest, "size": plain.stat().st_size, "audit_seq": head[0] if head else None,
                    "audit_head": head[1] if head else None, "dossiers": dossiers,
                    "seal_key": seal.hex() if seal else None,
                    "files": [{"sha256": sha, "size": size} for _, sha, size in files], "files_missing": missing}
        name = f"{_prefix(agency, desk)}{now:%Y%m%d-%H%M%S}{SUFFIX}"
        final = target / name
        partial = target / (name + ".tmp")
        fd = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                encrypt(plain, manifest, passphrase, out, files)
                out.flush()
                os.fsync(out.fileno())
            # Verified after writing: read back from the medium, decrypted, the same bytes.
            _, written = decrypt(partial, passphrase, None)
            if written != digest:
                raise BackupError(tr("Bản sao lưu ghi vào «{target}» đọc lại không khớp: ổ đĩa sao lưu có thể hỏng.").format(target=target))
            os.replace(partial, final)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    _rotate(target, _prefix(agency, desk), keep)
    return BackupInfo(final, final.stat().st_size, now, head[0] if head else None, dossiers, len(files), missing)


def _files_of(root: Path, shas: list[str]) -> tuple[list[tuple[Path, str, int]], list[str]]:
    """The digitised files to carry (path, sha256, size), read once to check that each still holds the
    bytes it is named after; those gone or damaged on this disk are listed apart (the backup says so:
    the database is never left unsaved for one bad scan)."""
    found: list[tuple[Path, str, int]] = []
    missing: list[str] = []
    for sha in shas:
        path = file_store.path_for(root, sha)
        if file_store.verify(path, sha):
            found.append((path, sha, path.stat().st_size))
        else:
            missing.append(sha)
    return found, missing


def _rotate(target: Path, prefix: str, keep: int) -> None:
    mine = sorted(p for p in target.glob(f"{prefix}*{SUFFIX}") if p.is_file())
    for old in mine[:-keep]:
        old.unlink(missing_ok=True)


def list_backups(directory: Path | str) -> list[Path]:
    return sorted((p for p in Path(directory).glob(f"*{SUFFIX}") if p.is_file()), reverse=True)
