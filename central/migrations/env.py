"""Alembic environment of the central database (separate from the desk's migrations)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from central.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    engine = config.attributes.get("engine")
    if engine is None:  # `alembic revision --autogenerate` from a developer shell
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///:memory:")
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()
