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
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import sqlite3
import struct
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from counter_app.domain.storage import StorageError, explain_storage
from counter_app.i18n import tr
from counter_app.models import Officer, Role, local_now
from counter_app.models.db import Database

from . import attachments, audit, file_store, secrets, settings
from .errors import PermissionDeniedError, ValidationError
from .org import DeskContext

MAGIC = b"MOTCUA-BACKUP-1\n"
SUFFIX = ".mcbak"
CHUNK = 1 << 20
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 15, 8, 1
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
RESTORE_WAIT = 30.0  # seconds a restore waits for a running sync pass to end
DEFAULT_INTERVAL_MINUTES = 240


class BackupError(ValidationError):
    pass


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


# ---------------------------------------------------------------- the encrypted format

def _key(passphrase: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">IB", index, 1 if last else 0)


def _encrypt(plain: Path, manifest: dict[str, Any], passphrase: str, out: BinaryIO,
             files: Sequence[tuple[Path, str, int]] = ()) -> None:
    """The stream after the manifest: the database's bytes, then each digitised file's ``(path, sha256,
    size)`` in the manifest's order; a file that changed since it was checked fails the backup."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = os.urandom(16)
    prefix = os.urandom(8)
    header = json.dumps({"format": 1, "kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                         "salt": base64.b64encode(salt).decode(), "nonce_prefix": base64.b64encode(prefix).decode(),
                         "cipher": "AES-256-GCM", "chunk": CHUNK}).encode() + b"\n"
    aead = AESGCM(_key(passphrase, salt))
    out.write(MAGIC + header)

    def chunks() -> Iterator[bytes]:
        yield json.dumps(manifest, ensure_ascii=False).encode("utf-8")
        with open(plain, "rb") as f:
            while block := f.read(CHUNK):
                yield block
        for source, sha, size in files:
            digest, read = hashlib.sha256(), 0
            with open(source, "rb") as f:
                while block := f.read(CHUNK):
                    digest.update(block)
                    read += len(block)
                    yield block
            if read != size or digest.hexdigest() != sha:
                raise BackupError(tr("Tệp số hóa «{path}» thay đổi trong lúc sao lưu: hãy sao lưu lại.").format(
                    path=source))

    index = 0
    pending: bytes | None = None
    for block in chunks():
        if pending is not None:
            _write_chunk(out, aead, prefix, header, index, pending, last=False)
            index += 1
        pending = block
    _write_chunk(out, aead, prefix, header, index, pending or b"", last=True)


def _write_chunk(out: BinaryIO, aead: Any, prefix: bytes, header: bytes, index: int, data: bytes,
                 *, last: bool) -> None:
    sealed = aead.encrypt(prefix + struct.pack(">I", index), data, _aad(header, index, last))
    out.write(struct.pack(">IB", len(sealed), 1 if last else 0) + sealed)


def _wrong(path: Path) -> BackupError:
    return BackupError(tr("Không giải mã được bản sao lưu «{name}»: sai mật khẩu sao lưu, hoặc tệp đã bị "
                       "sửa/hỏng.").format(name=path.name), field="backup_passphrase")


class _Segments:
    """Splits the decrypted stream: the database (``manifest["size"]`` bytes) to ``out``, then each
    digitised file of ``manifest["files"]``, checked against its SHA-256 (its name in the store) and,
    with ``files_to``, written there as ``<sha256>.pdf``. Backups made before files were carried hold
    the database only."""

    def __init__(self, path: Path, manifest: dict[str, Any], out: BinaryIO | None, files_to: Path | None) -> None:
        self.path, self.out, self.files_to = path, out, files_to
        self.db_digest = hashlib.sha256()
        try:
            self.todo = [(None, int(manifest["size"]))] + [(str(f["sha256"]), int(f["size"]))
                                                          for f in manifest.get("files") or []]
        except (KeyError, TypeError, ValueError):
            raise _wrong(path) from None
        self.current: tuple[str | None, int] | None = None
        self.left = 0
        self.file_digest = hashlib.sha256()
        self.file_out: BinaryIO | None = None
        self._next()

    def _next(self) -> None:
        self.current = self.todo.pop(0) if self.todo else None
        self.left = self.current[1] if self.current else 0
        self.file_digest = hashlib.sha256()
        if self.current is not None and self.current[0] is not None and self.files_to is not None:
            self.files_to.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.file_out = open(self.files_to / f"{self.current[0]}.part", "wb")
        if self.current is not None and self.left == 0:
            self._end_segment()

    def feed(self, data: bytes) -> None:
        while data:
            if self.current is None:
                raise BackupError(tr("Bản sao lưu «{name}» có dữ liệu thừa sau phần cuối: tệp đã bị sửa.").format(
                    name=self.path.name))
            part, data = data[: self.left], data[self.left:]
            self.left -= len(part)
            if self.current[0] is None:
                self.db_digest.update(part)
                if self.out is not None:
                    self.out.write(part)
            else:
                self.file_digest.update(part)
                if self.file_out is not None:
                    self.file_out.write(part)
            if self.left == 0:
                self._end_segment()

    def _end_segment(self) -> None:
        assert self.current is not None
        sha = self.current[0]
        if sha is not None:
            if self.file_out is not None:
                self.file_out.close()
                self.file_out = None
            if self.file_digest.hexdigest() != sha:
                raise BackupError(tr("Tệp số hóa {sha} trong bản sao lưu «{name}» không khớp mã kiểm tra: bản sao "
                                     "lưu đã bị sửa hoặc hỏng.").format(sha=sha[:12], name=self.path.name))
            if self.files_to is not None:
                os.replace(self.files_to / f"{sha}.part", self.files_to / f"{sha}.pdf")
        self._next()

    def close(self) -> None:
        if self.file_out is not None:
            self.file_out.close()
        if self.current is not None:
            raise BackupError(tr("Bản sao lưu «{name}» bị cắt cụt (chưa ghi xong hoặc hỏng).").format(name=self.path.name))


def _decrypt(path: Path, passphrase: str, out: BinaryIO | None,
             files_to: Path | None = None) -> tuple[dict[str, Any], str]:
    """Manifest and SHA-256 of the database inside; the database written to ``out`` when given. The
    digitised files are checked against their SHA-256 (and written into ``files_to`` when given)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        f = open(path, "rb")
    except FileNotFoundError:
        raise BackupError(tr("Không tìm thấy tệp sao lưu «{path}».").format(path=path)) from None
    except OSError as exc:
        raise explain_storage(exc, path) or BackupError(tr("Không đọc được tệp «{path}».").format(path=path)) from exc
    with f:
        if f.read(len(MAGIC)) != MAGIC:
            raise BackupError(tr("Tệp «{name}» không phải bản sao lưu của Một Cửa Counter.").format(name=path.name))
        header = f.readline(4096)
        try:
            meta = json.loads(header)
            salt = base64.b64decode(meta["salt"])
            prefix = base64.b64decode(meta["nonce_prefix"])
            key = _key(passphrase, salt, int(meta["n"]), int(meta["r"]), int(meta["p"]))
        except (ValueError, KeyError, TypeError):
            raise BackupError(tr("Phần đầu của bản sao lưu «{name}» bị hỏng.").format(name=path.name)) from None
        aead = AESGCM(key)
        index = 0
        manifest: dict[str, Any] | None = None
        segments: _Segments | None = None
        while True:
            head = f.read(5)
            if len(head) < 5:
                raise BackupError(tr("Bản sao lưu «{name}» bị cắt cụt (chưa ghi xong hoặc hỏng).").format(name=path.name))
            size, last = struct.unpack(">IB", head)
            if size > CHUNK + 64:
                raise _wrong(path)
            sealed = f.read(size)
            try:
                data = aead.decrypt(prefix + struct.pack(">I", index), sealed, _aad(header, index, bool(last)))
            except InvalidTag:
                raise _wrong(path) from None
            if index == 0:
                try:
                    manifest = json.loads(data)
                except ValueError:
                    raise _wrong(path) from None
                segments = _Segments(path, manifest, out, files_to)
            else:
                assert segments is not None
                segments.feed(data)
            index += 1
            if last:
                break
        if f.read(1):
            raise BackupError(tr("Bản sao lưu «{name}» có dữ liệu thừa sau phần cuối: tệp đã bị sửa.").format(name=path.name))
    assert manifest is not None and segments is not None
    segments.close()
    return manifest, segments.db_digest.hexdigest()


# ---------------------------------------------------------------- backup

def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(CHUNK):
            h.update(block)
    return h.hexdigest()


def _integrity(path: Path) -> str | None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    return None if rows == ["ok"] else "; ".join(rows)


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
        problem = _integrity(plain)
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
        digest = _sha256(plain)
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
                _encrypt(plain, manifest, passphrase, out, files)
                out.flush()
                os.fsync(out.fileno())
            # Verified after writing: read back from the medium, decrypted, the same bytes.
            _, written = _decrypt(partial, passphrase, None)
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


# ---------------------------------------------------------------- verify and restore

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
        manifest, digest = _decrypt(path, passphrase, out, files_to)
    if digest != manifest.get("sha256"):
        raise BackupError(tr("Nội dung bản sao lưu «{name}» không khớp mã kiểm tra: tệp đã bị sửa hoặc hỏng.").format(name=path.name))
    return manifest


def _check_plain(path: Path, plain: Path, manifest: dict[str, Any]) -> None:
    problem = _integrity(plain)
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
        manifest = _decrypt_to(path, passphrase, staging, files_to=files_dir)
        _check_plain(path, staging, manifest)
        store = file_store.files_root(_archive_of(staging, db_path))
        _settle(staging)
        _discard(staging, sidecars_only=True)  # checked read-only: SQLite left its -wal/-shm beside it
        _put_files(files_dir, store)
    except BaseException as exc:
        _discard(staging)
        error = explain_storage(exc, db_path) if isinstance(exc, OSError | sqlite3.Error) else None
        if error is not None:
            raise error from exc
        raise
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
    try:
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
    except BaseException as exc:
        _discard(staging)
        error = explain_storage(exc, db_path) if isinstance(exc, OSError | sqlite3.Error) else None
        if error is not None:
            raise error from exc
        raise
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
