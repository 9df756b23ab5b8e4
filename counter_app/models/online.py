"""Online dossiers the central published for this desk's unit (issue #15; services/online.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, local_now


class OnlineSubmission(Base):
    """A dossier submitted on the national portal: "Hồ sơ trực tuyến chờ tiếp nhận" while waiting."""

    __tablename__ = "online_submissions"
    __table_args__ = (Index("ix_online_submissions_state", "state", "submitted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)  # the portal's MaHoSo, kept at reception
    record: Mapped[str] = mapped_column(Text)  # the central's entry (sync record terms), JSON
    procedure_code: Mapped[str] = mapped_column(String(40), default="")
    applicant_name: Mapped[str] = mapped_column(String(255), default="")
    id_number: Mapped[str] = mapped_column(String(20), default="")
    submitted_at: Mapped[datetime]
    # The central's state (waiting / received / supplement / refused) and who decided there.
    state: Mapped[str] = mapped_column(String(16), default="waiting")
    decided_by_desk: Mapped[int | None]
    # This desk's own decision, recorded at once (offline too) and sent with the next sync.
    local_state: Mapped[str] = mapped_column(String(16), default="")
    local_decided_at: Mapped[datetime | None]
    notice_code: Mapped[str] = mapped_column(String(64), default="")  # the intake's supplement notice
    central_note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=local_now)

    files: Mapped[list[OnlineSubmissionFile]] = relationship(back_populates="submission",
                                                               order_by="OnlineSubmissionFile.id")


class OnlineSubmissionFile(Base):
    """A file uploaded with the submission; ``data`` is None until the desk has downloaded it."""

    __tablename__ = "online_submission_files"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)  # the central's file id
    submission_id: Mapped[int] = mapped_column(ForeignKey("online_submissions.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    document_name: Mapped[str] = mapped_column(String(500), default="")
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes | None] = mapped_column(LargeBinary)

    submission: Mapped[OnlineSubmission] = relationship(back_populates="files")
