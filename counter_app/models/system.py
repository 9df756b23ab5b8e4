"""Cross-cutting tables: audit log, sync outbox, calendar overrides, settings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, local_now


class AuditEvent(Base):
    """Append-only; each row's hash covers its content and the previous row's hash."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=local_now)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    actor: Mapped[str] = mapped_column(String(255), default="")  # name at the time, or "system"
    action: Mapped[str] = mapped_column(String(64), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_key: Mapped[str] = mapped_column(String(64), default="", index=True)
    details: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class OutboxEvent(Base):
    """A state change waiting to be pushed to the central system (written in the same transaction)."""

    __tablename__ = "outbox_events"
    __table_args__ = (Index("ix_outbox_events_pending", "acked_at", "desk_seq"),
                      Index("ix_outbox_events_refused", "refused_reason", "resolved_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)  # idempotency key at the central
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    desk_seq: Mapped[int]  # per-desk monotonic sequence
    kind: Mapped[str] = mapped_column(String(64))
    entity_key: Mapped[str] = mapped_column(String(64), default="")
    payload: Mapped[str] = mapped_column(Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(default=local_now)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    acked_at: Mapped[datetime | None]
    # Set when the central acknowledged the event but kept it aside (quarantine) with this reason;
    # resolved_at when a correcting event of the same entity was accepted (sync/attention.py).
    refused_reason: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[datetime | None]


class CalendarOverride(Base):
    """An extra day off (is_working False) or a make-up working day (True); synced from central."""

    __tablename__ = "calendar_overrides"

    day: Mapped[date] = mapped_column(primary_key=True)
    is_working: Mapped[bool]
    note: Mapped[str] = mapped_column(String(255), default="")
    source: Mapped[str] = mapped_column(String(16), default="local")  # local / central


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
