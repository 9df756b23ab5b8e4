"""Attachments at the central (issue #13): recorded from the desks' ``attachment.added`` events,
listed for the back office, counted, and told (never served) on the public lookup page."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain import fields

from .auth import Principal
from .models import Attachment

EVENT_ATTACHMENT_ADDED = "attachment.added"  # counter_app/services/attachments.py writes it
_SHA = re.compile(r"^[0-9a-f]{64}$")
_UUID = re.compile(r"^[0-9a-fA-F-]{36}$")


def record(session: Session, principal: Principal, details: dict[str, Any], now: datetime) -> str:
    """Store the metadata of one attached file; returns a note ("" when stored or already known)."""
    meta = details.get("attachment")
    if not isinstance(meta, dict):
        return "thiếu thông tin tệp đính kèm"
    uuid, sha, size = meta.get("uuid"), meta.get("sha256"), meta.get("size")
    if not (isinstance(uuid, str) and _UUID.match(uuid) and isinstance(sha, str) and _SHA.match(sha)
            and type(size) is int and size >= 0):
        return "thông tin tệp đính kèm không hợp lệ (uuid, sha256, size)"
    if session.get(Attachment, uuid) is not None:
        return ""
    try:
        code = fields.clean(fields.DOSSIER_CODE, str(meta.get("MaHoSo", "")))
        document = fields.clean(fields.DOCUMENT_NAME, str(meta.get("TenGiayTo") or ""))
        name = fields.clean(fields.DOCUMENT_NAME, str(meta.get("TenTep") or ""))[:255]
    except fields.FieldError as exc:
        return exc.message
    pages = meta.get("pages")
    session.add(Attachment(
        uuid=uuid, dossier_code=code, unit_code=principal.unit_code or "", desk_number=principal.desk_number or 0,
        document_name=document, role="result" if meta.get("role") == "result" else "received", file_name=name,
        size=size, sha256=sha, pages=pages if type(pages) is int and pages >= 0 else 0,
        reused=meta.get("TaiSuDung") is True, received_at=now))
    return ""


def announced(session: Session, principal: Principal, sha: str) -> bool:
    """The desk told the central about a file with this hash (it may upload it)."""
    return session.execute(select(Attachment.uuid).where(
        Attachment.sha256 == sha, Attachment.unit_code == principal.unit_code,
        Attachment.desk_number == principal.desk_number).limit(1)).first() is not None


def list_for(session: Session, code: str, complete: set[str] | None = None) -> list[dict[str, Any]]:
    rows = session.execute(select(Attachment).where(Attachment.dossier_code == code)
                           .order_by(Attachment.received_at, Attachment.uuid)).scalars()
    return [{"uuid": a.uuid, "name": a.file_name, "document": a.document_name, "role": a.role, "size": a.size,
             "sha256": a.sha256, "pages": a.pages, "reused": a.reused,
             "uploaded": None if complete is None else a.sha256 in complete} for a in rows]


def has_result_file(session: Session, code: str) -> bool:
    return session.execute(select(Attachment.uuid).where(
        Attachment.dossier_code == code, Attachment.role == "result").limit(1)).first() is not None
