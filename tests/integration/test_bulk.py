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
