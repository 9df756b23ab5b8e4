"""Digitising papers (số hóa hồ sơ, Decree 107/2021 and 118/2025): attach scans to a dossier's
documents, list and open them, offer a returning applicant's earlier papers for reuse.

One use case for the GUI and the command line (``counter-app dossier attach CODE FILE...
[--document NAME]``): files are read and converted **before** the transaction (services/file_store.py
writes each into the content-addressed store atomically), then one unit of work adds a row per file,
its outbox event (``attachment.added``, so the central learns the metadata; the bytes follow through
sync/files.py) and an audit line. A desk killed at any moment leaves either nothing or complete rows
with complete files: never a row without its file, never a half file.

Flags per document (digitised / reused) for the national record: see models/attachment.py and
:func:`document_flags`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from counter_app.domain import fields
from counter_app.domain.digitisation import DigitisationCounts
from counter_app.domain.text import fold
from counter_app.i18n import tr
from counter_app.models import (
    ROLE_RECEIVED,
    ROLE_RESULT,
    Applicant,
    Attachment,
    DocumentDecision,
    Dossier,
    IntakeItem,
    Officer,
    RequiredDocument,
    local_now,
)
from counter_app.models.db import Database

from . import archive, audit, file_store, outbox, settings
from .errors import NotFoundError, ValidationError
from .org import DeskContext

EVENT_ATTACHMENT_ADDED = "attachment.added"
MAX_FILE_MB_KEY = "attachment_max_mb"
DEFAULT_MAX_FILE_MB = 20
SCAN_FOLDER_KEY = "scan_folder"
SOURCES = ("file", "folder", "scanner", "reuse", "cli")


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    uuid: str
    dossier_code: str
    document: str  # the document's name, "" for the dossier as a whole
    required_document_id: int | None
    role: str
    file_name: str
    size: int
    sha256: str
    pages: int
    reused: bool
    reused_from_code: str
    source: str
    created_at: datetime
    uploaded: bool
    path: Path

    def to_json(self) -> dict[str, Any]:
        return {"name": self.file_name, "document": self.document, "role": self.role, "size": self.size,
                "sha256": self.sha256, "pages": self.pages, "digitised": True, "reused": self.reused,
                "reused_from": self.reused_from_code or None, "source": self.source,
                "attached_at": f"{self.created_at:%Y-%m-%dT%H:%M:%S}", "uploaded": self.uploaded,
                "path": str(self.path)}


@dataclass(frozen=True)
class StagedFile:
    """A file already in the store, waiting for its row (attached at receipt, with the dossier)."""

    file: file_store.StoredFile
    required_document_id: int | None
    source: str = "file"


@dataclass(frozen=True)
class Reusable:
    """A paper of this applicant digitised for an earlier dossier."""

    attachment_id: int
    uuid: str
    document: str
    required_document_id: int | None
    dossier_code: str
    file_name: str
    size: int
    attached_at: datetime


@dataclass(frozen=True)
class DocumentFlags:
    digitised: bool
    reused: bool


# ---------------------------------------------------------------- settings and the store


def store_root(db: Database) -> Path:
    return file_store.files_root(archive.archive_root(db))


def max_file_bytes(db: Database) -> int:
    with db.read() as session:
        value = settings.get(session, MAX_FILE_MB_KEY)
    try:
        mb = int(value) if value not in (None, "") else DEFAULT_MAX_FILE_MB
    except (TypeError, ValueError):
        mb = DEFAULT_MAX_FILE_MB
    return max(1, mb) * 1024 * 1024


def scan_folder(db: Database) -> Path | None:
    with db.read() as session:
        value = settings.get(session, SCAN_FOLDER_KEY)
    return Path(value) if value else None


def set_scan_folder(db: Database, folder: Path | None) -> None:
    with db.write() as session:
        settings.put(session, SCAN_FOLDER_KEY, str(folder) if folder else "")


def new_scans(folder: Path, *, taken: Sequence[Path] = ()) -> list[Path]:
    """Files the scanner delivered to its folder (scan-to-folder), oldest first; sub-folders and
    files still being written (changed in the last second) are left for later."""
    import time

    if not folder.is_dir():
        return []
    skip = {p.resolve() for p in taken}
    found = []
    now = time.time()
    for path in folder.iterdir():
        try:
            stat = path.stat()
        except OSError:
            continue
        if not path.is_file() or path.name.startswith(".") or path.resolve() in skip or now - stat.st_mtime < 1.0:
            continue
        if path.suffix.lower() in (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"):
            found.append((stat.st_mtime, path))
    return [p for _, p in sorted(found)]


def done_with_scans(paths: Sequence[Path]) -> None:
    """Scans taken from the watched folder move to its ``da-dinh-kem`` sub-folder (never deleted)."""
    for path in paths:
        target = path.parent / "da-dinh-kem"
        try:
            target.mkdir(exist_ok=True)
            path.replace(target / path.name)
        except OSError:
            continue


def stage(db: Database, paths: Sequence[Path], *, required_document_id: int | None = None,
          source: str = "file") -> list[StagedFile]:
    """Read and convert ``paths`` (slow: run off the GUI thread) and put them in the store."""
    root = store_root(db)
    file_store.sweep(root)
    limit = max_file_bytes(db)
    staged = []
    for name, data, pages in file_store.prepare(paths):
        if len(data) > limit:
            raise ValidationError(
                tr("Tệp «{name}» sau khi nén vẫn lớn {count:.1f} MB, vượt giới hạn "
                "{limit} MB mỗi tệp. Hãy quét ở 200 dpi, đen trắng hoặc thang xám, "
                "hoặc chia thành nhiều tệp.").format(name=name, count=len(data) / 1024 / 1024, limit=limit // (1024 * 1024)).replace(".", ",", 1), field="files")
        sha, path = file_store.store(root, data)
        staged.append(StagedFile(file_store.StoredFile(sha, len(data), pages, _file_name(name), path),
                                 required_document_id, source))
    return staged


def _file_name(name: str) -> str:
    cleaned = fields.normalise(fields.DOCUMENT_NAME, name)
    return cleaned[-255:] or "tep.pdf"


# ---------------------------------------------------------------- attaching


def _dossier(session: Session, code: str) -> Dossier:
    dossier = session.execute(select(Dossier).where(Dossier.code == code.strip())).scalar_one_or_none()
    if dossier is None:
        raise NotFoundError(tr("Không có hồ sơ «{value}» trên quầy này.").format(value=code.strip()))
    return dossier


def case_documents(session: Session, dossier: Dossier) -> list[RequiredDocument]:
    return list(session.execute(select(RequiredDocument).where(RequiredDocument.case_id == dossier.case_id)
                                .order_by(RequiredDocument.position)).scalars())


def find_document(session: Session, dossier: Dossier, name: str) -> RequiredDocument:
    """The dossier's document named by ``name``: its order number (TT), its code, or words of its name
    (without diacritics is fine) that match exactly one document."""
    docs = case_documents(session, dossier)
    wanted = name.strip()
    if wanted.isdigit() and 1 <= int(wanted) <= len(docs):
        return docs[int(wanted) - 1]
    exact = [d for d in docs if d.code and d.code == wanted] or [d for d in docs if fold(d.name) == fold(wanted)]
    if len(exact) == 1:
        return exact[0]
    hits = [d for d in docs if fold(wanted) in fold(d.name)]
    if len(hits) == 1:
        return hits[0]
    listing = "; ".join(f"{i}. {d.name}" for i, d in enumerate(docs, start=1))
    if not hits:
        raise ValidationError(tr("Hồ sơ {code} không có giấy tờ nào khớp «{wanted}». Các giấy tờ: {listing}").format(code=dossier.code, wanted=wanted, listing=listing),
                              field="document")
    raise ValidationError(tr("«{wanted}» khớp {count} giấy tờ của hồ sơ {code}; hãy ghi số thứ tự "
                          "hoặc tên đầy đủ hơn. Các giấy tờ: {listing}").format(wanted=wanted, count=len(hits), code=dossier.code, listing=listing), field="document")


def _add_rows(session: Session, ctx: DeskContext, dossier: Dossier, staged: Sequence[StagedFile], role: str,
              now: datetime, *, document_names: dict[int, str]) -> list[Attachment]:
    rows = []
    for item in staged:
        if item.source not in SOURCES:
            raise ValidationError(tr("Nguồn tệp không hợp lệ: {source}.").format(source=item.source), field="files")
        f = item.file
        if not file_store.verify(f.path, f.sha256):  # the store lost or changed it since staging
            raise ValidationError(tr("Tệp «{file_name}» không còn nguyên trong kho lưu trữ; hãy đính kèm lại.").format(file_name=f.file_name),
                                  field="files")
        row = Attachment(uuid=str(uuid.uuid4()), dossier_id=dossier.id, required_document_id=item.required_document_id,
                         document_name=document_names.get(item.required_document_id or 0, ""), role=role,
                         file_name=f.file_name, content_type="application/pdf", size=f.size, sha256=f.sha256,
                         pages=f.pages, source=item.source, officer_id=ctx.officer_id, created_at=now)
        session.add(row)
        rows.append(row)
    session.flush()
    for row in rows:
        _event(session, ctx, dossier, row)
    return rows


def _event(session: Session, ctx: DeskContext, dossier: Dossier, row: Attachment, reused_from_code: str = "") -> None:
    outbox.enqueue(session, desk_id=ctx.desk_id, kind=EVENT_ATTACHMENT_ADDED, entity_key=dossier.code, payload={
        "event": EVENT_ATTACHMENT_ADDED, "details": {"attachment": {
            "uuid": row.uuid, "MaHoSo": dossier.code, "TenGiayTo": row.document_name, "role": row.role,
            "TenTep": row.file_name, "size": row.size, "sha256": row.sha256, "pages": row.pages,
            "DaSoHoa": True, "TaiSuDung": row.reused, "reused_from": row.reused_from_uuid or None,
            "reused_from_code": reused_from_code or None}}})
    audit.append(session, action=EVENT_ATTACHMENT_ADDED, entity="dossier", entity_key=dossier.code,
                 officer=session.get(Officer, ctx.officer_id),
                 details={"file": row.file_name, "sha256": row.sha256, "document": row.document_name,
                          "reused": row.reused})


def attach(db: Database, ctx: DeskContext, code: str, paths: Sequence[Path], *, document: str | None = None,
           role: str = ROLE_RECEIVED, source: str = "file", now: datetime | None = None) -> list[AttachmentInfo]:
    """Attach ``paths`` to a dossier's document (``document``: number, code or name) or to the dossier.

    ``role`` "result": the result document, once the dossier has its result.
    """
    if role not in (ROLE_RECEIVED, ROLE_RESULT):
        raise ValidationError(tr("Vai trò tệp không hợp lệ: {role}.").format(role=role), field="role")
    with db.read() as session:
        dossier = _dossier(session, code)
        doc = find_document(session, dossier, document) if document else None
        if role == ROLE_RESULT and dossier.result_ready_at is None:
            raise ValidationError(tr("Hồ sơ {code} chưa có kết quả: chỉ đính kèm kết quả khi kết quả đã có.").format(code=dossier.code),
                                  field="role")
        doc_id = doc.id if doc else None
    staged = stage(db, paths, required_document_id=doc_id, source=source)
    return attach_staged(db, ctx, code, staged, role=role, now=now)


def attach_staged(db: Database, ctx: DeskContext, code: str, staged: Sequence[StagedFile], *,
                  role: str = ROLE_RECEIVED, now: datetime | None = None) -> list[AttachmentInfo]:
    now = now or local_now()
    with db.write() as session:
        dossier = _dossier(session, code)
        names = {d.id: d.name for d in case_documents(session, dossier)}
        if any(s.required_document_id is not None and s.required_document_id not in names for s in staged):
            raise ValidationError(tr("Giấy tờ không thuộc thủ tục của hồ sơ {code}.").format(code=dossier.code), field="document")
        rows = _add_rows(session, ctx, dossier, staged, role, now, document_names=names)
        ids = [r.id for r in rows]
    return [i for i in list_files(db, code) if i.id in ids]


def add_at_receipt(session: Session, ctx: DeskContext, dossier: Dossier, staged: Sequence[StagedFile],
                   reuse: dict[int, int], now: datetime) -> None:
    """Inside the reception's unit of work: the scans taken at the desk and the reused papers
    (``reuse``: required document id → the earlier attachment's id) become the new dossier's rows."""
    names = {d.id: d.name for d in case_documents(session, dossier)}
    if staged:
        _add_rows(session, ctx, dossier, staged, ROLE_RECEIVED, now, document_names=names)
    for doc_id, attachment_id in reuse.items():
        earlier = session.get(Attachment, attachment_id)
        if earlier is None or doc_id not in names or earlier.dossier.applicant_id != dossier.applicant_id:
            raise ValidationError(tr("Giấy tờ số hóa được chọn để dùng lại không thuộc người nộp này."), field="checklist")
        row = Attachment(uuid=str(uuid.uuid4()), dossier_id=dossier.id, required_document_id=doc_id,
                         document_name=names[doc_id], role=ROLE_RECEIVED, file_name=earlier.file_name,
                         content_type=earlier.content_type, size=earlier.size, sha256=earlier.sha256,
                         pages=earlier.pages, source="reuse", reused=True, reused_from_uuid=earlier.uuid,
                         officer_id=ctx.officer_id, created_at=now, uploaded_at=earlier.uploaded_at)
        session.add(row)
        session.flush()
        _event(session, ctx, dossier, row, reused_from_code=earlier.dossier.code)


# ---------------------------------------------------------------- reading


def _info(row: Attachment, code: str, root: Path, codes_by_uuid: dict[str, str]) -> AttachmentInfo:
    return AttachmentInfo(row.id, row.uuid, code, row.document_name, row.required_document_id, row.role,
                          row.file_name, row.size, row.sha256, row.pages, row.reused,
                          codes_by_uuid.get(row.reused_from_uuid, ""), row.source, row.created_at,
                          row.uploaded_at is not None, file_store.path_for(root, row.sha256))


def list_files(db: Database, code: str) -> list[AttachmentInfo]:
    root = store_root(db)
    with db.read() as session:
        dossier = _dossier(session, code)
        rows = list(session.execute(select(Attachment).where(Attachment.dossier_id == dossier.id)
                                    .order_by(Attachment.id)).scalars())
        sources = {r.reused_from_uuid for r in rows if r.reused_from_uuid}
        codes_by_uuid = dict(session.execute(
            select(Attachment.uuid, Dossier.code).join(Dossier, Attachment.dossier_id == Dossier.id)
            .where(Attachment.uuid.in_(sources))).tuples().all()) if sources else {}
        return [_info(r, dossier.code, root, codes_by_uuid) for r in rows]


def reusable(db: Database, id_number: str, *, exclude_code: str | None = None) -> list[Reusable]:
    """The applicant's papers digitised for earlier dossiers, newest first, one per document name
    (the newest scan of each); what the reception offers in the checklist."""
    id_number = id_number.strip().upper()
    if not id_number:
        return []
    with db.read() as session:
        rows = session.execute(
            select(Attachment, Dossier.code)
            .join(Dossier, Attachment.dossier_id == Dossier.id)
            .join(Applicant, Dossier.applicant_id == Applicant.id)
            .where(Applicant.id_number == id_number, Attachment.role == ROLE_RECEIVED,
                   Attachment.document_name != "")
            .order_by(Attachment.created_at.desc(), Attachment.id.desc())
        ).tuples().all()
        seen: set[str] = set()
        out = []
        for row, code in rows:
            key = fold(row.document_name)
            if key in seen or code == exclude_code:
                continue
            seen.add(key)
            out.append(Reusable(row.id, row.uuid, row.document_name, row.required_document_id, code, row.file_name,
                                row.size, row.created_at))
        return out


def match_reusable(offers: Sequence[Reusable], documents: Sequence[tuple[int, str]]) -> dict[int, Reusable]:
    """For each current document (id, name): the earlier paper of the same document (same catalog
    document, or the same name without diacritics and case)."""
    by_id = {o.required_document_id: o for o in reversed(offers) if o.required_document_id is not None}
    by_name = {fold(o.document): o for o in reversed(offers)}
    out = {}
    for doc_id, name in documents:
        hit = by_id.get(doc_id) or by_name.get(fold(name))
        if hit is not None:
            out[doc_id] = hit
    return out


def document_flags(session: Session, dossier_id: int) -> dict[int, DocumentFlags]:
    """Per required document of a dossier: digitised (a received-paper file exists) and reused."""
    rows = session.execute(
        select(Attachment.required_document_id, func.max(Attachment.reused))
        .where(Attachment.dossier_id == dossier_id, Attachment.role == ROLE_RECEIVED,
               Attachment.required_document_id.is_not(None))
        .group_by(Attachment.required_document_id)).tuples().all()
    return {doc_id: DocumentFlags(True, bool(reused)) for doc_id, reused in rows if doc_id is not None}


def file_path(db: Database, attachment_id: int) -> Path:
    """The stored file of an attachment (to open it), checked to be there."""
    with db.read() as session:
        row = session.get(Attachment, attachment_id)
        if row is None:
            raise NotFoundError(tr("Không có tệp đính kèm này."))
        sha = row.sha256
    path = file_store.path_for(store_root(db), sha)
    if not path.is_file():
        raise NotFoundError(tr("Tệp đính kèm không còn trong kho lưu trữ ({path}). Hãy khôi phục thư mục lưu trữ "
                            "từ bản sao lưu.").format(path=path))
    return path


def digitisation_counts(session: Session, *where: ColumnElement[bool]) -> DigitisationCounts:
    """The digitisation and reuse counters (domain/digitisation.py) of the dossiers matching ``where``
    (the dashboard passes its period of receipt)."""
    provided = (select(IntakeItem.intake_id.label("intake_id"), func.count().label("n"))
                .where(IntakeItem.decision == DocumentDecision.PROVIDED.value)
                .group_by(IntakeItem.intake_id).subquery())
    files = (select(Attachment.dossier_id.label("dossier_id"),
                    func.count(func.distinct(Attachment.required_document_id)).label("digitised"),
                    func.count(func.distinct(case((Attachment.reused.is_(True), Attachment.required_document_id))))
                    .label("reused"))
             .where(Attachment.role == ROLE_RECEIVED, Attachment.required_document_id.is_not(None))
             .group_by(Attachment.dossier_id).subquery())
    n_provided = func.coalesce(provided.c.n, 0)
    digitised = func.coalesce(files.c.digitised, 0)
    received, full, documents, reused = session.execute(
        select(func.count(Dossier.id),
               func.coalesce(func.sum(case((and_(n_provided > 0, digitised >= n_provided), 1), else_=0)), 0),
               func.coalesce(func.sum(n_provided), 0), func.coalesce(func.sum(func.coalesce(files.c.reused, 0)), 0))
        .select_from(Dossier).outerjoin(provided, provided.c.intake_id == Dossier.intake_id)
        .outerjoin(files, files.c.dossier_id == Dossier.id).where(*where)).one()
    return DigitisationCounts(int(received), int(full), int(documents), int(reused))
