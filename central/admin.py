"""Administration: desk and back-office tokens, the catalog and calendar overrides (published
to every desk through the changes feed)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.text import nfc
from counter_app.services import catalog as desk_catalog
from counter_app.services.org import AGENCY_CODE_RE
from counter_app.sync import protocol as p

from . import feed
from .auth import BACKOFFICE, DESK, hash_token, new_token
from .errors import Malformed, NotFound
from .models import CalendarOverride, Credential, DeskStream, Procedure, Unit, now_local


def _unit_code(code: str) -> str:
    code = code.strip().upper()
    if not AGENCY_CODE_RE.match(code):
        raise Malformed(f"Mã đơn vị «{code}» không đúng định dạng QCVN 102:2016 (ví dụ 000.00.01.H12).")
    return code


def add_desk(session: Session, unit_code: str, desk_number: int, *, unit_name: str = "",
             replace: bool = False) -> str:
    """Issue a desk token (returned once, stored hashed)."""
    unit_code = _unit_code(unit_code)
    if not 1 <= desk_number <= 9:
        raise Malformed("Số quầy phải từ 1 đến 9.")
    unit = session.get(Unit, unit_code)
    if unit is None:
        session.add(Unit(code=unit_code, name=nfc(unit_name)))
    elif unit_name:
        unit.name = nfc(unit_name)
    active = _active_desk_tokens(session, unit_code, desk_number)
    if active and not replace:
        raise Malformed(f"Quầy số {desk_number} của đơn vị {unit_code} đã có mã truy cập đang dùng. "
                        "Thu hồi mã cũ (desk revoke) hoặc dùng --replace để cấp mã mới thay thế.")
    for cred in active:
        cred.revoked_at = now_local()
    # The sequence stream belongs to the desk, not the token: a new token continues it.
    if session.get(DeskStream, (unit_code, desk_number)) is None:
        session.add(DeskStream(unit_code=unit_code, desk_number=desk_number, next_seq=1))
    token = new_token()
    session.add(Credential(kind=DESK, unit_code=unit_code, desk_number=desk_number, token_hash=hash_token(token)))
    session.flush()
    return token


def _active_desk_tokens(session: Session, unit_code: str, desk_number: int) -> list[Credential]:
    return list(session.execute(select(Credential).where(
        Credential.kind == DESK, Credential.unit_code == unit_code, Credential.desk_number == desk_number,
        Credential.revoked_at.is_(None))).scalars())


def revoke_desk(session: Session, unit_code: str, desk_number: int) -> int:
    active = _active_desk_tokens(session, _unit_code(unit_code), desk_number)
    if not active:
        raise NotFound(f"Quầy số {desk_number} của đơn vị {unit_code} không có mã truy cập nào đang dùng.")
    for cred in active:
        cred.revoked_at = now_local()
    return len(active)


def add_backoffice(session: Session, *, agency: str, name: str) -> str:
    agency, name = nfc(agency), nfc(name)
    if not agency or not name:
        raise Malformed("Hãy ghi tên cơ quan xử lý và họ tên cán bộ.")
    token = new_token()
    session.add(Credential(kind=BACKOFFICE, agency=agency, name=name, token_hash=hash_token(token)))
    session.flush()
    return token


def revoke_credential(session: Session, credential_id: int) -> None:
    cred = session.get(Credential, credential_id)
    if cred is None or cred.revoked_at is not None:
        raise NotFound(f"Không có mã truy cập số {credential_id} đang dùng.")
    cred.revoked_at = now_local()


def list_credentials(session: Session) -> list[Credential]:
    return list(session.execute(select(Credential).order_by(Credential.id)).scalars())


@dataclass
class CatalogSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def import_catalog(session: Session, path: Path | str) -> CatalogSummary:
    """Validate with the desk's own parser (a file the desks would reject is rejected here), then
    publish every new or changed procedure."""
    from counter_app.services.errors import CatalogImportError

    try:
        records = desk_catalog.load_catalog_file(path)
    except CatalogImportError as exc:
        raise Malformed(exc.message) from None
    summary = CatalogSummary()
    for rec in records:
        row = session.get(Procedure, rec.code)
        if row is not None and row.raw_json == rec.raw_json:
            summary.unchanged += 1
            continue
        if row is None:
            session.add(Procedure(code=rec.code, name=rec.name, version=1, raw_json=rec.raw_json))
            summary.created += 1
        else:
            row.name, row.raw_json, row.version, row.updated_at = rec.name, rec.raw_json, row.version + 1, now_local()
            summary.updated += 1
        feed.publish(session, p.CHANGE_PROCEDURE, json.loads(rec.raw_json), entity_key=rec.code)
    return summary


def set_calendar_override(session: Session, day: date, is_working: bool, note: str = "") -> None:
    row = session.get(CalendarOverride, day)
    if row is None:
        session.add(CalendarOverride(day=day, is_working=is_working, note=nfc(note)))
    else:
        row.is_working, row.note, row.updated_at = is_working, nfc(note), now_local()
    feed.publish(session, p.CHANGE_CALENDAR, {"day": day.isoformat(), "is_working": is_working, "note": nfc(note)},
                 entity_key=day.isoformat())


def remove_calendar_override(session: Session, day: date) -> None:
    row = session.get(CalendarOverride, day)
    if row is None:
        raise NotFound(f"Ngày {day:%d/%m/%Y} không có điều chỉnh lịch làm việc nào.")
    session.delete(row)
    feed.publish(session, p.CHANGE_CALENDAR, {"day": day.isoformat(), "removed": True}, entity_key=day.isoformat())
