"""The due-state module: the rule, its SQL forms, its vocabulary — and that it is the only copy.

The agreement tests build one mixed dataset (due moments on every edge the rule has: now, the
due-soon limit ± 1 minute, holidays, weekends, lunch breaks) and check, dossier by dossier, that
the SQL forms used by the dashboard, the reports and the search filter give the state the Python
rule gives (the desk lists, the detail view, the central's counters).
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counter_app.domain import due_state as ds
from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.counters import CounterRow, count_dossiers
from counter_app.domain.due_state import DueState, due_state
from counter_app.domain.lifecycle import OPEN_STATUSES, DossierStatus
from counter_app.models import Dossier
from counter_app.models.db import Database
from counter_app.services import catalog, org
from counter_app.services.office_calendar import calendar_for
from tests.conftest import SMALL_CATALOG
from tests.helpers import make_dossier

S = DossierStatus
ROOT = Path(__file__).resolve().parents[2]
CAL = WorkingCalendar()


# --------------------------------------------------------------------------- the rule itself

WED = datetime(2026, 11, 25, 10, 0)  # one working day later: Thu 26/11 10:00


@pytest.mark.parametrize(("status", "due", "finished", "expected"), [
    (S.REFUSED, None, None, DueState.NONE),
    (S.WITHDRAWN, WED, None, DueState.NONE),
    (S.STOPPED, WED, None, DueState.NONE),
    (S.SUPPLEMENT_REQUESTED, None, None, DueState.PAUSED),
    (S.RECEIVED, WED - timedelta(minutes=1), None, DueState.OVERDUE),
    (S.RECEIVED, WED, None, DueState.DUE_SOON),  # due this very minute: not yet late
    (S.PROCESSING, datetime(2026, 11, 26, 10, 0), None, DueState.DUE_SOON),  # exactly one working day
    (S.PROCESSING, datetime(2026, 11, 26, 10, 1), None, DueState.ON_TIME),
    (S.RESULT_READY, datetime(2026, 11, 27, 9), datetime(2026, 11, 26, 16), DueState.EARLY),
    (S.RESULT_READY, datetime(2026, 11, 27, 9), datetime(2026, 11, 27, 8), DueState.ON_TIME),
    (S.RETURNED, datetime(2026, 11, 27, 9), datetime(2026, 11, 27, 9, 1), DueState.OVERDUE),
    (S.RESULT_READY, datetime(2026, 11, 20, 9), None, DueState.OVERDUE),  # no finish moment: judged open
])
def test_the_rule(status, due, finished, expected):
    assert due_state(CAL, status, due, finished, WED, datetime(2026, 11, 16, 8)) is expected


MON = datetime(2026, 11, 23, 9, 0)
FRI = datetime(2026, 11, 27, 15, 0)


@pytest.mark.parametrize(("received", "due", "now", "expected"), [
    # One working day, received Monday 09:00, due Tuesday 09:00: not "due soon" on the day of receipt
    # (the counter officer saw it so), due soon from the next morning.
    (MON, MON + timedelta(days=1), MON, DueState.ON_TIME),
    (MON, MON + timedelta(days=1), MON.replace(hour=23, minute=59), DueState.ON_TIME),
    (MON, MON + timedelta(days=1), datetime(2026, 11, 24, 0, 0), DueState.DUE_SOON),
    (MON, MON + timedelta(days=1), datetime(2026, 11, 24, 7, 30), DueState.DUE_SOON),
    # Received Friday afternoon, due Monday: due soon over the weekend, ready for Monday morning.
    (FRI, FRI + timedelta(days=3), FRI.replace(hour=16, minute=59), DueState.ON_TIME),
    (FRI, FRI + timedelta(days=3), FRI + timedelta(days=1), DueState.DUE_SOON),
    # A same-day procedure is on time until it is late.
    (MON.replace(hour=8), MON.replace(hour=13, minute=30), MON.replace(hour=13, minute=30), DueState.ON_TIME),
    (MON.replace(hour=8), MON.replace(hour=13, minute=30), MON.replace(hour=13, minute=31), DueState.OVERDUE),
    # Five working days: the last working day is due soon, as before.
    (MON, MON + timedelta(days=7), datetime(2026, 11, 27, 8, 59), DueState.ON_TIME),
    (MON, MON + timedelta(days=7), datetime(2026, 11, 27, 9, 0), DueState.DUE_SOON),
])
def test_a_short_procedure_is_not_due_soon_on_receipt(received, due, now, expected):
    assert due_state(CAL, S.RECEIVED, due, None, now, received) is expected


def test_vocabulary_and_helpers():
    assert set(ds.LABELS) == set(DueState) and ds.LABELS[DueState.OVERDUE] == "Quá hạn"
    assert set(ds.FILTER_LABELS) == set(ds.FILTERS) and set(ds.URGENCY) == set(DueState)
    assert min(ds.URGENCY, key=ds.URGENCY.get) is DueState.OVERDUE
    due = datetime(2026, 11, 27, 9)
    assert [ds.timeliness(due, f) for f in (datetime(2026, 11, 26, 9), datetime(2026, 11, 27, 9),
                                            datetime(2026, 11, 27, 9, 1))] == ["early", "on_time", "late"]
    assert ds.timeliness(None, due) == ""
    assert ds.is_overdue(due, due + timedelta(seconds=1)) and not ds.is_overdue(due, due)
    assert not ds.is_overdue(None, due)
    assert ds.is_paused(S.SUPPLEMENT_REQUESTED, None) and ds.is_paused(S.AWAITING_PAYMENT, None)
    assert not ds.is_paused(S.SUPPLEMENT_REQUESTED, due) and not ds.is_paused(S.RETURNED, None)
    # Friday 16:30 + one working day runs out Monday 16:30; Saturday 09:00 is counted from Monday 07:00.
    assert ds.due_soon_limit(CAL, datetime(2026, 11, 27, 16, 30)) == datetime(2026, 11, 30, 16, 30)
    assert ds.due_soon_limit(CAL, datetime(2026, 11, 28, 9, 0)) == datetime(2026, 12, 1, 7, 0)
    with pytest.raises(ValueError, match="due-soon limit"):
        ds.open_filter(DueState.DUE_SOON, Dossier.due_at, WED)
    with pytest.raises(ValueError, match="receipt column"):
        ds.open_filter(DueState.ON_TIME, Dossier.due_at, WED, WED)
    with pytest.raises(ValueError, match="not a state of an open dossier"):
        ds.open_filter(DueState.EARLY, Dossier.due_at, WED, WED, Dossier.received_at)


# --------------------------------------------------------------------------- agreement, SQL vs Python

NOWS = [
    datetime(2026, 4, 29, 16, 30),  # threshold over the 30/4–3/5 break
    datetime(2026, 4, 24, 16, 0),  # Friday before Giỗ Tổ's substitute Monday
    datetime(2026, 5, 2, 10, 0),  # a Saturday: outside office hours
    datetime(2026, 2, 13, 11, 45),  # lunch break of the Friday before Tết (16–20/2 off)
    datetime(2026, 3, 10, 17, 0),  # exactly at the end of a day
]


def _mixed_dataset(db, nows: list[datetime]) -> None:  # noqa: ANN001
    """Open and finished dossiers whose due moments sit on every edge the rule has."""
    rng = random.Random(5)
    with db.write() as s:
        cal = calendar_for(s)
        edges: list[datetime] = []
        for now in nows:
            threshold = ds.due_soon_limit(cal, now)
            earliest = cal.add_working_time(now, timedelta(hours=8))
            edges += [now, now - timedelta(minutes=1), now + timedelta(minutes=1), threshold,
                      threshold + timedelta(minutes=1), threshold - timedelta(minutes=1), earliest,
                      earliest + timedelta(hours=14), earliest + timedelta(hours=38), datetime(now.year, 2, 17, 9),
                      datetime(now.year, 5, 1, 10), datetime(now.year, 5, 2, 9)]
        statuses = list(OPEN_STATUSES) + [S.RESULT_READY, S.RETURNED]
        for i in range(240):
            due = edges[i] if i < len(edges) else (
                datetime(2026, 1, 5, 7) + timedelta(minutes=rng.randrange(0, 200 * 24 * 60, 15)))
            # Spans of a few hours to 20 days, and receipts on the edge of a ``now``'s day (midnight).
            span = timedelta(hours=rng.choice([2, 4, 8, 16, 24, 26, 72, 24 * rng.randint(1, 20)]))
            edge = ds.start_of_day(rng.choice(nows)) - timedelta(minutes=rng.choice([0, 1]))
            received = edge if i % 5 == 0 and edge <= due else due - span
            d = make_dossier(s, received_at=received, id_number=f"09608510{i:04d}")
            d.status = rng.choice(statuses).value
            d.due_at = None if rng.random() < 0.05 else due
            if d.status in (S.RESULT_READY, S.RETURNED):
                finished = due + timedelta(minutes=rng.choice([-3000, -600, -60, -1, 0, 1, 60, 600, 3000]))
                d.result_ready_at = finished if rng.random() < 0.9 else None
                d.returned_at = finished if d.status == S.RETURNED else None
                if d.result_ready_at is None and d.returned_at is None:
                    d.returned_at, d.status = finished, S.RETURNED.value


@pytest.fixture(scope="module")
def mixed_db(tmp_path_factory):
    """One database for every agreement test: they only read it."""
    db = Database(tmp_path_factory.mktemp("due_state") / "desk.sqlite")
    db.upgrade()
    catalog.import_file(db, SMALL_CATALOG)
    with db.write() as session:
        org.ensure_demo_setup(session)
    _mixed_dataset(db, NOWS)
    yield db
    db.dispose()


@pytest.mark.parametrize("now", NOWS, ids=[n.strftime("%d/%m %H:%M") for n in NOWS])
def test_sql_due_states_agree_with_due_state(mixed_db, now):
    open_values = [x.value for x in OPEN_STATUSES]
    with mixed_db.read() as s:
        cal = calendar_for(s)
        limit = ds.due_soon_limit(cal, now)
        open_rows = s.execute(
            select(Dossier.id, Dossier.status, Dossier.due_at, Dossier.received_at,
                   ds.unfinished_case(Dossier.due_at, Dossier.received_at, now, limit))
            .where(Dossier.status.in_(open_values))).all()
        finished_rows = s.execute(
            select(Dossier.status, Dossier.due_at, Dossier.received_at, Dossier.result_ready_at, Dossier.returned_at,
                   ds.finished_case(Dossier.due_at, func.coalesce(Dossier.result_ready_at, Dossier.returned_at)))
            .where(Dossier.status.in_([S.RESULT_READY.value, S.RETURNED.value]))).all()
        filtered = {state: set(s.execute(select(Dossier.id).where(
            Dossier.status.in_(open_values), *ds.open_filter(state, Dossier.due_at, now, limit, Dossier.received_at)
        )).scalars())
            for state in ds.FILTERS}
    assert len(open_rows) > 60 and len(finished_rows) > 40
    seen = set()
    for dossier_id, status, due, received, sql_state in open_rows:
        expected = due_state(cal, status, due, None, now, received)
        assert sql_state == expected.value, (status, due, now)
        assert dossier_id in filtered[expected], (status, due, now)  # the search filter's answer
        seen.add(expected)
    for status, due, received, ready, returned, sql_state in finished_rows:
        expected = due_state(cal, status, due, ready or returned, now, received)
        assert sql_state == expected.value, (status, due, ready, returned)
        seen.add(expected)
    assert {DueState.DUE_SOON, DueState.OVERDUE, DueState.PAUSED, DueState.EARLY} <= seen
    assert sum(map(len, filtered.values())) == len(open_rows)  # the filters split the open dossiers


def test_central_counters_agree_with_due_state(mixed_db):
    now = NOWS[0]
    with mixed_db.read() as s:
        cal = calendar_for(s)
        rows = [CounterRow("X", *r) for r in s.execute(
            select(Dossier.status, Dossier.received_at, Dossier.due_at, Dossier.returned_at))]
    counted = count_dossiers(rows, cal, now)["X"]
    states = [due_state(cal, r.status, r.due_at, None, now, r.received_at) for r in rows if r.status in OPEN_STATUSES]
    assert counted.unfinished_overdue == states.count(DueState.OVERDUE) > 0
    assert counted.unfinished_on_time == len(states) - states.count(DueState.OVERDUE) > 0


# --------------------------------------------------------------------------- one copy only

SOURCES = sorted(p for d in ("counter_app", "central") for p in (ROOT / d).rglob("*.py")
                 if "migrations" not in p.parts)
HOME = ROOT / "counter_app" / "domain" / "due_state.py"

# What a second copy of the rule looks like. Each pattern is searched in every source file but the
# due-state module (comments and docstrings included: a copy in prose goes stale just the same).
COPIES = {
    "a DueState enum": re.compile(r"class\s+DueState\b"),
    "a due-state label table": re.compile(  # a state mapped to Vietnamese text
        r"(?:DueState\.\w+|[\"'](?:early|on_time|due_soon|overdue|late|paused)[\"'])"
        r"\s*:\s*[\"'][^\"']*[^\x00-\x7f][^\"']*[\"']"),
    "the due-soon limit": re.compile(r"clock_start\(\s*\w+\.add_working_time\("),
    "one working day of slack": re.compile(r"working_time_between\([^)]*\)\s*[<>]=?"),
    "a due-state CASE": re.compile(r"literal\(\s*DueState\."),
    "early / on time / late": re.compile(r"[\"']late[\"']\s*(?:if|$|\})|:\s*[\"']late[\"']"),
    "a moment compared with a due moment": re.compile(
        r"\b\w*due\w*\s*[<>]=?\s*(?:\w+\.)?(?:now|at|finished\w*|moment)\b"
        r"|\b(?:now|at|finished\w*|moment|datetime\.now\(\))\s*[<>]=?\s*(?:\w+\.)?\w*due\w*\b"),
    "a raw national status number": re.compile(r"\bstatus\s*(?:==|!=|in|not in)\s*\(?\s*(?:[1-9]|10)\b"),
}


def _copies(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        if path == HOME:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for what, pattern in COPIES.items():
                if pattern.search(line):
                    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                    found.append(f"{where}:{n}: {what}: {line.strip()}")
    return found


def test_no_second_copy_of_the_due_state_rule():
    assert len(SOURCES) > 50
    assert not _copies(SOURCES), "use counter_app.domain.due_state instead of:\n" + "\n".join(_copies(SOURCES))


@pytest.mark.parametrize("copy", [
    "        if item.due_at < datetime.now():",
    "    if at > due_at:",
    '    return {DueState.EARLY: "early", DueState.ON_TIME: "on_time", DueState.OVERDUE: "late"}.get(state, "")',
    "    if cal.working_time_between(now, due_at) <= ONE_WORKING_DAY:",
    "    return cal.clock_start(cal.add_working_time(now, ONE_WORKING_DAY))",
    "        (Dossier.due_at < _moment(moment), literal(DueState.OVERDUE.value)),",
    "    if dossier.due_at is None and dossier.status in (2, 4, 5, 6):",
    "class DueState(enum.StrEnum):",
    'HANDOFF_RESULT_LABELS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}',
    '    DueState.DUE_SOON: "Sắp đến hạn (trong 1 ngày làm việc)",',
    "        late = now > old_due",
])
def test_the_copy_finder_finds_the_old_copies(tmp_path, copy):
    scratch = tmp_path / "copy.py"
    scratch.write_text(f"def f():\n{copy}\n", encoding="utf-8")
    assert _copies([scratch])
