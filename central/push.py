"""Applying a desk's pushed outbox events: exactly once, in the desk's sequence order.

Per desk (unit code + desk number) the central keeps ``next_seq``. A push is one transaction:

1. every event must belong to the calling desk (record MaDonVi/SoQuay, the code's agency prefix
   and desk block, and the stored dossier's owner), else 403 and nothing changes;
2. the desk's stream row is locked (concurrent retries from one desk queue here), then events
   whose UUID is already stored are duplicates: acknowledged, not applied again;
3. the others are applied in sequence order while ``seq == next_seq``; the first gap stops the
   batch and the rest is *deferred* (not stored, not acknowledged: the desk sends it again);
4. an unknown UUID with a sequence number already used is a conflict (409): the desk's database
   was replaced, an operator must look.

The desk acknowledges every event with ``seq < expected_seq`` from the response.

Status ownership: the desk owns reception data, the back office owns processing. A desk status
change is applied only if the lifecycle table allows it from the central's current status;
otherwise the central keeps its status. Convergence rests on one invariant: for every dossier
that has entries in its desk's feed, the *last* entry holds the central's current status. Back-
office steps publish an entry; so, for such dossiers (and after any conflict), does every status
change a desk push causes or is refused ("echo"). The desk applies entries in order, adopting the
central's status when the lifecycle table cannot get there, except while it still has unsent
events for the dossier — those are pushed first and answered by a newer echo.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from typing import Any, cast

import orjson
from sqlalchemy import CursorResult, Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from counter_app.domain import codes
from counter_app.domain.fees import EVENT_PAYMENT_RECORDED, EVENT_PAYMENT_VOIDED
from counter_app.domain.lifecycle import can_move, label
from counter_app.domain.ratings import EVENT_RATING_GIVEN
from counter_app.models import DossierStatus
from counter_app.sync import protocol as p

from . import attachments, bulk, feed, online, portal
from .auth import Principal
from .errors import Forbidden, Malformed, SequenceConflict
from .marks import check_installation, record_codes
from .models import DeskStream, Dossier, Payment, QuarantinedEvent, Rating, ReceivedEvent, now_local
from .schemas import EventIn, RecordIn

log = logging.getLogger(__name__)

APPLIED = "applied"
CONFLICT = "conflict"
STORED = "stored"  # no dossier record: kept for the record, nothing to apply
QUARANTINED = "quarantined"  # refused by the field rules: kept with its reason, acknowledged
EVENT_RECEIVED = "dossier.received"  # the event that creates a dossier (services/dossiers.py)


@dataclass
class PushResult:
    expected_seq: int
    applied: int = 0
    duplicates: int = 0
    deferred: int = 0
    conflicts: list[str] = field(default_factory=list)
    quarantined: list[dict[str, Any]] = field(default_factory=list)  # {seq, uuid, entity_key, reason}
    resolved: int = 0  # quarantined events settled by correcting events of this batch


class PushedDossier:
    """A dossier of one push as plain attributes: the columns of ``dossiers`` (``id`` None while new).

    A push reads the batch's dossiers with one locked Core SELECT, applies its events to these
    objects and writes them back with one statement per kind (``_write_dossiers``). ORM instances
    cost more than the rest of the push together: every attribute set went through the
    instrumentation's history and events, although no ORM flush ever wrote them."""

    id: int | None
    code: str
    unit_code: str
    desk_number: int
    procedure_code: str
    procedure_name: str
    case_code: str
    applicant_name: str
    applicant_kind: str
    id_number: str
    phone: str
    email: str
    address: str
    channel: str
    sets: int
    delivery_method: str
    officer_name: str
    documents_provided: int
    received_at: datetime
    due_at: datetime | None
    original_due_at: datetime | None
    status: int
    status_changed_at: datetime
    result_ready_at: datetime | None
    result_type: str
    result_number: str
    result_summary: str
    returned_at: datetime | None
    record: str
    in_feed: bool
    first_seen_at: datetime
    updated_at: datetime

    def __init__(self, **columns: Any) -> None:
        self.__dict__.update(columns)

    @classmethod
    def of_row(cls, row: tuple[Any, ...]) -> PushedDossier:
        """A stored dossier as ``_READ`` reads it (every column but ``record``, which a push only writes)."""
        dossier = cls.__new__(cls)
        dossier.__dict__.update(zip(_READ, row, strict=True))
        return dossier


def _quarantine(session: Session, principal: Principal, event: EventIn, now: datetime, result: PushResult,
                reason: str = "") -> None:
    """Keep a refused event with its reason and acknowledge its sequence: nothing behind it waits."""
    reason = f"Trung tâm từ chối dữ liệu của sự kiện số {event.seq}: {reason or event.problem}"
    raw = json.dumps(event.payload)  # ASCII: a NUL or a lone surrogate is stored escaped
    session.add(ReceivedEvent(
        uuid=event.uuid, unit_code=principal.unit_code, desk_number=principal.desk_number, seq=event.seq,
        kind=event.kind, entity_key=event.entity_key, payload=raw, desk_created_at=p.parse_moment(event.created_at),
        received_at=now, outcome=QUARANTINED, note=reason))
    session.add(QuarantinedEvent(
        uuid=event.uuid, unit_code=principal.unit_code, desk_number=principal.desk_number, seq=event.seq,
        kind=event.kind, entity_key=event.entity_key, payload=raw, reason=reason, received_at=now))
    log.warning("desk %s/%s: event %s (%s %s) quarantined: %s", principal.unit_code, principal.desk_number,
                event.seq, event.kind, event.entity_key, reason)
    result.quarantined.append({"seq": event.seq, "uuid": event.uuid, "entity_key": event.entity_key,
                               "reason": reason})


def resolve_quarantine(session: Session, unit_code: str, desk_number: int, entity_key: str, *, by: str,
                       now: datetime) -> int:
    """Settle the open quarantined events of one entity of one desk (a correction arrived)."""
    return cast(CursorResult[Any], session.execute(
        update(QuarantinedEvent).where(QuarantinedEvent.unit_code == unit_code,
                                       QuarantinedEvent.desk_number == desk_number,
                                       QuarantinedEvent.entity_key == entity_key,
                                       QuarantinedEvent.resolved_at.is_(None))
        .values(resolved_at=now, resolved_by=by[:255]))).rowcount


def canonical_code(text: str, *, notice: bool = False) -> codes.ParsedCode:
    """A Mã hồ sơ (or supplement notice code) exactly as desks mint it: upper case, no spaces,
    ``<agency>-<YYMMDD>-<XXXX>``. Variants (``000.00.01.h12-…``, ``…- 1001``) are refused (422) so
    one dossier can never be stored twice under two spellings."""
    parsed = codes.parse_canonical(text)  # one match: a code sent in its canonical spelling is not normalised
    if parsed is None or parsed.is_notice != notice:
        what = "Mã phiếu bổ sung" if notice else "Mã hồ sơ"
        raise Malformed(f"{what} «{text[:80]}» không đúng dạng chuẩn <mã cơ quan>-<YYMMDD>-<số> "
                        "(chữ in hoa, không có khoảng trắng).")
    return parsed


def foreign_code(text: str) -> str:
    """A dossier code minted outside the desks (national portal, an older system), in its one
    canonical spelling: upper case, no spaces (codes.FOREIGN_CODE_RE); variants are refused (422)."""
    if not codes.is_foreign_code(text):
        raise Malformed(f"Mã hồ sơ «{text[:80]}» không hợp lệ: chỉ gồm chữ in hoa, chữ số và các dấu . - _ /, "
                        "không có khoảng trắng.")
    return text


def any_code(text: str) -> str:
    """A dossier code of either kind (a desk's, or one minted elsewhere), for the back-office paths."""
    if codes.parse_code(text) is not None:
        canonical_code(text)
        return text
    return foreign_code(text)


def _check_owner(principal: Principal, event: EventIn) -> codes.ParsedCode | None:
    """403 unless the event is the caller's; the record's code parsed when the desk minted it."""
    content = event.content
    if content is None:
        return None  # quarantined whole: nothing of it is applied
    record = content.dossier
    if record is None:
        intake = content.intake
        if intake is None:
            return None
        if intake.SoQuay != principal.desk_number or intake.MaDonVi not in (None, principal.unit_code):
            raise Forbidden(f"Sự kiện số {event.seq} ghi quầy số {intake.SoQuay} của đơn vị "
                            f"{intake.MaDonVi or '?'}, không phải {_mine(principal)}.")
        if intake.MaPhieuBoSung is not None:
            parsed = canonical_code(intake.MaPhieuBoSung, notice=True)
            if (parsed.agency_code, parsed.desk_number) != (principal.unit_code, principal.desk_number):
                raise Forbidden(f"Phiếu bổ sung {intake.MaPhieuBoSung} của sự kiện số {event.seq} không thuộc "
                                f"{_mine(principal)}.")
        return None
    code = record.MaHoSo
    own = None if record.NguonHoSo else canonical_code(code)
    if event.entity_key and event.entity_key != code:
        raise Malformed(f"Sự kiện số {event.seq} (hồ sơ {code}): entity_key «{event.entity_key}» khác mã hồ sơ "
                        "trong bản ghi.")
    if own is None:
        # A code minted elsewhere and kept (issue #15): the national portal's (an online dossier) or an
        # older system's (a backlog import). Not of this desk's block; who owns it is checked against
        # the stored dossier (apply_push), and a code another desk holds is quarantined, not a 403.
        foreign_code(code)
        if record.MaDonVi != principal.unit_code or record.SoQuay != principal.desk_number:
            raise _not_mine(principal, event, code)
        return None
    if (record.MaDonVi != principal.unit_code or record.SoQuay != principal.desk_number
            or own.agency_code != principal.unit_code or own.desk_number != principal.desk_number):
        raise _not_mine(principal, event, code)
    return own


def _mine(principal: Principal) -> str:
    return f"quầy số {principal.desk_number} của đơn vị {principal.unit_code}"


def _not_mine(principal: Principal, event: EventIn, code: str) -> Forbidden:
    return Forbidden(f"Sự kiện số {event.seq} (hồ sơ {code}) không thuộc {_mine(principal)}: mỗi quầy chỉ được "
                     "gửi hồ sơ của chính mình.")


def _online_decision(session: Session, principal: Principal, event: EventIn, dossiers: dict[str, PushedDossier],
                     now: datetime) -> str:
    """A desk's decision on an online dossier (central/online.py): "" when it stands, else the reason
    the event is set aside (another desk decided first, no such online dossier)."""
    assert event.content is not None and principal.unit_code is not None and principal.desk_number is not None
    rec, intake = event.content.dossier, event.content.intake
    if rec is not None:
        if rec.NguonHoSo == "online" and rec.MaHoSo not in dossiers:  # its first event here: the reception
            return online.claim(session, principal.unit_code, principal.desk_number, rec.MaHoSo, online.RECEIVED,
                                now=now)
        return ""
    if intake is not None and intake.MaHoSoTrucTuyen:
        state = online.SUPPLEMENT if intake.TrangThaiHoSo == DossierStatus.SUPPLEMENT_REQUESTED else online.REFUSED
        return online.claim(session, principal.unit_code, principal.desk_number, intake.MaHoSoTrucTuyen, state,
                            reason=intake.LyDo, now=now)
    return ""


def _desk_fields(dossier: PushedDossier, rec: RecordIn, *, with_due: bool) -> None:
    dossier.procedure_code, dossier.procedure_name = rec.MaTTHC, rec.TenTTHC
    dossier.case_code, dossier.applicant_name = rec.MaTruongHop, rec.ChuHoSo
    dossier.applicant_kind, dossier.id_number = rec.LoaiDoiTuong, rec.SoGiayTo
    dossier.phone, dossier.email, dossier.address = rec.SoDienThoai, rec.Email, rec.DiaChi
    dossier.channel, dossier.sets, dossier.delivery_method = rec.KenhThucHien, rec.SoBo, rec.HinhThucTraKQ
    dossier.officer_name = rec.CanBoTiepNhan
    dossier.documents_provided = rec.SoGiayToNop
    received = p.parse_record_moment(rec.NgayTiepNhan)
    if received is not None:  # required by the record's schema (RecordIn)
        dossier.received_at = received
    if rec.NgayTraKetQua:
        dossier.returned_at = p.parse_record_moment(rec.NgayTraKetQua)
    if rec.NgayCoKetQua and dossier.result_ready_at is None:  # a result recorded at an in-house desk
        dossier.result_ready_at = p.parse_record_moment(rec.NgayCoKetQua)
    if with_due:
        due, original = rec.NgayHenTra, rec.NgayHenTraBanDau
        dossier.due_at = p.parse_record_moment(due)
        # Until a supplement or an extension moves it, the original deadline is the deadline: parsed once.
        dossier.original_due_at = dossier.due_at if original == due else p.parse_record_moment(original)
    dossier.record = rec.model_dump_json()  # read back with json.loads (portal.sync_view)


def _apply(session: Session, event: EventIn, dossiers: dict[str, PushedDossier], now: datetime,
           created: datetime | None = None) -> tuple[str, str]:
    """``created``: the event's ``created_at`` already parsed (``apply_push`` stores it too)."""
    content = event.content
    assert content is not None  # quarantined events never get here
    rec = content.dossier
    if rec is None:
        return STORED, ""
    moment = (created or p.parse_moment(event.created_at)) or now
    dossier = dossiers.get(rec.MaHoSo)
    if dossier is None:
        # Not added to the session: every dossier new in a batch is written by one INSERT at its end
        # (``_write_dossiers``), once the batch's later events of it have been applied to this object.
        dossier = PushedDossier(id=None, code=rec.MaHoSo, unit_code=rec.MaDonVi, desk_number=rec.SoQuay,
                                status=rec.TrangThaiHoSo, status_changed_at=moment, first_seen_at=now, updated_at=now,
                                received_at=None, due_at=None, original_due_at=None, result_ready_at=None,
                                returned_at=None, result_type="", result_number="", result_summary="", in_feed=False)
        _desk_fields(dossier, rec, with_due=True)
        dossiers[rec.MaHoSo] = dossier
        return APPLIED, ""
    outcome, note = APPLIED, ""
    details = content.details
    target = details.get("to")
    if details.get("correction") and event.kind == p.EVENT_RESULT_CORRECTED:
        # A supervisor's đính chính at the desk: the corrected result, or a return recalled (10 -> 9).
        corrected = details.get("corrected_result")
        if isinstance(corrected, dict):
            dossier.result_type = str(corrected.get("type", dossier.result_type))[:255]
            dossier.result_number = str(corrected.get("number", dossier.result_number))[:100]
            dossier.result_summary = str(corrected.get("summary", dossier.result_summary))
        if details.get("recall") and dossier.status == DossierStatus.RETURNED and target == DossierStatus.RESULT_READY:
            dossier.status, dossier.status_changed_at, dossier.returned_at = target, moment, None
            _desk_fields(dossier, rec, with_due=True)
            dossier.returned_at = None
            dossier.updated_at = now
            return APPLIED, ""
    if target is not None and target != dossier.status:
        if can_move(dossier.status, target):
            dossier.status = target
            dossier.status_changed_at = moment
        else:
            outcome = CONFLICT
            note = (f"quầy chuyển «{label(details.get('from', rec.TrangThaiHoSo))}» → "
                    f"«{label(target)}» nhưng trung tâm đang ở «{label(dossier.status)}»")
    # The deadline is the desk's computation (reception, apology, recomputation after a supplement);
    # while the back office waits for a supplement the clock is stopped whatever the desk's snapshot
    # says. A stale snapshot is later overwritten by the desk's recomputation or settled by the
    # echo below (which carries the central's due moment back).
    current_view = dossier.status != DossierStatus.SUPPLEMENT_REQUESTED
    _desk_fields(dossier, rec, with_due=current_view)
    dossier.updated_at = now
    _fees_and_ratings(session, event, dossier)
    return outcome, note


def _fees_and_ratings(session: Session, event: EventIn, dossier: PushedDossier) -> None:
    """Payments, voids and ratings kept as rows for the province's service-index counters. Exactly
    once: the event UUID is applied once (above), and the row's key is the desk's own row UUID."""
    assert event.content is not None
    details = event.content.details
    if event.kind == EVENT_PAYMENT_RECORDED and "payment" in details:
        pay = details["payment"]
        if session.get(Payment, pay["uuid"]) is None:
            session.add(Payment(uuid=pay["uuid"], unit_code=dossier.unit_code, desk_number=dossier.desk_number,
                                dossier_code=dossier.code, number=pay["number"], amount=pay["amount"],
                                method=pay["method"], reference=pay.get("reference", ""),
                                paid_at=p.parse_moment(pay["paid_at"]), void_reason=""))
    elif event.kind == EVENT_PAYMENT_VOIDED and "payment" in details:
        row = session.get(Payment, details["payment"]["uuid"])
        if row is not None and row.voided_at is None:
            row.voided_at = p.parse_moment(details.get("voided_at")) or now_local()
            row.void_reason = str(details.get("reason", ""))
    elif event.kind == EVENT_RATING_GIVEN and "rating" in details:
        r = details["rating"]
        if session.get(Rating, r["uuid"]) is None:
            session.add(Rating(uuid=r["uuid"], unit_code=dossier.unit_code, desk_number=dossier.desk_number,
                               dossier_code=dossier.code, officer_name=r.get("officer", ""), stage=r["stage"],
                               score=r["score"], reason=r.get("reason", ""), rated_at=p.parse_moment(r["rated_at"])))


_DOSSIERS = cast(Table, Dossier.__table__)
_RECEIVED_EVENTS = cast(Table, ReceivedEvent.__table__)
_READ = tuple(c.name for c in _DOSSIERS.c if c.name != "record")  # what a push reads of its dossiers
_INSERT = [c.name for c in _DOSSIERS.c if c.name != "id"]  # what it writes of a new one (the id is drawn)
_READ_ATTRS = attrgetter(*_READ)
_INSERT_ATTRS = attrgetter(*_INSERT)
_SELECT_DOSSIERS = (select(*(_DOSSIERS.c[name] for name in _READ)).order_by(_DOSSIERS.c.code).with_for_update())
# PostgreSQL: the same on psycopg directly, the codes as one binary array (central/bulk.py ``fetch``).
_SELECT_DOSSIERS_PG = (f"SELECT {', '.join(_READ)} FROM dossiers WHERE code = ANY(%b::text[]) "
                       "ORDER BY code FOR UPDATE")
_KNOWN_PG = "SELECT uuid, unit_code, desk_number, seq FROM received_events WHERE uuid = ANY(%b::text[])"
_STORED = ["uuid", "unit_code", "desk_number", "seq", "kind", "entity_key", "payload", "desk_created_at",
           "received_at", "outcome", "note"]  # a received_events row as apply_push builds it


def _write_dossiers(session: Session, new: list[PushedDossier], changed: list[PushedDossier],
                    read: dict[str, tuple[Any, ...]] | None = None) -> None:
    """The batch's dossiers as they end up: one statement for the new ones, one for the others,
    which were read locked by ``apply_push`` (central/bulk.py). With ``read`` (the rows as read,
    ``_READ``'s columns, by code) only the columns the batch changed in some dossier are set, and
    ``record``, which is not read, always."""
    if new:
        bulk.insert_tuples(session, _DOSSIERS, _INSERT, [_INSERT_ATTRS(d) for d in new])
    if not changed:
        return
    if read is None:
        keys = list(vars(changed[0]))
    else:
        # Column by column, each a tuple compared in C: the columns some dossier of the batch changed.
        now_columns = zip(*(_READ_ATTRS(d) for d in changed), strict=True)
        then_columns = zip(*(read[d.code] for d in changed), strict=True)
        keys = ["id", *(name for name, now, then in zip(_READ, now_columns, then_columns, strict=True)
                        if name != "id" and now != then), "record"]
    bulk.update_columns(session, _DOSSIERS, "id", {key: [getattr(d, key) for d in changed] for key in keys})


def status_entry(dossier: PushedDossier, note: str, now: datetime) -> tuple[Any, ...]:
    """The feed row (``feed.ENTRY_COLUMNS``) of the central's current status of ``dossier``: the
    newest entry of its desk's feed (a push publishes all of its echoes in one statement)."""
    dossier.in_feed = True
    fmt = p.format_moment
    due_at, original = dossier.due_at, dossier.original_due_at
    due_text = fmt(due_at)
    payload: dict[str, Any] = {"code": dossier.code, "to": dossier.status, "correction": True, "note": note,
                               "at": fmt(dossier.status_changed_at), "due_at": due_text,
                               "original_due_at": due_text if original == due_at else fmt(original)}
    if dossier.result_type:  # a desk adopting "result ready" from this entry needs the document too
        payload["result"] = {"type": dossier.result_type, "number": dossier.result_number,
                             "summary": dossier.result_summary}
    # orjson: a tenth of json.dumps's CPU for this small dict of strings and integers (one per echo)
    return (p.CHANGE_DOSSIER_STATUS, dossier.unit_code, dossier.desk_number, dossier.code[:64],
            orjson.dumps(payload).decode(), now)


def apply_push(session: Session, principal: Principal, events: list[EventIn], installation: str = "") -> PushResult:
    unit_code, desk_number = principal.unit_code, principal.desk_number
    assert unit_code is not None and desk_number is not None
    own_codes: dict[int, codes.ParsedCode | None] = {}  # the desk-minted code of each event's record, by seq
    for event in events:
        own_codes[event.seq] = _check_owner(principal, event)
    if len(own_codes) != len(events) or len({e.uuid for e in events}) != len(events):
        raise Malformed("Lô sự kiện có số thứ tự hoặc mã sự kiện (UUID) bị trùng.")
    pg = bulk.postgres(session)

    stream = _lock_stream(session, unit_code, desk_number, pg)
    check_installation(cast(DeskStream, stream), installation, now_local())
    uuids = [e.uuid for e in events]
    if pg:
        known = {row[0]: row[1:] for row in bulk.fetch(session, _KNOWN_PG, [uuids])}
    else:
        received = _RECEIVED_EVENTS.c
        known = {row.uuid: (row.unit_code, row.desk_number, row.seq) for row in session.connection().execute(
            select(received.uuid, received.unit_code, received.desk_number, received.seq)
            .where(received.uuid.in_(uuids)))}

    result = PushResult(expected_seq=stream.next_seq)
    fresh = []
    for event in sorted(events, key=lambda e: e.seq):
        seen = known.get(event.uuid)
        if seen is not None:
            if seen != (unit_code, desk_number, event.seq):
                raise Malformed(f"Sự kiện {event.uuid} đã được nhận với số thứ tự {seen[2]}, "
                                f"nay gửi lại với số {event.seq}.")
            result.duplicates += 1
        elif event.seq < stream.next_seq:
            raise SequenceConflict(
                f"Sự kiện số {event.seq} của quầy đã được nhận trước đây với nội dung khác. Có thể cơ sở dữ liệu "
                "của quầy đã bị thay thế hoặc khôi phục từ bản sao cũ; hãy liên hệ quản trị hệ thống trung tâm.")
        else:
            fresh.append(event)

    records = [rec for rec in (e.content.dossier if e.content else None for e in fresh) if rec is not None]
    codes_in_batch = sorted({rec.MaHoSo for rec in records})
    dossiers: dict[str, PushedDossier] = {}
    read: dict[str, tuple[Any, ...]] = {}  # the batch's stored dossiers as read (``_READ``)
    elsewhere: dict[str, PushedDossier] = {}
    kept_codes = {rec.MaHoSo for rec in records if rec.NguonHoSo}
    if codes_in_batch:
        # Locked in code order, the same order the back office uses: no deadlock between them.
        rows = (bulk.fetch(session, _SELECT_DOSSIERS_PG, [codes_in_batch]) if pg else
                session.connection().execute(_SELECT_DOSSIERS.where(_DOSSIERS.c.code.in_(codes_in_batch))).all())
        for row in rows:
            d = PushedDossier.of_row(tuple(row))
            if (d.unit_code, d.desk_number) != (unit_code, desk_number):
                if d.code in kept_codes:  # a kept code another desk already holds: set aside, not a 403
                    elsewhere[d.code] = d
                    continue
                raise Forbidden(f"Hồ sơ {d.code} thuộc quầy số {d.desk_number} của đơn vị {d.unit_code}, "
                                "không phải quầy gửi.")
            read[d.code] = tuple(row)
            dossiers[d.code] = d  # written by one UPDATE of the batch's dossiers at the end (``_write_dossiers``)

    now = now_local()
    echoes: dict[str, str] = {}
    issued: list[codes.ParsedCode | None] = []
    stored: list[tuple[Any, ...]] = []  # received_events rows (``_STORED``), written together at the end
    applied_to: set[str] = set()  # the dossiers this batch's events were applied to
    existing = set(dossiers)
    to_portal = portal.enabled()  # read from the environment once per push, not per event
    parse_moment = p.parse_moment
    for event in fresh:
        if event.seq != stream.next_seq:
            result.deferred = len(fresh) - (result.applied + len(result.conflicts) + len(result.quarantined))
            break
        stream.next_seq += 1
        content = event.content
        if content is None:
            _quarantine(session, principal, event, now, result)
            continue
        rec = content.dossier
        if rec is not None and event.kind == EVENT_RECEIVED and rec.MaHoSo in dossiers:
            # A code the central already has, minted again: a desk restored from an old backup that
            # did not fast-forward (an older version). Never let it overwrite the other dossier.
            _quarantine(session, principal, event, now, result, reason=(
                f"Mã hồ sơ {rec.MaHoSo} đã được cấp cho một hồ sơ khác trước đây (cơ sở dữ liệu của quầy có thể đã "
                "được khôi phục từ bản sao cũ). Hồ sơ này chưa được gửi lên; hãy liên hệ quản trị hệ thống."))
            continue
        # Only an online dossier's reception or an intake of one asks central/online.py.
        problem = ("" if rec is not None and rec.NguonHoSo != "online"
                   else _online_decision(session, principal, event, dossiers, now))
        if problem:
            _quarantine(session, principal, event, now, result, reason=problem)
            continue
        if rec is not None and rec.MaHoSo in elsewhere:
            other = elsewhere[rec.MaHoSo]
            _quarantine(session, principal, event, now, result, reason=(
                f"Mã hồ sơ {rec.MaHoSo} đã thuộc quầy số {other.desk_number} của đơn vị {other.unit_code} "
                "(hồ sơ đã được tiếp nhận hoặc nhập ở quầy khác). Hồ sơ này chưa được gửi lên."))
            continue
        if rec is not None:
            if not rec.NguonHoSo:
                issued.append(own_codes[event.seq])  # parsed by _check_owner
            else:  # a kept code counts towards the desk's marks only when it is of the desk's own block
                minted = codes.parse_code(rec.MaHoSo)
                if minted is not None and (minted.agency_code, minted.desk_number) == (unit_code, desk_number):
                    issued.append(minted)
        elif content.intake is not None and content.intake.MaPhieuBoSung:
            issued.append(codes.parse_code(content.intake.MaPhieuBoSung))
        created = parse_moment(event.created_at)
        outcome, note = _apply(session, event, dossiers, now, created)
        if rec is not None:
            applied_to.add(rec.MaHoSo)
            if to_portal:
                portal.enqueue(session, cast(Dossier, dossiers[rec.MaHoSo]), now=now)  # reads columns only
        if event.kind == attachments.EVENT_ATTACHMENT_ADDED:  # a digitised paper (issue #13)
            note = attachments.record(session, principal, content.details, now) or note
        stored.append((event.uuid, unit_code, desk_number, event.seq, event.kind, event.entity_key,
                       content.model_dump_json(), created, now, outcome, note))
        if event.kind in p.CORRECTION_EVENTS and event.entity_key:
            result.resolved += resolve_quarantine(session, unit_code, desk_number, event.entity_key,
                                                  by=event.uuid, now=now)
        if outcome == CONFLICT:
            result.conflicts.append(event.uuid)
            code = rec.MaHoSo if rec is not None else event.entity_key
            log.warning("desk %s/%s: status conflict on %s: %s", unit_code, desk_number, code, note)
            echoes[code] = note
        else:
            result.applied += 1
            if rec is not None and "to" in content.details and dossiers[rec.MaHoSo].in_feed:
                echoes.setdefault(rec.MaHoSo, "")
    record_codes(session, unit_code, desk_number, [c for c in issued if c is not None])
    echo_rows = [status_entry(dossiers[code], note, now) for code, note in echoes.items()]
    _write_dossiers(session, [d for code, d in dossiers.items() if code not in existing],
                    [d for code, d in dossiers.items() if code in existing and code in applied_to], read)
    bulk.insert_tuples(session, _RECEIVED_EVENTS, _STORED, stored)
    feed.publish_tuples(session, echo_rows)
    _write_stream(session, stream, pg)
    result.expected_seq = stream.next_seq
    return result


class _Stream:
    """The desk's ``desk_streams`` row as plain attributes, written back by one UPDATE at the end
    of the push (the ORM's flush of that one object cost ~2 ms per push)."""

    unit_code: str
    desk_number: int
    next_seq: int
    installation_id: str
    installation_seen_at: datetime | None

    def __init__(self, **columns: Any) -> None:
        self.__dict__.update(columns)


_STREAMS = cast(Table, DeskStream.__table__)
_STREAM_COLUMNS = ("unit_code", "desk_number", "next_seq", "installation_id", "installation_seen_at")
_STREAM_ROW = select(*(_STREAMS.c[name] for name in _STREAM_COLUMNS)).where(
    _STREAMS.c.unit_code == bindparam("_unit"), _STREAMS.c.desk_number == bindparam("_desk")).with_for_update()
_UPDATE_STREAM = update(_STREAMS).where(_STREAMS.c.unit_code == bindparam("_unit"),
                                       _STREAMS.c.desk_number == bindparam("_desk"))
_STREAM_ROW_PG = (f"SELECT {', '.join(_STREAM_COLUMNS)} FROM desk_streams WHERE unit_code = %s AND desk_number = %s "
                  "FOR UPDATE")
_UPDATE_STREAM_PG = ("UPDATE desk_streams SET next_seq = %s, installation_id = %s, installation_seen_at = %s "
                     "WHERE unit_code = %s AND desk_number = %s")


def _lock_stream(session: Session, unit_code: str, desk_number: int, pg: bool = False) -> _Stream:
    """The desk's stream row, locked (concurrent pushes of one desk queue here); created at its first push."""
    if pg:
        rows = bulk.fetch(session, _STREAM_ROW_PG, (unit_code, desk_number))
        if rows:
            return _Stream(**dict(zip(_STREAM_COLUMNS, rows[0], strict=True)))
    connection = session.connection()
    key = {"_unit": unit_code, "_desk": desk_number}
    row = connection.execute(_STREAM_ROW, key).mappings().first()
    if row is None:
        connection.execute(insert(_STREAMS).values(unit_code=unit_code, desk_number=desk_number, next_seq=1))
        row = connection.execute(_STREAM_ROW, key).mappings().one()
    return _Stream(**row)


def _write_stream(session: Session, stream: _Stream, pg: bool) -> None:
    if pg:
        bulk.fetch(session, _UPDATE_STREAM_PG, (stream.next_seq, stream.installation_id, stream.installation_seen_at,
                                                stream.unit_code, stream.desk_number))
        return
    session.connection().execute(_UPDATE_STREAM, {"_unit": stream.unit_code, "_desk": stream.desk_number,
                                                  "next_seq": stream.next_seq,
                                                  "installation_id": stream.installation_id,
                                                  "installation_seen_at": stream.installation_seen_at})
