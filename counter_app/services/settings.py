"""Key/value settings stored as JSON in the desk database."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from counter_app.models import Setting

# Read on every scan (the calendar revision): one prepared statement, no ORM object.
_VALUE_OF = select(Setting.value).where(Setting.key == bindparam("key"))


def get(session: Session, key: str, default: Any = None) -> Any:
    value = session.execute(_VALUE_OF, {"key": key}).scalar()
    return default if value is None else json.loads(value)


def put(session: Session, key: str, value: Any) -> None:
    row = session.get(Setting, key)
    encoded = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value=encoded))
    else:
        row.value = encoded
    session.flush()


def bump(session: Session, key: str) -> int:
    """Increment a counter setting (e.g. the catalog revision caches key on)."""
    value = int(get(session, key, 0)) + 1
    put(session, key, value)
    return value
