"""Allocating a Mã hồ sơ from the desk's block, inside the write transaction that stores it.

The code's shape and the desk blocks are :mod:`counter_app.domain.codes`; this is the database side.
The sequence row is bumped inside the caller's write transaction (``BEGIN IMMEDIATE``), the same
one that stores the dossier: a rolled-back reception consumes no code, and two processes on the
same file cannot get the same number.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.codes import BLOCK_SIZE, DOSSIER, NOTICE, format_code
from counter_app.i18n import tr
from counter_app.models import CodeSequence, Desk

from .errors import CodeBlockExhaustedError
from .restore_guard import require_current


def allocate(session: Session, *, desk: Desk, agency_code: str, day: date, kind: str = DOSSIER) -> str:
    """Next code of the desk's block for ``day``; call inside the write transaction that uses it.
    Refused while the desk file may be behind the central's marks (restore_guard)."""
    require_current(session)
    if not 1 <= desk.number <= 9:
        raise CodeBlockExhaustedError(tr("Số quầy {number} không hợp lệ: chỉ dùng quầy số 1 đến 9.").format(number=desk.number))
    row = session.execute(
        select(CodeSequence).where(
            CodeSequence.desk_id == desk.id, CodeSequence.day == day, CodeSequence.kind == kind
        )
    ).scalar_one_or_none()
    if row is None:
        row = CodeSequence(desk_id=desk.id, day=day, kind=kind, last_value=0)
        session.add(row)
    if row.last_value >= BLOCK_SIZE - 1:
        what = tr("phiếu bổ sung") if kind == NOTICE else tr("hồ sơ")
        raise CodeBlockExhaustedError(
            tr("Quầy số {number} đã dùng hết 999 mã {what} của ngày {day:%d/%m/%Y}. "
            "Hãy tiếp nhận ở quầy khác hoặc liên hệ quản trị để cấp thêm dải mã.").format(number=desk.number, what=what, day=day)
        )
    row.last_value += 1
    session.flush()
    return format_code(agency_code, day, desk.number, row.last_value, notice=(kind == NOTICE))
