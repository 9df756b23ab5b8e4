"""The encrypted backup file: scrypt-derived key, AES-256-GCM over 1 MiB chunks, each sealed with its
index and a last-chunk flag (a reordered, cut or altered file does not decrypt); the manifest first,
then the desk file, then the digitised files. And the checks both a backup and a restore make of the
plain copy (content hash, SQLite's integrity). ``backup`` writes these files, ``backup_restore``
reads them back.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sqlite3
import struct
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from counter_app.domain.storage import explain_storage
from counter_app.i18n import tr

from .errors import ValidationError

MAGIC = b"MOTCUA-BACKUP-1\n"
SUFFIX = ".mcbak"
CHUNK = 1 << 20
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 15, 8, 1


class BackupError(ValidationError):
    pass


def _key(passphrase: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">IB", index, 1 if last else 0)


def encrypt(plain: Path, manifest: dict[str, Any], passphrase: str, out: BinaryIO,
             files: Sequence[tuple[Path, str, int]] = ()) -> None:
    """The stream after the manifest: the database's bytes, then each digitised file's ``(path, sha256,
    size)`` in the manifest's order; a file that changed since it was checked fails the backup."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = os.urandom(16)
    prefix = os.urandom(8)
    n, r, p = SCRYPT_N, SCRYPT_R, SCRYPT_P  # read once: the header names the cost the key was derived with
    header = json.dumps({"format": 1, "kdf": "scrypt", "n": n, "r": r, "p": p,
                         "salt": base64.b64encode(salt).decode(), "nonce_prefix": base64.b64encode(prefix).decode(),
                         "cipher": "AES-256-GCM", "chunk": CHUNK}).encode() + b"\n"
    aead = AESGCM(_key(passphrase, salt, n, r, p))
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


def decrypt(path: Path, passphrase: str, out: BinaryIO | None,
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


# ---------------------------------------------------------------- checks of the plain copy

def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(CHUNK):
            h.update(block)
    return h.hexdigest()


def integrity_problem(path: Path) -> str | None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    return None if rows == ["ok"] else "; ".join(rows)
