"""`audit verify` at 1,000,000 audit rows, against reading the same table once.

The desk file is built once (bench/data/audit-N.sqlite): a migrated desk with N chained audit
rows of realistic size (status changes with their details) and a sealed checkpoint, written with
plain SQLite so that building takes seconds. Timed, alternating, best of three:
- baseline: one ``SELECT`` of every column ``verify`` reads, rows fetched in batches and dropped;
- verify: ``audit.verify_file`` (decode, canonical JSON, SHA-256 and link check per row, the seal,
  the entity digests).
"""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path

from counter_app.models.db import Database
from counter_app.services import audit

DATA = Path(__file__).resolve().parent / "data"


def build(path: Path, rows: int) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = Database(path)
    db.upgrade()
    db.dispose()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("BEGIN")
    prev = audit.GENESIS_HASH
    start = datetime(2024, 1, 2, 7, 30)
    batch = []
    for i in range(1, rows + 1):
        at = start + timedelta(seconds=i * 37, microseconds=(i * 7919) % 1_000_000)
        at_text = at.strftime("%Y-%m-%d %H:%M:%S.%f")
        code = f"000.00.01.H12-{at:%y%m%d}-{1000 + i % 999:04d}"
        details = audit.canonical_json({"from": 2, "to": 4, "reason": "", "agency": "Phòng Tư pháp",
                                        "note": "Chuyển xử lý theo quy trình"})
        row_hash = audit._row_hash(prev, audit._at_text(at_text), 1, "Nguyễn Thị Minh Thư",
                                   "dossier.status_changed", "dossier", code, details)
        batch.append((i, at_text, 1, "Nguyễn Thị Minh Thư", "dossier.status_changed", "dossier", code, details,
                      prev, row_hash))
        prev = row_hash
        if len(batch) == 20_000:
            conn.executemany("INSERT INTO audit_events (id, at, officer_id, actor, action, entity, entity_key, "
                             "details, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)", batch)
            batch.clear()
    if batch:
        conn.executemany("INSERT INTO audit_events (id, at, officer_id, actor, action, entity, entity_key, "
                         "details, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)", batch)
    key = audit.seal_key()
    checkpoint = audit.seal_checkpoint([[rows, prev]], key)
    conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
                 (audit.CHECKPOINT_KEY, audit.canonical_json(checkpoint)))
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _read_once(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.text_factory = bytes
    n = 0
    try:
        cursor = conn.execute(f"SELECT {audit._COLUMNS} FROM audit_events ORDER BY id")  # noqa: S608
        while True:
            rows = cursor.fetchmany(20_000)
            if not rows:
                return n
            n += len(rows)
    finally:
        conn.close()


def run(rows: int = 1_000_000, rebuild: bool = False) -> dict:
    DATA.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault(audit.SEAL_KEY_ENV, str(DATA / "audit-bench-seal.key"))
    path = DATA / f"audit-{rows}.sqlite"
    if rebuild or not path.exists():
        started = time.perf_counter()
        build(path, rows)
        print(f"  audit rows {rows:,}: built in {time.perf_counter() - started:.1f} s", flush=True)
    _read_once(path)  # the file in the OS cache for both
    read_times, verify_times = [], []
    for _ in range(3):
        t = time.perf_counter()
        assert _read_once(path) == rows
        read_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        result = audit.verify_file(path)
        verify_times.append(time.perf_counter() - t)
        assert result.ok and result.checked == rows, result
    read, verify = min(read_times), min(verify_times)
    return {"rows": rows, "read_once_s": round(read, 3), "verify_s": round(verify, 3),
            "ratio": round(verify / read, 1), "rows_per_s": int(rows / verify)}


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000), indent=2))
