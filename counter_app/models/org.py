"""Organisation: units (agencies), desks and officers."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, local_now


class UnitLevel(enum.StrEnum):
    PROVINCE = "province"
    COMMUNE = "commune"
    DISTRICT = "district"  # kept for data from before the 2025 two-level reform


class Role(enum.StrEnum):
    RECEPTION = "reception"
    RETURN = "return"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Unit(Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40), unique=True)  # QCVN 102:2016 code
    name: Mapped[str] = mapped_column(String(255))
    parent_name: Mapped[str] = mapped_column(String(255), default="")
    level: Mapped[str] = mapped_column(String(16), default=UnitLevel.COMMUNE.value)
    place: Mapped[str] = mapped_column(String(100), default="")  # "Cà Mau" in "Cà Mau, ngày …"
    phone: Mapped[str] = mapped_column(String(20), default="")
    lookup_url_template: Mapped[str] = mapped_column(String(255), default="")  # "{code}" replaced

    desks: Mapped[list[Desk]] = relationship(back_populates="unit")


class Desk(Base):
    __tablename__ = "desks"
    __table_args__ = (UniqueConstraint("unit_id", "number", name="uq_desks_unit_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    number: Mapped[int]  # 1–9, the thousands digit of the desk's code block
    name: Mapped[str] = mapped_column(String(100), default="")

    unit: Mapped[Unit] = relationship(back_populates="desks")


class Officer(Base):
    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(255))
    phone: Mapped[str] = mapped_column(String(20), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    roles: Mapped[str] = mapped_column(String(100), default="")  # comma-separated Role values
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=local_now)

    unit: Mapped[Unit] = relationship()

    @property
    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(r) for r in self.roles.split(",") if r)

    def has_role(self, role: Role) -> bool:
        return role in self.role_set
