"""Upload the desk's digitised papers to the central (issue #13), after the events that announce them.

Offline-first like the events: an attachment row with ``uploaded_at`` NULL is the queue. For each
file (by SHA-256, so a file shared by several rows goes once) the desk asks the central how many bytes
it holds and sends the rest in chunks of ``protocol.FILE_CHUNK_BYTES``, each at its exact offset.
A link cut mid-file, a killed desk or a restarted central all resume at the central's count on the
next pass; a file the central already holds completes at once (idempotent by hash). Only the
central's "complete" answer marks the rows uploaded. The bytes are read from the desk's store and
checked against their hash first: a damaged local copy is never sent (the rows stay queued and the
log says so).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select, update

from counter_app.models import Attachment, local_now
from counter_app.models.db import Database
from counter_app.services import archive, file_store

from . import protocol as p
from .client import CentralClient

log = logging.getLogger(__name__)

ProgressFn = Callable[[str, int, int], None]


def pending(db: Database) -> list[tuple[str, int]]:
    """(sha256, size) of the files not yet at the central, oldest first, each once."""
    with db.read() as session:
        rows = session.execute(select(Attachment.sha256, Attachment.size).where(Attachment.uploaded_at.is_(None))
                               .order_by(Attachment.id)).tuples().all()
    seen: dict[str, int] = {}
    for sha, size in rows:
        seen.setdefault(sha, size)
    return list(seen.items())


def _mark_uploaded(db: Database, sha: str) -> None:
    with db.write() as session:
        session.execute(update(Attachment).where(Attachment.sha256 == sha, Attachment.uploaded_at.is_(None))
                        .values(uploaded_at=local_now()))


def upload_pending(db: Database, client: CentralClient, progress: ProgressFn | None = None, *,
                   chunk_bytes: int = p.FILE_CHUNK_BYTES) -> int:
    """Send every queued file; returns how many files are now complete at the central."""
    progress = progress or (lambda *_: None)
    queue = pending(db)
    if not queue:
        return 0
    root = file_store.files_root(archive.archive_root(db))
    done = 0
    progress("files", 0, len(queue))
    for sha, size in queue:
        path = file_store.path_for(root, sha)
        if not file_store.verify(path, sha):
            log.error("sync: attachment %s missing or damaged in the desk's store (%s); not sent", sha, path)
            continue
        if _upload_one(client, path, sha, size, chunk_bytes):
            _mark_uploaded(db, sha)
            done += 1
        progress("files", done, len(queue))
    return done


def _upload_one(client: CentralClient, path: Path, sha: str, size: int, chunk_bytes: int) -> bool:
    state = client.file_status(sha)
    received = int(state.get("received", 0))
    with open(path, "rb") as source:
        for _ in range(size // max(1, chunk_bytes) + 3 + 16):  # bounded: every round moves on or re-reads the offset
            if state.get("complete"):
                return True
            source.seek(received)
            chunk = source.read(chunk_bytes)
            if not chunk:  # the central holds every byte but not the file: it dropped a bad copy
                state = client.file_status(sha)
                received = int(state.get("received", 0))
                if received == 0 and not state.get("complete"):
                    return False
                continue
            state = client.upload_chunk(sha, received, size, chunk)
            received = int(state.get("received", received))
    return bool(state.get("complete"))
