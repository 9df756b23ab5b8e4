"""The dossier sync record, field for field the national portal's (MaHoSo, MaTTHC, …).

One mapping serves the outbox payloads, the central system and a future national-portal adapter.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the ORM objects are read, never imported at run time
    from counter_app.models import Dossier, Intake


def _moment(value: datetime | None) -> str | None:
    return value.strftime("%Y%m%d%H%M%S") if value else None  # the portal's yyyyMMddHHmmss


def dossier_record(dossier: Dossier) -> dict[str, Any]:
    applicant = dossier.applicant
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": dossier.procedure.code,
        "TenTTHC": dossier.procedure.name,
        "MaTruongHop": dossier.case.code,
        "MaDonVi": dossier.unit.agency_code,
        "SoQuay": dossier.desk.number,
        "ChuHoSo": applicant.name,
        "LoaiDoiTuong": applicant.kind,
        "SoGiayTo": applicant.id_number,
        "SoDienThoai": applicant.phone,
        "Email": applicant.email,
        "DiaChi": applicant.address,
        "GioiTinh": applicant.sex,
        "QuocTich": applicant.nationality,  # passport holders (LoaiDoiTuong "passport")
        "KenhThucHien": dossier.channel,
        "SoBo": dossier.sets,
        "HinhThucTraKQ": dossier.delivery_method,
        "NgayTiepNhan": _moment(dossier.received_at),
        "NgayHenTra": _moment(dossier.due_at),
        "NgayHenTraBanDau": _moment(dossier.original_due_at),
        "TrangThaiHoSo": dossier.status,
        "NgayCoKetQua": _moment(dossier.result_ready_at),
        "NgayTraKetQua": _moment(dossier.returned_at),
        "CanBoTiepNhan": dossier.officer.full_name,
    }


def intake_record(intake: Intake, status: int) -> dict[str, Any]:
    """An intake that did not become a dossier (refused, supplement requested), in portal terms."""
    applicant = intake.applicant
    return {
        "MaLuotTiepNhan": intake.uuid,
        "MaTTHC": intake.procedure.code,
        "TenTTHC": intake.procedure.name,
        "MaTruongHop": intake.case.code,
        "MaDonVi": intake.desk.unit.agency_code,
        "SoQuay": intake.desk.number,
        "ChuHoSo": applicant.name,
        "LoaiDoiTuong": applicant.kind,
        "SoGiayTo": applicant.id_number,
        "SoDienThoai": applicant.phone,
        "NgayTiepNhan": _moment(intake.started_at),
        "TrangThaiHoSo": status,
    }
