"""The dossier records, field for field the national portal's (MaHoSo, MaTTHC, …): one module owns them.

Two records, one mapping:

* the **sync record** (``dossier_record`` / ``intake_record``): what a desk sends the central with
  every outbox event. Its keys are the portal's names where the portal has one; the central stores
  it verbatim and overlays what it owns (status, deadline, control slip, result).
* the **national record** (``national_record``): the dossier as the national public-service portal
  (Cổng Dịch vụ công quốc gia) receives it at every status change. It is computed from a sync
  record only, so the two cannot drift apart: every national field names the sync-record keys it
  is read from (``NATIONAL_FIELDS``), and tests/unit/test_national_record.py checks that each of
  them is a key the desk sends and the central's schema declares. The strict schema the central
  validates a record against before posting it is ``central/portal_schema.py``; the field table
  is docs/national-record.md.

``TaiLieuNop`` takes the digitised / reused flags and the file references of each document from
``papers`` (the dossier's attached files, issue #13: services/changes.py passes them).
``DanhSachLePhi`` is the dossier's ``fee_lines`` (issue #14: the fees computed at receipt, how they
were collected, whether paid); an object without them gets the fee the catalog declares for the case.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the ORM objects are read, never imported at run time
    from counter_app.models import Dossier, Handoff, Intake, IntakeItem

PORTAL_MOMENT = "%Y%m%d%H%M%S"  # the portal's yyyyMMddHHmmss

# The desk's channel names → KenhThucHien (1 direct, 2 postal, 3 online).
CHANNELS: dict[str, int] = {"direct": 1, "post": 2, "online": 3}
CHANNEL_NAMES: dict[int, str] = {v: k for k, v in CHANNELS.items()}
# The desk's applicant kinds → LoaiDoiTuong (1 citizen, 2 organisation, 3 business, 4 other).
# A passport holder (issue #13: a foreigner, a Vietnamese living abroad) is a person: 1.
SUBJECT_KINDS: dict[str, int] = {"citizen": 1, "passport": 1, "organisation": 2, "business": 3}
SUBJECT_OTHER = 4
# LoaiDinhDanh: the kind of number identifying the dossier's owner (DinhDanhCHS).
ID_CCCD = 1  # 12-digit citizen identity number (căn cước / CCCD, = personal identification number)
ID_CMND = 2  # old 9-digit identity card
ID_PASSPORT = 3  # passport (hộ chiếu), Vietnamese or foreign
ID_TAX = 4  # enterprise / tax code (mã số doanh nghiệp, mã số thuế)
ID_ORGANISATION = 5  # an organisation's code (mã định danh, mã đơn vị)
ID_OTHER = 9
ID_TYPES = (ID_CCCD, ID_CMND, ID_PASSPORT, ID_TAX, ID_ORGANISATION, ID_OTHER)
_PASSPORT = re.compile(r"^[A-Z]{1,2}\d{6,9}$")


def moment(value: datetime | None) -> str | None:
    return value.strftime(PORTAL_MOMENT) if value else None


def id_type(kind: str, id_number: str) -> int:
    """LoaiDinhDanh of an owner from the applicant kind and the shape of the number."""
    number = id_number.strip().upper()
    if kind == "passport":
        return ID_PASSPORT
    if kind == "business":
        return ID_TAX
    if kind == "organisation":
        return ID_ORGANISATION
    if number.isdigit() and len(number) == 12:
        return ID_CCCD
    if number.isdigit() and len(number) == 9:
        return ID_CMND
    if _PASSPORT.match(number):
        return ID_PASSPORT
    return ID_OTHER


# ----------------------------------------------------------------------------- the sync record


def _handoff(h: Handoff, order: int) -> dict[str, Any]:
    return {"ThuTu": order, "TuDonVi": h.from_unit, "DenDonVi": h.to_unit, "ThoiDiem": moment(h.at),
            "NguoiGiao": h.given_by, "NguoiNhan": h.taken_by, "KetQua": h.result, "GhiChu": h.note}


@dataclass(frozen=True)
class Paper:
    """A file attached to a dossier for one of its documents (issue #13's ``attachments`` row)."""

    document_id: int
    file_name: str
    sha256: str
    reused: bool  # digitised for an earlier dossier of the applicant, no paper taken this time


def _document(item: IntakeItem, papers: list[Paper]) -> dict[str, Any]:
    doc = item.required_document
    mine = [p for p in papers if p.document_id == item.required_document_id]
    return {"MaThanhPhanHoSo": doc.code, "TenTaiLieu": doc.name, "SoBanChinh": item.originals,
            "SoBanSao": item.certified_copies, "SoBanPhoto": item.photocopies,
            "DuocSoHoa": bool(mine), "DuocTaiSuDung": any(p.reused for p in mine),
            # A file is referred to by its content (the desk's and the central's stores are content-addressed).
            "TepDinhKem": [{"TenTep": p.file_name, "DuongDan": f"sha256:{p.sha256}"} for p in mine]}


def submitted_documents(items: list[IntakeItem], papers: list[Paper] | None = None) -> list[dict[str, Any]]:
    """TaiLieuNop: the checklist rows the applicant provided."""
    return [_document(i, papers or []) for i in items if i.decision == "provided"]


def _fees(dossier: Dossier) -> list[dict[str, Any]]:
    lines = getattr(dossier, "fee_lines", None)  # issue #14: the fees recorded for this dossier
    if lines is not None:
        return [dict(line) for line in lines]
    case = dossier.case
    if not case.fee_amount:
        return []
    return [{"MaPhiLePhi": "", "TenPhiLePhi": (case.fee_text or "Lệ phí").split("\n", 1)[0][:255],
             "SoTien": case.fee_amount, "HinhThucThu": "", "DaNop": False}]


def result_documents(result_type: str, result_number: str, summary: str) -> list[dict[str, Any]]:
    """DanhSachGiayToKetQua from the one result document the desk and the central record."""
    if not result_type:
        return []
    return [{"TenGiayTo": result_type, "SoKyHieu": result_number, "TrichYeu": summary}]


def dossier_record(dossier: Dossier, papers: list[Paper] | None = None) -> dict[str, Any]:
    applicant = dossier.applicant
    intake = dossier.intake
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": dossier.procedure.code,
        "TenTTHC": dossier.procedure.name,
        "MaTruongHop": dossier.case.code,
        "MaDonVi": dossier.unit.agency_code,
        "TenDonVi": dossier.unit.name,
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
        "NguonHoSo": dossier.origin,
        "NgayNopHoSo": moment(dossier.submitted_at),
        "SoBo": dossier.sets,
        "HinhThucTraKQ": dossier.delivery_method,
        "NgayTiepNhan": moment(dossier.received_at),
        "NgayHenTra": moment(dossier.due_at),
        "NgayHenTraBanDau": moment(dossier.original_due_at),
        "TrangThaiHoSo": dossier.status,
        "NgayCoKetQua": moment(dossier.result_ready_at),
        "NgayTraKetQua": moment(dossier.returned_at),
        "CanBoTiepNhan": dossier.officer.full_name,
        "QuaTrinhXuLy": [_handoff(h, n) for n, h in enumerate(dossier.handoffs, start=1)],
        "TaiLieuNop": submitted_documents(list(intake.items), papers) if intake is not None else [],
        "DanhSachLePhi": _fees(dossier),
        "DanhSachGiayToKetQua": result_documents(dossier.result_type, dossier.result_number, dossier.result_summary),
        # Documents marked provided at receipt (issue #13): the central's digitisation rate compares them
        # with the files it receives.
        "SoGiayToNop": sum(1 for i in dossier.intake.items if i.decision == "provided") if dossier.intake else 0,
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
        "NgayTiepNhan": moment(intake.started_at),
        "TrangThaiHoSo": status,
    }


# ----------------------------------------------------------------------------- the national record


@dataclass(frozen=True)
class NationalField:
    """One field of the national record: where it comes from and when it is required."""

    name: str
    sources: tuple[str, ...]  # sync-record keys it is read from
    kind: str  # text / int / moment / list / object
    meaning: str  # English, for docs/national-record.md
    required_at: frozenset[int] = frozenset(range(1, 11))  # statuses at which it must have a value


ALL = frozenset(range(1, 11))
RECEIVED = frozenset({2, 4, 5, 6, 7, 8, 9, 10})  # statuses a dossier the desk received can have
# Statuses only a received dossier has (5 and 7 also befall an online dossier not received yet).
ONLY_RECEIVED = frozenset({2, 4, 6, 8, 9, 10})

NATIONAL_FIELDS: tuple[NationalField, ...] = (
    NationalField("MaHoSo", ("MaHoSo",), "text", "Dossier code (Mã hồ sơ), the portal's own for online dossiers"),
    NationalField("MaTTHC", ("MaTTHC",), "text", "Procedure code in the national procedure database"),
    NationalField("TenTTHC", ("TenTTHC",), "text", "Procedure name"),
    NationalField("MaTruongHop", ("MaTruongHop",), "text", "Case code of the procedure (may be empty)", frozenset()),
    NationalField("KenhThucHien", ("KenhThucHien",), "int", "Channel: 1 direct, 2 postal, 3 online"),
    NationalField("ChuHoSo", ("ChuHoSo",), "text", "Dossier owner: person's full name or organisation's name"),
    NationalField("LoaiDoiTuong", ("LoaiDoiTuong",), "int", "Owner kind: 1 citizen, 2 organisation, 3 business, 4 other"),
    NationalField("DinhDanhCHS", ("SoGiayTo", "LoaiDoiTuong"), "list",
                  "Owner identification: [{LoaiDinhDanh: 1 CCCD, 2 CMND, 3 passport, 4 tax/enterprise code, "
                  "5 organisation code, 9 other; SoDinhDanh}]"),
    NationalField("SoGiayToChuHoSo", ("SoGiayTo",), "text", "Number of the owner's identity paper"),
    NationalField("SoDienThoai", ("SoDienThoai",), "text", "Owner's phone (may be empty)", frozenset()),
    NationalField("Email", ("Email",), "text", "Owner's e-mail (may be empty)", frozenset()),
    NationalField("DiaChi", ("DiaChi",), "text", "Owner's address (may be empty)", frozenset()),
    NationalField("NgayNopHoSo", ("NgayNopHoSo", "NgayTiepNhan"), "moment",
                  "Submitted (yyyyMMddHHmmss): online submission moment, else the receipt"),
    NationalField("NgayTiepNhan", ("NgayTiepNhan",), "moment",
                  "Received at the desk (yyyyMMddHHmmss); empty before reception (1, 3, and 5 / 7 of an online "
                  "dossier not received)", ONLY_RECEIVED),
    NationalField("NgayHenTra", ("NgayHenTra",), "moment",
                  "Appointment to return the result (yyyyMMddHHmmss); empty while the clock is stopped (5, 6) and "
                  "after a supplement until the receiving desk has recomputed it (a later change carries it)",
                  frozenset({2})),
    NationalField("NgayTra", ("NgayTraKetQua",), "moment", "Result handed over (yyyyMMddHHmmss)", frozenset({10})),
    NationalField("TrangThaiHoSo", ("TrangThaiHoSo",), "int", "Status 1–10 (DESIGN.md, national codes)"),
    NationalField("QuaTrinhXuLy", ("QuaTrinhXuLy",), "list",
                  "Control-slip rows (form 06): ThuTu, TuDonVi, DenDonVi, ThoiDiem, NguoiGiao, NguoiNhan, KetQua, GhiChu",
                  frozenset()),
    NationalField("TaiLieuNop", ("TaiLieuNop",), "list",
                  "Documents submitted: MaThanhPhanHoSo, TenTaiLieu, SoBanChinh, SoBanSao, SoBanPhoto, DuocSoHoa "
                  "(digitised), DuocTaiSuDung (reused), TepDinhKem [{TenTep, DuongDan}]", frozenset()),
    NationalField("DanhSachLePhi", ("DanhSachLePhi",), "list",
                  "Fees and charges: MaPhiLePhi, TenPhiLePhi, SoTien (integer đồng), HinhThucThu, DaNop", frozenset()),
    NationalField("DanhSachGiayToKetQua", ("DanhSachGiayToKetQua",), "list",
                  "Result documents: TenGiayTo, SoKyHieu, TrichYeu", frozenset({9, 10})),
    NationalField("DonViTiepNhan", ("MaDonVi", "TenDonVi"), "object",
                  "Receiving unit: {MaDonVi (QCVN 102 agency code), TenDonVi}"),
    NationalField("CanBoTiepNhan", ("CanBoTiepNhan",), "text", "Receiving officer (empty before reception)",
                  ONLY_RECEIVED),
    NationalField("GhiChu", ("LyDo",), "text", "Reason of a refusal (3) or note", frozenset({3})),
)


def national_record(sync: Mapping[str, Any]) -> dict[str, Any]:
    """The national portal's record of a dossier from its sync record (desk's, or the central's
    view of it). Pure mapping: the strict checks are ``central.portal_schema``."""
    kind = str(sync.get("LoaiDoiTuong") or "")
    number = str(sync.get("SoGiayTo") or "")
    channel = sync.get("KenhThucHien")
    return {
        "MaHoSo": sync["MaHoSo"],
        "MaTTHC": sync.get("MaTTHC", ""),
        "TenTTHC": sync.get("TenTTHC", ""),
        "MaTruongHop": sync.get("MaTruongHop", "") or "",
        "KenhThucHien": CHANNELS.get(str(channel), channel if isinstance(channel, int) else 0),
        "ChuHoSo": sync.get("ChuHoSo", ""),
        "LoaiDoiTuong": SUBJECT_KINDS.get(kind, SUBJECT_OTHER),
        "DinhDanhCHS": [{"LoaiDinhDanh": id_type(kind, number), "SoDinhDanh": number}] if number else [],
        "SoGiayToChuHoSo": number,
        "SoDienThoai": sync.get("SoDienThoai", "") or "",
        "Email": sync.get("Email", "") or "",
        "DiaChi": sync.get("DiaChi", "") or "",
        "NgayNopHoSo": sync.get("NgayNopHoSo") or sync.get("NgayTiepNhan"),
        "NgayTiepNhan": sync.get("NgayTiepNhan") if sync.get("TrangThaiHoSo") in RECEIVED else None,
        "NgayHenTra": sync.get("NgayHenTra"),
        "NgayTra": sync.get("NgayTraKetQua"),
        "TrangThaiHoSo": sync.get("TrangThaiHoSo"),
        "QuaTrinhXuLy": list(sync.get("QuaTrinhXuLy") or []),
        "TaiLieuNop": list(sync.get("TaiLieuNop") or []),
        "DanhSachLePhi": list(sync.get("DanhSachLePhi") or []),
        "DanhSachGiayToKetQua": list(sync.get("DanhSachGiayToKetQua") or []),
        "DonViTiepNhan": {"MaDonVi": sync.get("MaDonVi", ""), "TenDonVi": sync.get("TenDonVi", "") or ""},
        "CanBoTiepNhan": sync.get("CanBoTiepNhan", "") or "",
        "GhiChu": sync.get("LyDo", "") or "",
    }
