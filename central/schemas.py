"""Request bodies, validated strictly: a malformed batch is rejected whole (422) before any write."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from counter_app.sync import protocol as p

Str40 = Annotated[str, StringConstraints(max_length=40)]
Str255 = Annotated[str, StringConstraints(max_length=255)]
Text = Annotated[str, StringConstraints(max_length=4000)]
UUID_RE = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


def _check_record_moment(value: str | None) -> str | None:
    if value is not None:
        try:
            p.parse_record_moment(value)
        except ValueError:
            raise ValueError("must be yyyyMMddHHmmss") from None
    return value


class RecordIn(BaseModel):
    """The desk's dossier sync record (national portal field names); unknown fields are kept."""

    model_config = ConfigDict(extra="allow")

    MaHoSo: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    MaDonVi: Str40
    SoQuay: int = Field(ge=1, le=9)
    TrangThaiHoSo: int = Field(ge=1, le=10)
    NgayTiepNhan: str
    MaTTHC: Str40 = ""
    TenTTHC: Annotated[str, StringConstraints(max_length=500)] = ""
    MaTruongHop: Str40 = ""
    ChuHoSo: Str255 = ""
    LoaiDoiTuong: Annotated[str, StringConstraints(max_length=16)] = ""
    SoGiayTo: Annotated[str, StringConstraints(max_length=20)] = ""
    SoDienThoai: Annotated[str, StringConstraints(max_length=20)] = ""
    Email: Str255 = ""
    DiaChi: Annotated[str, StringConstraints(max_length=500)] = ""
    KenhThucHien: Annotated[str, StringConstraints(max_length=16)] = ""
    SoBo: int = Field(default=1, ge=0, le=1000)
    HinhThucTraKQ: Annotated[str, StringConstraints(max_length=16)] = ""
    NgayHenTra: str | None = None
    NgayHenTraBanDau: str | None = None
    NgayCoKetQua: str | None = None
    NgayTraKetQua: str | None = None
    CanBoTiepNhan: Str255 = ""

    _moments = field_validator("NgayTiepNhan", "NgayHenTra", "NgayHenTraBanDau", "NgayCoKetQua",
                               "NgayTraKetQua")(_check_record_moment)


class EventPayload(BaseModel):
    """``record`` is a dossier record when it has a MaHoSo (validated strictly as RecordIn, exposed
    as ``dossier``); other records (an intake refused or sent back for supplements, which never
    became a dossier) are kept as they are."""

    model_config = ConfigDict(extra="allow")

    event: Annotated[str, StringConstraints(max_length=64)] | None = None
    record: dict[str, Any] | None = None
    details: dict[str, Any] = Field(default_factory=dict)
    _dossier: RecordIn | None = PrivateAttr(default=None)

    @property
    def dossier(self) -> RecordIn | None:
        return self._dossier

    @model_validator(mode="after")
    def _dossier_record(self) -> EventPayload:
        if self.record is not None and "MaHoSo" in self.record:
            try:
                self._dossier = RecordIn.model_validate(self.record)
            except ValidationError as exc:
                problems = "; ".join(f"record.{'.'.join(str(x) for x in e['loc'])}: {e['msg']}"
                                     for e in exc.errors()[:3])
                raise ValueError(problems) from None
        return self

    @field_validator("details")
    @classmethod
    def _status_codes(cls, details: dict[str, Any]) -> dict[str, Any]:
        for key in ("from", "to"):
            value = details.get(key)
            if value is not None and (type(value) is not int or not 1 <= value <= 10):
                raise ValueError(f"details.{key} must be a status code 1–10")
        return details


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    uuid: Annotated[str, StringConstraints(pattern=UUID_RE)]
    seq: int = Field(ge=1, le=2**62)
    kind: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    entity_key: Annotated[str, StringConstraints(max_length=64)] = ""
    created_at: str | None = None  # the desk's clock, informative only
    payload: EventPayload

    @field_validator("created_at")
    @classmethod
    def _moment(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                datetime.strptime(value, p.MOMENT_FORMAT)
            except ValueError:
                raise ValueError(f"must be {p.MOMENT_FORMAT}") from None
        return value


class PushIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    events: list[EventIn] = Field(max_length=p.MAX_BATCH_EVENTS)
    sent_at: str | None = None  # the desk's clock when sending: used to report clock skew


class SupplementItemIn(BaseModel):
    name: Annotated[str, StringConstraints(min_length=1, max_length=500, strip_whitespace=True)]
    reason: Annotated[str, StringConstraints(max_length=1000, strip_whitespace=True)] = ""


class ProcessIn(BaseModel):
    note: Text = ""


class SupplementIn(BaseModel):
    items: list[SupplementItemIn] = Field(min_length=1, max_length=100)
    note: Text = ""


class StopIn(BaseModel):
    reason: Annotated[str, StringConstraints(min_length=1, max_length=2000, strip_whitespace=True)]


class ResultIn(BaseModel):
    result_type: Annotated[str, StringConstraints(min_length=1, max_length=255, strip_whitespace=True)]
    result_number: Annotated[str, StringConstraints(max_length=100, strip_whitespace=True)] = ""
    summary: Text = ""
    note: Text = ""
