"""Procedure catalog: import into the database, and each procedure's detail (cases, documents, time, fees).

Reading and validating the national JSON shape is ``catalog_format`` (docs/catalog-format.md); the
search as the officer types, with its in-memory index, is ``catalog_search``. Their public names are
imported here too, so callers keep using ``catalog.search``, ``catalog.parse_record`` and the rest.
An import validates every record before writing anything, so a bad file is rejected whole.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from counter_app.domain.durations import Duration
from counter_app.domain.text import fold
from counter_app.i18n import tr
from counter_app.models import Field, Procedure, ProcedureCase, ProcedureVersion, RequiredDocument, local_now
from counter_app.models.db import Database
from counter_app.resources import resource_path

from . import audit, settings
from .catalog_format import (
    DIRECT_CHANNEL,
    LEVELS,
    SAME_DAY_UNIT,
    TIME_UNITS,
    CaseRecord,
    DocumentRecord,
    ProcedureRecord,
    load_catalog_file,
    money_text,
    parse_catalog,
    parse_record,
)
from .catalog_search import ProcedureHit, loose, search, search_procedures
from .errors import CatalogImportError, NotFoundError

__all__ = [
    "BUNDLED_CATALOG", "DIRECT_CHANNEL", "LEVELS", "SAME_DAY_UNIT", "TIME_UNITS", "CaseDetail", "CaseRecord",
    "CatalogImportError", "DocumentDetail", "DocumentRecord", "ImportSummary", "ProcedureDetail", "ProcedureHit",
    "ProcedureRecord", "case_duration", "detail_json", "ensure_bundled_catalog", "estimated_parts", "get_detail",
    "import_file", "import_records", "load_catalog_file", "loose", "money_text", "parse_catalog", "parse_record",
    "procedure_detail", "processing_text", "search", "search_procedures",
]

BUNDLED_CATALOG = resource_path("catalog", "procedures.json")



@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def _apply_documents(case: ProcedureCase, docs: tuple[DocumentRecord, ...]) -> None:
    # Documents are matched by code (else by name) and never deleted: intakes refer to them.
    existing = {(d.code or d.name): d for d in case.documents}
    for d in case.documents:
        d.active = False
    for pos, rec in enumerate(docs, start=1):
        doc = existing.get(rec.code or rec.name)
        if doc is None:
            doc = RequiredDocument(code=rec.code, name=rec.name)
            case.documents.append(doc)
            existing[rec.code or rec.name] = doc
        doc.position, doc.name, doc.form_template = pos, rec.name, rec.form_template
        doc.originals, doc.certified_copies, doc.photocopies = rec.originals, rec.certified_copies, rec.photocopies
        doc.mandatory, doc.condition, doc.active = rec.mandatory, rec.condition, True


def _apply(procedure: Procedure, rec: ProcedureRecord, field_row: Field) -> None:
    procedure.name, procedure.name_folded = rec.name, fold(rec.name)
    procedure.field = field_row
    procedure.levels, procedure.agencies, procedure.results = rec.levels, rec.agencies, rec.results
    procedure.legal_basis, procedure.source = rec.legal_basis, rec.source
    procedure.effective_date, procedure.raw_json = rec.effective_date, rec.raw_json
    procedure.updated_at, procedure.active = local_now(), True
    cases = {c.code: c for c in procedure.cases}
    for c in procedure.cases:
        c.active = False
    for pos, case_rec in enumerate(rec.cases, start=1):
        case = cases.get(case_rec.code)
        if case is None:
            case = ProcedureCase(code=case_rec.code, name=case_rec.name,
                                 processing_amount=case_rec.processing_amount,
                                 processing_unit=case_rec.processing_unit)
            procedure.cases.append(case)
        case.position, case.name, case.active = pos, case_rec.name, True
        case.processing_amount, case.processing_unit = case_rec.processing_amount, case_rec.processing_unit
        case.fee_amount, case.fee_text = case_rec.fee_amount, case_rec.fee_text
        case.fee_schedule = case_rec.fee_schedule
        _apply_documents(case, case_rec.documents)


def import_records(session: Session, records: list[ProcedureRecord], *, source_name: str = "") -> ImportSummary:
    """Insert or update in place; every changed record keeps its earlier versions."""
    summary = ImportSummary()
    fields = {f.code: f for f in session.execute(select(Field)).scalars()}
    existing = {
        p.code: p for p in session.execute(
            select(Procedure).options(selectinload(Procedure.cases).selectinload(ProcedureCase.documents))
        ).scalars()
    }
    for rec in records:
        field_row = fields.get(rec.field_code)
        if field_row is None:
            field_row = fields[rec.field_code] = Field(code=rec.field_code, name=rec.field_name)
            session.add(field_row)
        field_row.name = rec.field_name
        procedure = existing.get(rec.code)
        if procedure is None:
            procedure = Procedure(code=rec.code, version=1, raw_json=rec.raw_json)
            session.add(procedure)
            _apply(procedure, rec, field_row)
            summary.created += 1
        elif procedure.raw_json == rec.raw_json:
            summary.unchanged += 1
            continue
        else:
            procedure.version += 1
            _apply(procedure, rec, field_row)
            summary.updated += 1
        session.flush()
        session.add(ProcedureVersion(procedure_id=procedure.id, version=procedure.version, raw_json=rec.raw_json))
    if summary.created or summary.updated:
        settings.bump(session, "catalog_revision")
    audit.append(session, action="catalog.imported", entity="catalog", entity_key=source_name[:64],
                 details={"created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged})
    return summary


def import_file(db: Database, path: Path | str) -> ImportSummary:
    records = load_catalog_file(path)  # validate everything before opening the transaction
    with db.write() as session:
        return import_records(session, records, source_name=Path(path).name)


def ensure_bundled_catalog(db: Database) -> ImportSummary | None:
    """Load the bundled catalog into an empty database (first start)."""
    with db.read() as session:
        if session.execute(select(func.count()).select_from(Procedure)).scalar_one():
            return None
    return import_file(db, BUNDLED_CATALOG)


# ---------------------------------------------------------------- detail

@dataclass(frozen=True)
class DocumentDetail:
    id: int
    position: int
    name: str
    form_template: str
    originals: int
    certified_copies: int
    photocopies: int
    mandatory: bool
    condition: str


@dataclass(frozen=True)
class CaseDetail:
    id: int
    code: str
    name: str
    processing_amount: Decimal
    processing_unit: str
    processing_text: str
    fee_amount: int
    fee_text: str
    documents: tuple[DocumentDetail, ...]
    fee_schedule: str = ""  # domain.fees.FeeSchedule as JSON


@dataclass(frozen=True)
class ProcedureDetail:
    id: int
    code: str
    name: str
    field_name: str
    levels: str
    agencies: str
    results: str
    legal_basis: str
    source: str
    version: int
    cases: tuple[CaseDetail, ...] = field(default_factory=tuple)
    estimated: tuple[str, ...] = ()  # parts of the record marked as estimates (UOCTINH)


def processing_text(amount: Decimal, unit: str) -> str:
    """'03 ngày làm việc', '4 giờ làm việc', '1,5 ngày làm việc', 'Trong ngày' — the way the forms write it."""
    if fold(unit) == fold(SAME_DAY_UNIT):
        return "Trong ngày"
    number = int(amount) if amount == amount.to_integral_value() else amount
    shown = f"{number:02d}" if isinstance(number, int) else str(number).replace(".", ",")
    return f"{shown} {unit.lower()}"


def case_duration(case: CaseDetail | ProcedureCase) -> Duration:
    """The due-moment duration of a case (same-day procedures included)."""
    return Duration.from_catalog(case.processing_amount, case.processing_unit)


def detail_json(detail: ProcedureDetail) -> dict[str, Any]:
    """A procedure as stored, for ``counter-app catalog show CODE --json``: money in integer đồng."""
    return {
        "code": detail.code, "name": detail.name, "field": detail.field_name, "levels": detail.levels,
        "agencies": detail.agencies.splitlines(), "results": detail.results.splitlines(),
        "legal_basis": detail.legal_basis.splitlines(), "source": detail.source, "version": detail.version,
        "estimated": list(detail.estimated),
        "cases": [{
            "number": i, "code": c.code, "name": c.name,
            "processing_time": {"amount": _plain_number(c.processing_amount), "unit": c.processing_unit,
                                "text": c.processing_text, "same_day": fold(c.processing_unit) == fold(SAME_DAY_UNIT)},
            "fee_dong": c.fee_amount, "fee_text": c.fee_text,
            "fee_schedule": json.loads(c.fee_schedule) if c.fee_schedule else {"items": [], "exemptions": []},
            "documents": [{"position": d.position, "name": d.name, "form_template": d.form_template,
                           "originals": d.originals, "certified_copies": d.certified_copies,
                           "photocopies": d.photocopies, "mandatory": d.mandatory, "condition": d.condition}
                          for d in c.documents],
        } for i, c in enumerate(detail.cases, start=1)],
    }


def _plain_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def get_detail(session: Session, procedure_id: int | None = None, *, code: str | None = None) -> ProcedureDetail:
    stmt = select(Procedure).options(
        selectinload(Procedure.field),
        selectinload(Procedure.cases).selectinload(ProcedureCase.documents),
    )
    stmt = stmt.where(Procedure.id == procedure_id) if procedure_id is not None else stmt.where(Procedure.code == code)
    proc = session.execute(stmt).scalar_one_or_none()
    if proc is None:
        raise NotFoundError(tr("Không tìm thấy thủ tục «{value}».").format(value=code or procedure_id))
    cases = tuple(
        CaseDetail(
            c.id, c.code, c.name, c.processing_amount, c.processing_unit,
            processing_text(c.processing_amount, c.processing_unit), c.fee_amount,
            c.fee_text or "Không quy định",
            tuple(DocumentDetail(d.id, d.position, d.name, d.form_template, d.originals, d.certified_copies,
                                 d.photocopies, d.mandatory, d.condition) for d in c.documents if d.active),
            c.fee_schedule,
        )
        for c in proc.cases if c.active
    )
    return ProcedureDetail(proc.id, proc.code, proc.name, proc.field.name, proc.levels, proc.agencies,
                           proc.results, proc.legal_basis, proc.source, proc.version, cases,
                           estimated_parts(proc.raw_json))


def estimated_parts(raw_json: str) -> tuple[str, ...]:
    """The record's ``UOCTINH`` list: which parts (THOIGIAN, PHILEPHI, THANHPHANHOSO…) are estimates."""
    try:
        value = json.loads(raw_json).get("UOCTINH") or ()
    except (ValueError, AttributeError):
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def procedure_detail(db: Database, procedure_id: int | None = None, *, code: str | None = None) -> ProcedureDetail:
    """:func:`get_detail` in a read unit of work of its own."""
    with db.read() as session:
        return get_detail(session, procedure_id, code=code)
