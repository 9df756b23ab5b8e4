"""The desk's sync service: push the outbox, pull the changes feed. Plain Python, no Qt.

``SyncService.sync_once`` is one pass: push every pending outbox event of this desk in batches
(acknowledged events are marked in the desk database), then pull the feed page by page, each
page applied together with its new cursor in one transaction. Any failure leaves the outbox and
the cursor as they were, so the next pass simply continues: nothing is lost or applied twice.

The GUI runs it through ``counter_app.ui.sync_status`` (off the GUI thread), scripts through
``counter-app sync``. ``Backoff`` gives the retry delays (exponential, with jitter).
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from filelock import FileLock, Timeout
from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from counter_app.i18n import tr
from counter_app.models import OutboxEvent, local_now
from counter_app.models.db import Database
from counter_app.services import audit, online, org, restore_guard, secrets, settings
from counter_app.services.errors import NotFoundError

from . import attention, files, guard
from . import protocol as p
from .apply import apply_page
from .client import AuthError, CentralClient, NotConfiguredError, OfflineError, RejectedError, SyncError

log = logging.getLogger(__name__)

URL_KEY = "sync.central_url"
TOKEN_KEY = "sync.token"
CURSOR_KEY = "sync.cursor"
STATE_KEY = "sync.state"  # ok / offline / auth / revoked / rejected / error
LAST_SUCCESS_KEY = "sync.last_success_at"
LAST_ATTEMPT_KEY = "sync.last_attempt_at"
LAST_ERROR_KEY = "sync.last_error"
SKEW_KEY = "sync.clock_skew_seconds"

MAX_QUARANTINE_LIST = 1000  # the central lists at most this many (central/quarantine.py)
SYNC_WAIT_SECONDS = 120.0  # a second pass waits this long for the running one, then gives up
CLOCK_SKEW_TOLERANCE = 300  # seconds; beyond this the desk shows a warning
ProgressFn = Callable[[str, int, int], None]  # phase ("push" / "pull"), done, total


@dataclass(frozen=True)
class SyncConfig:
    central_url: str = ""
    token: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.central_url and self.token)


def load_config(session: Session) -> SyncConfig:
    """The token comes from the OS keyring where one exists (``services.secrets``)."""
    return SyncConfig(settings.get(session, URL_KEY, "") or "", secrets.get(session, TOKEN_KEY))


def saved_config(db: Database) -> SyncConfig:
    """:func:`load_config` in a read unit of work of its own (what the settings page and the CLI call)."""
    with db.read() as session:
        return load_config(session)


def save_config(db: Database, central_url: str, token: str) -> SyncConfig:
    """Validate and store; pointing the desk at another central starts its feed from the beginning."""
    url = central_url.strip().rstrip("/")
    token = token.strip()
    if not url.startswith(("http://", "https://")) or len(url) < 10:
        raise NotConfiguredError(tr("Địa chỉ máy chủ trung tâm phải bắt đầu bằng http:// hoặc https://."))
    if not token:
        raise NotConfiguredError(tr("Hãy nhập mã truy cập do quản trị hệ thống trung tâm cấp cho quầy."))
    with db.write() as session:
        if (settings.get(session, URL_KEY, "") or "") != url:
            settings.put(session, CURSOR_KEY, 0)
        settings.put(session, URL_KEY, url)
        secrets.put(session, TOKEN_KEY, token)
        if settings.get(session, STATE_KEY) in ("auth", "revoked", "rejected"):
            settings.put(session, STATE_KEY, "")
            settings.put(session, LAST_ERROR_KEY, "")
    return SyncConfig(url, token)


@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    state: str  # "" never synced, ok, offline, auth, revoked, rejected, error
    pending: int
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str
    clock_skew_seconds: int
    attention: int = 0  # events the central refused and keeps aside: the "Cần xử lý" page

    @property
    def online(self) -> bool:
        return self.state == "ok"

    @property
    def clock_warning(self) -> bool:
        return abs(self.clock_skew_seconds) > CLOCK_SKEW_TOLERANCE


def _desk_id(session: Session) -> int | None:
    try:
        return org.current_desk(session).id
    except NotFoundError:
        return None


def pending_count(session: Session, desk_id: int | None) -> int:
    stmt = select(func.count()).select_from(OutboxEvent).where(OutboxEvent.acked_at.is_(None))
    if desk_id is not None:
        stmt = stmt.where(OutboxEvent.desk_id == desk_id)
    return session.execute(stmt).scalar_one()


def status(db: Database) -> SyncStatus:
    with db.read() as session:
        return SyncStatus(  # the keyring is not asked every few seconds: whether a token is stored is enough
            configured=bool(settings.get(session, URL_KEY, "")) and secrets.is_set(session, TOKEN_KEY),
            state=settings.get(session, STATE_KEY, "") or "",
            pending=pending_count(session, _desk_id(session)),
            attention=attention.count(session),
            last_success_at=p.parse_moment(settings.get(session, LAST_SUCCESS_KEY)),
            last_attempt_at=p.parse_moment(settings.get(session, LAST_ATTEMPT_KEY)),
            last_error=settings.get(session, LAST_ERROR_KEY, "") or "",
            clock_skew_seconds=int(settings.get(session, SKEW_KEY, 0) or 0),
        )


@dataclass
class SyncReport:
    pushed: int = 0  # events the central acknowledged in this pass
    pulled: int = 0  # feed entries applied
    deferred: int = 0
    conflicts: int = 0  # desk changes the central kept its own status for
    quarantined: int = 0  # events the central refused and kept aside in this pass (sync/attention.py)
    attention: int = 0  # refused events still waiting for a correction at this desk
    fast_forward: dict[str, int] | None = None  # the desk was behind the central's marks (sync/guard.py)
    skipped: list[str] = field(default_factory=list)
    changed_codes: list[str] = field(default_factory=list)  # dossiers changed by pulled entries
    catalog_changed: bool = False  # procedures or calendar overrides arrived
    files_uploaded: int = 0  # digitised papers now complete at the central (sync/files.py)
    clock_skew_seconds: int = 0

    @property
    def clock_warning(self) -> bool:
        return abs(self.clock_skew_seconds) > CLOCK_SKEW_TOLERANCE


def _wire(event: OutboxEvent) -> dict[str, Any]:
    return {"uuid": event.uuid, "seq": event.desk_seq, "kind": event.kind, "entity_key": event.entity_key,
            "created_at": p.format_moment(event.created_at), "payload": json.loads(event.payload)}


class SyncBusyError(SyncError):
    """Another pass on this desk file is running (another window or process): not a failure."""


# The lock file next to the desk database, shared with the backup restore (services/restore_guard.py).
sync_lock_path = restore_guard.sync_lock_path


def _state_of(exc: Exception) -> str:
    if isinstance(exc, AuthError):
        return "revoked" if exc.revoked else "auth"
    if isinstance(exc, RejectedError):
        return "rejected"
    if isinstance(exc, OfflineError):
        return "offline"
    return "error"


class SyncService:
    def __init__(self, db: Database, *, batch_size: int = 200, page_size: int = p.DEFAULT_CHANGES_LIMIT,
                 timeout: float = 30.0, wait: float = SYNC_WAIT_SECONDS, installation: str | None = None) -> None:
        self.db = db
        self.installation = installation  # this PC's id (guard.installation_id() when None)
        self.wait = wait
        self.batch_size = max(1, min(batch_size, p.MAX_BATCH_EVENTS))
        self.page_size = max(1, min(page_size, p.MAX_CHANGES_LIMIT))
        self.timeout = timeout
        self._lock = threading.Lock()

    def sync_once(self, progress: ProgressFn | None = None, *, wait: float | None = None) -> SyncReport:
        """One pass. Only one pass runs per desk file at a time, whichever process or window starts
        it (an OS file lock next to the database): a second one waits up to ``wait`` seconds (then
        runs, usually finding little left to do) or gives up with SyncBusyError."""
        if not self._lock.acquire(blocking=False):
            raise SyncBusyError(tr("Đang đồng bộ, hãy chờ lượt hiện tại kết thúc."))
        try:
            lock = FileLock(sync_lock_path(self.db.path))
            try:
                lock.acquire(timeout=self.wait if wait is None else wait)
            except Timeout:
                raise SyncBusyError(tr("Đang đồng bộ ở cửa sổ/tiến trình khác trên máy này; lượt này không chạy. "
                                    "Máy sẽ tự thử lại sau.")) from None
            try:
                return self._sync(progress or (lambda *_: None))
            finally:
                lock.release()
        finally:
            self._lock.release()

    def _sync(self, progress: ProgressFn) -> SyncReport:
        with self.db.read() as session:
            config = load_config(session)
            desk_id = _desk_id(session)
        if not config.configured:
            raise NotConfiguredError(tr("Chưa cấu hình đồng bộ: hãy nhập địa chỉ máy chủ trung tâm và mã truy cập "
                                     "trong Cài đặt → Đồng bộ."))
        if desk_id is None:
            raise NotConfiguredError(tr("Máy này chưa được thiết lập quầy nên chưa thể đồng bộ."))
        report = SyncReport()
        installation = self.installation or guard.installation_id()
        guard.check_installation(self.db, installation)
        try:
            with CentralClient(config.central_url, config.token, timeout=self.timeout,
                               installation=installation) as client:
                self._catch_up(client, desk_id, installation, report)
                self._push(client, desk_id, report, progress)
                self._reconcile(client, report)
                self._pull(client, report, progress)
                report.files_uploaded = files.upload_pending(self.db, client, progress)
                self._anchor(client)
                self._download_online(client)
        except SyncError as exc:
            self._record(state=_state_of(exc), error=exc.message)
            raise
        self._record(state="ok", error="", success=True, skew=report.clock_skew_seconds)
        return report

    def _record(self, *, state: str, error: str, success: bool = False, skew: int | None = None) -> None:
        now = p.format_moment(local_now())
        with self.db.write() as session:
            settings.put(session, STATE_KEY, state)
            settings.put(session, LAST_ERROR_KEY, error)
            settings.put(session, LAST_ATTEMPT_KEY, now)
            if success:
                settings.put(session, LAST_SUCCESS_KEY, now)
            if skew is not None:
                settings.put(session, SKEW_KEY, skew)

    @staticmethod
    def _skew(response: dict[str, Any]) -> int:
        server = p.parse_moment(response.get("server_time"))
        return int((local_now() - server).total_seconds()) if server else 0

    def _push(self, client: CentralClient, desk_id: int, report: SyncReport, progress: ProgressFn) -> None:
        with self.db.read() as session:
            total = pending_count(session, desk_id)
        done, batch_size, recovered = 0, self.batch_size, False
        progress("push", 0, total)
        while True:
            with self.db.read() as session:
                rows = session.execute(
                    select(OutboxEvent).where(OutboxEvent.desk_id == desk_id, OutboxEvent.acked_at.is_(None))
                    .order_by(OutboxEvent.desk_seq).limit(batch_size)).scalars().all()
                events = [_wire(e) for e in rows]
            if not events:
                return
            if batch_size > 1 and len(json.dumps(events, ensure_ascii=False).encode()) > p.MAX_BODY_BYTES * 0.9:
                batch_size = max(1, batch_size // 2)  # stay under the central's body limit
                continue
            response = client.push(events, sent_at=p.format_moment(local_now()))
            report.clock_skew_seconds = self._skew(response)
            try:
                expected = int(response["expected_seq"])
            except (KeyError, TypeError, ValueError):
                raise OfflineError(tr("Câu trả lời của máy chủ trung tâm không đúng dạng.")) from None
            first = events[0]["seq"]
            with self.db.write() as session:
                acked = cast(CursorResult, session.execute(
                    update(OutboxEvent).where(OutboxEvent.desk_id == desk_id, OutboxEvent.acked_at.is_(None),
                                              OutboxEvent.desk_seq < expected)
                    .values(acked_at=local_now()))).rowcount
                if not acked and expected < first and not recovered:
                    # The central lost events we had delivered (restored from a backup): send them again.
                    again = cast(CursorResult, session.execute(
                        update(OutboxEvent).where(OutboxEvent.desk_id == desk_id, OutboxEvent.desk_seq >= expected,
                                                  OutboxEvent.acked_at.is_not(None))
                        .values(acked_at=None))).rowcount
                    log.warning("sync: central expects event %s, resending %s delivered events", expected, again)
                    total += again
                    recovered = True
                    continue
            if not acked and expected <= first:
                raise RejectedError(
                    tr("Máy chủ trung tâm đang chờ sự kiện số {expected} nhưng quầy không còn sự kiện đó "
                    "(sự kiện chưa gửi đầu tiên là số {first}). Hãy liên hệ quản trị hệ thống trung tâm.").format(expected=expected, first=first),
                    status=409, code=p.ERR_SEQUENCE_CONFLICT)
            # expected > first with nothing newly marked: another process of this desk delivered and
            # marked them meanwhile — the events are at the central, which is success.
            report.pushed += acked
            report.deferred += int(response.get("deferred", 0))
            report.conflicts += int(response.get("conflicts", 0))
            report.quarantined += len(response.get("quarantined") or [])
            done += acked
            progress("push", done, max(total, done))

    def _catch_up(self, client: CentralClient, desk_id: int, installation: str, report: SyncReport) -> None:
        """A desk file behind the central's high-water marks (restored, copied) fast-forwards its
        counters before it pushes or mints anything (sync/guard.py)."""
        with self.db.read() as session:
            body = guard.marks_request(session, desk_id, local_now().date())
        marks = client.marks(body)
        if not isinstance(marks.get("codes"), list) or not isinstance(marks.get("known"), list):
            raise OfflineError(tr("Câu trả lời của máy chủ trung tâm không đúng dạng."))
        with self.db.write() as session:
            if settings.get(session, restore_guard.FAST_FORWARD_KEY) or guard.is_behind(session, desk_id, marks):
                report.fast_forward = guard.fast_forward(session, desk_id, marks, installation)

    def _reconcile(self, client: CentralClient, report: SyncReport) -> None:
        """Which of our events the central keeps aside (and which it no longer does)."""
        with self.db.read() as session:
            open_here = attention.count(session)
        if not (report.pushed or report.quarantined or open_here):
            return
        answer = client.quarantine()
        rows = answer.get("events")
        if not isinstance(rows, list):
            raise OfflineError(tr("Câu trả lời của máy chủ trung tâm không đúng dạng."))
        with self.db.write() as session:
            attention.mark_refused(session, rows, complete=len(rows) < MAX_QUARANTINE_LIST)
            report.attention = attention.count(session)

    def _anchor(self, client: CentralClient) -> None:
        """Give the central the audit chain's head (``central/anchors.py``) when it moved since the last pass.

        A push without events: the head the central keeps makes a log cut or rewritten at the
        desk after this moment detectable (``counter-app audit verify --central``).
        """
        with self.db.read() as session:
            head = audit.head(session)
            sent = settings.get(session, audit.ANCHOR_KEY)
        if head is None or (isinstance(sent, dict) and [sent.get("seq"), sent.get("head")] == list(head)):
            return
        client.push([], sent_at=p.format_moment(local_now()), audit_head={"seq": head[0], "hash": head[1]})
        with self.db.write() as session:
            settings.put(session, audit.ANCHOR_KEY, {"seq": head[0], "head": head[1],
                                                     "at": p.format_moment(local_now())})

    def _pull(self, client: CentralClient, report: SyncReport, progress: ProgressFn) -> None:
        with self.db.read() as session:
            cursor = int(settings.get(session, CURSOR_KEY, 0) or 0)
        done = 0
        while True:
            response = client.changes(cursor, self.page_size)
            report.clock_skew_seconds = self._skew(response)
            try:
                changes = list(response["changes"])
                new_cursor = int(response["cursor"])
                remaining = int(response.get("remaining", 0))
            except (KeyError, TypeError, ValueError):
                raise OfflineError(tr("Câu trả lời của máy chủ trung tâm không đúng dạng.")) from None
            if not changes:
                return
            with self.db.write() as session:
                stored = int(settings.get(session, CURSOR_KEY, 0) or 0)
                if stored != cursor:  # another process on this desk applied the page meanwhile
                    cursor = stored
                    continue
                page = apply_page(session, changes)
                settings.put(session, CURSOR_KEY, new_cursor)
            cursor = new_cursor
            done += len(changes)
            report.pulled += len(changes)
            report.skipped += page.skipped
            report.changed_codes += page.changed_codes
            report.catalog_changed = report.catalog_changed or bool(page.procedures or page.calendar)
            progress("pull", done, done + remaining)
            if remaining <= 0:
                return

    def _download_online(self, client: CentralClient) -> None:
        """The files of the online dossiers waiting for this unit (issue #15), each checked against its
        SHA-256; one that does not match is left for the next pass."""
        for file_id, digest in online.missing_files(self.db):
            data = client.download(f"{p.ONLINE_FILES_PATH}/{file_id}")
            if hashlib.sha256(data).hexdigest() != digest:
                log.warning("online dossier file %s: checksum mismatch, fetched again next time", file_id)
                continue
            online.store_file(self.db, file_id, data)

    def check_connection(self, central_url: str, token: str) -> dict[str, Any]:
        """Who the central thinks this token is (for the settings page's test button)."""
        with CentralClient(central_url, token, timeout=min(self.timeout, 15.0)) as client:
            return client.whoami()


class Backoff:
    """Retry delays: exponential from ``base`` up to ``cap`` seconds, with equal jitter so that
    desks cut off together do not all come back in the same second."""

    def __init__(self, base: float = 5.0, cap: float = 600.0, rng: random.Random | None = None) -> None:
        self.base, self.cap = base, cap
        self.failures = 0
        self._rng = rng or random.Random()

    def next_delay(self) -> float:
        ceiling = min(self.cap, self.base * (2 ** self.failures))
        self.failures += 1
        return ceiling / 2 + self._rng.uniform(0, ceiling / 2)

    def reset(self) -> None:
        self.failures = 0


def run_loop(service: SyncService, stop: threading.Event, *, interval: float = 60.0,
             backoff: Backoff | None = None, on_result: Callable[[SyncReport | SyncError], None] | None = None) -> None:
    """Sync every ``interval`` seconds, backing off after failures, until ``stop`` is set."""
    backoff = backoff or Backoff()
    while not stop.is_set():
        try:
            result: SyncReport | SyncError = service.sync_once()
            backoff.reset()
            delay = interval
        except SyncError as exc:
            result = exc
            delay = backoff.next_delay() if exc.retry_later else max(interval, backoff.cap)
        if on_result is not None:
            on_result(result)
        stop.wait(delay)


def skew_text(seconds: int) -> str:
    """'nhanh 7 giờ 0 phút' / 'chậm 12 phút': how far the desk clock is off."""
    hours, minutes = divmod(abs(seconds) // 60, 60)
    if seconds > 0:
        text = tr("nhanh {hours} giờ {minutes} phút") if hours else tr("nhanh {minutes} phút")
    else:
        text = tr("chậm {hours} giờ {minutes} phút") if hours else tr("chậm {minutes} phút")
    return text.format(hours=hours, minutes=minutes)


def fetch_anchors(db: Database) -> list[dict[str, Any]]:
    """Every head of this desk's audit chain the central holds, as ``{"seq", "head", "received_at"}``."""
    with db.read() as session:
        config = load_config(session)
    if not config.configured:
        raise NotConfiguredError(tr("Chưa cấu hình đồng bộ: không hỏi được hệ thống trung tâm."))
    with CentralClient(config.central_url, config.token, timeout=30.0) as client:
        found = client.audit_anchors().get("anchors")
    if not isinstance(found, list):
        raise OfflineError(tr("Câu trả lời của máy chủ trung tâm không đúng dạng."))
    return [{"seq": int(a["seq"]), "head": str(a["hash"]), "received_at": str(a.get("received_at", ""))}
            for a in found]
