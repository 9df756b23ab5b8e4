"""Fees paid at the desk (payment receipts, voids) and the citizens' satisfaction ratings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, local_now
from .dossier import Dossier
from .org import Desk, Officer


class Payment(Base):
    """One payment receipt (biên lai): integer đồng, never edited; a void keeps the row and says why."""

    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        Index("ix_payments_paid_at", "paid_at"),
        Index("ix_payments_voided_at", "voided_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)  # "<desk>-<yymmdd>-<seq>" on the receipt
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), index=True)
    amount: Mapped[int]  # đồng
    method: Mapped[str] = mapped_column(String(16))  # cash / transfer / online
    reference: Mapped[str] = mapped_column(String(100), default="")  # bank / payment-platform transaction
    payer_name: Mapped[str] = mapped_column(String(255), default="")
    paid_at: Mapped[datetime] = mapped_column(default=local_now)
    voided_at: Mapped[datetime | None]
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    void_reason: Mapped[str] = mapped_column(Text, default="")

    dossier: Mapped[Dossier] = relationship()
    desk: Mapped[Desk] = relationship()
    officer: Mapped[Officer] = relationship(foreign_keys=[officer_id])
    voided_by: Mapped[Officer | None] = relationship(foreign_keys=[voided_by_id])


class Rating(Base):
    """A citizen's satisfaction rating of one officer's service for one dossier: written once, never edited."""

    __tablename__ = "ratings"
    __table_args__ = (
        UniqueConstraint("dossier_id", "officer_id", "stage", name="uq_ratings_dossier_officer_stage"),
        CheckConstraint("score IN (1, 2, 3)", name="score_known"),
        Index("ix_ratings_rated_at", "rated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), index=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    stage: Mapped[str] = mapped_column(String(16))  # receipt / return
    score: Mapped[int]  # 1 very satisfied, 2 satisfied, 3 not satisfied
    reason: Mapped[str] = mapped_column(String(40), default="")  # a code of domain.ratings.REASONS
    rated_at: Mapped[datetime] = mapped_column(default=local_now)
