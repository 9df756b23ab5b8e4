"""Verify and restore a backup: decrypt it fully, check its content hash, SQLite's integrity and the
audit chain inside; put it in place of the desk file (the current one kept beside it as
``<name>.before-restore-<time>``) with its digitised files, and mark the desk restored so that it
mints no code before a sync has fast-forwarded its counters (``restore_guard``).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from counter_app.domain.storage import explain_storage
from counter_app.i18n import tr
from counter_app.models import local_now
from counter_app.models.db import Database

from . import audit, file_store, settings
from .backup_format import BackupError, decrypt, integrity_problem

RESTORE_WAIT = 30.0  # seconds a restore waits for a running sync pass to end


@dataclass(frozen=True)
class VerifiedBackup:
    path: Path
    manifest: dict[str, Any]

    @property
    def created_at(self) -> str:
        return str(self.manifest.get("created_at", ""))

    @property
    def created_label(self) -> str:
        """When the backup was made, as the officer reads it: "14:05 01/12/2026"."""
        try:
            return f"{datetime.fromisoformat(self.created_at):%H:%M %d/%m/%Y}"
        except ValueError:
            return self.created_at

    @property
    def dossiers(self) -> int:
        return int(self.manifest.get("dossiers") or 0)

    @property
    def files(self) -> int:
        """Digitised files carried (0 in backups made before they were)."""
        return len(self.manifest.get("files") or [])


@contextmanager
def _staging_dropped_on_failure(staging: Path, db_path: Path) -> Iterator[None]:
    """Whatever fails, the staging copy is discarded; a storage fault is explained in Vietnamese,
    naming the desk file."""
    try:
        yield
    except BaseException as exc:
        _discard(staging)
        error = explain_storage(exc, db_path) if isinstance(exc, OSError | sqlite3.Error) else None
        if error is not None:
            raise error from exc
        raise


def verify(path: Path | str, passphrase: str) -> VerifiedBackup:
    """Decrypt fully, check the content hash, SQLite's integrity and the audit chain inside."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="motcua-verify-") as tmp:
        plain = Path(tmp) / "desk.sqlite"
        manifest = _decrypt_to(path, passphrase, plain)
        _check_plain(path, plain, manifest)
    return VerifiedBackup(path, manifest)


def _decrypt_to(path: Path, passphrase: str, plain: Path, files_to: Path | None = None) -> dict[str, Any]:
    fd = os.open(plain, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as out:
        manifest, digest = decrypt(path, passphrase, out, files_to)
    if digest != manifest.get("sha256"):
        raise BackupError(tr("Nội dung bản sao lưu «{name}» không khớp mã kiểm tra: tệp đã bị sửa hoặc hỏng.").format(name=path.name))
    return manifest


def _check_plain(path: Path, plain: Path, manifest: dict[str, Any]) -> None:
    problem = integrity_problem(plain)
    if problem:
        raise BackupError(tr("Cơ sở dữ liệu trong bản sao lưu «{name}» không toàn vẹn: {problem}.").format(name=path.name, problem=problem))
    key = bytes.fromhex(manifest["seal_key"]) if manifest.get("seal_key") else None
    result = audit.verify_file(plain, key=key)
    if not result.ok:
        where = tr(" tại dòng {first_bad_id}").format(first_bad_id=result.first_bad_id) if result.first_bad_id is not None else ""
        raise BackupError(tr("Nhật ký trong bản sao lưu «{name}» bị can thiệp{where}: {problem}.").format(name=path.name, where=where, problem=result.problem))


def restore(db_path: Path | str, path: Path | str, passphrase: str, *, now: datetime | None = None,
            wait: float = RESTORE_WAIT) -> VerifiedBackup:
    """Put a verified backup in place of the desk file; the current file is kept beside it.

    The restored desk goes through issue #11's guard (``restore_guard.mark_restored``): it receives
    no dossier until a sync has fast-forwarded its code counters from the central.
    """
    return finish_restore(prepare_restore(db_path, path, passphrase), now=now, wait=wait)


@dataclass
class PreparedRestore:
    db_path: Path
    backup: VerifiedBackup
    staging: Path  # the decrypted, checked copy beside the desk file


def prepare_restore(db_path: Path | str, path: Path | str, passphrase: str) -> PreparedRestore:
    """Decrypt and check a backup into a staging file beside the desk file — the slow half of a
    restore (the window runs it off the GUI thread); the desk file is not touched."""
    db_path = Path(db_path)
    path = Path(path)
    db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    staging = db_path.with_name(f".{db_path.name}.restoring")
    files_dir = db_path.with_name(f".{db_path.name}.restoring-files")
    _discard(staging)  # a -wal left by a restore killed half-way would be replayed into this copy
    shutil.rmtree(files_dir, ignore_errors=True)
    try:
        with _staging_dropped_on_failure(staging, db_path):
            manifest = _decrypt_to(path, passphrase, staging, files_to=files_dir)
            _check_plain(path, staging, manifest)
            store = file_store.files_root(_archive_of(staging, db_path))
            _settle(staging)
            _discard(staging, sidecars_only=True)  # checked read-only: SQLite left its -wal/-shm beside it
            _put_files(files_dir, store)
    finally:
        shutil.rmtree(files_dir, ignore_errors=True)
    return PreparedRestore(db_path, VerifiedBackup(path, manifest), staging)


def _archive_of(plain: Path, db_path: Path) -> Path:
    """The archive folder the restored desk will use: its ``archive_dir`` setting, else beside the file
    (as ``archive.archive_root``)."""
    conn = sqlite3.connect(f"file:{plain}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = 'archive_dir'").fetchone()
    finally:
        conn.close()
    configured = json.loads(row[0]) if row and row[0] else ""
    return Path(configured) if configured else db_path.parent / "archive"


def _put_files(files_dir: Path, store: Path) -> None:
    """The digitised files of a checked backup into the desk's content-addressed store. Already
    there (the same name is the same bytes) are left as they are; the store only ever gains files,
    so this may run before the database is swapped."""
    if not files_dir.is_dir():
        return
    for part in sorted(files_dir.glob("*.pdf")):
        final = file_store.path_for(store, part.stem)
        if final.exists() and file_store.verify(final, part.stem):
            continue
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_name(final.name + ".restoring")
        shutil.copyfile(part, tmp)  # the archive may be on another disk than the desk file
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, final)


def finish_restore(prepared: PreparedRestore, *, now: datetime | None = None,
                   wait: float = RESTORE_WAIT) -> VerifiedBackup:
    """Put a prepared backup in place (quick; the desk's database must be closed): the current file
    is kept beside it as ``<name>.before-restore-<time>``, the restored one marked (restore guard).

    Under the sync lock (``restore_guard.sync_lock_path``), held from before the swap until the
    restored file is marked: a sync pass of any window or process on this PC either finished before
    (its writes are in the kept file, and were sent) or starts after, on the restored file marked as
    such (it fast-forwards the counters first). A pass still running after ``wait`` seconds: refused,
    nothing changed.
    """
    from filelock import FileLock, Timeout

    from .restore_guard import sync_lock_path

    db_path, staging = prepared.db_path, prepared.staging
    now = now or local_now()
    lock = FileLock(sync_lock_path(db_path))
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        _discard(staging)
        raise BackupError(tr("Đang đồng bộ với trung tâm (ở cửa sổ hoặc tiến trình khác trên máy này) nên chưa khôi "
                             "phục: tệp của quầy chưa bị thay đổi. Hãy chờ lượt đồng bộ xong (hoặc dừng «counter-app "
                             "sync») rồi khôi phục lại.")) from None
    try:
        return _swap_and_mark(prepared, now)
    finally:
        lock.release()


def _swap_and_mark(prepared: PreparedRestore, now: datetime) -> VerifiedBackup:
    db_path, staging = prepared.db_path, prepared.staging
    with _staging_dropped_on_failure(staging, db_path):
        if db_path.exists():
            _settle(db_path)
            kept = db_path.with_name(f"{db_path.name}.before-restore-{now:%Y%m%d-%H%M%S}")
            os.replace(db_path, kept)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{db_path}{suffix}")
                if side.exists():
                    os.replace(side, Path(f"{kept}{suffix}"))
        os.replace(staging, db_path)
        os.chmod(db_path, 0o600)
    _after_restore(db_path, prepared.backup.manifest, prepared.backup.path.name)
    return prepared.backup


def _after_restore(db_path: Path, manifest: dict[str, Any], name: str) -> None:
    """Open the restored file: migrate, mark it restored (no code minted before a sync has
    fast-forwarded the counters), re-seal the audit chain on this machine, audit the restore."""
    from . import restore_guard

    backup_key = bytes.fromhex(manifest["seal_key"]) if manifest.get("seal_key") else None
    if backup_key is not None and audit.seal_key(create=False) is None:
        audit.install_seal_key(backup_key)  # a new PC: keep the key the chain was sealed with
    db = Database(db_path)
    try:
        db.upgrade()
        restore_guard.mark_restored(db)
        with db.write() as session:
            key = audit.seal_key()
            head = audit.head(session)
            if head is not None and key is not None:
                # Verified with the backup's key just before: sealed again with this machine's.
                settings.put(session, audit.CHECKPOINT_KEY, audit.seal_checkpoint([list(head)], key))
            audit.append(session, action="backup.restored", entity="backup", entity_key=name[:64],
                         details={"backup_created_at": manifest.get("created_at"),
                                  "audit_seq": manifest.get("audit_seq")})
    finally:
        db.dispose()


def _discard(staging: Path, *, sidecars_only: bool = False) -> None:
    """Remove a staging copy with its -wal and -shm (or only those)."""
    for side in ([] if sidecars_only else [staging]) + [Path(f"{staging}-wal"), Path(f"{staging}-shm")]:
        side.unlink(missing_ok=True)


def _settle(db_path: Path) -> None:
    """Fold the WAL into the current file before it is set aside, so the kept copy is whole."""
    try:
        conn = sqlite3.connect(db_path, timeout=5)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # a damaged file is kept as it is, -wal and -shm beside it
