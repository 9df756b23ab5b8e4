"""Online dossiers (issue #15): submitted on the national portal, received at a desk.

``import_file`` takes a JSON export of portal dossiers (the national record's field names, see
docs/national-record.md) with their uploaded files beside it, all or nothing. Each dossier waits
for its receiving unit (``state`` waiting) and is published to that unit's desks in the changes
feed (``online.dossier``); the desks download its files (``GET /api/v1/online/files/{id}``).

A desk decides, offline if need be, with the same checklist rules as at the counter, and its push
says which: a ``dossier.received`` record keeping the portal's code (``NguonHoSo: online``), or an
intake record naming it (``MaHoSoTrucTuyen``) refused (3) or sent back for supplements (5). The
first decision wins (``claim``); a later one from another desk is quarantined with the reason. The
decision is published again to the unit (the deciding desk sees the central confirm it, the others
drop the dossier from their queue) and queued for the portal.

A dossier sent back for supplements comes back with a later import of the same code: it waits
again with its new files, and the desk continues the same intake (the once-only supplement rule).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.domain import codes, json_nesting
from counter_app.domain.lifecycle import DossierStatus
from counter_app.domain.records import PORTAL_MOMENT, SUBJECT_KINDS
from counter_app.sync import protocol as p

from . import feed, portal
from .errors import Malformed, NotFound
from .models import OnlineDossier, OnlineFile, Unit, now_local
from .schemas import (
    AddressT,
    AgencyCodeT,
    ApplicantNameT,
    CaseCodeT,
    EmailT,
    IdNumberT,
    PhoneT,
    ProcedureCodeT,
    ProcedureNameT,
    problems_text,
)

WAITING, RECEIVED, SUPPLEMENT, REFUSED = "waiting", "received", "supplement", "refused"
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DOSSIER_BYTES = 100 * 1024 * 1024
KINDS = {v: k for k, v in SUBJECT_KINDS.items() if k != "passport"} | {4: "organisation"}
FILES_PATH = p.ONLINE_FILES_PATH

_Loose = ConfigDict(extra="ignore", strict=True)  # a portal's export carries more than we read


class _File(BaseModel):
    model_config = _Loose
    TenTep: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    DuongDan: Annotated[str, StringConstraints(min_length=1, max_length=1000)]


class _Document(BaseModel):
    model_config = _Loose
    MaThanhPhanHoSo: Annotated[str, StringConstraints(max_length=40)] = ""
    TenTaiLieu: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    TepDinhKem: list[_File] = Field(default_factory=list, max_length=50)


class _Unit(BaseModel):
    model_config = _Loose
    MaDonVi: AgencyCodeT
    TenDonVi: Annotated[str, StringConstraints(max_length=255)] = ""


class _Identification(BaseModel):
    model_config = _Loose
    LoaiDinhDanh: int
    SoDinhDanh: IdNumberT


class Submission(BaseModel):
    """One portal dossier as exported (national record field names)."""

    model_config = _Loose
    MaHoSo: Annotated[str, StringConstraints(pattern=codes.FOREIGN_CODE_RE.pattern)]
    MaTTHC: ProcedureCodeT = Field(min_length=1)
    TenTTHC: ProcedureNameT = Field(min_length=1)
    MaTruongHop: CaseCodeT = ""
    KenhThucHien: int = Field(default=3, ge=3, le=3)
    ChuHoSo: ApplicantNameT = Field(min_length=1)
    LoaiDoiTuong: int = Field(default=1, ge=1, le=4)
    DinhDanhCHS: list[_Identification] = Field(default_factory=list, max_length=5)
    SoGiayToChuHoSo: IdNumberT = Field(min_length=1)
    SoDienThoai: PhoneT = ""
    Email: EmailT = ""
    DiaChi: AddressT = ""
    NgayNopHoSo: Annotated[str, StringConstraints(pattern=r"^\d{14}$")]
    TaiLieuNop: list[_Document] = Field(default_factory=list, max_length=200)
    DonViTiepNhan: _Unit


MAX_EXPORT_DEPTH = 32  # a portal export nests about six levels; the central's request bodies allow as many


class ExportFile(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)
    HoSo: list[Submission] = Field(max_length=10_000)


def _read(path: Path) -> ExportFile:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise Malformed(f"Không đọc được tệp «{path}»: {exc.strerror or exc}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Malformed(f"Tệp «{path.name}» không phải JSON hợp lệ (UTF-8).") from None
    if json_nesting.depth(text) > MAX_EXPORT_DEPTH:  # the parser would recurse that deep first
        raise Malformed(f"Tệp «{path.name}» lồng nhau quá sâu (tối đa {MAX_EXPORT_DEPTH} mức): "
                        "đây không phải tệp hồ sơ trực tuyến hợp lệ.")
    try:
        data = json.loads(text)
    except ValueError:
        raise Malformed(f"Tệp «{path.name}» không phải JSON hợp lệ (UTF-8).") from None
    try:
        return ExportFile.model_validate(data)
    except ValidationError as exc:
        raise Malformed(f"Tệp «{path.name}» không hợp lệ: {problems_text(exc)}.") from None


def _moment(text: str, where: str) -> datetime:
    try:
        return datetime.strptime(text, PORTAL_MOMENT)
    except ValueError:
        raise Malformed(f"{where}: NgayNopHoSo «{text}» không phải thời điểm hợp lệ (yyyyMMddHHmmss).") from None


def _record(sub: Submission) -> dict[str, Any]:
    """The dossier in the sync record's terms (domain/records.py), what a desk starts from."""
    return {
        "MaHoSo": sub.MaHoSo, "MaTTHC": sub.MaTTHC, "TenTTHC": sub.TenTTHC, "MaTruongHop": sub.MaTruongHop,
        "MaDonVi": sub.DonViTiepNhan.MaDonVi, "TenDonVi": sub.DonViTiepNhan.TenDonVi, "ChuHoSo": sub.ChuHoSo,
        "LoaiDoiTuong": KINDS.get(sub.LoaiDoiTuong, "citizen"), "SoGiayTo": sub.SoGiayToChuHoSo,
        "SoDienThoai": sub.SoDienThoai, "Email": sub.Email, "DiaChi": sub.DiaChi, "KenhThucHien": "online",
        "NguonHoSo": "online", "NgayNopHoSo": sub.NgayNopHoSo,
    }


def import_file(session: Session, path: Path) -> dict[str, int]:
    """All dossiers of an export, or none (a Malformed names the first problem)."""
    export = _read(path)
    base = path.resolve().parent
    seen: set[str] = set()
    plans = []
    for n, sub in enumerate(export.HoSo):
        where = f"HoSo[{n}] ({sub.MaHoSo})"
        if sub.MaHoSo in seen:
            raise Malformed(f"{where}: mã hồ sơ trùng trong tệp.")
        seen.add(sub.MaHoSo)
        submitted = _moment(sub.NgayNopHoSo, where)
        if session.get(Unit, sub.DonViTiepNhan.MaDonVi) is None:
            raise Malformed(f"{where}: đơn vị tiếp nhận {sub.DonViTiepNhan.MaDonVi} chưa có quầy nào trên hệ thống "
                            "trung tâm.")
        files, total = [], 0
        for d, doc in enumerate(sub.TaiLieuNop):
            for f in doc.TepDinhKem:
                file_path = (base / f.DuongDan).resolve()
                if base not in file_path.parents:
                    raise Malformed(f"{where}: tệp «{f.DuongDan}» nằm ngoài thư mục của tệp JSON.")
                try:
                    data = file_path.read_bytes()
                except OSError as exc:
                    raise Malformed(f"{where}: không đọc được tệp đính kèm «{f.DuongDan}» "
                                    f"({exc.strerror or exc}).") from None
                if len(data) > MAX_FILE_BYTES:
                    raise Malformed(f"{where}: tệp «{f.TenTep}» lớn hơn {MAX_FILE_BYTES // 1024 // 1024} MB.")
                total += len(data)
                files.append((d, doc, f.TenTep, data))
        if total > MAX_DOSSIER_BYTES:
            raise Malformed(f"{where}: các tệp đính kèm lớn hơn {MAX_DOSSIER_BYTES // 1024 // 1024} MB.")
        plans.append((sub, submitted, files))
    now = now_local()
    created = returned = unchanged = 0
    for sub, submitted, files in plans:
        row = session.execute(select(OnlineDossier).where(OnlineDossier.code == sub.MaHoSo)).scalar_one_or_none()
        record = _record(sub)
        if row is not None:
            if row.state != SUPPLEMENT or json.loads(row.record).get("NgayNopHoSo") == sub.NgayNopHoSo:
                unchanged += 1  # already here (or decided): an export imported twice changes nothing
                continue
            returned += 1  # the applicant supplemented on the portal: it waits again, same code
            row.state, row.record, row.submitted_at, row.updated_at = WAITING, json.dumps(record, ensure_ascii=False), \
                submitted, now
        else:
            created += 1
            row = OnlineDossier(code=sub.MaHoSo, unit_code=sub.DonViTiepNhan.MaDonVi, state=WAITING,
                                record=json.dumps(record, ensure_ascii=False), submitted_at=submitted,
                                imported_at=now, updated_at=now, reason="")
            session.add(row)
        session.flush()
        first = (session.execute(select(func.max(OnlineFile.position)).where(OnlineFile.online_id == row.id))
                 .scalar() or 0)
        for i, (_d, doc, name, data) in enumerate(files, start=first + 1):
            session.add(OnlineFile(online_id=row.id, position=i, document_code=doc.MaThanhPhanHoSo,
                                   document_name=doc.TenTaiLieu, name=name, size=len(data),
                                   sha256=hashlib.sha256(data).hexdigest(), data=data))
        session.flush()
        publish(session, row)
    return {"created": created, "returned": returned, "unchanged": unchanged}


def files_of(session: Session, row: OnlineDossier) -> list[OnlineFile]:
    return list(session.execute(select(OnlineFile).where(OnlineFile.online_id == row.id)
                                .order_by(OnlineFile.position)).scalars())


def entry_payload(session: Session, row: OnlineDossier) -> dict[str, Any]:
    """The feed entry of an online dossier: what every desk of its unit needs to show and decide it."""
    record = json.loads(row.record)
    files = files_of(session, row)
    record["TaiLieuNop"] = [
        {"MaThanhPhanHoSo": f.document_code, "TenTaiLieu": f.document_name, "TepDinhKem": [
            {"TenTep": f.name, "DuongDan": f"{FILES_PATH}/{f.id}"}]} for f in files]
    return {"code": row.code, "state": row.state, "desk_number": row.desk_number, "reason": row.reason,
            "decided_at": p.format_moment(row.decided_at), "submitted_at": p.format_moment(row.submitted_at),
            "record": record,
            "files": [{"id": f.id, "name": f.name, "size": f.size, "sha256": f.sha256, "document": f.document_name}
                      for f in files]}


def publish(session: Session, row: OnlineDossier) -> None:
    feed.publish(session, p.CHANGE_ONLINE_DOSSIER, entry_payload(session, row), unit_code=row.unit_code,
                 entity_key=row.code)


def get_file(session: Session, file_id: int, unit_code: str) -> OnlineFile:
    f = session.get(OnlineFile, file_id)
    if f is None:
        raise NotFound(f"Không có tệp đính kèm số {file_id}.")
    owner = session.get(OnlineDossier, f.online_id)
    if owner is None or owner.unit_code != unit_code:
        raise NotFound(f"Không có tệp đính kèm số {file_id} cho đơn vị này.")
    return f


# ----------------------------------------------------------------------------- decisions from desks


def _locked(session: Session, code: str) -> OnlineDossier | None:
    return session.execute(select(OnlineDossier).where(OnlineDossier.code == code).with_for_update()
                           ).scalar_one_or_none()


def claim(session: Session, unit_code: str, desk_number: int, code: str, state: str, *, reason: str = "",
          now: datetime) -> str:
    """A desk's decision on an online dossier: "" when it stands, else why it is refused (quarantine)."""
    row = _locked(session, code)
    if row is None or row.unit_code != unit_code:
        return f"Không có hồ sơ trực tuyến {code} của đơn vị {unit_code} trên hệ thống trung tâm."
    if row.state != WAITING:
        if row.desk_number == desk_number and row.state == state:
            return ""  # the same decision again (a desk re-sending): nothing changes
        who = f"quầy số {row.desk_number}" if row.desk_number else "một quầy khác"
        return (f"Hồ sơ trực tuyến {code} đã được {who} xử lý lúc {row.decided_at:%H:%M %d/%m/%Y} "
                f"({_STATE_TEXT[row.state]}); quyết định này không được ghi nhận.")
    row.state, row.desk_number, row.decided_at, row.reason, row.updated_at = state, desk_number, now, reason, now
    session.flush()
    publish(session, row)
    if state in (SUPPLEMENT, REFUSED):  # a received one reaches the portal as a dossier (push.py)
        status = DossierStatus.SUPPLEMENT_REQUESTED if state == SUPPLEMENT else DossierStatus.REFUSED
        view = json.loads(row.record) | {"TrangThaiHoSo": status.value, "LyDo": reason}
        portal.enqueue_view(session, code, view, now=now)
    return ""


_STATE_TEXT = {RECEIVED: "đã tiếp nhận", SUPPLEMENT: "đã yêu cầu bổ sung", REFUSED: "đã từ chối", WAITING: "chờ"}


def waiting_counts(session: Session) -> dict[str, int]:
    """Online dossiers per state, for the counters."""
    counts = dict.fromkeys((WAITING, RECEIVED, SUPPLEMENT, REFUSED), 0)
    for state, n in session.execute(select(OnlineDossier.state, func.count()).group_by(OnlineDossier.state)).tuples():
        counts[state] = n
    return counts
