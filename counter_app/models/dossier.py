"""Applicants, intakes (checklist sessions), dossiers and everything that happens to them."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from counter_app.domain.lifecycle import DossierStatus  # the national codes are a domain rule

from .base import Base, local_now
from .catalog import Procedure, ProcedureCase, RequiredDocument
from .org import Desk, Officer, Unit

if TYPE_CHECKING:
    from .payments import Payment


class ApplicantKind(enum.StrEnum):
    CITIZEN = "citizen"  # 12-digit CCCD
    BUSINESS = "business"  # tax code
    ORGANISATION = "organisation"
    PASSPORT = "passport"  # a person without a CCCD: foreigner, Vietnamese living abroad (passport number)


class IntakeOutcome(enum.StrEnum):
    OPEN = "open"
    RECEIVED = "received"
    SUPPLEMENT = "supplement"
    REFUSED = "refused"


class DocumentDecision(enum.StrEnum):
    PROVIDED = "provided"
    MISSING = "missing"
    INVALID = "invalid"
    NOT_APPLICABLE = "not_applicable"  # conditional document whose condition does not hold


class DeliveryMethod(enum.StrEnum):
    COUNTER = "counter"
    POST = "post"


class Applicant(Base):
    __tablename__ = "applicants"
    __table_args__ = (UniqueConstraint("id_number", "kind", name="uq_applicants_id_number_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default=ApplicantKind.CITIZEN.value)
    id_number: Mapped[str] = mapped_column(String(20))  # CCCD / tax code / org code
    name: Mapped[str] = mapped_column(String(255))
    name_folded: Mapped[str] = mapped_column(String(255), index=True)
    date_of_birth: Mapped[date | None]
    address: Mapped[str] = mapped_column(String(500), default="")
    phone: Mapped[str] = mapped_column(String(20), default="", index=True)
    email: Mapped[str] = mapped_column(String(255), default="")
    sex: Mapped[str] = mapped_column(String(8), default="", server_default="")  # "Nam" / "Nữ" / unknown
    nationality: Mapped[str] = mapped_column(String(100), default="", server_default="")  # passport holders
    # The applicant said they have no phone (an explicit choice, never a made-up number).
    no_phone: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    created_at: Mapped[datetime] = mapped_column(default=local_now)


class Intake(Base):
    """One checklist session at the desk; a dossier exists only once it is received."""

    __tablename__ = "intakes"
    __table_args__ = (Index("ix_intakes_outcome_closed", "outcome", "closed_at"),)  # refusals per day

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("procedure_cases.id"))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id"), index=True)
    submitter_name: Mapped[str] = mapped_column(String(255), default="")  # when not the applicant
    submitter_id_number: Mapped[str] = mapped_column(String(20), default="")
    submitter_phone: Mapped[str] = mapped_column(String(20), default="")
    started_at: Mapped[datetime] = mapped_column(default=local_now)
    closed_at: Mapped[datetime | None]
    outcome: Mapped[str] = mapped_column(String(16), default=IntakeOutcome.OPEN.value, index=True)
    sets: Mapped[int] = mapped_column(default=1)
    delivery_method: Mapped[str] = mapped_column(String(16), default=DeliveryMethod.COUNTER.value)
    refusal_reason: Mapped[str] = mapped_column(Text, default="")

    desk: Mapped[Desk] = relationship()
    officer: Mapped[Officer] = relationship()
    procedure: Mapped[Procedure] = relationship()
    case: Mapped[ProcedureCase] = relationship()
    applicant: Mapped[Applicant] = relationship()
    items: Mapped[list[IntakeItem]] = relationship(
        back_populates="intake", cascade="all, delete-orphan", order_by="IntakeItem.id"
    )


class IntakeItem(Base):
    """The officer's decision on one required document."""

    __tablename__ = "intake_items"
    __table_args__ = (UniqueConstraint("intake_id", "required_document_id", name="uq_intake_items_doc"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intakes.id"), index=True)
    required_document_id: Mapped[int] = mapped_column(ForeignKey("required_documents.id"))
    decision: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    originals: Mapped[int] = mapped_column(default=0)
    certified_copies: Mapped[int] = mapped_column(default=0)
    photocopies: Mapped[int] = mapped_column(default=0)

    intake: Mapped[Intake] = relationship(back_populates="items")
    required_document: Mapped[RequiredDocument] = relationship()


class Dossier(Base):
    __tablename__ = "dossiers"
    __table_args__ = (
        # (status, due_at) first for status / due-state lookups; the trailing columns make the
        # supervision counters over open dossiers (services/stats.py) index-only scans.
        Index("ix_dossiers_status_due", "status", "due_at", "desk_id", "officer_id", "procedure_id", "received_at"),
        Index("ix_dossiers_desk_received", "desk_id", "received_at"),
        # Supervision counters (services/stats.py): finished / returned in a window, and
        # dossiers withdrawn or stopped after a moment (unfinished-at-a-past-moment snapshots).
        Index("ix_dossiers_result_ready_at", "result_ready_at"),
        Index("ix_dossiers_returned_at", "returned_at"),
        Index("ix_dossiers_status_changed", "status", "status_changed_at"),
        # Dossier search (services/search.py): a status, alone or with a received-date range,
        # newest first; the applicant in the key lets a name + status search driven by the status
        # check the name without reading each dossier row.
        Index("ix_dossiers_status_received_applicant", "status", "received_at", "applicant_id"),
        # An applicant's dossiers (search by name / ID / phone), with the filters of the search
        # (status, received, due) checked in the index, not on the row: "nguyen" + a status walks
        # the name index and seeks here, without reading any dossier that does not match.
        Index("ix_dossiers_applicant_status", "applicant_id", "status", "received_at", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)  # Mã hồ sơ
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), index=True)
    intake_id: Mapped[int | None] = mapped_column(ForeignKey("intakes.id"))
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("procedure_cases.id"))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id"))  # ix_dossiers_applicant_status
    channel: Mapped[str] = mapped_column(String(16), default="direct")  # direct / online / post
    sets: Mapped[int] = mapped_column(default=1)
    delivery_method: Mapped[str] = mapped_column(String(16), default=DeliveryMethod.COUNTER.value)
    received_at: Mapped[datetime] = mapped_column(index=True)
    due_at: Mapped[datetime | None]  # None while the clock is paused
    original_due_at: Mapped[datetime | None]  # before any apology/extension
    status: Mapped[int] = mapped_column(default=DossierStatus.RECEIVED.value)
    status_changed_at: Mapped[datetime] = mapped_column(default=local_now)
    book_volume: Mapped[str] = mapped_column(String(20), default="")
    book_number: Mapped[int] = mapped_column(default=0)
    result_ready_at: Mapped[datetime | None]
    result_type: Mapped[str] = mapped_column(String(255), default="")
    result_number: Mapped[str] = mapped_column(String(100), default="")
    result_summary: Mapped[str] = mapped_column(Text, default="")
    returned_at: Mapped[datetime | None]
    archive_dir: Mapped[str] = mapped_column(String(500), default="")
    # Where the code was minted: "" by this desk, "backlog" (counter-app dossier import), "online"
    # (the national portal's code, kept at reception). Sent as NguonHoSo (domain/records.py).
    origin: Mapped[str] = mapped_column(String(16), default="", server_default="")
    submitted_at: Mapped[datetime | None]  # an online dossier's submission on the portal
    fee_due: Mapped[int] = mapped_column(default=0)  # đồng owed, computed at receipt (domain.fees)
    fee_detail: Mapped[str] = mapped_column(Text, default="")  # domain.fees.FeeQuote as JSON
    updated_at: Mapped[datetime] = mapped_column(default=local_now, onupdate=local_now)

    unit: Mapped[Unit] = relationship()
    desk: Mapped[Desk] = relationship()
    officer: Mapped[Officer] = relationship()
    intake: Mapped[Intake | None] = relationship()
    procedure: Mapped[Procedure] = relationship()
    case: Mapped[ProcedureCase] = relationship()
    applicant: Mapped[Applicant] = relationship()
    pauses: Mapped[list[ClockPause]] = relationship(back_populates="dossier", order_by="ClockPause.id")
    handoffs: Mapped[list[Handoff]] = relationship(back_populates="dossier", order_by="Handoff.position")

    payments: Mapped[list[Payment]] = relationship(order_by="Payment.id", viewonly=True)

    @property
    def status_enum(self) -> DossierStatus:
        return DossierStatus(self.status)

    @property
    def fee_lines(self) -> list[dict[str, Any]]:
        """DanhSachLePhi of the national record: the fees computed at receipt (domain.fees), each with
        how it was collected and whether the dossier has paid what it owes (voided receipts excluded)."""
        from counter_app.domain.fees import METHOD_LABELS, FeeQuote, PaymentMethod

        kept = [p for p in self.payments if p.voided_at is None]
        paid = bool(kept) and sum(p.amount for p in kept) >= self.fee_due
        method = METHOD_LABELS[PaymentMethod(kept[-1].method)] if kept else ""
        return FeeQuote.from_json(self.fee_detail).portal_rows(paid=paid, method=method)


class ClockPause(Base):
    """A stop of the processing clock (supplement requested, awaiting payment)."""

    __tablename__ = "clock_pauses"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # supplement / payment / other
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]

    dossier: Mapped[Dossier] = relationship(back_populates="pauses")


class CodeSequence(Base):
    """Per desk, per day, per kind: the last sequence number handed out (allocation is transactional)."""

    __tablename__ = "code_sequences"

    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)  # dossier / notice
    last_value: Mapped[int] = mapped_column(default=0)


class SupplementNotice(Base):
    __tablename__ = "supplement_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)  # barcoded, distinct from Mã hồ sơ
    number: Mapped[str] = mapped_column(String(40), default="")  # "Số: 15/HDHS"
    intake_id: Mapped[int | None] = mapped_column(ForeignKey("intakes.id"), index=True)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"), index=True)
    stage: Mapped[str] = mapped_column(String(16), default="intake")  # intake / processing
    agency: Mapped[str] = mapped_column(String(255), default="")  # who asked, at processing stage
    issued_at: Mapped[datetime] = mapped_column(default=local_now, index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    second_pass: Mapped[bool] = mapped_column(default=False)  # breaks the "once" rule: overridden
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    override_reason: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[datetime | None]

    items: Mapped[list[SupplementItem]] = relationship(
        back_populates="notice", cascade="all, delete-orphan", order_by="SupplementItem.position"
    )
    intake: Mapped[Intake | None] = relationship()
    officer: Mapped[Officer | None] = relationship(foreign_keys=[officer_id])
    approved_by: Mapped[Officer | None] = relationship(foreign_keys=[approved_by_id])


class SupplementItem(Base):
    __tablename__ = "supplement_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("supplement_notices.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    required_document_id: Mapped[int | None] = mapped_column(ForeignKey("required_documents.id"))
    name: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")

    notice: Mapped[SupplementNotice] = relationship(back_populates="items")


class Apology(Base):
    __tablename__ = "apologies"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    late_agency: Mapped[str] = mapped_column(String(255), default="")
    reason: Mapped[str] = mapped_column(Text)
    old_due_at: Mapped[datetime]
    new_due_at: Mapped[datetime]
    issued_at: Mapped[datetime] = mapped_column(default=local_now, index=True)
    approved_by_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    issued_late: Mapped[bool] = mapped_column(default=False)  # after the due moment: flagged


class Handoff(Base):
    """One row of the control slip (form 06)."""

    __tablename__ = "handoffs"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    from_unit: Mapped[str] = mapped_column(String(255))
    to_unit: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime]
    given_by: Mapped[str] = mapped_column(String(255), default="")
    taken_by: Mapped[str] = mapped_column(String(255), default="")
    result: Mapped[str] = mapped_column(String(16), default="")  # early / on_time / late
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(16), default="desk")  # desk / central

    dossier: Mapped[Dossier] = relationship(back_populates="handoffs")


class ResultReturn(Base):
    __tablename__ = "result_returns"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), unique=True)
    returned_at: Mapped[datetime]
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    receiver_name: Mapped[str] = mapped_column(String(255))
    receiver_id_number: Mapped[str] = mapped_column(String(20))
    receiver_phone: Mapped[str] = mapped_column(String(20), default="")
    receiver_is_applicant: Mapped[bool] = mapped_column(default=True)
    result_type: Mapped[str] = mapped_column(String(255), default="")
    result_number: Mapped[str] = mapped_column(String(100), default="")
    result_summary: Mapped[str] = mapped_column(Text, default="")
