"""Many rows of one table in one statement, inside the caller's unit of work.

A push writes a few hundred rows per table and batch. Through SQLAlchemy's ``executemany`` every
row costs its own parameter processing in SQLAlchemy and psycopg and its own Bind/Execute in
PostgreSQL (~15 µs of the central's CPU per row and table, the largest part of a push once the
events are validated). On PostgreSQL new rows go in with ``COPY … FROM STDIN`` (psycopg's C row
formatting) and updates by primary key with one ``UPDATE … FROM (VALUES …)``; SQLite (tests,
single-office set-ups) keeps the plain statements. Same transaction, same constraints and
triggers, same errors (psycopg's are raised as SQLAlchemy's, so a deadlock is still retried by
``CentralDatabase.run_write``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import ColumnElement, Connection, String, Table, any_, bindparam, insert, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

MAX_PARAMETERS = 65_535


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys, column names) in list order: a column left out
    takes its default (a serial id is drawn in row order)."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        session.execute(insert(table), rows)
        return
    session.flush()  # what the session holds goes first, as before any statement it executes (autoflush)
    keys = list(rows[0])
    quote = connection.dialect.identifier_preparer.quote
    statement = f"COPY {quote(table.name)} ({', '.join(quote(k) for k in keys)}) FROM STDIN"
    with _driver_errors(connection, statement) as raw, raw.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([row[k] for k in keys])


def update_rows(session: Session, table: Table, key: str, rows: list[dict[str, Any]]) -> None:
    """Set every other column of ``rows`` (dicts with the same keys) on the row whose ``key``
    column equals the dict's ``key`` entry."""
    if not rows:
        return
    connection = session.connection()
    keys = list(rows[0])
    others = [k for k in keys if k != key]
    if connection.dialect.name != "postgresql":
        by_key = update(table).where(table.c[key] == bindparam("_key"))  # the other keys become the SET clause
        session.execute(by_key, [{"_key": row[key], **{k: row[k] for k in others}} for row in rows])
        return
    session.flush()
    quote = connection.dialect.identifier_preparer.quote
    casts = [_sql_type(connection, table, k) for k in keys]
    one = "(" + ", ".join(f"%s::{t}" for t in casts) + ")"
    per_statement = max(1, MAX_PARAMETERS // len(keys))  # PostgreSQL's protocol counts parameters in 16 bits
    for start in range(0, len(rows), per_statement):
        part = rows[start:start + per_statement]
        statement = (f"UPDATE {quote(table.name)} AS t SET {', '.join(f'{quote(k)} = v.{quote(k)}' for k in others)} "
                     f"FROM (VALUES {', '.join([one] * len(part))}) AS v ({', '.join(quote(k) for k in keys)}) "
                     f"WHERE t.{quote(key)} = v.{quote(key)}")
        params = [row[k] for row in part for k in keys]
        with _driver_errors(connection, statement) as raw, raw.cursor() as cursor:
            # Not prepared: its text changes with the number of rows, and psycopg would keep a plan of
            # every size in each pooled connection.
            cursor.execute(statement, params, prepare=False)


def one_of(session: Session, column: ColumnElement[Any], values: list[Any]) -> ColumnElement[bool]:
    """``column IN values``: on PostgreSQL ``column = ANY(:array)``, one parameter instead of a
    placeholder rendered and bound per value (a push asks for a few hundred codes and UUIDs)."""
    if session.get_bind().dialect.name != "postgresql":
        return column.in_(values)
    return column == any_(bindparam(None, values, type_=postgresql.ARRAY(column.type)))


def _sql_type(connection: Connection, table: Table, name: str) -> str:
    column_type = table.c[name].type
    if isinstance(column_type, String):
        return "text"  # never varchar(n): a cast would cut an over-long value where the column refuses it
    return column_type.compile(dialect=connection.dialect)


@contextmanager
def _driver_errors(connection: Connection, statement: str) -> Iterator[Any]:
    """The psycopg connection under ``connection``; its errors raised as SQLAlchemy's (an
    OperationalError for a deadlock, an IntegrityError for a duplicate key)."""
    import psycopg

    raw = connection.connection.driver_connection
    try:
        yield raw
    except psycopg.Error as exc:
        raise DBAPIError.instance(statement, None, exc, psycopg.Error, dialect=connection.dialect) from exc
