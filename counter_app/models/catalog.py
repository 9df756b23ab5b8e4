"""Procedure catalog: fields, procedures with cases and required documents, import history."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, local_now


class Field(Base):
    __tablename__ = "fields"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(255))


class Procedure(Base):
    __tablename__ = "procedures"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)  # MATTHC, e.g. 1.001193
    name: Mapped[str] = mapped_column(String(500))
    name_folded: Mapped[str] = mapped_column(String(500), index=True)  # accent-free lower case
    field_id: Mapped[int] = mapped_column(ForeignKey("fields.id"))
    levels: Mapped[str] = mapped_column(String(100), default="")  # "Cấp Tỉnh, Cấp Xã"
    agencies: Mapped[str] = mapped_column(Text, default="")
    results: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")  # one document per line
    source: Mapped[str] = mapped_column(String(500), default="")
    effective_date: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)
    active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(default=local_now)
    raw_json: Mapped[str] = mapped_column(Text)  # the imported national record, verbatim

    field: Mapped[Field] = relationship()
    cases: Mapped[list[ProcedureCase]] = relationship(
        back_populates="procedure", order_by="ProcedureCase.position", cascade="all, delete-orphan"
    )


class ProcedureVersion(Base):
    """Every imported version of a procedure record, so a re-import never loses history."""

    __tablename__ = "procedure_versions"
    __table_args__ = (UniqueConstraint("procedure_id", "version", name="uq_procedure_versions_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"), index=True)
    version: Mapped[int]
    imported_at: Mapped[datetime] = mapped_column(default=local_now)
    raw_json: Mapped[str] = mapped_column(Text)


class ProcedureCase(Base):
    __tablename__ = "procedure_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(500))
    position: Mapped[int] = mapped_column(default=0)
    processing_amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    processing_unit: Mapped[str] = mapped_column(String(40))  # catalog unit, e.g. "Ngày làm việc"
    fee_amount: Mapped[int] = mapped_column(default=0)  # VNĐ
    fee_text: Mapped[str] = mapped_column(Text, default="")
    fee_schedule: Mapped[str] = mapped_column(Text, default="")  # domain.fees.FeeSchedule as JSON
    active: Mapped[bool] = mapped_column(default=True)  # false once a re-import drops the case

    procedure: Mapped[Procedure] = relationship(back_populates="cases")
    documents: Mapped[list[RequiredDocument]] = relationship(
        back_populates="case", order_by="RequiredDocument.position", cascade="all, delete-orphan"
    )


class RequiredDocument(Base):
    __tablename__ = "required_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("procedure_cases.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(Text)
    form_template: Mapped[str] = mapped_column(String(255), default="")
    originals: Mapped[int] = mapped_column(default=0)
    certified_copies: Mapped[int] = mapped_column(default=0)
    photocopies: Mapped[int] = mapped_column(default=0)
    mandatory: Mapped[bool] = mapped_column(default=True)
    condition: Mapped[str] = mapped_column(Text, default="")  # when a conditional document applies
    active: Mapped[bool] = mapped_column(default=True)

    case: Mapped[ProcedureCase] = relationship(back_populates="documents")
