"""Dossier search: every filter, due states in SQL equal to the derived due state, and indexed plans."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from counter_app.domain import due_state as due_state_module
from counter_app.domain import lifecycle
from counter_app.domain.due_state import DueState, due_state
from counter_app.models import Dossier, DossierStatus
from counter_app.services import search
from counter_app.services.errors import ValidationError
from counter_app.services.office_calendar import calendar_for
from counter_app.services.search import SearchQuery, interpret
from tests.helpers import applicant, make_dossier

S = DossierStatus
NOW = datetime(2026, 11, 25, 10, 0)  # Wednesday; one working day later is Thu 26/11 10:00

# name, id number, phone, status, received, due
PEOPLE = [
    ("Nguyễn Thị Ánh Tuyết", "096185001234", "0912345678", S.PROCESSING, datetime(2026, 11, 20, 9), datetime(2026, 11, 24, 16)),
    ("Trần Văn Đức", "096085001234", "0987654321", S.PROCESSING, datetime(2026, 11, 23, 9), datetime(2026, 11, 25, 15)),
    ("Nguyễn Văn An", "096080000001", "0901000001", S.RECEIVED, datetime(2026, 11, 25, 8), datetime(2026, 11, 30, 8)),
    ("Lê Thị Hoa", "096190004321", "0901000002", S.SUPPLEMENT_REQUESTED, datetime(2026, 11, 18, 9), None),
    ("Phạm Quốc Việt", "096099001111", "0901000003", S.RETURNED, datetime(2026, 10, 1, 9), datetime(2026, 10, 2, 9)),
    ("Đặng Thu Hà", "096195002222", "0901000004", S.RESULT_READY, datetime(2026, 11, 10, 9), datetime(2026, 11, 11, 9)),
    ("Võ Minh Đạt", "096088003333", "0901000005", S.PROCESSING, datetime(2026, 11, 24, 9), datetime(2026, 11, 26, 10)),
    ("Hồ Thanh Tâm", "096077004444", "0901000006", S.AWAITING_PAYMENT, datetime(2026, 11, 24, 10), datetime(2026, 11, 26, 10, 1)),
]


@pytest.fixture
def people(db) -> dict[str, str]:  # noqa: ANN001
    """name -> dossier code."""
    found = {}
    with db.write() as s:
        for name, id_number, phone, status, received, due in PEOPLE:
            person = applicant(s, id_number, name)
            person.phone = phone
            d = make_dossier(s, received_at=received, id_number=id_number)
            d.status, d.due_at = status.value, due
            if status in (S.RESULT_READY, S.RETURNED):
                d.result_ready_at = due
            found[name] = d.code
    return found


def names(db, **kwargs) -> list[str]:  # noqa: ANN001, ANN003
    return [r.applicant_name for r in search.search(db, SearchQuery(**kwargs), now=NOW).rows]


def test_code_exact_and_prefix(db, people):
    code = people["Trần Văn Đức"]
    assert names(db, text=f" {code.lower()} ") == ["Trần Văn Đức"]
    assert names(db, code=code) == ["Trần Văn Đức"]
    day_prefix = code.rsplit("-", 1)[0]  # that day's dossiers of the agency
    assert names(db, text=day_prefix) == ["Trần Văn Đức"]
    assert len(names(db, text="000.00.01.H12-2611")) == 7  # November 2026, in code order
    assert names(db, text="000.00.01.H12-261231-1001") == []


def test_name_without_diacritics_is_a_prefix_of_the_full_name(db, people):
    assert sorted(names(db, text="nguyen")) == ["Nguyễn Thị Ánh Tuyết", "Nguyễn Văn An"]
    assert names(db, text="NGUYỄN THỊ") == ["Nguyễn Thị Ánh Tuyết"]
    assert names(db, text="dang thu") == ["Đặng Thu Hà"]  # đ folds to d
    assert names(db, name="tran van duc") == ["Trần Văn Đức"]
    assert names(db, text="tuyet") == []  # not a prefix: the index cannot serve "contains"


def test_id_number_and_phone(db, people):
    assert names(db, text="096085001234") == ["Trần Văn Đức"]
    assert names(db, text="0987 654 321") == ["Trần Văn Đức"]
    assert names(db, text="+84 987.654.321") == ["Trần Văn Đức"]
    assert names(db, phone="0912-345-678") == ["Nguyễn Thị Ánh Tuyết"]
    assert names(db, id_number="096190004321") == ["Lê Thị Hoa"]


def test_status_and_received_range(db, people):
    assert names(db, status=S.PROCESSING) == ["Võ Minh Đạt", "Trần Văn Đức", "Nguyễn Thị Ánh Tuyết"]  # newest first
    assert names(db, status=S.RETURNED) == ["Phạm Quốc Việt"]
    assert names(db, received_from=date(2026, 11, 23), received_to=date(2026, 11, 24)) == [
        "Hồ Thanh Tâm", "Võ Minh Đạt", "Trần Văn Đức"]
    assert names(db, received_from=date(2026, 11, 25)) == ["Nguyễn Văn An"]
    assert names(db, received_to=date(2026, 10, 31)) == ["Phạm Quốc Việt"]
    assert names(db, status=S.PROCESSING, received_from=date(2026, 11, 21)) == ["Võ Minh Đạt", "Trần Văn Đức"]
    assert names(db, text="nguyen", status=S.RECEIVED) == ["Nguyễn Văn An"]
    with pytest.raises(ValidationError, match="Ngày bắt đầu phải trước"):
        names(db, received_from=date(2026, 11, 25), received_to=date(2026, 11, 1))


@pytest.mark.parametrize(("state", "expected"), [
    (DueState.OVERDUE, ["Nguyễn Thị Ánh Tuyết"]),
    (DueState.DUE_SOON, ["Trần Văn Đức", "Võ Minh Đạt"]),  # 26/11 10:00 is exactly one working day away
    (DueState.ON_TIME, ["Hồ Thanh Tâm", "Nguyễn Văn An"]),
    (DueState.PAUSED, ["Lê Thị Hoa"]),
])
def test_due_state_filters(db, people, state, expected):
    assert names(db, due_state=state) == expected  # most urgent first


def test_due_state_in_sql_matches_the_derived_state_for_every_dossier(db, people):
    with db.read() as s:
        cal = calendar_for(s)
        # The filters are about open dossiers; finished ones (on time / late) are the supervisor's counters.
        derived = {d.applicant.name: due_state(cal, d.status, d.due_at, d.result_ready_at, NOW, d.received_at)
                   for d in s.execute(select(Dossier)).scalars() if d.status in lifecycle.OPEN_STATUSES}
    for state in due_state_module.FILTERS:
        assert sorted(names(db, due_state=state)) == sorted(n for n, st in derived.items() if st is state)
    with pytest.raises(ValidationError, match="Chỉ lọc được"):
        names(db, due_state=DueState.EARLY)


def test_limit_reports_more(db, people):
    result = search.search(db, SearchQuery(limit=3), now=NOW)
    assert [r.applicant_name for r in result.rows] == ["Nguyễn Văn An", "Hồ Thanh Tâm", "Võ Minh Đạt"]
    assert result.more
    assert not search.search(db, SearchQuery(limit=8), now=NOW).more
    row = result.rows[0]
    assert (row.status_label, row.due_state_label) == ("Đã tiếp nhận", "Đúng hạn")


@pytest.mark.parametrize(("typed", "field", "value"), [
    ("000.00.01.H12-261125-1001", "code", "000.00.01.H12-261125-1001"),
    ("000.00.01.h12-2611", "code", "000.00.01.H12-2611"),
    ("096085001234", "id_number", "096085001234"),
    ("123456789", "id_number", "123456789"),
    ("2000123456", "id_number", "2000123456"),
    ("0100109106-001", "id_number", "0100109106-001"),
    ("0912 345 678", "id_or_phone", "0912345678"),
    ("0290 3831 234", "id_or_phone", "02903831234"),
    ("Nguyễn Văn", "name", "Nguyễn Văn"),
    ("", "name", ""),
])
def test_the_one_box_recognises_what_was_typed(typed, field, value):
    assert getattr(interpret(typed), field) == value


def _plan(session: Session, query: SearchQuery) -> list[str]:
    stmt = search.statement(query, calendar_for(session), NOW)
    sql = str(stmt.compile(dialect=session.get_bind().dialect, compile_kwargs={"literal_binds": True}))
    return [row[-1] for row in session.execute(text("EXPLAIN QUERY PLAN " + sql))]


@pytest.mark.parametrize("query", [
    SearchQuery(text="000.00.01.H12-261125-1001"),
    SearchQuery(text="nguyen van"),
    SearchQuery(text="096085001234"),
    SearchQuery(text="0987654321"),
    SearchQuery(phone="0987654321"),
    SearchQuery(status=S.PROCESSING),
    SearchQuery(status=S.RETURNED, received_from=date(2026, 1, 1), received_to=date(2026, 1, 31)),
    SearchQuery(due_state=DueState.OVERDUE),
    SearchQuery(due_state=DueState.DUE_SOON),
    SearchQuery(due_state=DueState.ON_TIME, received_from=date(2026, 11, 1)),
    SearchQuery(due_state=DueState.PAUSED),
    SearchQuery(received_from=date(2026, 11, 1), received_to=date(2026, 11, 30)),
    SearchQuery(text="nguyen", status=S.RETURNED, received_from=date(2026, 1, 1)),
    SearchQuery(text="nguyen", status=S.RECEIVED),
    SearchQuery(text="nguyen van", due_state=DueState.OVERDUE),
    SearchQuery(text="096085001234", due_state=DueState.OVERDUE),
    SearchQuery(),
], ids=lambda q: repr({k: v for k, v in q.__dict__.items() if v not in ("", None, 0, search.DEFAULT_LIMIT)}))
def test_every_search_is_driven_by_an_index(db, query):
    with db.read() as s:
        plan = _plan(s, query)
    table_lines = [line for line in plan if line.startswith(("SCAN", "SEARCH"))]
    driving = table_lines[0]
    for line in table_lines:
        assert "USING" in line, plan  # no table scan anywhere
    if query == SearchQuery():
        assert driving == "SCAN dossiers USING COVERING INDEX ix_dossiers_received_at", plan  # newest first, LIMIT stops
    else:
        assert driving.startswith("SEARCH") and "INDEX" in driving, plan
    if query.text == "nguyen" and query.status == S.RETURNED:  # the name, not the 90 % that are returned
        assert "ix_applicants_name_folded" in driving, plan
    if query.text.startswith("nguyen") and (query.due_state or query.status == S.RECEIVED):
        # open work drives: a name shared by ~38 % of applicants would visit all their dossiers
        assert "INDEX ix_dossiers_status_" in driving, plan
    if query.status == S.RETURNED and not query.text:
        assert "ix_dossiers_status_received" in driving, plan
