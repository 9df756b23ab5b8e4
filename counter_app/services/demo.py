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

from sqlalchemy import func, insert, select

from counter_app.domain import codes
from counter_app.domain.calendar import Duration
from counter_app.domain.due_state import is_overdue
from counter_app.domain.text import fold
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
MIDDLE = ["Văn", "Thị", "Minh", "Hữu", "Ngọc", "Thanh", "Quốc", "Thu", "Đức", "Kim", "Xuân", "Hoài", "Bảo"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng", "Hương", "Khánh",
         "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Ngân", "Nhung", "Phúc", "Phương", "Quân", "Quyên", "Sơn",
         "Tâm", "Thảo", "Thắng", "Thủy", "Tiến", "Trang", "Trí", "Trinh", "Tuấn", "Tuyết", "Uyên", "Việt", "Yến",
         "Ánh", "Đạt", "Đông", "Lộc", "Nhân", "Thịnh", "Vy"]
PLACES = ["ấp Tân Hưng, xã Tân Thành", "khóm 3, phường An Xuyên", "ấp Bà Điều, xã Lý Văn Lâm",
          "khóm 5, phường Tân Xuyên", "ấp Cái Nhúc, xã Tắc Vân", "ấp Thạnh Điền, xã Định Bình",
          "số 12 đường Phan Ngọc Hiển, phường An Xuyên", "ấp Tân Điền, xã Hòa Thành"]
DEMO_DESKS = (1, 2, 3)  # the fewest desks of a demo unit; a bigger volume gets more (up to 9)
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
        raise ValidationError("Số hồ sơ mẫu phải lớn hơn 0.")
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
            raise ValidationError("Chưa có danh mục thủ tục: hãy nạp danh mục trước khi tạo dữ liệu mẫu.")
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

        applicant_pool = max(1, dossiers * 2 // 3)
        applicant_rows = []
        families = rng.choices(FAMILY, weights=FAMILY_WEIGHTS, k=applicant_pool)
        for i in range(applicant_pool):
            name = f"{families[i]} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            province = rng.choice(["096", "094", "095", "091", "089"])
            id_number = f"{province}{rng.choice('0123')}{rng.randint(40, 99):02d}{next_applicant + i:06d}"[-12:]
            applicant_rows.append({
                "id": next_applicant + i, "kind": ApplicantKind.CITIZEN.value, "id_number": id_number,
                "name": name, "name_folded": fold(name),
                "date_of_birth": date(rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28)),
                "address": f"{rng.choice(PLACES)}, tỉnh Cà Mau", "phone": f"09{rng.randint(0, 99_999_999):08d}",
                "email": "", "created_at": now,
            })
            if len(applicant_rows) >= batch:  # in batches: millions of rows never sit in memory at once
                session.execute(insert(Applicant), applicant_rows)
                applicant_rows.clear()
        if applicant_rows:
            session.execute(insert(Applicant), applicant_rows)
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
                    raise ValidationError("Quá nhiều hồ sơ mẫu cho số ngày đã chọn; hãy tăng --days.")
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
            rows.append({
                "code": codes.format_code(unit.agency_code, day, desk.number, counters[key]),
                "unit_id": unit.id, "desk_id": desk.id, "officer_id": officers[i % len(officers)].id,
                "procedure_id": case.procedure_id, "case_id": case.id,
                "applicant_id": next_applicant + rng.randrange(applicant_pool), "channel": "direct",
                "sets": 1, "delivery_method": "post" if rng.random() < 0.08 else "counter",
                "received_at": received,
                "due_at": None if status == DossierStatus.SUPPLEMENT_REQUESTED else due,
                "original_due_at": due, "status": status.value, "status_changed_at": finished or received,
                "book_volume": f"{day:%Y}", "book_number": counters[key],
                "result_ready_at": finished, "returned_at": finished if status == DossierStatus.RETURNED else None,
                "result_type": "", "result_number": "", "result_summary": "", "archive_dir": "",
                "updated_at": now,
            })
            if len(rows) >= batch:
                session.execute(insert(Dossier), rows)
                written += len(rows)
                rows.clear()
                if progress:
                    progress(written)
        if rows:
            session.execute(insert(Dossier), rows)
            written += len(rows)
            if progress:
                progress(written)
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
