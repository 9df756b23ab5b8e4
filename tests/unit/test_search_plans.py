"""Desk search on big files (issue #20): a name with filters is driven by the cheaper side, both plans
give exactly the hits a brute-force reading of every dossier gives, pages follow each other, the
plans stay in the indexes, and a superseded search can be interrupted."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import joinedload

from counter_app.domain import lifecycle
from counter_app.domain.due_state import FILTERS, DueState, due_state
from counter_app.domain.text import fold
from counter_app.models import Dossier, DossierStatus, local_now
from counter_app.models.db import Database
from counter_app.services import demo, search
from counter_app.services.office_calendar import calendar_for
from counter_app.services.search import SearchQuery

S = DossierStatus


@pytest.fixture(scope="module")
def office(db_template: Path, tmp_path_factory: pytest.TempPathFactory):
    """A small office with the demo generator's real family-name shares over ~400 working days, and
    every dossier as plain values (the reference the searches are checked against)."""
    path = tmp_path_factory.mktemp("search-office") / "desk.sqlite"
    shutil.copyfile(db_template, path)
    db = Database(path)
    demo.generate(db, 1500, days=300, seed=20)
    now = local_now()
    with db.read() as s:
        cal = calendar_for(s)
        every = [(d.id, d.code, d.applicant.name_folded, d.status, d.received_at,
                  due_state(cal, d.status, d.due_at, d.result_ready_at or d.returned_at, now, d.received_at))
                 for d in s.execute(select(Dossier).options(joinedload(Dossier.applicant))).scalars()]
    yield db, now, every
    db.dispose()


def expected(every: list, now: datetime, query: SearchQuery) -> list[str]:
    """What the search must find, read off every dossier in Python (the due state by the one rule)."""
    name = fold(query.text)
    hits = [row for row in every
            if row[2].startswith(name)
            and (query.status is None or row[3] == query.status)
            and (query.due_state is None or (S(row[3]) in lifecycle.OPEN_STATUSES and row[5] == query.due_state))
            and (query.received_from is None or row[4].date() >= query.received_from)
            and (query.received_to is None or row[4].date() <= query.received_to)]
    hits.sort(key=lambda row: (row[2], -row[4].timestamp(), -row[0]))
    return [row[1] for row in hits]


def _filters(now: datetime) -> list[dict]:
    today = now.date()
    dates: list[tuple[date | None, date | None]] = [
        (None, None), (today - timedelta(days=30), today), (date(2000, 1, 1), today - timedelta(days=90))]
    combos: list[dict] = [{"status": S.PROCESSING, "due_state": DueState.OVERDUE},
                          {"received_from": today - timedelta(days=200), "received_to": today - timedelta(days=200)}]
    for received_from, received_to in dates:
        for status in [None, S.RECEIVED, S.PROCESSING, S.WITHDRAWN, S.RESULT_READY, S.RETURNED]:
            combos.append({"status": status, "received_from": received_from, "received_to": received_to})
        for state in FILTERS:
            combos.append({"due_state": state, "received_from": received_from, "received_to": received_to})
    return combos


def _ids(db: Database, query: SearchQuery, now: datetime, drive: str | None) -> list[int]:
    with db.read() as s:
        cal = calendar_for(s)
        return list(s.execute(search.statement(query, cal, now, drive=drive or search.choose_drive(s, query, cal, now)
                                               )).scalars())


@pytest.mark.parametrize("name", ["nguyen", "nguyen van", "tran", "le"])
def test_both_plans_find_exactly_what_reading_every_dossier_finds(office, name):
    db, now, every = office
    code_of = {row[0]: row[1] for row in every}
    checked = 0
    for filters in _filters(now):
        query = SearchQuery(text=name, limit=search.MAX_LIMIT, **filters)
        want = expected(every, now, query)
        for drive in ("name", "dossiers", None):  # forced either way, and as the service chooses
            assert [code_of[i] for i in _ids(db, query, now, drive)] == want, (filters, drive)
        checked += bool(want)
    assert checked >= 8  # most combinations find something: the comparison is not of empty lists
    # the service itself: the same hits as summaries, in the same order
    query = SearchQuery(text=name, received_from=now.date() - timedelta(days=30), limit=search.MAX_LIMIT)
    assert [r.code for r in search.search(db, query, now=now).rows] == expected(every, now, query)


def test_pages_follow_each_other_to_the_last(office):
    db, now, every = office
    for filters in ({}, {"status": S.RETURNED}, {"received_from": now.date() - timedelta(days=60)}):
        whole = expected(every, now, SearchQuery(text="nguyen", **filters))
        assert len(whole) > 40, filters
        seen: list[str] = []
        while True:
            result = search.search(db, SearchQuery(text="nguyen", limit=17, offset=len(seen), **filters), now=now)
            seen += [r.code for r in result.rows]
            if not result.more:
                break
        assert seen == whole, filters


def test_the_cheaper_side_drives_a_name_with_filters(office, monkeypatch):
    """Probes capped at √(page × applicants) (~130 here with pages of 10): a common status or a long
    date range → the name walks (it fills the page at once); a day's receipts → they drive (a few
    dossiers, a name shared by a third of the applicants); a rare name → it drives."""
    db, now, every = office
    monkeypatch.setattr(search, "PROBE_MIN", 1)
    day = max(row[4] for row in every if row[4].date() < now.date() - timedelta(days=7)).date()

    def drive(**kwargs) -> str | None:  # noqa: ANN003
        with db.read() as s:
            return search.choose_drive(s, SearchQuery(limit=10, **kwargs), calendar_for(s), now)

    assert drive(text="nguyen", status=S.RETURNED) == "name"
    assert drive(text="nguyen", received_from=date(2000, 1, 1)) == "name"
    assert drive(text="nguyen", received_from=day, received_to=day) == "dossiers"
    assert drive(text="nguyen", due_state=DueState.OVERDUE) == "dossiers"
    rare = min({row[2] for row in every}, key=lambda n: sum(r[2] == n for r in every))
    assert drive(text=rare, status=S.RETURNED) == "name"
    assert drive(text="nguyen") is None and drive(text="096185001234", status=S.RETURNED) is None


def _plan(db: Database, query: SearchQuery, drive: str | None) -> list[str]:
    with db.read() as s:
        stmt = search.statement(query, calendar_for(s), local_now(), drive=drive)
        sql = str(stmt.compile(dialect=s.get_bind().dialect, compile_kwargs={"literal_binds": True}))
        return [row[-1] for row in s.execute(text("EXPLAIN QUERY PLAN " + sql))]


@pytest.mark.parametrize(("query", "drive", "first", "then"), [
    # the name walks; each applicant's dossiers are checked in the index, no dossier row is read
    (SearchQuery(text="nguyen", status=S.WITHDRAWN), "name",
     "SEARCH applicants USING COVERING INDEX ix_applicants_name_folded",
     "SEARCH dossiers USING COVERING INDEX ix_dossiers_applicant_status (applicant_id=?)"),
    (SearchQuery(text="nguyen", received_from=date(2026, 1, 1), received_to=date(2026, 1, 31)), "name",
     "SEARCH applicants USING COVERING INDEX ix_applicants_name_folded",
     "SEARCH dossiers USING COVERING INDEX ix_dossiers_applicant_status (applicant_id=?)"),
    (SearchQuery(text="nguyen", due_state=DueState.OVERDUE), "name",
     "SEARCH applicants USING COVERING INDEX ix_applicants_name_folded",
     "SEARCH dossiers USING COVERING INDEX ix_dossiers_applicant_status (applicant_id=?)"),
    # the status drives; the applicant id comes from the same index, the name from the applicant's key
    (SearchQuery(text="nguyen", status=S.WITHDRAWN), "dossiers",
     "SEARCH dossiers USING COVERING INDEX ix_dossiers_status_received_applicant (status=?)",
     "SEARCH applicants USING INTEGER PRIMARY KEY (rowid=?)"),
    (SearchQuery(text="nguyen", status=S.WITHDRAWN, received_from=date(2026, 1, 1)), "dossiers",
     "SEARCH dossiers USING COVERING INDEX ix_dossiers_status_received_applicant (status=? AND received_at>?)",
     "SEARCH applicants USING INTEGER PRIMARY KEY (rowid=?)"),
    (SearchQuery(text="nguyen", received_from=date(2026, 1, 1), received_to=date(2026, 1, 1)), "dossiers",
     "SEARCH dossiers USING INDEX ix_dossiers_received_at (received_at>? AND received_at<?)",
     "SEARCH applicants USING INTEGER PRIMARY KEY (rowid=?)"),
    (SearchQuery(text="nguyen", due_state=DueState.OVERDUE), "dossiers",
     "SEARCH dossiers USING INDEX ix_dossiers_status_due (status=? AND due_at<?)",
     "SEARCH applicants USING INTEGER PRIMARY KEY (rowid=?)"),
], ids=["name+status", "name+dates", "name+due", "status+name", "status+date+name", "day+name", "due+name"])
def test_a_name_with_filters_never_scans_the_dossiers(db, query, drive, first, then):
    plan = _plan(db, query, drive)
    tables = [line for line in plan if line.startswith(("SCAN", "SEARCH"))]
    assert tables[0].startswith(first) and tables[1].startswith(then), plan
    assert not any(line.startswith("SCAN") for line in plan), plan


def test_a_superseded_search_is_interrupted(office, monkeypatch):
    db, now, _every = office
    monkeypatch.setattr(search, "CANCEL_CHECK_STEPS", 1)  # look at once (a small file finishes in fewer steps)
    query = SearchQuery(text="nguyen", status=S.RETURNED)
    with pytest.raises(search.SearchCancelled):
        search.search(db, query, now=now, cancelled=lambda: True)
    kept = search.search(db, query, now=now, cancelled=lambda: False)
    assert kept.rows and [r.code for r in search.search(db, query, now=now).rows] == [r.code for r in kept.rows]
