"""Realistic synthetic dossiers for demos and benchmarks (`counter-app demo-data`).

Rows are written with bulk Core inserts in batches, not through the ORM, so 100,000 dossiers
take seconds. Synthetic dossiers get no outbox rows: they must never be pushed to a central
system as if they had been received; one audit row names their ids (``audit.record_demo``). Codes stay in the desk blocks and the daily
sequences are advanced, so real receptions after the demo data never collide with it.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from operator import itemgetter
from typing import cast

from sqlalchemy import Table, func, select

from counter_app.domain import codes
from counter_app.domain.calendar import Duration
from counter_app.domain.due_state import is_overdue
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
    ProcedureCase,
    Role,
    local_now,
)
from counter_app.models.db import Database

from . import audit, org, settings
from .errors import ValidationError
from .office_calendar import calendar_for

# Family names with their share of the population (Nguyễn ~38 %, Trần ~11 %, Lê ~9.5 %, …): a name
# search for "nguyen" must meet what it meets in a real office, not 5 %.
FAMILY_SHARES = {"Nguyễn": 38.4, "Trần": 11.0, "Lê": 9.5, "Phạm": 7.1, "Hoàng": 3.0, "Huỳnh": 2.1, "Phan": 4.5,
                 "Vũ": 2.0, "Võ": 1.9, "Đặng": 2.1, "Bùi": 2.0, "Đỗ": 1.4, "Hồ": 1.3, "Ngô": 1.3, "Dương": 1.0,
                 "Lý": 0.5, "Trương": 1.2, "Đinh": 1.0, "Lâm": 0.8, "Tạ": 0.5, "Mai": 0.8, "Trịnh": 0.9, "Cao": 0.7,
                 "Lưu": 0.6, "Châu": 0.6, "Lương": 0.6, "Đoàn": 0.7, "Tô": 0.4, "Quách": 0.3, "Kiều": 0.2,
                 "Thái": 0.4, "Hà": 0.6, "Triệu": 0.3, "La": 0.3, "Diệp": 0.2, "Thạch": 0.4, "Danh": 0.3}
FAMILY = list(FAMILY_SHARES)
FAMILY_WEIGHTS = list(FAMILY_SHARES.values())
# Middle and given names by sex, with the weight of the common middle names (Văn for ~40 % of men,
# Thị for ~half of the women in the generations that come to a counter).
MIDDLE_MEN = {"Văn": 40, "Minh": 10, "Hữu": 8, "Đức": 7, "Quốc": 6, "Thanh": 6, "Công": 5, "Duy": 4, "Trọng": 4,
              "Hoàng": 4, "Ngọc": 3, "Xuân": 3}
MIDDLE_WOMEN = {"Thị": 50, "Ngọc": 10, "Thu": 6, "Kim": 6, "Thanh": 6, "Mỹ": 5, "Hồng": 5, "Bảo": 4, "Hoài": 4,
                "Phương": 4}
GIVEN_MEN = ["An", "Bình", "Cường", "Dũng", "Đạt", "Đông", "Hải", "Hiếu", "Hòa", "Hoàng", "Hùng", "Hưng", "Huy",
             "Khánh", "Khoa", "Kiên", "Lâm", "Lộc", "Long", "Minh", "Nam", "Nghĩa", "Nhân", "Phong", "Phúc", "Quân",
             "Quang", "Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Tiến", "Toàn", "Trí", "Trung", "Tuấn", "Tùng",
             "Việt", "Vinh"]
GIVEN_WOMEN = ["Anh", "Ánh", "Châu", "Diễm", "Giang", "Hà", "Hằng", "Hạnh", "Hoa", "Hồng", "Hương", "Huyền", "Lan",
               "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhàn", "Nhi", "Nhung", "Oanh", "Phương", "Quyên",
               "Tâm", "Thảo", "Thu", "Thúy", "Thủy", "Trâm", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Xuân",
               "Yến"]
PLACES = ["ấp Tân Hưng, xã Tân Thành", "khóm 3, phường An Xuyên", "ấp Bà Điều, xã Lý Văn Lâm",
          "khóm 5, phường Tân Xuyên", "ấp Cái Nhúc, xã Tắc Vân", "ấp Thạnh Điền, xã Định Bình",
          "số 12 đường Phan Ngọc Hiển, phường An Xuyên", "ấp Tân Điền, xã Hòa Thành"]
DEMO_DESKS = (1, 2, 3)  # the fewest desks of a demo unit; a bigger volume gets more (up to 9)
BULK_REBUILD = 100_000  # from this many new dossiers on, indexes are rebuilt once (see _BulkWriter)
PER_DESK_PER_DAY = 60  # dossiers a reception desk takes in a working day (the span stretches first)
MAX_SPAN_DAYS = 2500  # ~10 years of working days; beyond that the desks take more per day
OFFICERS = [("le.van.hung", "Lê Văn Hùng"), ("tran.thi.mai", "Trần Thị Mai"),
            ("pham.quoc.bao", "Phạm Quốc Bảo")]


@dataclass(frozen=True)
class DemoSummary:
    dossiers: int
    applicants: int
    first_day: date
    last_day: date


APPLICANTS = cast(Table, Applicant.__table__)
DOSSIERS = cast(Table, Dossier.__table__)


class _BulkWriter:
    """Plain ``executemany`` on the session's own DBAPI connection (same transaction): the ORM's bulk
    path cost ~0.5 ms a dossier and SQLAlchemy Core's parameter processing still ~0.1 ms; millions
    of rows for the search benchmark need less. Columns the rows leave out get their column default
    (scalar or callable, evaluated once) or their server default, so a column added later still works.

    With ``rebuild_indexes`` the secondary indexes of the tables are dropped first and created again
    by :meth:`close` (inside the same transaction): sorting millions of keys once is much faster than
    inserting them one by one into B-trees in random order (applicant ids are random).
    """

    def __init__(self, session, tables: list[Table], *, rebuild_indexes: bool) -> None:  # noqa: ANN001
        self._raw = session.connection().connection.driver_connection
        self._indexes: list[str] = []
        if rebuild_indexes:
            for table in tables:
                for name, sql in self._raw.execute(
                        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                        (table.name,)).fetchall():
                    self._indexes.append(sql)
                    self._raw.execute(f'DROP INDEX "{name}"')

    def insert(self, table: Table, rows: list[dict]) -> None:
        """``rows`` hold what SQLite stores (datetimes already as text: :func:`_stored`)."""
        if not rows:
            return
        given = list(rows[0])
        extra: dict[str, object] = {}
        for column in table.columns:
            if column.name in given or column.primary_key:
                continue
            default = column.default
            if default is not None and getattr(default, "is_scalar", False):
                extra[column.name] = _stored(default.arg)  # type: ignore[attr-defined]
            elif default is not None and getattr(default, "is_callable", False):
                extra[column.name] = _stored(default.arg(None))  # type: ignore[attr-defined]
            elif column.server_default is None:
                extra[column.name] = None
        names = given + list(extra)
        fixed = tuple(extra.values())
        values = itemgetter(*given)
        sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        self._raw.executemany(sql, (values(row) + fixed for row in rows))

    def close(self) -> None:
        for sql in self._indexes:
            self._raw.execute(sql)
        self._indexes.clear()


def _stored(value: object) -> object:
    """A value as SQLAlchemy's SQLite dialect stores it (datetime: ``YYYY-MM-DD HH:MM:SS.ffffff``)."""
    if isinstance(value, datetime):
        return value.isoformat(" ", "microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _working_moment(rng: random.Random, day: date) -> datetime:
    minutes = rng.choice([rng.randint(7 * 60, 11 * 60 + 29), rng.randint(13 * 60 + 30, 16 * 60 + 59)])
    return datetime(day.year, day.month, day.day, minutes // 60, minutes % 60)


def _status_for(rng: random.Random, age_days: int, past_due: bool) -> DossierStatus:
    """Old dossiers are mostly returned; past-due ones mostly finished (a province like the
    article's: ~9% of unfinished work overdue); recent ones are still moving."""
    roll = rng.random()
    if age_days > 60 or past_due:
        if roll < 0.82:
            return DossierStatus.RETURNED
        if roll < 0.93:
            return DossierStatus.RESULT_READY
        if roll < 0.955:
            return DossierStatus.WITHDRAWN
        if roll < 0.98:
            return DossierStatus.STOPPED
        if age_days > 60:
            return DossierStatus.RETURNED
        return DossierStatus.PROCESSING  # the overdue few a supervisor must chase
    if roll < 0.20:
        return DossierStatus.RETURNED
    if roll < 0.35:
        return DossierStatus.RESULT_READY
    if roll < 0.80:
        return DossierStatus.PROCESSING
    if roll < 0.90:
        return DossierStatus.RECEIVED
    if roll < 0.95:
        return DossierStatus.SUPPLEMENT_REQUESTED
    if roll < 0.98:
        return DossierStatus.AWAITING_PAYMENT
    return DossierStatus.WITHDRAWN


def generate(db: Database, dossiers: int, *, days: int | None = None, seed: int = 20261125,
             progress: Callable[[int], None] | None = None, batch: int = 20_000) -> DemoSummary:
    if dossiers <= 0:
        raise ValidationError(tr("Số hồ sơ mẫu phải lớn hơn 0."))
    rng = random.Random(seed)
    today = local_now().date()
    # A unit's desks grow with its volume, and so does its open work: the span is at most
    # ~10 years, so a bigger file means more dossiers a day and more of them still moving.
    desk_count = min(9, max(len(DEMO_DESKS), -(-dossiers // (MAX_SPAN_DAYS * PER_DESK_PER_DAY))))
    desk_numbers = tuple(range(1, desk_count + 1))
    with db.write() as session:
        org.ensure_demo_setup(session)
        unit = org.current_desk(session).unit
        desks = {d.number: d for d in session.execute(select(Desk).where(Desk.unit_id == unit.id)).scalars()}
        for number in desk_numbers:
            if number not in desks:
                desks[number] = org.create_desk(session, unit, number)
        officers = list(session.execute(select(Officer).where(Officer.unit_id == unit.id)).scalars())
        for username, name in OFFICERS:
            if not any(o.username == username for o in officers):
                officers.append(org.create_officer(session, unit, username=username, full_name=name,
                                                   password=username, roles={Role.RECEPTION, Role.RETURN}))
        cases = list(session.execute(
            select(ProcedureCase).where(ProcedureCase.active.is_(True))).scalars())
        if not cases:
            raise ValidationError(tr("Chưa có danh mục thủ tục: hãy nạp danh mục trước khi tạo dữ liệu mẫu."))
        cal = calendar_for(session)
        durations = {c.id: Duration.from_catalog(c.processing_amount, c.processing_unit) for c in cases}
        # Working days back from today: ~PER_DESK_PER_DAY dossiers per desk and day, at most MAX_SPAN_DAYS.
        span = days or min(MAX_SPAN_DAYS, max(30, dossiers // (desk_count * PER_DESK_PER_DAY) + 1))
        working_days: list[date] = []
        day = today
        while len(working_days) < span:
            if cal.is_working_day(day):
                working_days.append(day)
            day -= timedelta(days=1)
        working_days.reverse()
        existing = {(row.desk_id, row.day): row.last_value for row in session.execute(
            select(CodeSequence).where(CodeSequence.kind == codes.DOSSIER)).scalars()}
        next_applicant = (session.execute(select(func.max(Applicant.id))).scalar() or 0) + 1
        now = local_now()
        now_text = _stored(now)

        applicant_pool = max(1, dossiers * 2 // 3)
        # Many rows into a file that has few: drop the secondary indexes and build them once at the end.
        big = dossiers >= BULK_REBUILD and dossiers > (session.execute(select(func.count()).select_from(Dossier)).scalar() or 0)
        writer = _BulkWriter(session, [APPLICANTS, DOSSIERS], rebuild_indexes=big)
        applicant_rows = []
        families = rng.choices(FAMILY, weights=FAMILY_WEIGHTS, k=applicant_pool)
        men_middle, women_middle = list(MIDDLE_MEN), list(MIDDLE_WOMEN)
        men_weights, women_weights = list(MIDDLE_MEN.values()), list(MIDDLE_WOMEN.values())
        for i in range(applicant_pool):
            woman = rng.random() < 0.5
            if woman:
                middle = rng.choices(women_middle, women_weights)[0]
                name = f"{families[i]} {middle} {rng.choice(GIVEN_WOMEN)}"
            else:
                middle = rng.choices(men_middle, men_weights)[0]
                name = f"{families[i]} {middle} {rng.choice(GIVEN_MEN)}"
            year = rng.randint(1950, 2005)
            province = rng.choice(["096", "094", "095", "091", "089"])
            # CCCD: province, century and sex (0/1 men/women born 1900–1999, 2/3 from 2000), year, number.
            sex_digit = (0 if year < 2000 else 2) + woman
            id_number = f"{province}{sex_digit}{year % 100:02d}{next_applicant + i:06d}"[-12:]
            applicant_rows.append({
                "id": next_applicant + i, "kind": ApplicantKind.CITIZEN.value, "id_number": id_number,
                "name": name, "name_folded": fold(name),
                "date_of_birth": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "address": f"{rng.choice(PLACES)}, tỉnh Cà Mau", "phone": f"09{rng.randint(0, 99_999_999):08d}",
                "email": "", "created_at": now_text,
            })
            if len(applicant_rows) >= batch:  # in batches: millions of rows never sit in memory at once
                writer.insert(APPLICANTS, applicant_rows)
                applicant_rows.clear()
        if applicant_rows:
            writer.insert(APPLICANTS, applicant_rows)
        del families

        counters: dict[tuple[int, date], int] = defaultdict(int)
        counters.update(existing)
        rows = []
        written = 0
        for i in range(dossiers):
            day = working_days[min(len(working_days) - 1, int(len(working_days) * (i / dossiers)))]
            desk = desks[desk_numbers[i % desk_count]]
            key = (desk.id, day)
            if counters[key] >= codes.BLOCK_SIZE - 1:
                spare = next((d for n, d in sorted(desks.items()) if counters[(d.id, day)] < codes.BLOCK_SIZE - 1), None)
                if spare is None:
                    raise ValidationError(tr("Quá nhiều hồ sơ mẫu cho số ngày đã chọn; hãy tăng --days."))
                desk = spare
                key = (desk.id, day)
            counters[key] += 1
            case = cases[rng.randrange(len(cases))]
            received = _working_moment(rng, day)
            if received > now:  # today: nothing is received after "now" (nor handed over before its receipt)
                received = max(datetime.combine(day, time.min), now - timedelta(minutes=rng.randint(1, 240)))
            due = cal.due(received, durations[case.id])
            age = (today - day).days
            status = _status_for(rng, age, is_overdue(due, now))
            finished = None
            if status in (DossierStatus.RESULT_READY, DossierStatus.RETURNED):
                # Most results come in before the due moment; some are late.
                slack = rng.uniform(-0.9, 0.15)
                finished = min(now, received + (due - received) * (1 + slack))
            received_text = _stored(received)
            due_text = _stored(due)
            finished_text = _stored(finished) if finished else None
            rows.append({
                "code": codes.format_code(unit.agency_code, day, desk.number, counters[key]),
                "unit_id": unit.id, "desk_id": desk.id, "officer_id": officers[i % len(officers)].id,
                "procedure_id": case.procedure_id, "case_id": case.id,
                "applicant_id": next_applicant + rng.randrange(applicant_pool), "channel": "direct",
                "sets": 1, "delivery_method": "post" if rng.random() < 0.08 else "counter",
                "received_at": received_text,
                "due_at": None if status == DossierStatus.SUPPLEMENT_REQUESTED else due_text,
                "original_due_at": due_text, "status": status.value, "status_changed_at": finished_text or received_text,
                "book_volume": f"{day:%Y}", "book_number": counters[key],
                "result_ready_at": finished_text,
                "returned_at": finished_text if status == DossierStatus.RETURNED else None,
                "result_type": "", "result_number": "", "result_summary": "", "archive_dir": "",
                "updated_at": now_text,
            })
            if len(rows) >= batch:
                writer.insert(DOSSIERS, rows)
                written += len(rows)
                rows.clear()
                if progress:
                    progress(written)
        if rows:
            writer.insert(DOSSIERS, rows)
            written += len(rows)
            if progress:
                progress(written)
        writer.close()
        for (desk_id, day), value in counters.items():
            if existing.get((desk_id, day)) is None:
                session.add(CodeSequence(desk_id=desk_id, day=day, kind=codes.DOSSIER, last_value=value))
            elif existing[(desk_id, day)] != value:
                session.get_one(CodeSequence, (desk_id, day, codes.DOSSIER)).last_value = value
        settings.put(session, "demo_dossiers", int(settings.get(session, "demo_dossiers", 0)) + written)
        last_dossier = session.execute(select(func.max(Dossier.id))).scalar() or 0
        # One audit row names the synthetic ids, so `audit verify` neither flags nor vouches for them.
        audit.record_demo(session, dossiers=(last_dossier - written + 1, last_dossier) if written else None,
                          applicants=(next_applicant, next_applicant + applicant_pool - 1))
    return DemoSummary(written, applicant_pool, working_days[0], working_days[-1])
