"""central/bulk.py on a real PostgreSQL: many rows in one unit of work, as a push writes them."""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, func, select
from sqlalchemy.orm import Session

from central import bulk
from central.db import resolve_url

ROWS = 30_000  # × 3 columns: more parameters than one PostgreSQL statement may carry (65,535)


def test_an_update_of_more_rows_than_one_statement_may_carry(postgres):
    url = postgres.create_database("bulk")
    engine = create_engine(resolve_url(url))
    table = Table("items", MetaData(), Column("id", Integer, primary_key=True), Column("name", String(20)),
                  Column("count", Integer))
    table.metadata.create_all(engine)
    try:
        with Session(engine) as session, session.begin():
            bulk.insert_rows(session, table, [{"id": i, "name": f"n{i}", "count": 0} for i in range(ROWS)])
            bulk.update_rows(session, table, "id", [{"id": i, "name": f"m{i}", "count": i} for i in range(ROWS)])
        with Session(engine) as session:
            assert session.execute(select(func.count()).where(table.c.count == table.c.id)).scalar_one() == ROWS
            assert session.execute(select(table.c.name).where(table.c.id == ROWS - 1)).scalar_one() == f"m{ROWS - 1}"
    finally:
        engine.dispose()


def test_updates_by_column_arrays_keep_every_value_and_raise_sqlalchemy_errors(postgres):
    """NULLs, whole-NULL columns, quotes, backslashes and braces (array-literal syntax) arrive as
    they were, through binary arrays and binary COPY; a value over a column's length is refused as
    on any statement, as SQLAlchemy's error."""
    from datetime import datetime

    import pytest
    from sqlalchemy import Boolean, DateTime
    from sqlalchemy.exc import DataError

    url = postgres.create_database("bulk")
    engine = create_engine(resolve_url(url))
    table = Table("things", MetaData(), Column("id", Integer, primary_key=True), Column("name", String(8)),
                  Column("at", DateTime), Column("done", Boolean), Column("note", String(200)))
    table.metadata.create_all(engine)
    moment = datetime(2026, 12, 2, 3, 4, 5)
    try:
        with Session(engine) as session, session.begin():
            bulk.insert_tuples(session, table, ["id", "name", "at", "done", "note"],
                               [(1, "a", None, False, ""), (2, "b", moment, True, "x")])
            bulk.update_columns(session, table, "id", {"id": [2, 1], "at": [None, moment], "done": [None, True],
                                                       "note": ['"{a,b}"\\ Nguyễn', None]})
            bulk.update_columns(session, table, "id", {"id": [1], "name": [None]})
        with Session(engine) as session:
            rows = session.execute(select(table).order_by(table.c.id)).all()
        assert [tuple(r) for r in rows] == [(1, None, moment, True, None), (2, "b", None, None, '"{a,b}"\\ Nguyễn')]
        with pytest.raises(DataError, match="too long"), Session(engine) as session, session.begin():
            bulk.update_columns(session, table, "id", {"id": [1], "name": ["123456789"]})
        with pytest.raises(DataError, match="too long"), Session(engine) as session, session.begin():
            bulk.insert_tuples(session, table, ["id", "name"], [(3, "123456789")])  # COPY, in binary
    finally:
        engine.dispose()
