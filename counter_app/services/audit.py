"""Append-only, hash-chained audit log that an inspector can rely on.

Each row stores the hash of the previous row and a SHA-256 over its own content plus that
previous hash, so editing or deleting any row breaks every hash after it. Rows are appended
inside the caller's write transaction (``BEGIN IMMEDIATE``), which serialises the chain even with
several processes writing the same file.

A chain alone cannot tell that its *end* was cut off, nor that it was rewritten from some row
on with fresh hashes. So the head is anchored twice:

- a **sealed checkpoint** in the desk file (settings ``audit.checkpoint``): the id and hash of the
  newest row, updated by every unit of work that appends, with an HMAC whose key lives outside
  the desk file (``seal_key_path()``, 0600, in the user's config dir). Truncating, deleting the last
  rows, or rewriting and re-hashing is detected up to the newest checkpoint; a checkpoint that no
  longer matches the chain is never overwritten, so the evidence stays.
- the **central's anchor**: every sync push carries the head; the central keeps each one (it can
  answer "the chain of desk N had head H at row S"), and the desk keeps the last acknowledged one
  (``audit.anchor``).

Entity state: each unit of work that changed dossiers or applicants (through the ORM, as every
use case does) ends with one ``state.recorded`` row holding a digest of each changed row as
committed (``None`` for a deleted one). ``verify`` compares the newest digest of every dossier and
applicant with the table, so rows edited, deleted or added outside the app are found too. Rows
that predate this (an older desk) and synthetic demo rows (``demo.generated`` names their ids)
carry no digest and are not judged.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, inspect, select, text
from sqlalchemy.orm import Session

from counter_app.i18n import QT_TR_NOOP, tr
from counter_app.models import Applicant, AuditEvent, Dossier, Officer, local_now
from counter_app.models.db import Database

GENESIS_HASH = "0" * 64
# The newest hash of the chain as this session knows it, so a unit of work that appends many rows
# (a sync page) reads the chain's end once. Forgotten on any rollback (a savepoint's rows are gone)
# and at the end of each transaction (another process may append in between).
_LAST_HASH = "audit.last_hash"
_APPENDED = "audit.appended"  # this unit of work appended rows: seal the new head at commit
_TOUCHED = "audit.touched"  # dossiers / applicants changed in this unit of work

CHECKPOINT_KEY = "audit.checkpoint"
ANCHOR_KEY = "audit.anchor"  # the last head the central acknowledged
STATE_ACTION = "state.recorded"
DEMO_ACTION = "demo.generated"
TRACKED = {Dossier: "dossiers", Applicant: "applicants"}
SEAL_KEY_ENV = "COUNTER_APP_SEAL_KEY"  # path of the seal key file, when not the default


@event.listens_for(Session, "after_soft_rollback")
def _forget_after_rollback(session: Session, _previous) -> None:  # noqa: ANN001
    session.info.pop(_LAST_HASH, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_after_unit(session: Session, transaction) -> None:  # noqa: ANN001
    if transaction.parent is None:  # the unit of work ended (commit or rollback), not a savepoint
        for key in (_LAST_HASH, _APPENDED, _TOUCHED):
            session.info.pop(key, None)


@event.listens_for(Session, "after_commit")
def _forget_after_commit(session: Session) -> None:
    for key in (_LAST_HASH, _APPENDED, _TOUCHED):
        session.info.pop(key, None)


@event.listens_for(Session, "before_flush")
def _track_entities(session: Session, _context, _instances) -> None:  # noqa: ANN001
    touched = None
    for group, deleted in ((session.new, False), (session.dirty, False), (session.deleted, True)):
        for obj in group:
            table = TRACKED.get(type(obj))
            if table is None:
                continue
            if touched is None:
                touched = session.info.setdefault(_TOUCHED, {})
            # New objects have no id before the flush: keep the object, resolve at commit.
            touched[(table, id(obj))] = (obj, obj.id if deleted else None)


@event.listens_for(Session, "before_commit")
def _seal_unit_of_work(session: Session) -> None:
    if not session.info.get(_TOUCHED) and not session.info.get(_APPENDED):
        return
    session.flush()
    touched = session.info.pop(_TOUCHED, None)
    if touched:
        _record_states(session, touched)
        session.flush()
    if session.info.get(_APPENDED):
        _seal(session)


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _row_hash(prev_hash: str, at: datetime | str, officer_id: int | None, actor: str, action: str,
              entity: str, entity_key: str, details: str) -> str:
    when = at.isoformat() if isinstance(at, datetime) else at
    content = canonical_json([prev_hash, when, officer_id, actor, action, entity, entity_key, details])
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def append(session: Session, *, action: str, entity: str, entity_key: str = "",
           officer: Officer | None = None, actor: str | None = None,
           details: dict[str, Any] | None = None, at: datetime | None = None) -> AuditEvent:
    prev_hash = session.info.get(_LAST_HASH)
    if prev_hash is None:
        last = session.execute(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).scalar()
        prev_hash = last or GENESIS_HASH
    at = at or local_now()
    actor = actor if actor is not None else (officer.full_name if officer else "system")
    details_json = canonical_json(details or {})
    row = AuditEvent(
        at=at, officer_id=officer.id if officer else None, actor=actor, action=action,
        entity=entity, entity_key=entity_key, details=details_json, prev_hash=prev_hash,
        hash=_row_hash(prev_hash, at, officer.id if officer else None, actor, action, entity,
                       entity_key, details_json),
    )
    session.add(row)  # inserted at the next flush; rows keep the order they were added in
    session.info[_LAST_HASH] = row.hash
    session.info[_APPENDED] = True
    return row


# ---------------------------------------------------------------- entity state digests

def state_digest(values: tuple | list) -> str:
    """Digest of one table row as SQLite stores it (``SELECT *``: the column order of the table)."""
    plain = [v.hex() if isinstance(v, bytes) else v for v in values]
    return hashlib.sha256(canonical_json(plain).encode("utf-8")).hexdigest()


def _record_states(session: Session, touched: dict) -> None:
    by_table: dict[str, dict[int, str | None]] = {}
    for (table, _), (obj, deleted_id) in touched.items():
        state = inspect(obj)
        if state.persistent:
            row_id = obj.id
        elif state.deleted or (deleted_id is not None and state.detached):
            row_id = deleted_id
        else:
            continue  # added in a savepoint that was rolled back: it never existed
        if row_id is not None:
            by_table.setdefault(table, {})[row_id] = None
    for table, rows in by_table.items():
        ids = sorted(rows)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join(str(int(i)) for i in chunk)
            for values in session.execute(text(f"SELECT * FROM {table} WHERE id IN ({marks})")):  # noqa: S608
                rows[values[0]] = state_digest(tuple(values))
    details = {table: {str(k): v for k, v in sorted(rows.items())} for table, rows in sorted(by_table.items())}
    append(session, action=STATE_ACTION, entity="state", details=details)


def record_demo(session: Session, *, dossiers: tuple[int, int] | None, applicants: tuple[int, int] | None) -> None:
    """Synthetic rows written in bulk: named by id range, so ``verify`` does not judge them."""
    append(session, action=DEMO_ACTION, entity="demo",
           details={"dossiers": list(dossiers) if dossiers else None,
                    "applicants": list(applicants) if applicants else None})


# ---------------------------------------------------------------- the sealed checkpoint

def seal_key_path() -> Path:
    env = os.environ.get(SEAL_KEY_ENV)
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("mot-cua-counter", appauthor=False)) / "audit-seal.key"


_key_cache: dict[str, bytes] = {}


def seal_key(*, create: bool = True) -> bytes | None:
    path = seal_key_path()
    cached = _key_cache.get(str(path))
    if cached is not None:
        return cached
    try:
        key = bytes.fromhex(path.read_text().strip())
    except FileNotFoundError:
        if not create:
            return None
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = secrets.token_bytes(32)
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:  # another process made it first
            return seal_key(create=False)
        with os.fdopen(fd, "w") as f:
            f.write(key.hex())
    except (OSError, ValueError):
        return None
    _key_cache[str(path)] = key
    return key


def install_seal_key(key: bytes) -> None:
    """Use ``key`` from now on (a restore brings the key its backup was sealed with when none exists here)."""
    path = seal_key_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(key.hex())
    _key_cache.pop(str(path), None)


CHECKPOINT_HISTORY = 100  # earlier heads kept in the seal: a rewrite is located between two of them


def _mac(key: bytes, history: list) -> str:
    return hmac.new(key, canonical_json(history).encode(), hashlib.sha256).hexdigest()


def seal_checkpoint(history: list, key: bytes) -> dict[str, Any]:
    """``history``: [[seq, head], …] oldest first; the newest is the chain's head."""
    history = [[int(seq), str(h)] for seq, h in history][-CHECKPOINT_HISTORY:]
    return {"seq": history[-1][0], "head": history[-1][1], "history": history, "mac": _mac(key, history)}


def _checkpoint_ok(checkpoint: Any, key: bytes) -> bool:
    if not isinstance(checkpoint, dict) or not isinstance(checkpoint.get("history"), list) \
            or not checkpoint["history"]:
        return False
    try:
        history = [[int(seq), str(h)] for seq, h in checkpoint["history"]]
    except (TypeError, ValueError):
        return False
    return hmac.compare_digest(str(checkpoint.get("mac", "")), _mac(key, history)) and \
        [checkpoint.get("seq"), checkpoint.get("head")] == history[-1]


def _seal(session: Session) -> None:
    from . import settings

    head = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    key = seal_key()
    if head is None or key is None:
        return
    old = settings.get(session, CHECKPOINT_KEY)
    history: list = []
    if old:
        if not _checkpoint_ok(old, key):
            return  # sealed with another key or tampered with: keep that evidence for verify
        still = session.execute(select(AuditEvent.hash).where(AuditEvent.id == old["seq"])).scalar()
        if still != old["head"]:
            return  # the chain no longer holds the sealed head: keep that evidence for verify
        history = old["history"]
        if history[-1][0] == head.id:
            return
    settings.put(session, CHECKPOINT_KEY, seal_checkpoint([*history, [head.id, head.hash]], key))


def head(session: Session) -> tuple[int, str] | None:
    row = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    return (row.id, row.hash) if row else None


# ---------------------------------------------------------------- verify

@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    problem: str = ""
    entities: int = 0  # dossiers and applicants whose state was compared
    notes: tuple[str, ...] = ()  # what an inspector should know although the log holds (a restore)


_COLUMNS = "id, at, officer_id, actor, action, entity, entity_key, details, prev_hash, hash"


def _at_text(value: str) -> str:
    """The ``at`` column as stored ("2026-11-25 09:12:03.123456") → what ``datetime.isoformat()`` gave."""
    value = value.replace(" ", "T", 1)
    if value.endswith(".000000"):
        value = value[:-7]
    return value


def _bad(checked: int, row_id: int | None, problem: str) -> VerifyResult:
    return VerifyResult(False, checked, row_id, problem)


RESTORED_ACTION = "backup.restored"  # services/backup.py: details carry the backup's last audit row


def verify_file(path: Path | str, *, anchor: dict[str, Any] | None = None, key: bytes | None = None,
                batch: int = 20_000, anchors: list[dict[str, Any]] | None = None) -> VerifyResult:
    """Walk the chain of the desk file at ``path`` in id order on its own read-only connection.

    Reports the first row whose content, link or encoding does not hold, a chain that ends before
    the sealed checkpoint or the central's anchor, and dossiers/applicants whose state differs
    from what the chain last recorded. Never raises on bad data: every problem is a result.

    ``anchors``: every head the central holds for this desk (``{"seq", "head", "received_at"}``),
    each checked against the chain. One that no longer matches is a finding, unless the chain
    records a restore from a backup taken before that row (``backup.restored``): the rows after
    the backup were lost with the old file, which the result's ``notes`` say.
    """
    conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    conn.text_factory = bytes  # a row with invalid UTF-8 is a finding, not a crash
    try:
        return _verify(conn, anchor=anchor, key=key, batch=batch, anchors=anchors)
    finally:
        conn.close()


def _setting(conn: sqlite3.Connection, key: str) -> Any:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    if row is None:
        return None
    try:
        return json.loads(row[0].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {"unreadable": True}


def _verify(conn: sqlite3.Connection, *, anchor: dict[str, Any] | None, key: bytes | None,
            batch: int, anchors: list[dict[str, Any]] | None = None) -> VerifyResult:
    checkpoint = _setting(conn, CHECKPOINT_KEY)
    local_anchor = _setting(conn, ANCHOR_KEY)
    key = key if key is not None else seal_key(create=False)
    marks: list[tuple[str, dict]] = []
    if checkpoint is not None:
        if key is None:
            return _bad(0, None, tr("không có khóa niêm phong trên máy này để kiểm tra điểm niêm phong "
                        "({seal_key_path}); hãy khôi phục khóa hoặc kiểm tra trên máy đã tạo nhật ký").format(seal_key_path=seal_key_path()))
        if not _checkpoint_ok(checkpoint, key):
            return _bad(0, None, tr("điểm niêm phong của nhật ký bị sửa (chữ ký không khớp)"))
        marks += [(tr("điểm niêm phong trên máy"), {"seq": seq, "head": h}) for seq, h in checkpoint["history"]]
    central = [a for a in anchors or [] if isinstance(a.get("seq"), int)]
    central_at: dict[int, list[dict[str, Any]]] = {}
    for a in central:
        central_at.setdefault(a["seq"], []).append(a)
    unmatched: list[dict[str, Any]] = []  # central anchors the chain no longer holds
    restores: list[tuple[int, int, str]] = []  # (row id, the backup's last row, when)
    for name, mark in ((tr("mốc đã gửi lên hệ thống trung tâm"), anchor),
                       (tr("mốc trung tâm đã xác nhận (lưu trên máy)"),
                        local_anchor if anchor is None and anchors is None else None)):
        if isinstance(mark, dict) and isinstance(mark.get("seq"), int):
            marks.append((name, mark))

    prev_hash = GENESIS_HASH
    checked = 0
    last_id = 0
    seen_marks: set[int] = set()
    states: dict[str, dict[int, tuple[str | None, int]]] = {"dossiers": {}, "applicants": {}}
    demo: dict[str, list[tuple[int, int]]] = {"dossiers": [], "applicants": []}
    by_seq = {m["seq"]: (name, m) for name, m in marks}
    last_good_mark = 0
    while True:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM audit_events WHERE id > ? ORDER BY id LIMIT ?",  # noqa: S608
                            (last_id, batch)).fetchall()
        if not rows:
            break
        for row in rows:
            row_id = row[0]
            try:
                at, actor, action, entity, entity_key, details, prev, stored = (
                    v.decode("utf-8") if isinstance(v, bytes) else v
                    for v in (row[1], row[3], row[4], row[5], row[6], row[7], row[8], row[9]))
            except UnicodeDecodeError:
                return _bad(checked, row_id, tr("dòng chứa dữ liệu không phải UTF-8 hợp lệ (bị sửa ngoài phần mềm)"))
            if not isinstance(at, str) or not isinstance(prev, str) or not isinstance(stored, str):
                return _bad(checked, row_id, tr("dòng có giá trị sai kiểu (bị sửa ngoài phần mềm)"))
            if prev != prev_hash:
                return _bad(checked, row_id, tr("liên kết với dòng trước bị đứt (dòng trước bị sửa hoặc xóa)"))
            if stored != _row_hash(prev, _at_text(at), row[2], actor, action, entity, entity_key, details):
                return _bad(checked, row_id, tr("nội dung dòng đã bị sửa"))
            if row_id in by_seq:
                name, mark = by_seq[row_id]
                if mark.get("head") != stored:
                    after = tr("sau dòng {last_good_mark}").format(last_good_mark=last_good_mark) if last_good_mark else tr("từ đầu")
                    return _bad(checked, row_id, tr("dòng không còn là dòng mà {name} ghi nhận: nhật ký đã bị viết lại "
                                "(các dòng {after} đến dòng này đã bị sửa rồi tính lại mã băm)").format(name=name, after=after))
                seen_marks.add(row_id)
                last_good_mark = row_id
            for a in central_at.get(row_id, ()):
                if a.get("head") != stored:
                    unmatched.append(a)
            if action == RESTORED_ACTION:
                try:
                    restores.append((row_id, int(json.loads(details).get("audit_seq") or 0), at))
                except (ValueError, AttributeError, TypeError):
                    return _bad(checked, row_id, tr("dòng ghi việc khôi phục từ bản sao lưu không đọc được"))
            if action == STATE_ACTION:
                try:
                    recorded = json.loads(details)
                    for table in ("dossiers", "applicants"):
                        for entity_id, digest in (recorded.get(table) or {}).items():
                            states[table][int(entity_id)] = (digest, row_id)
                except (ValueError, AttributeError, TypeError):
                    return _bad(checked, row_id, tr("dòng ghi trạng thái hồ sơ không đọc được"))
            elif action == DEMO_ACTION:
                try:
                    recorded = json.loads(details)
                    for table in ("dossiers", "applicants"):
                        if recorded.get(table):
                            demo[table].append((int(recorded[table][0]), int(recorded[table][1])))
                except (ValueError, AttributeError, TypeError, IndexError):
                    return _bad(checked, row_id, tr("dòng ghi dữ liệu mẫu không đọc được"))
            prev_hash = stored
            checked += 1
            last_id = row_id
    for name, mark in sorted(marks, key=lambda m: m[1]["seq"]):
        if mark["seq"] not in seen_marks:
            return _bad(checked, mark["seq"], tr("thiếu dòng {seq} mà {name} đã ghi nhận: nhật ký bị cắt bớt "
                        "hoặc bị xóa (chỉ còn đến dòng {last_id})").format(seq=mark['seq'], name=name, last_id=last_id or 0))
    unmatched += [a for a in central if a["seq"] > last_id]
    notes: list[str] = []
    for a in sorted(unmatched, key=lambda a: a["seq"]):
        why = next((r for r in restores if r[1] < a["seq"]), None)
        if why is None:
            missing = a["seq"] > last_id
            return _bad(checked, a["seq"], (
                tr("thiếu dòng {seq} mà hệ thống trung tâm đã ghi nhận lúc {received_at}: nhật ký bị "
                "cắt bớt hoặc bị xóa (chỉ còn đến dòng {last_id})").format(seq=a['seq'], received_at=a.get('received_at', '?'), last_id=last_id or 0)) if missing else (
                tr("dòng không còn là dòng mà hệ thống trung tâm đã ghi nhận lúc {received_at}: "
                "nhật ký đã bị viết lại").format(received_at=a.get('received_at', '?'))))
    if unmatched:
        for row_id, backup_seq, at in restores:
            lost = [a for a in unmatched if a["seq"] > backup_seq]
            if lost:
                notes.append(tr("dòng {row_id} ({at}): quầy được khôi phục từ bản sao lưu có nhật ký đến dòng "
                             "{backup_seq}; các dòng sau đó của tệp cũ (đến dòng {last_lost}, "
                             "hệ thống trung tâm còn giữ mốc) chỉ còn trong tệp cũ được giữ lại khi khôi phục").format(row_id=row_id, at=at[:19], backup_seq=backup_seq, last_lost=max(a['seq'] for a in lost)))
    if checked == 0 and _setting(conn, "desk_id") is not None:
        return _bad(0, None, tr("nhật ký trống trong khi quầy đã được thiết lập: các dòng nhật ký đã bị xóa"))
    problem = _check_entities(conn, states, demo)
    if problem is not None:
        return _bad(checked, problem[0], problem[1])
    return VerifyResult(True, checked, entities=sum(len(s) for s in states.values()), notes=tuple(notes))


_ENTITY_LABEL = {"dossiers": QT_TR_NOOP("hồ sơ"), "applicants": QT_TR_NOOP("người nộp")}


def _check_entities(conn: sqlite3.Connection, states: dict, demo: dict) -> tuple[int | None, str] | None:
    conn.text_factory = str
    try:
        for table, recorded in states.items():
            label = tr(_ENTITY_LABEL[table])
            first_recorded = min((i for i, (d, _) in recorded.items()), default=None)
            ranges = demo[table]
            remaining = dict(recorded)
            cursor = conn.execute(f"SELECT * FROM {table} ORDER BY id")  # noqa: S608
            while True:
                try:
                    rows = cursor.fetchmany(5000)
                except sqlite3.OperationalError:
                    return None, tr("bảng {label} có dòng không đọc được (dữ liệu không phải UTF-8: bị sửa ngoài phần mềm)").format(label=label)
                if not rows:
                    break
                for values in rows:
                    entity_id = values[0]
                    known = remaining.pop(entity_id, None)
                    if known is None:
                        if first_recorded is not None and entity_id > first_recorded and not any(
                                a <= entity_id <= b for a, b in ranges):
                            return None, tr("{label} số {entity_id} không có trong nhật ký: được thêm ngoài phần mềm").format(label=label, entity_id=entity_id)
                        continue
                    digest, row_id = known
                    if digest is None:
                        return row_id, tr("{label} số {entity_id} đã bị xóa theo nhật ký nhưng vẫn còn trong dữ liệu").format(label=label, entity_id=entity_id)
                    if state_digest(values) != digest:
                        return row_id, (tr("{label} số {entity_id} đã bị sửa ngoài phần mềm (khác trạng thái nhật ký "
                                        "ghi ở dòng {row_id})").format(label=label, entity_id=entity_id, row_id=row_id))
            for entity_id, (digest, row_id) in sorted(remaining.items()):
                if digest is not None:
                    return row_id, tr("{label} số {entity_id} đã bị xóa ngoài phần mềm (nhật ký ghi ở dòng {row_id})").format(label=label, entity_id=entity_id, row_id=row_id)
    finally:
        conn.text_factory = bytes
    return None


def verify(session: Session, batch: int = 20_000) -> VerifyResult:
    """``verify_file`` on the database this session is bound to."""
    return verify_file(session.get_bind().engine.url.database or "", batch=batch)


def verify_log(db: Database, anchors: list[dict[str, Any]] | None = None) -> VerifyResult:
    """``verify_file`` on the desk database (``counter-app audit verify``); storage faults explained."""
    try:
        return verify_file(db.path, anchors=anchors)
    except (sqlite3.Error, OSError) as exc:
        error = db.storage_error(exc)
        if error is exc:
            raise
        raise error from exc
