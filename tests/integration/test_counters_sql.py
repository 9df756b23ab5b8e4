"""Province counters in SQL give exactly the shared definition's numbers (count_dossiers), also with
a due date in 9999 — which no longer costs a calendar walk to that year (issue #11)."""

from __future__ import annotations

import random
import time
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert

from central import stats
from central.db import CentralDatabase
from central.models import Dossier
from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.counters import CounterRow, count_dossiers


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def test_sql_counters_equal_the_shared_definition(tmp_path, request, backend):
    url = (request.getfixturevalue("postgres").create_database() if backend == "postgresql"
           else f"sqlite:///{tmp_path / 'central.sqlite'}")
    db = CentralDatabase(url)
    db.upgrade()
    rng = random.Random(11)
    now = datetime(2026, 11, 25, 10, 0)
    rows = []
    for i in range(600):
        received = now - timedelta(days=rng.randrange(0, 90), hours=rng.randrange(0, 9))
        status = rng.choice([2, 2, 4, 5, 6, 9, 10, 3, 7, 8])
        due = None if status == 5 else received + timedelta(days=rng.randrange(1, 40))
        if i == 7:
            status, due = 4, datetime(9999, 12, 31, 17, 0)  # the far-future due date of the report
        returned = received + timedelta(days=rng.randrange(1, 30)) if status == 10 else None
        rows.append({"code": f"000.00.{i % 3:02d}.H12-261125-{1001 + i}", "unit_code": f"000.00.{i % 3:02d}.H12",
                     "desk_number": 1, "received_at": received, "due_at": due, "status": status,
                     "status_changed_at": received, "returned_at": returned, "first_seen_at": received,
                     "updated_at": received})
    rows.append({**rows[0], "code": "000.00.00.H12-261125-1999", "due_at": now, "status": 2})  # due exactly now
    with db.write() as s:
        s.execute(insert(Dossier), rows)
    expected = count_dossiers((CounterRow(r["unit_code"], r["status"], r["received_at"], r["due_at"], r["returned_at"])
                               for r in sorted(rows, key=lambda r: r["unit_code"])), WorkingCalendar(), now,
                              start=date(2026, 10, 1), end=date(2026, 11, 20))
    with db.read() as s:
        started = time.perf_counter()
        got = stats.count_units(s, start=date(2026, 10, 1), end=date(2026, 11, 20), unit_code=None, now=now)
        elapsed = time.perf_counter() - started
        assert got == expected and list(got) == sorted(got)
        assert stats.count_units(s, start=None, end=None, unit_code="000.00.01.H12", now=now).keys() == \
            {"000.00.01.H12"}
        assert stats.counters(s, now=now)["total"]["unfinished"] == sum(c.unfinished for c in expected.values())
    assert elapsed < 2  # was a calendar walk to the year 9999 (13–19 s)
    db.dispose()
