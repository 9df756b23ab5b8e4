"""The desk ↔ central sync protocol: paths, limits, change kinds and error codes.

Plain Python on purpose: the desk does not depend on pydantic/FastAPI, the central imports these
names so both sides agree on one definition. The wire format is described in docs/sync.md.
"""

from __future__ import annotations

from datetime import datetime
from typing import overload

from counter_app.domain import lifecycle

API_PREFIX = "/api/v1"
PUSH_PATH = f"{API_PREFIX}/sync/push"
CHANGES_PATH = f"{API_PREFIX}/sync/changes"
WHOAMI_PATH = f"{API_PREFIX}/sync/whoami"
COUNTERS_PATH = f"{API_PREFIX}/counters"
BACKOFFICE_PATH = f"{API_PREFIX}/backoffice/dossiers"
LOOKUP_PATH = "/tra-cuu"
# Digitised papers (issue #13): GET {FILES_PATH}/<sha256>/status, PUT {FILES_PATH}/<sha256>?offset=&size=
# (desks, chunks of FILE_CHUNK_BYTES), GET {FILES_PATH}/<sha256> (back office: the file).
FILES_PATH = f"{API_PREFIX}/files"
FILE_CHUNK_BYTES = 1024 * 1024
ERR_FILE_OFFSET = "file_offset"
HEALTH_PATH = "/healthz"
AUDIT_ANCHOR_PATH = f"{API_PREFIX}/audit/anchor"
AUDIT_ANCHORS_PATH = f"{API_PREFIX}/audit/anchors"

# One push request: at most this many events and this many bytes of JSON (413 beyond either).
MAX_BATCH_EVENTS = 1000
MAX_BODY_BYTES = 4 * 1024 * 1024
# Changes feed page size bounds.
DEFAULT_CHANGES_LIMIT = 500
MAX_CHANGES_LIMIT = 2000

# Kinds of entries in the changes feed.
CHANGE_PROCEDURE = "catalog.procedure"  # payload: the national CSDL procedure record, verbatim
CHANGE_CALENDAR = "calendar.override"  # payload: {day, is_working, note} or {day, removed: true}
CHANGE_DOSSIER_STATUS = "dossier.status"  # payload: see docs/sync.md
# An online dossier of the unit, waiting or decided (central/online.py: entry_payload; issue #15).
CHANGE_ONLINE_DOSSIER = "online.dossier"
ONLINE_FILES_PATH = f"{API_PREFIX}/online/files"  # /{id}: a file uploaded with an online dossier

# Outbox event kinds. Only status changes (details.from/to) move the central's status; every other
# event carrying a dossier record refreshes the desk-owned fields (applicant, dates, deadline).
EVENT_STATUS_CHANGED = "dossier.status_changed"  # written by changes.change_status
EVENT_RESULT_CORRECTED = lifecycle.RESULT_CORRECTED  # a supervisor's đính chính (services/returns.py)
EVENT_DEADLINE_CHANGED = "dossier.deadline_changed"  # the desk recomputed the due moment after a pull
# A correction of a dossier (or of an intake that never became one) after the central quarantined
# one of its events: the full corrected record; accepted, it resolves that entity's quarantine.
EVENT_DOSSIER_CORRECTED = "dossier.corrected"
EVENT_INTAKE_CORRECTED = "intake.corrected"
CORRECTION_EVENTS = frozenset({EVENT_DOSSIER_CORRECTED, EVENT_INTAKE_CORRECTED})
QUARANTINE_PATH = f"{API_PREFIX}/quarantine"
MARKS_PATH = f"{API_PREFIX}/sync/marks"  # a desk's high-water marks (restored / copied desk files)
INSTALLATION_HEADER = "X-Installation"  # which PC's copy of the desk software is calling

# Machine-readable error codes in {"error": code, "message": "<Vietnamese sentence>"} bodies.
ERR_MISSING_TOKEN = "missing_token"
ERR_INVALID_TOKEN = "invalid_token"
ERR_TOKEN_REVOKED = "token_revoked"
ERR_FORBIDDEN = "forbidden"
ERR_MALFORMED = "malformed"
ERR_TOO_LARGE = "too_large"
ERR_SEQUENCE_CONFLICT = "sequence_conflict"
ERR_NOT_FOUND = "not_found"
ERR_ILLEGAL_TRANSITION = "illegal_transition"
ERR_SUPPLEMENT_ONCE = "supplement_once"
ERR_DESK_ELSEWHERE = "desk_elsewhere"  # the desk file is in use on another PC right now

MOMENT_FORMAT = "%Y-%m-%d %H:%M:%S"  # office-local wall-clock time, no zone (as in the desk DB)


@overload
def format_moment(value: datetime) -> str: ...
@overload
def format_moment(value: None) -> None: ...
def format_moment(value: datetime | None) -> str | None:
    if not value:
        return None
    if value.__class__ is datetime and value.tzinfo is None and value.year >= 1000:
        return value.isoformat(" ", "seconds")  # the same text as strftime(MOMENT_FORMAT), ~3x cheaper
    return value.strftime(MOMENT_FORMAT)


def parse_moment(text: str | None) -> datetime | None:
    if not text:
        return None
    if len(text) == 19 and text.isascii() and text[4] == "-" and text[7] == "-" and text[10] == " " and text[13] == ":" \
            and text[16] == ":" and text.replace("-", "").replace(" ", "").replace(":", "").isdigit():
        return datetime.fromisoformat(text)  # the wire's one shape, ~20x cheaper than strptime
    return datetime.strptime(text, MOMENT_FORMAT)


def parse_record_moment(text: str | None) -> datetime | None:
    """The dossier record's yyyyMMddHHmmss (national portal format)."""
    if not text:
        return None
    if len(text) == 14 and text.isascii() and text.isdigit():  # ~25x cheaper than strptime (every event has 3)
        return datetime.fromisoformat(f"{text[:8]}T{text[8:]}")  # ISO 8601 basic format, the same range checks
    return datetime.strptime(text, "%Y%m%d%H%M%S")
