"""Backlog import (issue #15): dossiers received before the software, from a tracking book (form 07).

The template is the app's own ``counter-app report book --format xlsx`` export, so a book exported
from one desk imports into another: the form's columns plus, after them, the procedure code, the
owner's identity number, the status and the result (printing/workbooks.py). Columns are found by
their header text, wherever they are.

Every row is checked (the shared field limits of ``counter_app.domain.fields``, the catalog, the
dates, the status and what it needs). One refused row refuses the file: nothing is written and the
report lists every refused row with its reasons. A clean file is written in one transaction:
each dossier keeps its original code (``origin = "backlog"``), is audited and gets an outbox event
like any other, so it syncs and counts. A code in this desk's own block raises the desk's day
sequence past it, so the desk never issues it again.
"""

from __future__ import annotations

import json
import re
import time
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.domain import codes, fields, lifecycle
from counter_app.domain.records import dossier_record
from counter_app.domain.text import fold
from counter_app.i18n import tr
from counter_app.models import (
    Applicant,
    ApplicantKind,
    CodeSequence,
    Desk,
    Dossier,
    DossierStatus,
    Officer,
    OutboxEvent,
    Procedure,
    ProcedureCase,
    ResultReturn,
    Role,
    local_now,
)
from counter_app.models.db import Database
from counter_app.printing.workbooks import TRACKING_BOOK_EXTRA_HEADERS, TRACKING_BOOK_HEADERS

from . import audit, outbox, settings
from .applicants import ORG_CODE_RE, TAX_CODE_RE
from .errors import PermissionDeniedError, ValidationError
from .org import DeskContext

S = DossierStatus
ORIGIN = "backlog"
EVENT_IMPORTED = "dossier.imported"
MAX_ROWS = 100_000
MAX_REASONS_SHOWN = 200  # rows listed in a message (the report object keeps them all)

# Header text -> key. The form's columns (TRACKING_BOOK_HEADERS) and the import's (…_EXTRA_HEADERS).
COLUMNS = {
    "Mã hồ sơ": "code", "Nội dung yêu cầu giải quyết": "procedure_name", "Số bộ": "sets",
    "Tên chủ hồ sơ": "name", "Địa chỉ": "address", "Số điện thoại": "phone",
    "Ngày nhận hồ sơ": "received_at", "Ngày hẹn trả kết quả": "due_at",
    "Ngày nhận kết quả từ cơ quan giải quyết": "result_back_at", "Ngày trả kết quả": "returned_at",
    "Người nhận kết quả": "taken_by", "Cán bộ tiếp nhận": "officer", "Ghi chú": "note",
    "Mã thủ tục": "procedure_code", "Số giấy tờ chủ hồ sơ": "id_number", "Trạng thái": "status",
    "Kết quả giải quyết": "result_type", "Số, ký hiệu kết quả": "result_number",
}
REQUIRED = ("Mã hồ sơ", "Tên chủ hồ sơ", "Ngày nhận hồ sơ", "Ngày hẹn trả kết quả", "Số giấy tờ chủ hồ sơ")
assert set(COLUMNS) <= set(TRACKING_BOOK_HEADERS) | set(TRACKING_BOOK_EXTRA_HEADERS)
_TEXT_MOMENT = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$")
_RESULT_TYPE = replace(fields.RESULT_TYPE, required=False)  # required only once there is a result
IMPORTABLE = (S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT, S.WITHDRAWN, S.STOPPED,
              S.RESULT_READY, S.RETURNED)


@dataclass(frozen=True)
class RefusedRow:
    row: int  # the sheet's row number, as the spreadsheet shows it
    code: str
    reasons: tuple[str, ...]

    def text(self) -> str:
        return tr("Dòng {row}").format(row=self.row) + (f" ({self.code})" if self.code else "") + ": " + "; ".join(self.reasons)


@dataclass(frozen=True)
class ImportReport:
    path: Path
    rows: int  # dossier rows read
    imported: int
    refused: tuple[RefusedRow, ...]
    reserved: int = 0  # codes of this desk's own block, now never issued again
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.refused

    def summary(self) -> str:
        if self.ok:
            return (tr("Đã nhập {imported} hồ sơ từ «{name}» "
                    "({reserved} mã thuộc dải của quầy này được giữ lại, không cấp lại).").format(imported=fields.number(self.imported), name=self.path.name, reserved=fields.number(self.reserved)))
        return (tr("Không nhập hồ sơ nào: {count} trong {rows} dòng "
                "của «{name}» không hợp lệ. Hãy sửa các dòng dưới đây rồi nhập lại cả tệp.").format(count=fields.number(len(self.refused)), rows=fields.number(self.rows), name=self.path.name))


@dataclass
class _Row:
    number: int
    code: str
    procedure_id: int
    case_id: int
    kind: ApplicantKind
    id_number: str
    name: str
    address: str
    phone: str
    sets: int
    received_at: datetime
    due_at: datetime
    status: S
    result_back_at: datetime | None
    returned_at: datetime | None
    result_type: str
    result_number: str
    taken_by: str
    officer_name: str
    note: str


@dataclass
class _Catalog:
    by_code: dict[str, tuple[int, int]] = field(default_factory=dict)  # procedure code -> (procedure, first case)
    by_name: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # folded name -> [...]


def _catalog(session: Session) -> _Catalog:
    cat = _Catalog()
    cases: dict[int, int] = {}
    for case_id, procedure_id in session.execute(
            select(ProcedureCase.id, ProcedureCase.procedure_id).where(ProcedureCase.active.is_(True))
            .order_by(ProcedureCase.procedure_id, ProcedureCase.position, ProcedureCase.id)):
        cases.setdefault(procedure_id, case_id)
    for pid, code, name in session.execute(select(Procedure.id, Procedure.code, Procedure.name)):
        if pid in cases:
            cat.by_code[code] = (pid, cases[pid])
            cat.by_name.setdefault(fold(name), []).append((pid, cases[pid]))
    return cat


def _text(value: Any) -> str:  # noqa: ANN401 - a cell
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _moment(value: Any, label: str, problems: list[str], *, required: bool) -> datetime | None:  # noqa: ANN401
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.append(tr("thiếu {label}").format(label=label))
        return None
    moment: datetime | None = None
    if isinstance(value, datetime):
        moment = value.replace(second=0, microsecond=0)
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        m = _TEXT_MOMENT.match(value.strip())
        if m:
            try:
                moment = datetime(int(m[3]), int(m[2]), int(m[1]), int(m[4] or 0), int(m[5] or 0))
            except ValueError:
                moment = None
    if moment is None:
        problems.append(tr("{label} «{text}» không phải ngày giờ (dd/mm/yyyy hh:mm)").format(label=label, text=_text(value)[:40]))
        return None
    try:
        fields.check_moment(moment, label[0].upper() + label[1:])
    except ValueError as exc:
        problems.append(str(exc).rstrip("."))
        return None
    return moment


def _clean(rule: fields.FieldRule, value: Any, problems: list[str]) -> str:  # noqa: ANN401
    try:
        return fields.clean(rule, _text(value))
    except fields.FieldError as exc:
        problems.append(exc.message.rstrip("."))
        return ""


def _status(value: Any, problems: list[str]) -> S | None:  # noqa: ANN401
    text = _text(value).strip()
    if not text:
        return None
    m = re.match(r"^(\d{1,2})\b", text)
    if not m or not 1 <= int(m[1]) <= 10:
        problems.append(tr("trạng thái «{text}» không đọc được (cần dạng «10 — Đã trả kết quả»)").format(text=text[:40]))
        return None
    status = S(int(m[1]))
    if status not in IMPORTABLE:
        problems.append(tr("trạng thái «{status}» không phải của hồ sơ đã tiếp nhận").format(status=tr(lifecycle.label(status))))
        return None
    return status


def _kind(id_number: str) -> ApplicantKind:
    if TAX_CODE_RE.match(id_number):
        return ApplicantKind.BUSINESS
    if re.match(r"^[A-Z]{1,2}\d{6,9}$", id_number):
        return ApplicantKind.PASSPORT
    if id_number.isdigit():
        return ApplicantKind.CITIZEN
    if ORG_CODE_RE.match(id_number):
        return ApplicantKind.ORGANISATION
    return ApplicantKind.CITIZEN


def _check_row(number: int, cells: dict[str, Any], cat: _Catalog, now: datetime) -> tuple[_Row | None, RefusedRow | None]:
    problems: list[str] = []
    raw_code = _text(cells.get("code")).strip()
    code = raw_code  # kept exactly: a variant (spaces, lower case) would be another dossier's code
    if not code:
        problems.append(tr("thiếu mã hồ sơ"))
    elif codes.normalise_scan(code) != code or (codes.parse_code(code) is None and not codes.is_foreign_code(code)):
        problems.append(tr("mã hồ sơ «{raw_code}» không hợp lệ").format(raw_code=raw_code[:70]))
    elif (parsed := codes.parse_code(code)) is not None and parsed.is_notice:
        problems.append(tr("đây là mã phiếu bổ sung, không phải mã hồ sơ"))
    else:
        _clean(fields.DOSSIER_CODE, code, problems)
    procedure_code = _clean(fields.PROCEDURE_CODE, cells.get("procedure_code"), problems)
    procedure_name = _clean(fields.PROCEDURE_NAME, cells.get("procedure_name"), problems)
    found: tuple[int, int] | None = None
    if procedure_code:
        found = cat.by_code.get(procedure_code)
        if found is None:
            problems.append(tr("thủ tục mã {procedure_code} không có trong danh mục của quầy").format(procedure_code=procedure_code))
    elif procedure_name:
        hits = cat.by_name.get(fold(procedure_name), [])
        if len(hits) == 1:
            found = hits[0]
        else:
            problems.append(tr("không xác định được thủ tục «{procedure_name}»").format(procedure_name=procedure_name[:60])
                            + (tr(" (trùng tên nhiều thủ tục: hãy ghi mã thủ tục)") if hits else tr(" trong danh mục")))
    else:
        problems.append(tr("thiếu thủ tục (mã thủ tục hoặc nội dung yêu cầu giải quyết)"))
    name = _clean(fields.APPLICANT_NAME, cells.get("name"), problems)
    if not name and not any(tr("Họ và tên") in p for p in problems):
        problems.append(tr("thiếu tên chủ hồ sơ"))
    id_number = codes.normalise_scan(_clean(fields.ID_NUMBER, cells.get("id_number"), problems))
    if not id_number:
        problems.append(tr("thiếu số giấy tờ của chủ hồ sơ"))
    address = _clean(fields.ADDRESS, cells.get("address"), problems)
    phone = _clean(fields.PHONE, cells.get("phone"), problems)
    sets_text = _text(cells.get("sets")).strip() or "1"
    sets = int(sets_text) if sets_text.isdigit() else 0
    if not 1 <= sets <= fields.MAX_SETS:
        problems.append(tr("số bộ «{sets_text}» phải từ 1 đến {MAX_SETS}").format(sets_text=sets_text[:10], MAX_SETS=fields.MAX_SETS))
    received = _moment(cells.get("received_at"), tr("ngày nhận hồ sơ"), problems, required=True)
    due = _moment(cells.get("due_at"), tr("ngày hẹn trả kết quả"), problems, required=True)
    back = _moment(cells.get("result_back_at"), tr("ngày nhận kết quả từ cơ quan giải quyết"), problems, required=False)
    returned = _moment(cells.get("returned_at"), tr("ngày trả kết quả"), problems, required=False)
    result_type = _clean(_RESULT_TYPE, cells.get("result_type"), problems)
    result_number = _clean(fields.RESULT_NUMBER, cells.get("result_number"), problems)
    taken_by = _clean(fields.APPLICANT_NAME, cells.get("taken_by"), problems)
    officer_name = _clean(fields.OFFICER_NAME, cells.get("officer"), problems)
    note = _clean(fields.NOTE, cells.get("note"), problems)
    status = _status(cells.get("status"), problems)
    if status is None and not any(p.startswith(tr("trạng thái")) for p in problems):
        folded = fold(note)
        status = (S.RETURNED if returned else S.RESULT_READY if back else S.WITHDRAWN if "rut ho so" in folded
                  else S.STOPPED if "dung giai quyet" in folded else S.RECEIVED)
    if received is not None:
        if received > now:
            problems.append(tr("ngày nhận hồ sơ {received:%d/%m/%Y %H:%M} ở tương lai").format(received=received))
        for label, later in ((tr("ngày hẹn trả kết quả"), due), (tr("ngày nhận kết quả"), back), (tr("ngày trả kết quả"), returned)):
            if later is not None and later < received:
                problems.append(tr("{label} trước ngày nhận hồ sơ").format(label=label))
    if returned is not None and returned > now:
        problems.append(tr("ngày trả kết quả {returned:%d/%m/%Y %H:%M} ở tương lai").format(returned=returned))
    if status is S.RETURNED and returned is None:
        problems.append(tr("hồ sơ đã trả kết quả nhưng thiếu ngày trả kết quả"))
    if status is not None and status is not S.RETURNED and returned is not None:
        problems.append(tr("có ngày trả kết quả nhưng trạng thái là «{status}»").format(status=tr(lifecycle.label(status))))
    if status in (S.RESULT_READY, S.RETURNED) and not result_type:
        problems.append(tr("hồ sơ đã có kết quả nhưng thiếu «Kết quả giải quyết»"))
    if problems or found is None or status is None or received is None or due is None:
        return None, RefusedRow(number, raw_code[:64], tuple(problems))
    return _Row(number, code, found[0], found[1], _kind(id_number), id_number, name, address, phone, sets,
                received, due, status, back, returned, result_type, result_number, taken_by, officer_name,
                note), None


def _open_sheet(path: Path) -> Any:  # noqa: ANN401 - openpyxl worksheet
    from openpyxl import load_workbook

    if not path.is_file():
        raise ValidationError(tr("Không tìm thấy tệp «{path}».").format(path=path), field="file")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ValidationError(tr("Tệp «{name}» không phải bảng tính XLSX đọc được ({exc}).").format(name=path.name, exc=exc), field="file") from None
    return wb, wb.worksheets[0]


def read_rows(path: Path) -> tuple[list[tuple[int, dict[str, Any]]], int]:
    """The dossier rows of the book's first sheet as {key: cell}, with their row numbers; and the
    header's row number. The header is the first row holding "Mã hồ sơ"."""
    wb, ws = _open_sheet(path)
    try:
        header_row = 0
        index: dict[int, str] = {}
        out: list[tuple[int, dict[str, Any]]] = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if not header_row:
                texts = [fields.normalise(fields.NOTE, _text(v)) for v in values]
                if "Mã hồ sơ" in texts:
                    header_row = number
                    index = {i: COLUMNS[t] for i, t in enumerate(texts) if t in COLUMNS}
                    missing = [h for h in REQUIRED if h not in texts]
                    if missing:
                        raise ValidationError(
                            tr("Tệp «{name}» thiếu cột: {items}. Hãy dùng mẫu sổ theo dõi hồ sơ "
                            "xuất từ phần mềm (counter-app report book --format xlsx).").format(name=path.name, items=', '.join(missing)), field="file")
                elif number > 50:
                    break
                continue
            cells = {key: values[i] for i, key in index.items() if i < len(values)}
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
                continue
            out.append((number, cells))
            if len(out) > MAX_ROWS:
                raise ValidationError(tr("Tệp có hơn {MAX_ROWS} hồ sơ: hãy chia thành nhiều tệp.").format(MAX_ROWS=fields.number(MAX_ROWS)),
                                      field="file")
        if not header_row:
            raise ValidationError(tr("Tệp «{name}» không có dòng tiêu đề «Mã hồ sơ» của sổ theo dõi hồ sơ "
                                  "(Mẫu số 07).").format(name=path.name), field="file")
        return out, header_row
    finally:
        wb.close()


def supervisor_context(db: Database) -> DeskContext:
    """The only active supervisor's desk context (``dossier import`` without ``--officer``)."""
    from .org import desk_context

    with db.read() as session:
        found = [o for o in session.execute(select(Officer).where(Officer.active.is_(True)).order_by(Officer.id))
                 .scalars() if Role.SUPERVISOR in o.role_set]
        if len(found) != 1:
            raise ValidationError(tr("Hãy chỉ định lãnh đạo nhập hồ sơ bằng --officer TÊN_ĐĂNG_NHẬP."), field="officer")
        return desk_context(session, found[0])


def _importer(session: Session, ctx: DeskContext) -> tuple[Officer, Desk]:
    officer = session.get_one(Officer, ctx.officer_id)
    if Role.SUPERVISOR not in officer.role_set:
        raise PermissionDeniedError(tr("Chỉ lãnh đạo (quyền giám sát) mới được nhập hồ sơ tồn từ sổ theo dõi."))
    return officer, session.get_one(Desk, ctx.desk_id)


def import_book(db: Database, ctx: DeskContext, path: Path | str, *, now: datetime | None = None,
                progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Check every row of the book; import all of them in one transaction, or none."""
    started = time.perf_counter()
    path = Path(path)
    now = now or local_now()
    with db.read() as session:
        _importer(session, ctx)
    rows, _header = read_rows(path)
    with db.write() as session:
        officer, desk = _importer(session, ctx)
        cat = _catalog(session)
        good: list[_Row] = []
        refused: list[RefusedRow] = []
        first_line: dict[str, int] = {}
        for number, cells in rows:
            row, problem = _check_row(number, cells, cat, now)
            code = row.code if row else _text(cells.get("code")).strip()
            if code and code in first_line:
                reasons = (problem.reasons if problem else ()) + (tr("mã hồ sơ trùng với dòng {first_line}").format(first_line=first_line[code]),)
                problem, row = RefusedRow(number, code, reasons), None
            elif code:
                first_line[code] = number
            if problem:
                refused.append(problem)
            elif row is not None:
                good.append(row)
        known = _existing_codes(session, [r.code for r in good])
        for r in good:
            if r.code in known:
                refused.append(RefusedRow(r.number, r.code, (tr("mã hồ sơ đã có trên máy này"),)))
        if refused:
            refused.sort(key=lambda r: r.row)
            return ImportReport(path, len(rows), 0, tuple(refused), seconds=time.perf_counter() - started)
        reserved = _store(session, officer, desk, good, path, progress)
    return ImportReport(path, len(rows), len(good), (), reserved, time.perf_counter() - started)


def _existing_codes(session: Session, wanted: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(wanted), 500):
        found.update(session.execute(select(Dossier.code).where(Dossier.code.in_(wanted[i:i + 500]))).scalars())
    return found


def _applicants(session: Session, rows: list[_Row]) -> dict[tuple[str, str], Applicant]:
    wanted = sorted({r.id_number for r in rows})
    known: dict[tuple[str, str], Applicant] = {}
    for i in range(0, len(wanted), 500):
        for a in session.execute(select(Applicant).where(Applicant.id_number.in_(wanted[i:i + 500]))).scalars():
            known[(a.id_number, a.kind)] = a
    for r in rows:  # a returning applicant keeps the details the desk already has
        key = (r.id_number, r.kind.value)
        if key not in known:
            known[key] = Applicant(kind=r.kind.value, id_number=r.id_number, name=r.name, name_folded=fold(r.name),
                                   address=r.address, phone=r.phone)
            session.add(known[key])
    session.flush()
    return known


class _Linked:
    """A dossier with the rows it refers to, as ``dossier_record`` reads it, without making the ORM
    follow six relationships per row at the flush (a third of a 10,000-row import's time)."""

    def __init__(self, dossier: Dossier, desk: Desk, officer: Officer, procedure: Procedure, case: ProcedureCase,
                 applicant: Applicant) -> None:
        self._dossier = dossier
        self.desk, self.unit, self.officer, self.procedure, self.case, self.applicant = (
            desk, desk.unit, officer, procedure, case, applicant)
        self.intake = None
        self.handoffs: list[object] = []

    def __getattr__(self, name: str) -> object:
        return getattr(self._dossier, name)


def _store(session: Session, officer: Officer, desk: Desk, rows: list[_Row], path: Path,
           progress: Callable[[int, int], None] | None) -> int:
    """Every row as a dossier with its audit row and outbox event (what ``changes.record_change``
    writes), in batches: one outbox sequence read and one flush per thousand dossiers, not per row."""
    people = _applicants(session, rows)
    procedures = {pid: session.get_one(Procedure, pid) for pid in {r.procedure_id for r in rows}}
    cases = {cid: session.get_one(ProcedureCase, cid) for cid in {r.case_id for r in rows}}
    seq = max(session.execute(select(func.max(OutboxEvent.desk_seq)).where(OutboxEvent.desk_id == desk.id))
              .scalar() or 0, int(settings.get(session, outbox.SEQ_FLOOR_KEY, 0) or 0))
    own: dict[date, int] = {}
    returned: list[tuple[Dossier, _Row, Applicant]] = []
    with session.no_autoflush:
        for n, r in enumerate(rows, start=1):
            applicant = people[(r.id_number, r.kind.value)]
            dossier = Dossier(
                code=r.code, unit_id=desk.unit_id, desk_id=desk.id, officer_id=officer.id,
                procedure_id=r.procedure_id, case_id=r.case_id, applicant_id=applicant.id, channel="direct",
                sets=r.sets, received_at=r.received_at,
                due_at=None if r.status in (S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT) else r.due_at,
                original_due_at=r.due_at, status=r.status.value,
                status_changed_at=r.returned_at or r.result_back_at or r.received_at,
                result_ready_at=r.result_back_at or (r.returned_at if r.status is S.RETURNED else None),
                result_type=r.result_type, result_number=r.result_number, returned_at=r.returned_at, origin=ORIGIN)
            session.add(dossier)
            details = {"source": path.name, "row": r.number, "officer_in_book": r.officer_name, "note": r.note,
                       "to": r.status.value}
            audit.append(session, action=EVENT_IMPORTED, entity="dossier", entity_key=r.code, officer=officer,
                         details=details)
            seq += 1
            session.add(OutboxEvent(uuid=str(uuid.uuid4()), desk_id=desk.id, desk_seq=seq, kind=EVENT_IMPORTED,
                                    entity_key=r.code, payload=json.dumps(
                                        {"event": EVENT_IMPORTED, "details": details, "record": dossier_record(
                                            _Linked(dossier, desk, officer, procedures[r.procedure_id],
                                                    cases[r.case_id], applicant))},  # type: ignore[arg-type]
                                        ensure_ascii=False, default=str)))
            if r.status is S.RETURNED and r.returned_at is not None:
                returned.append((dossier, r, applicant))
            parsed = codes.parse_code(r.code)
            if parsed and parsed.agency_code == desk.unit.agency_code and parsed.desk_number == desk.number:
                own[parsed.day] = max(own.get(parsed.day, 0), parsed.sequence)
            if n % 1000 == 0:
                session.flush()
                if progress:
                    progress(n, len(rows))
    session.flush()
    for dossier, r, applicant in returned:
        assert r.returned_at is not None
        session.add(ResultReturn(dossier_id=dossier.id, returned_at=r.returned_at, officer_id=officer.id,
                                 receiver_name=r.taken_by or applicant.name, receiver_id_number="",
                                 receiver_is_applicant=not r.taken_by or r.taken_by == applicant.name,
                                 result_type=r.result_type, result_number=r.result_number))
    for day, last in own.items():  # the desk never issues these codes again
        mark = session.get(CodeSequence, (desk.id, day, codes.DOSSIER))
        if mark is None:
            session.add(CodeSequence(desk_id=desk.id, day=day, kind=codes.DOSSIER, last_value=last))
        elif mark.last_value < last:
            mark.last_value = last
    session.flush()
    return sum(1 for r in rows if (p := codes.parse_code(r.code)) and p.agency_code == desk.unit.agency_code
               and p.desk_number == desk.number)
