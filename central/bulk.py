"""Many rows of one table in one statement, inside the caller's unit of work.

A push writes a few hundred rows per table and batch. Through SQLAlchemy's ``executemany`` every
row costs its own parameter processing in SQLAlchemy and psycopg and its own Bind/Execute in
PostgreSQL (~15 µs of the central's CPU per row and table, the largest part of a push once the
events are validated). On PostgreSQL new rows go in with ``COPY … FROM STDIN`` (psycopg's C row
formatting) and updates by primary key with one ``UPDATE … FROM unnest(<an array per column>)``;
SQLite (tests, single-office set-ups) keeps the plain statements. Same transaction, same constraints and
triggers, same errors (psycopg's are raised as SQLAlchemy's, so a deadlock is still retried by
``CentralDatabase.run_write``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, String, Table, bindparam, insert, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys, column names) in list order: a column left out
    takes its default (a serial id is drawn in row order)."""
    if rows:
        keys = list(rows[0])
        insert_tuples(session, table, keys, [[row[k] for k in keys] for row in rows])


def insert_tuples(session: Session, table: Table, keys: list[str], rows: Sequence[Sequence[Any]]) -> None:
    """``insert_rows`` with each row as the values of ``keys``, in that order (no dict per row)."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        session.execute(insert(table), [dict(zip(keys, row, strict=True)) for row in rows])
        return
    session.flush()  # what the session holds goes first, as before any statement it executes (autoflush)
    statement, types = _copy_statement(connection, table, tuple(keys))
    with _driver_errors(connection, statement) as raw, raw.cursor() as cursor, cursor.copy(statement) as copy:
        if types:
            copy.set_types(types)
        write = copy.write_row
        for row in rows:
            write(row)


_COPIES: dict[tuple[Table, tuple[str, ...]], tuple[str, list[str]]] = {}


def _copy_statement(connection: Connection, table: Table, keys: tuple[str, ...]) -> tuple[str, list[str]]:
    """``COPY`` of ``keys`` and the columns' types: in binary when psycopg knows every type (no text
    escaping of the values on either side: ~3 µs less of the central's CPU and of PostgreSQL's per
    row of a push), else in text (``types`` empty)."""
    known = _COPIES.get((table, keys))
    if known is None:
        from psycopg.postgres import types as registry

        quote = connection.dialect.identifier_preparer.quote
        statement = f"COPY {quote(table.name)} ({', '.join(quote(k) for k in keys)}) FROM STDIN"
        types = [_sql_type(connection, table, k).lower() for k in keys]
        if all(registry.get(t) is not None for t in types):
            known = (statement + " (FORMAT BINARY)", types)
        else:
            known = (statement, [])
        _COPIES[(table, keys)] = known
    return known


def update_rows(session: Session, table: Table, key: str, rows: list[dict[str, Any]]) -> None:
    """Set every other column of ``rows`` (dicts with the same keys) on the row whose ``key``
    column equals the dict's ``key`` entry."""
    if rows:
        update_columns(session, table, key, {k: [row[k] for row in rows] for k in rows[0]})


def update_columns(session: Session, table: Table, key: str, columns: dict[str, list[Any]]) -> None:
    """``update_rows`` given column by column: ``columns[key][i]`` names the row that takes
    ``columns[c][i]`` for every other column ``c``."""
    keys = list(columns)
    count = len(columns[key])
    if not count:
        return
    connection = session.connection()
    others = [k for k in keys if k != key]
    if connection.dialect.name != "postgresql":
        by_key = update(table).where(table.c[key] == bindparam("_key"))  # the other keys become the SET clause
        session.execute(by_key, [{"_key": columns[key][i], **{k: columns[k][i] for k in others}} for i in range(count)])
        return
    session.flush()
    statement = _update_statement(connection, table, key, tuple(keys))
    with _driver_errors(connection, statement) as raw, raw.cursor() as cursor:
        # One array per column, in binary: the text is the same for any number of rows (psycopg
        # prepares it once per connection), nothing is parsed or planned per row, and no array
        # literal is built (a VALUES list of 200 rows cost PostgreSQL more to parse, bind and plan
        # than to apply, and psycopg a Python call per parameter).
        cursor.execute(statement, [columns[k] for k in keys])


_UPDATES: dict[tuple[Table, str, tuple[str, ...]], str] = {}


def _update_statement(connection: Connection, table: Table, key: str, keys: tuple[str, ...]) -> str:
    statement = _UPDATES.get((table, key, keys))
    if statement is None:
        quote = connection.dialect.identifier_preparer.quote
        arrays = ", ".join(f"%b::{_sql_type(connection, table, k)}[]" for k in keys)
        statement = (f"UPDATE {quote(table.name)} AS t "
                     f"SET {', '.join(f'{quote(k)} = v.{quote(k)}' for k in keys if k != key)} "
                     f"FROM unnest({arrays}) AS v ({', '.join(quote(k) for k in keys)}) "
                     f"WHERE t.{quote(key)} = v.{quote(key)}")
        _UPDATES[(table, key, keys)] = statement
    return statement


def postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def fetch(session: Session, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """PostgreSQL only: ``statement`` (psycopg placeholders) run on the driver's connection, in the
    session's transaction, its rows as tuples. For a push's few hot statements: SQLAlchemy's
    execution around each (compiled-statement cache, result rows, parameter processing) cost more
    than the statement itself."""
    connection = session.connection()
    with _driver_errors(connection, statement) as raw, raw.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description is not None else []


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
