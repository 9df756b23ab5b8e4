"""Digitised papers (số hóa): files attached to a dossier, one row per file, the bytes in the desk's
content-addressed store (services/file_store.py).

The flags of the national dossier record (TaiLieuNop, issue #13 / #15), per document of a dossier:

- **digitised** (đã số hóa): the dossier has at least one ``attachments`` row with
  ``role == "received"`` and that ``required_document_id``;
- **reused** (tái sử dụng): one of those rows has ``reused`` set: the file was digitised for an
  earlier dossier of the same applicant (``reused_from_uuid`` names that row) and no paper was taken.

``services.attachments.document_flags(session, dossier_id)`` computes both for every document.
A row with ``required_document_id`` NULL belongs to the dossier as a whole (or is the result when
``role == "result"``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, local_now
from .catalog import RequiredDocument
from .dossier import Dossier

ROLE_RECEIVED = "received"  # a paper handed in at the desk (or reused)
ROLE_RESULT = "result"  # the result document, attached when the result is ready


class Attachment(Base):
    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_dossier_document", "dossier_id", "required_document_id"),
                      Index("ix_attachments_upload", "uploaded_at", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    required_document_id: Mapped[int | None] = mapped_column(ForeignKey("required_documents.id"))
    document_name: Mapped[str] = mapped_column(String(500), default="")  # as named when attached
    role: Mapped[str] = mapped_column(String(16), default=ROLE_RECEIVED)
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(64), default="application/pdf")
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    pages: Mapped[int] = mapped_column(default=0)  # 0: not counted (a PDF kept as received)
    source: Mapped[str] = mapped_column(String(16), default="file")  # file / folder / scanner / reuse
    reused: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    reused_from_uuid: Mapped[str] = mapped_column(String(36), default="")
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    created_at: Mapped[datetime] = mapped_column(default=local_now)
    uploaded_at: Mapped[datetime | None]  # the central holds the bytes (sync/files.py)

    dossier: Mapped[Dossier] = relationship()
    required_document: Mapped[RequiredDocument | None] = relationship()
