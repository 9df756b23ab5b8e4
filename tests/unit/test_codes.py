"""Mã hồ sơ allocation: format, desk blocks, exhaustion, and no duplicates across processes."""

from __future__ import annotations

import multiprocessing
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from counter_app.domain import codes
from counter_app.models import CodeSequence, Desk, Dossier
from counter_app.services import code_allocation
from counter_app.services.errors import CodeBlockExhaustedError
from tests.helpers import make_dossier


def test_format_and_parse_round_trip():
    code = codes.format_code("000.00.01.H12", date(2026, 11, 25), 1, 1)
    assert code == "000.00.01.H12-261125-1001"
    parsed = codes.parse_code("  000.00.01.h12-261125-1001\n")
    assert parsed == codes.ParsedCode("000.00.01.H12", date(2026, 11, 25), 1, 1, False)
    notice = codes.format_code("000.00.01.H12", date(2026, 11, 25), 2, 17, notice=True)
    assert notice == "000.00.01.H12-261125-BS2017"
    assert codes.parse_code(notice).is_notice


@pytest.mark.parametrize("text", ["", "abc", "000.00.01.H12-261125-0999", "000.00.01.H12-261332-1001",
                                  "000.00.01.H12-261125-1000", "000.00.01.H12-261125-10011"])
def test_parse_rejects_what_is_not_a_code(text):
    assert codes.parse_code(text) is None


def test_codes_follow_the_desk_block_and_restart_each_day(db):
    with db.write() as s:
        desk1 = s.get(Desk, 1)
        desk2 = Desk(unit_id=desk1.unit_id, number=2)
        s.add(desk2)
        s.flush()
        day, next_day = date(2026, 11, 25), date(2026, 11, 26)
        got = [code_allocation.allocate(s, desk=desk1, agency_code="000.00.01.H12", day=day) for _ in range(3)]
        got.append(code_allocation.allocate(s, desk=desk2, agency_code="000.00.01.H12", day=day))
        got.append(code_allocation.allocate(s, desk=desk1, agency_code="000.00.01.H12", day=next_day))
    assert [g[-11:] for g in got] == ["261125-1001", "261125-1002", "261125-1003", "261125-2001", "261126-1001"]


def test_exhausted_block_is_a_clear_error_and_consumes_nothing(db):
    day = date(2026, 11, 25)
    with db.write() as s:
        s.add(CodeSequence(desk_id=1, day=day, kind=codes.DOSSIER, last_value=998))
    with db.write() as s:
        assert code_allocation.allocate(s, desk=s.get(Desk, 1), agency_code="000.00.01.H12", day=day).endswith("-1999")
    with pytest.raises(CodeBlockExhaustedError) as err, db.write() as s:
        code_allocation.allocate(s, desk=s.get(Desk, 1), agency_code="000.00.01.H12", day=day)
    assert "đã dùng hết 999 mã" in err.value.message
    with db.read() as s:
        assert s.get(CodeSequence, (1, day, codes.DOSSIER)).last_value == 999


def test_rolled_back_reception_consumes_no_code(db):
    when = datetime(2026, 11, 25, 9, 0)
    with pytest.raises(RuntimeError), db.write() as s:
        make_dossier(s, received_at=when)
        raise RuntimeError("printer on fire")
    with db.write() as s:
        assert make_dossier(s, received_at=when).code.endswith("-1001")


def _allocate_many(db_path: str, count: int, out) -> None:  # noqa: ANN001 - runs in a child process
    from counter_app.models.db import Database

    db = Database(db_path)
    made = []
    for _ in range(count):
        with db.write() as s:
            made.append(make_dossier(s, received_at=datetime(2026, 11, 25, 9, 0)).code)
    out.put(made)


def test_four_processes_writing_one_file_never_duplicate(db, db_path):
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_allocate_many, args=(str(db_path), 40, out)) for _ in range(4)]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    every = [c for r in results for c in r]
    assert len(every) == 160 and len(set(every)) == 160
    assert sorted(int(c[-4:]) for c in every) == list(range(1001, 1161))
    with db.read() as s:
        assert s.execute(select(func.count()).select_from(Dossier)).scalar_one() == 160
