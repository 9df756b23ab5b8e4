"""The national portal adapter: every dossier change queued, then posted to the portal.

Outbound side (issue #15):

* ``enqueue`` runs inside the transaction that changes a dossier (a desk push, a back-office step,
  an online dossier decided at a desk): it computes the national record of the dossier as it now
  is (``counter_app.domain.records.national_record`` over the central's view of the sync record),
  checks it against the strict schema (``portal_schema``) and adds one row to ``portal_deliveries``.
  Nothing else: no network inside a desk's push, so the portal never slows or blocks desk sync.
  A record identical to the dossier's previous one is not queued again.
* ``deliver`` (a loop in ``counter-central serve`` when ``$CENTRAL_PORTAL_URL`` is set, or
  ``counter-central portal deliver``) posts the due rows in order, outside any transaction:
  ``POST {url}/hoso`` creates; when the portal answers 409 (the dossier exists) the same record goes
  as ``PUT {url}/hoso/{MaHoSo}``. Each row carries its own ``Idempotency-Key`` (its UUID), so a row
  sent again after a crash between the portal's answer and our commit is recognised by the portal
  and changes nothing. A validation error (400/422) is final: the row is ``failed`` with the portal's
  message. An outage (no connection, time-out, 5xx, 429) keeps the row ``pending`` and retries it
  with exponential backoff; the round stops there (the portal is down for everyone).

The per-dossier state (sent / failed with the portal's message / pending) is what the central admin
sees: ``counter-central portal status`` and ``GET /api/v1/portal``. docs/national-record.md.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import urllib.error
import urllib.request
import uuid as uuid_mod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, overload
from urllib.parse import quote

from sqlalchemy import case, func, select, text
from sqlalchemy.orm import Session

from counter_app.domain.records import moment, national_record, result_documents

from . import portal_schema
from .models import Dossier, Handoff, PortalDelivery, now_local

log = logging.getLogger("central.portal")

URL_ENV = "CENTRAL_PORTAL_URL"
TOKEN_ENV = "CENTRAL_PORTAL_TOKEN"
TIMEOUT_ENV = "CENTRAL_PORTAL_TIMEOUT"
DELIVERY_ENV = "CENTRAL_PORTAL_DELIVERY"  # "0": serve only queues; `counter-central portal deliver` posts
PENDING, SENT, FAILED = "pending", "sent", "failed"
STATES = (PENDING, SENT, FAILED)
RETRY_ENV = "CENTRAL_PORTAL_RETRY"  # seconds before the first retry after an outage (default 5)
BACKOFF_FIRST = timedelta(seconds=5)
BACKOFF_MAX = timedelta(minutes=15)
ROUND_LOCK_KEY = 0x706F7274  # pg advisory lock: one delivery round at a time across API processes
ROUND_SIZE = 200


@dataclass(frozen=True)
class PortalConfig:
    url: str  # e.g. https://dichvucong.gov.vn/api/dongbo (no trailing slash)
    token: str = ""
    timeout: float = 10.0
    in_serve: bool = True  # whether `serve` runs the delivery loop

    @classmethod
    def from_env(cls) -> PortalConfig | None:
        url = os.environ.get(URL_ENV, "").strip().rstrip("/")
        if not url:
            return None
        try:
            timeout = float(os.environ.get(TIMEOUT_ENV, "") or 10)
        except ValueError:
            timeout = 10.0
        return cls(url, os.environ.get(TOKEN_ENV, "").strip(), timeout,
                   in_serve=os.environ.get(DELIVERY_ENV, "").strip() != "0")


def enabled() -> bool:
    """Whether dossier changes are queued for the portal (``$CENTRAL_PORTAL_URL`` set)."""
    return bool(os.environ.get(URL_ENV, "").strip())


# ----------------------------------------------------------------------------- the record


def sync_view(session: Session, dossier: Dossier, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The desk's latest sync record with what the central owns laid over it (status, deadline,
    control slip, result): the sync record the national record is computed from."""
    view: dict[str, Any] = json.loads(dossier.record or "{}")
    view.setdefault("MaHoSo", dossier.code)
    view.setdefault("MaDonVi", dossier.unit_code)
    slip = list(view.get("QuaTrinhXuLy") or [])
    if dossier.id is not None:
        seen = {(s.get("TuDonVi"), s.get("DenDonVi"), s.get("ThoiDiem")) for s in slip if isinstance(s, dict)}
        for h in session.execute(select(Handoff).where(Handoff.dossier_id == dossier.id)
                                 .order_by(Handoff.position)).scalars():
            row = {"ThuTu": 0, "TuDonVi": h.from_unit, "DenDonVi": h.to_unit, "ThoiDiem": moment(h.at),
                   "NguoiGiao": h.given_by, "NguoiNhan": h.taken_by, "KetQua": h.result, "GhiChu": h.note}
            if (row["TuDonVi"], row["DenDonVi"], row["ThoiDiem"]) not in seen:
                slip.append(row)
        slip.sort(key=lambda s: str(s.get("ThoiDiem") or ""))
        for n, s in enumerate(slip, start=1):
            s["ThuTu"] = n
    view["QuaTrinhXuLy"] = slip
    view["TrangThaiHoSo"] = dossier.status
    view["NgayHenTra"] = moment(dossier.due_at)
    view["NgayTraKetQua"] = moment(dossier.returned_at)
    if dossier.result_type:
        view["DanhSachGiayToKetQua"] = result_documents(dossier.result_type, dossier.result_number,
                                                        dossier.result_summary)
    return view | (extra or {})


def record_of(session: Session, dossier: Dossier, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The national record of a central dossier as it now is."""
    return national_record(sync_view(session, dossier, extra))


@overload
def enqueue(session: Session, dossier: Dossier, *, extra: dict[str, Any] | None = None,
            now: datetime | None = None, force: bool = False, again: Literal[True]) -> PortalDelivery: ...
@overload
def enqueue(session: Session, dossier: Dossier, *, extra: dict[str, Any] | None = None,
            now: datetime | None = None, force: bool = False, again: bool = False) -> PortalDelivery | None: ...
def enqueue(session: Session, dossier: Dossier, *, extra: dict[str, Any] | None = None,
            now: datetime | None = None, force: bool = False, again: bool = False) -> PortalDelivery | None:
    """Queue the dossier's current national record, in the caller's transaction (no-op while no
    portal is configured unless ``force``, or when the record did not change since the last one
    queued unless ``again``)."""
    if not (force or enabled()):
        return None
    session.flush()
    return _queue(session, dossier.code, record_of(session, dossier, extra), now=now or now_local(), again=again)


def enqueue_view(session: Session, code: str, view: dict[str, Any], *, now: datetime) -> PortalDelivery | None:
    """Queue the record of a dossier the central has no row of (an online dossier refused or sent
    back for supplements before reception), from its sync-record view."""
    if not enabled():
        return None
    return _queue(session, code, national_record(view), now=now, again=False)


def _queue(session: Session, code: str, record: dict[str, Any], *, now: datetime,
           again: bool) -> PortalDelivery | None:
    body = json.dumps(record, ensure_ascii=False, sort_keys=True)
    last = session.execute(select(PortalDelivery.record).where(PortalDelivery.dossier_code == code)
                           .order_by(PortalDelivery.id.desc()).limit(1)).scalar_one_or_none()
    if last == body and not again:
        return None
    status = record.get("TrangThaiHoSo")
    row = PortalDelivery(uuid=str(uuid_mod.uuid4()), dossier_code=code, status_code=status if isinstance(status, int)
                         else 0, record=body, state=PENDING, attempts=0, next_attempt_at=now, created_at=now,
                         last_error="")
    try:
        portal_schema.validate(record)
    except ValueError as exc:
        row.state, row.last_error = FAILED, f"Bản ghi không đạt lược đồ của Cổng quốc gia, chưa gửi: {exc}"
        log.warning("portal record of %s refused by the schema: %s", code, exc)
    session.add(row)
    return row


# ----------------------------------------------------------------------------- delivery


@dataclass
class Round:
    sent: int = 0
    updated: int = 0  # of sent: went as an update (the portal already had the dossier)
    failed: int = 0
    retried: int = 0  # the portal was unreachable: left pending with a later attempt
    skipped: bool = False  # another process holds the round
    errors: list[str] = field(default_factory=list)


class _Outage(Exception):
    pass


class _Refused(Exception):
    pass


def _message(raw: bytes, status: int) -> str:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return f"HTTP {status}: {raw[:200].decode('utf-8', 'replace')}"
    if isinstance(data, dict):
        text_ = data.get("message") or data.get("error") or data
        return f"HTTP {status}: {text_}"
    return f"HTTP {status}: {data}"


def _call(config: PortalConfig, method: str, path: str, body: bytes, key: str) -> tuple[int, bytes]:
    request = urllib.request.Request(f"{config.url}{path}", data=body, method=method, headers={
        "Content-Type": "application/json; charset=utf-8", "Idempotency-Key": key,
        **({"Authorization": f"Bearer {config.token}"} if config.token else {})})
    try:
        with urllib.request.urlopen(request, timeout=config.timeout) as response:  # noqa: S310 - configured URL
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        raise _Outage(f"Không kết nối được Cổng quốc gia: {getattr(exc, 'reason', exc)}") from None


def _post(config: PortalConfig, row: PortalDelivery) -> bool:
    """Send one row; True when it went as an update. Raises _Outage or _Refused."""
    body = row.record.encode("utf-8")
    status, raw = _call(config, "POST", "/hoso", body, row.uuid)
    updated = False
    if status == 409:
        status, raw = _call(config, "PUT", f"/hoso/{quote(row.dossier_code, safe='')}", body, row.uuid)
        updated = True
    if 200 <= status < 300:
        return updated
    if status >= 500 or status in (408, 429):
        raise _Outage(f"Cổng quốc gia tạm thời không phục vụ ({_message(raw, status)})")
    raise _Refused(f"Cổng quốc gia từ chối: {_message(raw, status)}")


def backoff(attempts: int) -> timedelta:
    """Wait before the next attempt after ``attempts`` failed ones: doubling, at most 15 minutes."""
    try:
        first = timedelta(seconds=float(os.environ.get(RETRY_ENV, "") or BACKOFF_FIRST.total_seconds()))
    except ValueError:
        first = BACKOFF_FIRST
    return min(BACKOFF_MAX, first * (2 ** min(20, max(0, attempts - 1))))


@contextmanager
def _round_lock(db: Any) -> Iterator[bool]:  # noqa: ANN401 - CentralDatabase (import cycle)
    if db.is_sqlite:
        yield True
        return
    with db.engine.connect() as conn:
        got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ROUND_LOCK_KEY}).scalar()
        conn.commit()
        try:
            yield bool(got)
        finally:
            if got:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ROUND_LOCK_KEY})
                conn.commit()


def deliver(db: Any, config: PortalConfig, *, now: datetime | None = None,  # noqa: ANN401 - CentralDatabase
            limit: int = ROUND_SIZE) -> Round:
    """One delivery round: the due pending rows, oldest first, until the portal is unreachable."""
    result = Round()
    with _round_lock(db) as mine:
        if not mine:
            result.skipped = True
            return result
        now = now or now_local()
        with db.read() as session:
            rows = list(session.execute(
                select(PortalDelivery).where(PortalDelivery.state == PENDING, PortalDelivery.next_attempt_at <= now)
                .order_by(PortalDelivery.id).limit(limit)).scalars())
        blocked: set[str] = set()
        for row in rows:
            if row.dossier_code in blocked:
                continue  # an older change of this dossier is still waiting: keep the order
            try:
                updated = _post(config, row)
            except _Outage as exc:
                db.run_write(lambda s, r=row, e=str(exc): _retry(s, r.id, e, now))
                result.retried += 1
                result.errors.append(str(exc))
                log.warning("portal unreachable, %s waits: %s", row.dossier_code, exc)
                break
            except _Refused as exc:
                db.run_write(lambda s, r=row, e=str(exc): _finish(s, r.id, FAILED, e, now))
                result.failed += 1
                result.errors.append(f"{row.dossier_code}: {exc}")
                log.warning("portal refused %s: %s", row.dossier_code, exc)
                continue
            db.run_write(lambda s, r=row: _finish(s, r.id, SENT, "", now))
            result.sent += 1
            result.updated += updated
    return result


def _retry(session: Session, row_id: int, error: str, now: datetime) -> None:
    row = session.get(PortalDelivery, row_id)
    if row is None or row.state != PENDING:
        return
    row.attempts += 1
    row.last_error = error[:2000]
    row.next_attempt_at = now + backoff(row.attempts)


def _finish(session: Session, row_id: int, state: str, error: str, now: datetime) -> None:
    row = session.get(PortalDelivery, row_id)
    if row is None:
        return
    row.attempts += 1
    row.state, row.last_error = state, error[:2000]
    if state == SENT:
        row.sent_at = now


def next_due(db: Any) -> datetime | None:  # noqa: ANN401 - CentralDatabase
    with db.read() as session:
        return session.execute(select(func.min(PortalDelivery.next_attempt_at))
                               .where(PortalDelivery.state == PENDING)).scalar()


class Runner:
    """The delivery loop of a ``serve`` process: a round whenever rows are due, never faster than
    ``poll`` seconds when idle. Its own thread and connections: desk requests never wait for it."""

    def __init__(self, db: Any, config: PortalConfig, poll: float = 2.0) -> None:  # noqa: ANN401
        self.db, self.config, self.poll = db, config, poll
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="portal-delivery", daemon=True)

    def start(self) -> Runner:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.config.timeout + 5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                deliver(self.db, self.config)
                due = next_due(self.db)
                wait = self.poll if due is None else max(0.2, min(self.poll * 15,
                                                                  (due - now_local()).total_seconds()))
            except Exception:  # noqa: BLE001 - a database hiccup must not end the loop
                log.exception("portal delivery round failed")
                wait = self.poll * 5
            self._stop.wait(wait)


# ----------------------------------------------------------------------------- what the admin sees


def status(session: Session, *, code: str | None = None, state: str | None = None,
           limit: int = 1000) -> dict[str, Any]:
    """Counts of dossiers per portal state and the dossiers themselves (newest change first).

    A dossier's state: ``pending`` while any change of it waits, else its newest change's
    (``sent``, or ``failed`` with the portal's or the schema's message)."""
    latest = (select(PortalDelivery.dossier_code, func.max(PortalDelivery.id).label("last_id"),
                     func.sum(case((PortalDelivery.state == PENDING, 1), else_=0)).label("waiting"))
              .group_by(PortalDelivery.dossier_code))
    if code:
        latest = latest.where(PortalDelivery.dossier_code == code)
    sub = latest.subquery()
    rows = session.execute(select(PortalDelivery, sub.c.waiting).join(sub, PortalDelivery.id == sub.c.last_id)
                           .order_by(PortalDelivery.id.desc())).all()
    counts = dict.fromkeys(STATES, 0)
    out: list[dict[str, Any]] = []
    for row, waiting in rows:
        st = PENDING if waiting else row.state
        counts[st] += 1
        if (state is None or st == state) and len(out) < limit:
            out.append({"code": row.dossier_code, "state": st, "status": row.status_code,
                        "attempts": row.attempts, "message": row.last_error,
                        "queued_at": row.created_at.isoformat(sep=" "),
                        "sent_at": row.sent_at.isoformat(sep=" ") if row.sent_at else None,
                        "next_attempt_at": row.next_attempt_at.isoformat(sep=" ") if st == PENDING else None})
    changes: dict[str, int] = {state: n for state, n in session.execute(
        select(PortalDelivery.state, func.count()).group_by(PortalDelivery.state)).tuples()}
    return {"dossiers": counts, "changes": {s: changes.get(s, 0) for s in STATES}, "items": out}
