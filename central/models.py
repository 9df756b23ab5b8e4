"""Tables of the central database (PostgreSQL in production, SQLite for a demo).

Moments are naive office-local wall-clock time like in the desk database; ``received_at`` /
``updated_at`` columns are the central's own clock, never a desk's.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, Index, LargeBinary, MetaData, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def now_local() -> datetime:
    """The central's clock, office-local, whole seconds."""
    return datetime.now().replace(microsecond=0)


class Unit(Base):
    __tablename__ = "units"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)  # QCVN 102:2016 agency code
    name: Mapped[str] = mapped_column(String(255), default="")


class Credential(Base):
    """A bearer token: one per desk (kind desk) or per back-office officer (kind backoffice).

    Only the SHA-256 of the token is stored; tokens are 256-bit random, so a plain hash is enough.
    """

    __tablename__ = "credentials"
    __table_args__ = (Index("ix_credentials_desk", "unit_code", "desk_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # desk / backoffice
    unit_code: Mapped[str | None] = mapped_column(String(40))
    desk_number: Mapped[int | None]
    name: Mapped[str] = mapped_column(String(255), default="")  # officer name for back office
    agency: Mapped[str] = mapped_column(String(255), default="")  # processing agency for back office
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=now_local)
    revoked_at: Mapped[datetime | None]
    last_seen_at: Mapped[datetime | None]
    clock_skew_seconds: Mapped[int | None]  # desk clock minus central clock at the last push


class DeskStream(Base):
    """Per desk: the next outbox sequence number the central will apply."""

    __tablename__ = "desk_streams"

    unit_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    desk_number: Mapped[int] = mapped_column(primary_key=True)
    next_seq: Mapped[int] = mapped_column(default=1)
    # The installation (one PC's copy of the desk software) that last pushed for this desk, and when:
    # a desk file copied to a second PC while the first is alive is refused, not merged (marks.py).
    installation_id: Mapped[str] = mapped_column(String(64), default="")
    installation_seen_at: Mapped[datetime | None]


class DeskCodeMark(Base):
    """Per desk, day and kind (dossier / notice): the highest code sequence the central has seen.
    A desk restored from an old backup fast-forwards its own counters to these before it mints
    another code, so it never hands out a code the central already gave someone else."""

    __tablename__ = "desk_code_marks"

    unit_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    desk_number: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_value: Mapped[int] = mapped_column(default=0)


class AuditAnchor(Base):
    """The head of a desk's audit chain as the desk pushed it: "desk N had head H at row S".

    Kept for good (one row per new head), so an inspector can check a desk's log against what it
    said at any sync, and the desk cannot cut or rewrite its log behind the last sync unseen.
    """

    __tablename__ = "audit_anchors"
    __table_args__ = (Index("ix_audit_anchors_desk_seq", "unit_code", "desk_number", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(40))
    desk_number: Mapped[int]
    seq: Mapped[int]  # id of the desk's newest audit row
    head: Mapped[str] = mapped_column(String(64))  # that row's hash
    received_at: Mapped[datetime]


class ReceivedEvent(Base):
    """Every desk event applied, keyed by its UUID: the idempotency record."""

    __tablename__ = "received_events"
    __table_args__ = (UniqueConstraint("unit_code", "desk_number", "seq", name="uq_received_events_seq"),)

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(40))
    desk_number: Mapped[int]
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(64))
    entity_key: Mapped[str] = mapped_column(String(64), default="", index=True)
    payload: Mapped[str] = mapped_column(Text)
    desk_created_at: Mapped[datetime | None]  # the desk's clock: kept, never trusted for ordering
    received_at: Mapped[datetime] = mapped_column(default=now_local)  # the central's clock
    outcome: Mapped[str] = mapped_column(String(16))  # applied / conflict / stored
    note: Mapped[str] = mapped_column(Text, default="")


class QuarantinedEvent(Base):
    """A desk event the central refused (a field over a limit, NUL, a date out of range …): kept
    with its reason while its sequence number is acknowledged, so nothing behind it waits. A
    correcting event of the same entity from the desk (``*.corrected``) resolves it; so can the
    central admin (``counter-central quarantine resolve``). Its ``ReceivedEvent`` row (outcome
    ``quarantined``) is the idempotency record, as for any event."""

    __tablename__ = "quarantined_events"
    __table_args__ = (Index("ix_quarantined_events_open", "resolved_at", "unit_code", "desk_number"),)

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(40))
    desk_number: Mapped[int]
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(64))
    entity_key: Mapped[str] = mapped_column(String(64), default="", index=True)
    payload: Mapped[str] = mapped_column(Text)  # the refused payload as JSON (NUL escaped as \u0000)
    reason: Mapped[str] = mapped_column(Text)  # Vietnamese, shown at both ends
    received_at: Mapped[datetime] = mapped_column(default=now_local)
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str] = mapped_column(String(255), default="")  # correcting event uuid or admin note


class Dossier(Base):
    """The central's view of a dossier: desk-owned fields from the desk's sync record, the
    processing status and result from the back office."""

    __tablename__ = "dossiers"
    __table_args__ = (
        # (unit_code, status) lookups use ix_dossiers_counters, which starts with them (one index
        # fewer to maintain at every dossier a push writes).
        Index("ix_dossiers_status_due", "status", "due_at"),
        # Covers the province counters (stats.count_units): one index scan, no table lookups.
        Index("ix_dossiers_counters", "unit_code", "status", "due_at", "received_at", "returned_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)  # MaHoSo
    unit_code: Mapped[str] = mapped_column(String(40))
    desk_number: Mapped[int]
    procedure_code: Mapped[str] = mapped_column(String(40), default="")
    procedure_name: Mapped[str] = mapped_column(String(1000), default="")  # fields.PROCEDURE_NAME
    case_code: Mapped[str] = mapped_column(String(40), default="")
    applicant_name: Mapped[str] = mapped_column(String(255), default="")
    applicant_kind: Mapped[str] = mapped_column(String(16), default="")
    id_number: Mapped[str] = mapped_column(String(20), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(255), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    channel: Mapped[str] = mapped_column(String(16), default="")
    sets: Mapped[int] = mapped_column(default=1)
    delivery_method: Mapped[str] = mapped_column(String(16), default="")
    officer_name: Mapped[str] = mapped_column(String(255), default="")
    documents_provided: Mapped[int] = mapped_column(default=0)  # SoGiayToNop (digitisation rate, issue #13)
    received_at: Mapped[datetime]  # NgayTiepNhan as printed on the desk's slip
    due_at: Mapped[datetime | None]
    original_due_at: Mapped[datetime | None]
    status: Mapped[int]
    status_changed_at: Mapped[datetime]
    result_ready_at: Mapped[datetime | None]
    result_type: Mapped[str] = mapped_column(String(255), default="")
    result_number: Mapped[str] = mapped_column(String(100), default="")
    result_summary: Mapped[str] = mapped_column(Text, default="")
    returned_at: Mapped[datetime | None]
    record: Mapped[str] = mapped_column(Text, default="{}")  # the desk's latest sync record, verbatim
    # True once the desk's feed carries a status entry for this dossier: from then on every status
    # change is published, so the last entry always holds the current status (see push.py).
    in_feed: Mapped[bool] = mapped_column(default=False)
    first_seen_at: Mapped[datetime] = mapped_column(default=now_local)  # central clock
    updated_at: Mapped[datetime] = mapped_column(default=now_local)  # central clock

    handoffs: Mapped[list[Handoff]] = relationship(back_populates="dossier", order_by="Handoff.position")
    supplements: Mapped[list[SupplementRequest]] = relationship(order_by="SupplementRequest.id")


class Handoff(Base):
    """One control-slip row (form 06) per back-office step."""

    __tablename__ = "handoffs"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    position: Mapped[int]
    from_unit: Mapped[str] = mapped_column(String(255))
    to_unit: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime]
    given_by: Mapped[str] = mapped_column(String(255), default="")
    taken_by: Mapped[str] = mapped_column(String(255), default="")
    result: Mapped[str] = mapped_column(String(16), default="")  # early / on_time / late
    note: Mapped[str] = mapped_column(Text, default="")

    dossier: Mapped[Dossier] = relationship(back_populates="handoffs")


class SupplementRequest(Base):
    """A processing-stage supplement request; the unique key enforces "once per agency"."""

    __tablename__ = "supplement_requests"
    __table_args__ = (UniqueConstraint("dossier_id", "agency", name="uq_supplement_requests_agency"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    agency: Mapped[str] = mapped_column(String(255))
    officer: Mapped[str] = mapped_column(String(255), default="")
    requested_at: Mapped[datetime]
    items: Mapped[str] = mapped_column(Text)  # JSON [{name, reason}]
    note: Mapped[str] = mapped_column(Text, default="")


class Procedure(Base):
    """The province's procedure catalog, as published to the desks."""

    __tablename__ = "procedures"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(1000))  # fields.PROCEDURE_NAME
    version: Mapped[int] = mapped_column(default=1)
    raw_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=now_local)


class CalendarOverride(Base):
    __tablename__ = "calendar_overrides"

    day: Mapped[date] = mapped_column(primary_key=True)
    is_working: Mapped[bool]
    note: Mapped[str] = mapped_column(String(255), default="")
    updated_at: Mapped[datetime] = mapped_column(default=now_local)


_NUMBERED = text("position IS NOT NULL")


class Change(Base):
    """One entry of the changes feed.

    ``id`` is the row's own key, from a sequence, handed out without any shared lock.
    ``position`` is the desk's cursor: assigned after the publishing transaction committed, by
    one sequencer at a time (``central.feed.sequence``; on SQLite at publication, writes being
    serialised there), so positions become visible in increasing order and a reader never skips
    one. ``None`` until then: such a row is not in the feed yet."""

    __tablename__ = "changes"
    # PostgreSQL: the readers' indexes hold numbered entries only (every reader asks for positions
    # after a cursor): publishing an entry writes two index entries, not five (migration 0009).
    __table_args__ = (
        Index("ix_changes_scope", "unit_code", "desk_number", "position", postgresql_where=_NUMBERED),
        Index("ix_changes_entity", "entity_key", "position", postgresql_where=_NUMBERED),
        Index("uq_changes_position", "position", unique=True, postgresql_where=_NUMBERED),
        Index("ix_changes_unsequenced", "id", postgresql_where=text("position IS NULL"),
              sqlite_where=text("position IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int | None]
    kind: Mapped[str] = mapped_column(String(40))
    unit_code: Mapped[str | None] = mapped_column(String(40))  # None: every desk
    desk_number: Mapped[int | None]  # None: every desk of the unit
    entity_key: Mapped[str] = mapped_column(String(64), default="")
    payload: Mapped[str] = mapped_column(Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(default=now_local)


class PortalDelivery(Base):
    """One change of one dossier for the national portal (central/portal.py): the record as it was
    at that change, and whether the portal has it. ``uuid`` is the Idempotency-Key sent with it."""

    __tablename__ = "portal_deliveries"
    __table_args__ = (
        Index("ix_portal_deliveries_due", "state", "next_attempt_at", "id"),
        Index("ix_portal_deliveries_dossier", "dossier_code", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    dossier_code: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int]  # TrangThaiHoSo of this change
    record: Mapped[str] = mapped_column(Text)  # the national record, JSON
    state: Mapped[str] = mapped_column(String(16))  # pending / sent / failed
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str] = mapped_column(Text, default="")  # the portal's (or the schema's) message
    created_at: Mapped[datetime] = mapped_column(default=now_local)
    sent_at: Mapped[datetime | None]


class OnlineDossier(Base):
    """A dossier submitted on the national portal, waiting for (or decided by) a desk of its unit
    (central/online.py). ``record`` is the dossier in the sync record's terms."""

    __tablename__ = "online_dossiers"
    __table_args__ = (Index("ix_online_dossiers_unit_state", "unit_code", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)  # the portal's MaHoSo, kept
    unit_code: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(16))  # waiting / received / supplement / refused
    record: Mapped[str] = mapped_column(Text)
    submitted_at: Mapped[datetime]
    desk_number: Mapped[int | None]  # the desk that decided
    decided_at: Mapped[datetime | None]
    reason: Mapped[str] = mapped_column(Text, default="")  # a refusal's reason
    imported_at: Mapped[datetime] = mapped_column(default=now_local)
    updated_at: Mapped[datetime] = mapped_column(default=now_local)


class OnlineFile(Base):
    """A file the applicant uploaded with an online dossier."""

    __tablename__ = "online_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    online_id: Mapped[int] = mapped_column(ForeignKey("online_dossiers.id"), index=True)
    position: Mapped[int]
    document_code: Mapped[str] = mapped_column(String(40), default="")
    document_name: Mapped[str] = mapped_column(String(500), default="")
    name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Payment(Base):
    """A fee payment recorded at a desk (event ``payment.recorded``), voided by ``payment.voided``."""

    __tablename__ = "payments"
    __table_args__ = (Index("ix_payments_unit_paid", "unit_code", "paid_at"),)

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)  # the desk's payment UUID
    unit_code: Mapped[str] = mapped_column(String(40))
    desk_number: Mapped[int]
    dossier_code: Mapped[str] = mapped_column(String(64), index=True)
    number: Mapped[str] = mapped_column(String(40))
    amount: Mapped[int] = mapped_column(BigInteger)  # đồng (a fee may pass 2^31 đồng)
    method: Mapped[str] = mapped_column(String(16))  # cash / transfer / online
    reference: Mapped[str] = mapped_column(String(100), default="")
    paid_at: Mapped[datetime]
    voided_at: Mapped[datetime | None]
    void_reason: Mapped[str] = mapped_column(Text, default="")


class Rating(Base):
    """A citizen's satisfaction rating given at a desk (event ``rating.given``); never edited."""

    __tablename__ = "ratings"
    __table_args__ = (Index("ix_ratings_unit_rated", "unit_code", "rated_at"),)

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)  # the desk's rating UUID
    unit_code: Mapped[str] = mapped_column(String(40))
    desk_number: Mapped[int]
    dossier_code: Mapped[str] = mapped_column(String(64), index=True)
    officer_name: Mapped[str] = mapped_column(String(255), default="")
    stage: Mapped[str] = mapped_column(String(16))
    score: Mapped[int]  # 1 very satisfied, 2 satisfied, 3 not satisfied
    reason: Mapped[str] = mapped_column(String(40), default="")
    rated_at: Mapped[datetime]


class Attachment(Base):
    """A file a desk attached to a dossier (issue #13): the metadata of its ``attachment.added``
    event; the bytes are in the file store (central/files.py) once the desk has uploaded them.
    ``reused``: the desk took no paper, the file was digitised for an earlier dossier of the applicant."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_dossier_code", "dossier_code"),
                      Index("ix_attachments_sha256", "sha256", "unit_code", "desk_number"))

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    dossier_code: Mapped[str] = mapped_column(String(64))
    unit_code: Mapped[str] = mapped_column(String(40))
    desk_number: Mapped[int]
    document_name: Mapped[str] = mapped_column(String(500), default="")
    role: Mapped[str] = mapped_column(String(16), default="received")  # received / result
    file_name: Mapped[str] = mapped_column(String(255), default="")
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    pages: Mapped[int] = mapped_column(default=0)
    reused: Mapped[bool] = mapped_column(default=False)
    received_at: Mapped[datetime] = mapped_column(default=now_local)  # central clock
