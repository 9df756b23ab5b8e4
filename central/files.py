"""The central's store of digitised papers (issue #13): files uploaded by desks in chunks.

A desk first pushes an ``attachment.added`` event (the metadata, recorded in ``attachments`` by
push.py), then uploads the bytes: ``GET /api/v1/files/<sha256>/status`` says how many bytes the
central holds, ``PUT /api/v1/files/<sha256>?offset=N&size=TOTAL`` appends one chunk at exactly that
offset. Uploads are resumable (a link cut mid-file resumes at the bytes received), idempotent by hash
(a complete file answers "complete" at once, whoever sent it and however often) and never leave a
half file under its final name: chunks go to ``partial/<sha256>.part``, and only when the size is
reached and the SHA-256 of the whole matches is it renamed to ``<sha[:2]>/<sha256>.pdf``. A mismatch
drops the partial file (the desk starts again).

Where: ``$CENTRAL_FILES_DIR``, else a ``<database file>.files`` folder beside a SQLite database, else
the platform's data folder (``mot-cua-central/files``). Back up that folder with the database.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from .errors import CentralError, Malformed, NotFound, TooLarge

FILES_DIR_ENV = "CENTRAL_FILES_DIR"
MAX_FILE_BYTES = 100 * 1024 * 1024  # per file; the desk's own limit is 20 MB by default
MAX_CHUNK_BYTES = 4 * 1024 * 1024
_SHA = re.compile(r"^[0-9a-f]{64}$")
_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


class OffsetConflict(CentralError):
    """The chunk does not start where the central's copy ends: the desk resumes from ``received``."""

    status = 409
    code = "file_offset"

    def __init__(self, message: str, received: int) -> None:
        super().__init__(message)
        self.received = received

    def to_json(self) -> dict[str, str]:
        return {**super().to_json(), "received": str(self.received)}


@dataclass(frozen=True)
class FileState:
    received: int
    complete: bool

    def to_json(self) -> dict[str, object]:
        return {"received": self.received, "complete": self.complete}


def files_dir(database_url: str) -> Path:
    configured = os.environ.get(FILES_DIR_ENV)
    if configured:
        return Path(configured)
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).with_name(Path(url.database).name + ".files")
    from platformdirs import user_data_dir

    return Path(user_data_dir("mot-cua-central", appauthor=False)) / "files"


def check_sha(text: str) -> str:
    sha = text.strip().lower()
    if not _SHA.match(sha):
        raise Malformed("Mã băm SHA-256 phải gồm 64 chữ số thập lục phân.")
    return sha


def _lock(sha: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(sha, threading.Lock())


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def final_path(self, sha: str) -> Path:
        return self.root / sha[:2] / f"{sha}.pdf"

    def _partial(self, sha: str) -> Path:
        return self.root / "partial" / f"{sha}.part"

    def state(self, sha: str) -> FileState:
        final = self.final_path(sha)
        if final.is_file():
            return FileState(final.stat().st_size, True)
        partial = self._partial(sha)
        return FileState(partial.stat().st_size if partial.is_file() else 0, False)

    def write(self, sha: str, offset: int, size: int, chunk: bytes) -> FileState:
        """Append ``chunk`` at ``offset`` of the file ``sha`` whose whole size is ``size``."""
        if not 0 < size <= MAX_FILE_BYTES:
            raise TooLarge(f"Tệp {size:,} byte vượt giới hạn {MAX_FILE_BYTES:,} byte mỗi tệp.")
        if len(chunk) > MAX_CHUNK_BYTES:
            raise TooLarge(f"Mỗi lần gửi tối đa {MAX_CHUNK_BYTES:,} byte.")
        with _lock(sha):
            current = self.state(sha)
            if current.complete:
                return current  # idempotent: the file is here, whoever sent it
            if offset != current.received:
                raise OffsetConflict(f"Trung tâm đang có {current.received:,} byte của tệp; hãy gửi tiếp từ đó.",
                                     current.received)
            if offset + len(chunk) > size:
                raise Malformed("Phần gửi lên vượt quá kích thước đã khai báo của tệp.")
            partial = self._partial(sha)
            partial.parent.mkdir(parents=True, exist_ok=True)
            with open(partial, "ab") as out:  # no fsync per chunk: the count is re-read from the file, and
                out.write(chunk)  # the hash of the whole is checked before the file gets its final name
            received = offset + len(chunk)
            if received < size:
                return FileState(received, False)
            digest = hashlib.sha256()
            with open(partial, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
                os.fsync(f.fileno())  # on disk before it is renamed into place
            if digest.hexdigest() != sha:
                partial.unlink(missing_ok=True)
                raise Malformed("Tệp nhận được không khớp mã băm SHA-256 đã khai báo; trung tâm đã bỏ bản nhận dở, "
                                "quầy sẽ gửi lại từ đầu.")
            final = self.final_path(sha)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(partial, final)
            return FileState(size, True)

    def path_of_complete(self, sha: str) -> Path:
        final = self.final_path(sha)
        if not final.is_file():
            raise NotFound("Trung tâm chưa nhận đủ tệp này (quầy chưa gửi xong).")
        return final
