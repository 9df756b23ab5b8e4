"""Bearer tokens: issued by admin commands, shown once, stored as SHA-256."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter_app.sync import protocol as p

from . import bulk
from .errors import Forbidden, Unauthorized
from .models import Credential, now_local

DESK = "desk"
BACKOFFICE = "backoffice"


def new_token() -> str:
    return secrets.token_urlsafe(32)  # 256 random bits


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Principal:
    """Who is calling, copied out of the credential row (no session needed afterwards)."""

    credential_id: int
    kind: str
    unit_code: str | None
    desk_number: int | None
    name: str
    agency: str


# The token's credential by one statement on a bare psycopg connection (central/poller.py).
CREDENTIAL_PSYCOPG = ("SELECT id, kind, unit_code, desk_number, name, agency, revoked_at IS NOT NULL "
                      "FROM credentials WHERE token_hash = %(token_hash)s")


@dataclass(frozen=True)
class Found:
    """A token's credential as ``CREDENTIAL_PSYCOPG`` reads it: who, and whether revoked."""

    principal: Principal
    revoked: bool

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Found:
        return cls(Principal(*row[:6]), bool(row[6]))


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer …`` header, '' when there is none."""
    if not authorization or not authorization.lower().startswith("bearer "):
        return ""
    return authorization[7:].strip()


def authenticate(session: Session, authorization: str | None) -> Principal:
    if not authorization or not authorization.lower().startswith("bearer ") or not authorization[7:].strip():
        raise Unauthorized("Thiếu mã truy cập (Authorization: Bearer …).", p.ERR_MISSING_TOKEN)
    cred = session.execute(
        select(Credential).where(Credential.token_hash == hash_token(authorization[7:].strip()))
    ).scalar_one_or_none()
    if cred is None:
        raise Unauthorized("Mã truy cập không đúng.", p.ERR_INVALID_TOKEN)
    if cred.revoked_at is not None:
        raise Unauthorized(f"Mã truy cập đã bị thu hồi lúc {cred.revoked_at:%H:%M ngày %d/%m/%Y}.",
                           p.ERR_TOKEN_REVOKED)
    return Principal(cred.id, cred.kind, cred.unit_code, cred.desk_number, cred.name, cred.agency)


def require(principal: Principal, kind: str) -> Principal:
    if principal.kind != kind:
        what = "quầy tiếp nhận" if kind == DESK else "cán bộ xử lý (bộ phận chuyên môn)"
        raise Forbidden(f"Chức năng này chỉ dành cho mã truy cập của {what}.")
    return principal


def touch(session: Session, principal: Principal, *, skew_seconds: int | None = None) -> None:
    """When the credential was last used (and its desk's clock skew): after every push."""
    now = now_local()
    if session.get_bind().dialect.name == "postgresql":  # psycopg directly: SQLAlchemy cost more than the UPDATE
        if skew_seconds is None:
            bulk.fetch(session, _TOUCH_PSYCOPG, (now, principal.credential_id))
        else:
            bulk.fetch(session, _TOUCH_SKEW_PSYCOPG, (now, skew_seconds, principal.credential_id))
        return
    values: dict[str, Any] = {"last_seen_at": now}
    if skew_seconds is not None:
        values["clock_skew_seconds"] = skew_seconds
    session.execute(update(Credential).where(Credential.id == principal.credential_id).values(**values))


_TOUCH_PSYCOPG = "UPDATE credentials SET last_seen_at = %s WHERE id = %s"
_TOUCH_SKEW_PSYCOPG = "UPDATE credentials SET last_seen_at = %s, clock_skew_seconds = %s WHERE id = %s"
