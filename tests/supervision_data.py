"""A known mix of dossiers around the 30/4–1/5 2026 holidays, for the supervision tests.

Calendar facts used: Sun 26/4 Giỗ Tổ Hùng Vương, Mon 27/4 its substitute day off, Thu 30/4 and
Fri 1/5 holidays, Sat 2/5 and Sun 3/5 weekend — so Tue 28/4 and Wed 29/4 are the only working
days between Fri 24/4 and Mon 4/5. "D" is Wed 29/4/2026; "now" in the service tests is D 16:30.

Every number the tests expect is worked out by hand in tests/unit/test_stats.py from this table
(and written there next to the assertion), never by calling the code under test.

Officers: A = the demo officer (desk 1), B = Lê Văn Hùng (desk 2, also helps at desk 1),
S = Phạm Thị Lan (supervisor). Procedures (tests/data/catalog_small.json):
KS = 1.001193 khai sinh (Hộ tịch), KH = 1.000894 kết hôn (Hộ tịch), CT = 2.000908 chứng thực.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from counter_app.models import (
    Apology,
    Desk,
    DossierStatus,
    Intake,
    IntakeOutcome,
    Officer,
    Procedure,
    ProcedureCase,
    Role,
    SupplementNotice,
    Unit,
)
from counter_app.services import dossiers, org
from tests.helpers import applicant

S = DossierStatus
KS, KH, CT = "1.001193", "1.000894", "2.000908"
D = datetime(2026, 4, 29)
NOW = datetime(2026, 4, 29, 16, 30)
SUPERVISOR = ("pham.thi.lan", "Phạm Thị Lan", "lan12345")
OFFICER_B = ("le.van.hung", "Lê Văn Hùng", "hung12345")
RECEPTION_ONLY = ("tran.thi.mai", "Trần Thị Mai", "mai12345")


def at(day: int, month: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute)


@dataclass(frozen=True)
class Spec:
    key: str
    procedure: str
    desk: int
    officer: str  # "A" / "B"
    channel: str
    received: datetime
    status: S
    due: datetime | None  # "calc": keep what the calendar computed
    original: datetime | None = None
    ready: datetime | None = None
    returned: datetime | None = None
    changed: datetime | None = None


CALC = datetime.min  # marker: the due moment computed by create_dossier is kept

SPECS = (
    Spec("d1", KS, 1, "A", "direct", at(29, 4, 8), S.PROCESSING, at(4, 5, 8)),
    Spec("d2", KS, 1, "B", "online", at(29, 4, 8, 30), S.RECEIVED, at(5, 5, 11, 30)),
    Spec("d3", CT, 2, "B", "direct", at(29, 4, 9), S.RESULT_READY, at(29, 4, 14), ready=at(29, 4, 11)),
    Spec("d4", CT, 2, "B", "post", at(29, 4, 9, 30), S.RETURNED, at(29, 4, 14, 30), ready=at(29, 4, 10, 30),
         returned=at(29, 4, 15)),
    Spec("d5", KH, 1, "A", "direct", at(20, 4, 8), S.RETURNED, at(28, 4, 17), ready=at(24, 4, 10),
         returned=at(29, 4, 8, 15)),
    Spec("d6", KH, 2, "B", "direct", at(21, 4, 9), S.RETURNED, at(28, 4, 17), ready=at(29, 4, 9),
         returned=at(29, 4, 9, 30)),
    Spec("d7", KS, 1, "A", "online", at(26, 4, 20), S.PROCESSING, CALC),  # received on the holiday
    Spec("d8", KS, 2, "B", "direct", at(28, 4, 14), S.PROCESSING, at(29, 4, 14)),
    Spec("d9", CT, 1, "A", "direct", at(28, 4, 8), S.SUPPLEMENT_REQUESTED, None, original=at(28, 4, 12)),
    Spec("d10", KH, 1, "A", "direct", at(24, 4, 10), S.PROCESSING, at(8, 5, 17), original=at(5, 5, 10)),
    Spec("d11", KH, 2, "B", "direct", at(22, 4, 8), S.PROCESSING, at(6, 5, 17), original=at(28, 4, 17)),
    Spec("d12", KS, 1, "A", "direct", at(28, 4, 10), S.WITHDRAWN, at(29, 4, 10), changed=at(29, 4, 9, 15)),
    Spec("d13", CT, 2, "B", "direct", at(23, 4, 8), S.STOPPED, at(23, 4, 12), changed=at(29, 4, 9, 20)),
    Spec("d14", KS, 2, "B", "direct", at(29, 4, 16), S.RECEIVED, CALC),  # due across the holidays
    Spec("d15", KH, 1, "A", "direct", at(29, 4, 10), S.RECEIVED, at(4, 5, 16, 30)),
    Spec("d16", CT, 2, "B", "direct", at(29, 4, 10, 15), S.PROCESSING, at(4, 5, 16, 45)),
    Spec("d17", KS, 1, "A", "direct", at(15, 4, 8), S.RETURNED, at(16, 4, 17), ready=at(17, 4, 9),
         returned=at(20, 4, 8)),
    Spec("d18", CT, 1, "A", "direct", at(28, 4, 8), S.RESULT_READY, at(28, 4, 12), ready=at(29, 4, 16, 10)),
)


@dataclass
class KnownMix:
    codes: dict[str, str]
    officers: dict[str, int]  # "A", "B", "S", "R" -> officer id
    desks: dict[int, int]  # desk number -> id
    notices: dict[str, str]  # "n1".. -> notice code


def _case(session, code: str) -> ProcedureCase:  # noqa: ANN001
    return session.execute(
        select(ProcedureCase).join(Procedure).where(Procedure.code == code).order_by(ProcedureCase.position)
    ).scalars().first()


def build_known_mix(db) -> KnownMix:  # noqa: ANN001 - Database
    with db.write() as session:
        unit = session.execute(select(Unit)).scalars().first()
        desk1 = session.execute(select(Desk).where(Desk.number == 1)).scalar_one()
        desk2 = org.create_desk(session, unit, 2)
        officer_a = session.execute(select(Officer).where(Officer.username == org.DEMO_USERNAME)).scalar_one()
        officer_b = org.create_officer(session, unit, username=OFFICER_B[0], full_name=OFFICER_B[1],
                                       password=OFFICER_B[2], roles={Role.RECEPTION, Role.RETURN})
        supervisor = org.create_officer(session, unit, username=SUPERVISOR[0], full_name=SUPERVISOR[1],
                                        password=SUPERVISOR[2], roles={Role.SUPERVISOR})
        reception = org.create_officer(session, unit, username=RECEPTION_ONLY[0], full_name=RECEPTION_ONLY[1],
                                       password=RECEPTION_ONLY[2], roles={Role.RECEPTION})
        officers = {"A": officer_a, "B": officer_b}
        desks = {1: desk1, 2: desk2}
        codes: dict[str, str] = {}
        rows = {}
        for n, spec in enumerate(SPECS):
            person = applicant(session, f"0960850{n:05d}", f"Nguyễn Văn Số {n + 1}")
            d = dossiers.create_dossier(session, desk=desks[spec.desk], officer=officers[spec.officer],
                                        case=_case(session, spec.procedure), applicant=person,
                                        received_at=spec.received, channel=spec.channel)
            if spec.due is not CALC:
                d.due_at = spec.due
                d.original_due_at = spec.original or spec.due
            d.status = spec.status.value
            d.result_ready_at, d.returned_at = spec.ready, spec.returned
            d.status_changed_at = spec.changed or spec.returned or spec.ready or spec.received
            codes[spec.key] = d.code
            rows[spec.key] = d
        session.flush()
        # Apology letters: d10 before its due moment, d11 after it (flagged late).
        session.add(Apology(dossier_id=rows["d10"].id, late_agency="Phòng Tư pháp", reason="Chờ xác minh",
                            old_due_at=at(5, 5, 10), new_due_at=at(8, 5, 17), issued_at=at(28, 4, 9),
                            approved_by_id=supervisor.id, issued_late=False))
        session.add(Apology(dossier_id=rows["d11"].id, late_agency="Phòng Tư pháp", reason="Thiếu cán bộ",
                            old_due_at=at(28, 4, 17), new_due_at=at(6, 5, 17), issued_at=at(29, 4, 9),
                            approved_by_id=supervisor.id, issued_late=True))

        def intake(desk: int, officer: str, procedure: str, outcome: IntakeOutcome, when: datetime) -> Intake:
            case = _case(session, procedure)
            row = Intake(uuid=str(uuid.uuid4()), desk_id=desks[desk].id, officer_id=officers[officer].id,
                         procedure_id=case.procedure_id, case_id=case.id,
                         applicant_id=applicant(session, "096085009999", "Võ Thị Hồng").id,
                         started_at=when, outcome=outcome.value,
                         closed_at=None if outcome is IntakeOutcome.SUPPLEMENT else when,
                         refusal_reason="Không thuộc thẩm quyền" if outcome is IntakeOutcome.REFUSED else "")
            session.add(row)
            session.flush()
            return row

        intake(1, "A", KS, IntakeOutcome.REFUSED, at(29, 4, 10, 30))  # i1: on D
        intake(2, "B", CT, IntakeOutcome.REFUSED, at(28, 4, 15))  # i2
        i3 = intake(1, "A", KH, IntakeOutcome.SUPPLEMENT, at(29, 4, 11))
        i4 = intake(2, "B", KS, IntakeOutcome.SUPPLEMENT, at(29, 4, 14))
        i5 = intake(1, "A", CT, IntakeOutcome.SUPPLEMENT, at(28, 4, 8, 30))
        notices = {
            "n1": SupplementNotice(code="000.00.01.H12-260429-BS1001", number="1/HDHS", intake_id=i3.id,
                                   issued_at=at(29, 4, 11), officer_id=officer_a.id),
            "n2": SupplementNotice(code="000.00.01.H12-260429-BS2001", number="2/HDHS", intake_id=i4.id,
                                   issued_at=at(29, 4, 14), officer_id=officer_b.id, second_pass=True,
                                   approved_by_id=supervisor.id, override_reason="Thiếu giấy xác nhận cư trú"),
            "n3": SupplementNotice(code="000.00.01.H12-260428-BS1001", number="3/HDHS", intake_id=i5.id,
                                   issued_at=at(28, 4, 8, 30), officer_id=officer_a.id),
            "n4": SupplementNotice(code="000.00.01.H12-260428-BS1002", number="", dossier_id=rows["d9"].id,
                                   stage="processing", agency="Phòng Tư pháp", issued_at=at(28, 4, 15)),
        }
        session.add_all(notices.values())
        session.flush()
        return KnownMix(codes, {"A": officer_a.id, "B": officer_b.id, "S": supervisor.id, "R": reception.id},
                        {1: desk1.id, 2: desk2.id}, {k: n.code for k, n in notices.items()})


def login(db, who: tuple[str, str, str]):  # noqa: ANN001, ANN201 - Database, DeskContext
    return org.login(db, who[0], who[2])
