"""Desk high-water marks and installation identity (issue #11): restored or copied desk files.

- ``DeskStream.next_seq - 1`` is the last event sequence the central applied for a desk, and
  ``DeskCodeMark`` the highest dossier / notice code sequence per day it has seen from it. A desk
  asks for both (``POST /api/v1/sync/marks``) at the start of every sync pass; a desk that is
  behind them (restored from an older backup, or its file copied) fast-forwards its counters
  before it mints another code (counter_app/sync/guard.py).
- Every desk request names its installation (``X-Installation``: a random id kept per PC). A
  push or marks request from another installation while the recorded one was seen less than
  ``ALIVE`` ago is refused (409 ``desk_elsewhere``): one desk file in use on two PCs at once is
  explained, never silently merged. After that, the new installation takes over.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Date, bindparam, select, text
from sqlalchemy.orm import Session

from counter_app.domain import codes
from counter_app.sync import protocol as p

from . import bulk
from .errors import CentralError
from .models import DeskCodeMark, DeskStream, ReceivedEvent

ALIVE = timedelta(minutes=10)
MAX_UUIDS = 1000


class DeskElsewhere(CentralError):
    status = 409
    code = p.ERR_DESK_ELSEWHERE


def check_installation(stream: DeskStream, installation: str, now: datetime) -> None:
    """Call with the stream row locked. Older desks send no installation: nothing to check."""
    if not installation:
        return
    seen = stream.installation_seen_at
    if (stream.installation_id and stream.installation_id != installation and seen is not None
            and now - seen < ALIVE):
        raise DeskElsewhere(
            f"Quầy số {stream.desk_number} của đơn vị {stream.unit_code} đang được dùng trên một máy khác "
            f"(máy đó gửi dữ liệu lần cuối lúc {seen:%H:%M:%S}). Một tệp dữ liệu quầy không được dùng trên hai máy "
            "cùng lúc: hãy tắt phần mềm ở máy kia (hoặc xin mã quầy khác), rồi đồng bộ lại sau "
            f"{int(ALIVE.total_seconds() // 60)} phút.")
    stream.installation_id, stream.installation_seen_at = installation, now


def record_codes(session: Session, unit_code: str, desk_number: int, seen: list[codes.ParsedCode]) -> None:
    """Raise the desk's marks to the codes of an applied batch."""
    highest: dict[tuple[date, bool], int] = {}  # by day and is_notice (a push's codes are mostly of one day)
    get = highest.get
    for parsed in seen:
        key = (parsed.day, parsed.is_notice)
        if parsed.sequence > get(key, 0):
            highest[key] = parsed.sequence
    if not highest:
        return
    ordered = sorted(((day, codes.NOTICE if notice else codes.DOSSIER), value)
                     for (day, notice), value in highest.items())
    if session.get_bind().dialect.name == "postgresql":  # psycopg directly: one statement, one round trip
        bulk.fetch(session, _UPSERT_PSYCOPG, (unit_code, desk_number, [day for (day, _), _ in ordered],
                                              [kind for (_, kind), _ in ordered], [value for _, value in ordered]))
        return
    rows = [{"unit_code": unit_code, "desk_number": desk_number, "day": day, "kind": kind, "last_value": value}
            for (day, kind), value in ordered]
    # One upsert statement for the whole batch (a lookup per day and kind made the ORM flush everything
    # pending first), as text: SQLAlchemy compiled its ON CONFLICT construct anew at every push (~2 ms).
    session.connection().execute(_UPSERT_SQLITE, rows)


_UPSERT = ("INSERT INTO desk_code_marks (unit_code, desk_number, day, kind, last_value) "
           "VALUES (:unit_code, :desk_number, :day, :kind, :last_value) "
           "ON CONFLICT (unit_code, desk_number, day, kind) "
           "DO UPDATE SET last_value = {greatest}(desk_code_marks.last_value, excluded.last_value)")
_UPSERT_SQLITE = text(_UPSERT.format(greatest="MAX")).bindparams(bindparam("day", type_=Date()))
# The batch's (day, kind) pairs are distinct (``best``), as ON CONFLICT needs within one statement.
_UPSERT_PSYCOPG = ("INSERT INTO desk_code_marks (unit_code, desk_number, day, kind, last_value) "
                   "SELECT %s, %s, v.day, v.kind, v.last_value "
                   "FROM unnest(%b::date[], %b::text[], %b::integer[]) AS v (day, kind, last_value) "
                   "ON CONFLICT (unit_code, desk_number, day, kind) "
                   "DO UPDATE SET last_value = GREATEST(desk_code_marks.last_value, excluded.last_value)")


def stream_for(session: Session, unit_code: str, desk_number: int) -> DeskStream:
    stream = session.execute(
        select(DeskStream).where(DeskStream.unit_code == unit_code, DeskStream.desk_number == desk_number)
        .with_for_update()).scalar_one_or_none()
    if stream is None:
        stream = DeskStream(unit_code=unit_code, desk_number=desk_number, next_seq=1)
        session.add(stream)
        session.flush()
    return stream


def marks(session: Session, unit_code: str, desk_number: int, *, since: date, uuids: list[str],
          installation: str, now: datetime) -> dict[str, Any]:
    stream = stream_for(session, unit_code, desk_number)
    check_installation(stream, installation, now)
    rows = session.execute(select(DeskCodeMark).where(
        DeskCodeMark.unit_code == unit_code, DeskCodeMark.desk_number == desk_number, DeskCodeMark.day >= since)
        .order_by(DeskCodeMark.day, DeskCodeMark.kind)).scalars()
    known: list[str] = []
    if uuids:
        known = list(session.execute(select(ReceivedEvent.uuid).where(
            ReceivedEvent.uuid.in_(uuids[:MAX_UUIDS]), ReceivedEvent.unit_code == unit_code,
            ReceivedEvent.desk_number == desk_number)).scalars())
    return {"last_seq": stream.next_seq - 1,
            "codes": [{"day": r.day.isoformat(), "kind": r.kind, "last": r.last_value} for r in rows],
            "known": known}
