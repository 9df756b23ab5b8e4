"""The strict schema of the national portal's dossier record (``counter_app.domain.records.national_record``).

The central validates every record against it before it queues the record for the portal, so what
the portal would refuse for its form is known (and shown to the admin) without a round trip. Field
limits are the shared ones (counter_app/domain/fields.py); the field table is docs/national-record.md.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from counter_app.domain import fields
from counter_app.domain.lifecycle import DossierStatus
from counter_app.domain.records import ID_CCCD, ID_TYPES, NATIONAL_FIELDS, PORTAL_MOMENT, RECEIVED

from .schemas import (
    AddressT,
    AgencyCodeT,
    ApplicantNameT,
    CaseCodeT,
    EmailT,
    IdNumberT,
    NoteT,
    OfficerNameT,
    PhoneT,
    ProcedureCodeT,
    ProcedureNameT,
    ResultNumberT,
    problems_text,
)

_Strict = ConfigDict(extra="forbid", strict=True)
CodeT = Annotated[str, StringConstraints(min_length=3, max_length=64, pattern=r"^[0-9A-Z][0-9A-Z._/-]*$")]
ShortT = Annotated[str, StringConstraints(max_length=255)]
TextT = Annotated[str, StringConstraints(max_length=4000)]
Count = Annotated[int, Field(ge=0, le=99)]


def _moment(value: str | None) -> str | None:
    if value is None:
        return None
    if len(value) != 14 or not value.isdigit():
        raise ValueError("phải có dạng yyyyMMddHHmmss (14 chữ số)")
    try:
        fields.check_moment(datetime.strptime(value, PORTAL_MOMENT))
    except ValueError as exc:
        raise ValueError(f"không phải thời điểm hợp lệ ({exc})") from None
    return value


MomentT = Annotated[str, StringConstraints(min_length=14, max_length=14, pattern=r"^\d{14}$")]


class Identification(BaseModel):
    model_config = _Strict
    LoaiDinhDanh: int
    SoDinhDanh: IdNumberT = Field(min_length=1)

    @model_validator(mode="after")
    def _known(self) -> Identification:
        if self.LoaiDinhDanh not in ID_TYPES:
            raise ValueError(f"LoaiDinhDanh phải là một trong {', '.join(map(str, ID_TYPES))}")
        if self.LoaiDinhDanh == ID_CCCD and not (self.SoDinhDanh.isdigit() and len(self.SoDinhDanh) == 12):
            raise ValueError("số căn cước (LoaiDinhDanh 1) phải có đúng 12 chữ số")
        return self


class Step(BaseModel):
    model_config = _Strict
    ThuTu: int = Field(ge=1, le=1000)
    TuDonVi: ShortT
    DenDonVi: ShortT
    ThoiDiem: MomentT
    NguoiGiao: ShortT = ""
    NguoiNhan: ShortT = ""
    KetQua: Annotated[str, StringConstraints(pattern=r"^(|early|on_time|late)$")] = ""
    GhiChu: TextT = ""


class File(BaseModel):
    model_config = _Strict
    TenTep: ShortT = Field(min_length=1)
    DuongDan: Annotated[str, StringConstraints(min_length=1, max_length=1000)]


class Document(BaseModel):
    model_config = _Strict
    MaThanhPhanHoSo: Annotated[str, StringConstraints(max_length=40)] = ""
    TenTaiLieu: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    SoBanChinh: Count = 0
    SoBanSao: Count = 0
    SoBanPhoto: Count = 0
    DuocSoHoa: bool
    DuocTaiSuDung: bool
    TepDinhKem: list[File] = Field(default_factory=list, max_length=50)


class Fee(BaseModel):
    model_config = _Strict
    MaPhiLePhi: Annotated[str, StringConstraints(max_length=40)] = ""
    TenPhiLePhi: ShortT = Field(min_length=1)
    SoTien: int = Field(ge=0, le=10**12)  # integer đồng
    HinhThucThu: Annotated[str, StringConstraints(max_length=40)] = ""
    DaNop: bool = False


class ResultDocument(BaseModel):
    model_config = _Strict
    TenGiayTo: ShortT = Field(min_length=1)
    SoKyHieu: ResultNumberT = ""
    TrichYeu: TextT = ""


class Unit(BaseModel):
    model_config = _Strict
    MaDonVi: AgencyCodeT = Field(min_length=1)
    TenDonVi: ShortT = ""


class NationalRecord(BaseModel):
    """One dossier as the national portal receives it; ``TrangThaiHoSo`` decides what is required."""

    model_config = _Strict
    MaHoSo: CodeT
    MaTTHC: ProcedureCodeT = Field(min_length=1)
    TenTTHC: ProcedureNameT = Field(min_length=1)
    MaTruongHop: CaseCodeT = ""
    KenhThucHien: int = Field(ge=1, le=3)
    ChuHoSo: ApplicantNameT = Field(min_length=1)
    LoaiDoiTuong: int = Field(ge=1, le=4)
    DinhDanhCHS: list[Identification] = Field(min_length=1, max_length=5)
    SoGiayToChuHoSo: IdNumberT = Field(min_length=1)
    SoDienThoai: PhoneT = ""
    Email: EmailT = ""
    DiaChi: AddressT = ""
    NgayNopHoSo: MomentT
    NgayTiepNhan: MomentT | None
    NgayHenTra: MomentT | None
    NgayTra: MomentT | None
    TrangThaiHoSo: int = Field(ge=1, le=10)
    QuaTrinhXuLy: list[Step] = Field(max_length=1000)
    TaiLieuNop: list[Document] = Field(max_length=200)
    DanhSachLePhi: list[Fee] = Field(max_length=50)
    DanhSachGiayToKetQua: list[ResultDocument] = Field(max_length=50)
    DonViTiepNhan: Unit
    CanBoTiepNhan: OfficerNameT
    GhiChu: NoteT = ""

    @model_validator(mode="after")
    def _by_status(self) -> NationalRecord:
        for name in ("NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayTra"):
            _moment(getattr(self, name))
        for step in self.QuaTrinhXuLy:
            _moment(step.ThoiDiem)
        status = self.TrangThaiHoSo
        for spec in NATIONAL_FIELDS:
            if status in spec.required_at and getattr(self, spec.name) in (None, "", [], {}):
                raise ValueError(f"{spec.name} bắt buộc khi TrangThaiHoSo = {status}")
        if status not in RECEIVED and self.NgayTiepNhan is not None:
            raise ValueError(f"NgayTiepNhan phải để trống khi TrangThaiHoSo = {status} (hồ sơ chưa được tiếp nhận)")
        if status != DossierStatus.RETURNED and self.NgayTra is not None:
            raise ValueError("NgayTra chỉ có khi TrangThaiHoSo = 10 (đã trả kết quả)")
        if self.NgayTiepNhan and self.NgayHenTra and self.NgayHenTra < self.NgayTiepNhan:
            raise ValueError("NgayHenTra trước NgayTiepNhan")
        if self.NgayTiepNhan and self.NgayTra and self.NgayTra < self.NgayTiepNhan:
            raise ValueError("NgayTra trước NgayTiepNhan")
        if self.SoGiayToChuHoSo not in {i.SoDinhDanh for i in self.DinhDanhCHS}:
            raise ValueError("SoGiayToChuHoSo phải là một trong các số của DinhDanhCHS")
        return self


def validate(record: dict[str, Any]) -> NationalRecord:
    """The record checked strictly; raises ValueError with the problems in Vietnamese."""
    try:
        return NationalRecord.model_validate(record)
    except ValidationError as exc:
        raise ValueError(problems_text(exc)) from None
