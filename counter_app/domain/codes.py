"""Mã hồ sơ allocation (Circular 01/2018 Art. 19): ``<agency code>-<YYMMDD>-<XXXX>``.

Offline-safe scheme from DESIGN.md: XXXX = desk number × 1000 + the desk's own daily sequence,
so desk 1 hands out 1001–1999 and desk 2 2001–2999 without ever talking to each other. The
sequence row is bumped inside the caller's write transaction (``BEGIN IMMEDIATE``), the same one
that stores the dossier: a rolled-back reception consumes no code, and two processes on the same
file cannot get the same number. Supplement notices get codes of their own, visibly different
(``…-BS1001``), so a scanner never confuses the two.

This module is the pure part (format, parse, blocks); the allocation that bumps the sequence row
is :func:`counter_app.services.code_allocation.allocate`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

BLOCK_SIZE = 1000
DOSSIER = "dossier"
NOTICE = "notice"
NOTICE_PREFIX = "BS"  # "bổ sung"

_CODE_RE = re.compile(
    r"^(?P<agency>[0-9A-Z][0-9A-Z.]*[0-9A-Z])-(?P<day>\d{6})-(?P<prefix>BS)?(?P<seq>[1-9]\d{3})$"
)


# A dossier code minted outside the desks and kept (issue #15): the national portal's for an online
# dossier, an older system's for a backlog import. One spelling: upper case, no spaces.
FOREIGN_CODE_RE = re.compile(r"^[0-9A-Z][0-9A-Z._/-]{2,63}$")


def is_foreign_code(text: str) -> bool:
    return bool(FOREIGN_CODE_RE.match(text))


@dataclass(frozen=True)
class ParsedCode:
    agency_code: str
    day: date
    desk_number: int
    sequence: int  # the desk's own daily sequence, 1–999
    is_notice: bool


def format_code(agency_code: str, day: date, desk_number: int, sequence: int, *, notice: bool = False) -> str:
    return f"{agency_code}-{day:%y%m%d}-{NOTICE_PREFIX if notice else ''}{desk_number * BLOCK_SIZE + sequence:04d}"


def normalise_scan(text: str) -> str:
    """What a scanner or a hurried officer typed → canonical code text (trimmed, upper case)."""
    return "".join(text.split()).upper()


def parse_code(text: str) -> ParsedCode | None:
    return parse_canonical(normalise_scan(text))


def parse_canonical(text: str) -> ParsedCode | None:
    """``parse_code`` of a text taken as it is, not normalised first: None unless it is a code in its
    one canonical spelling (what a desk sends; the central refuses every other spelling)."""
    m = _CODE_RE.fullmatch(text)
    if not m:
        return None
    try:
        day = date(2000 + int(m["day"][:2]), int(m["day"][2:4]), int(m["day"][4:]))
    except ValueError:
        return None
    number = int(m["seq"])
    desk_number, sequence = divmod(number, BLOCK_SIZE)
    if sequence == 0:
        return None
    return ParsedCode(m["agency"], day, desk_number, sequence, bool(m["prefix"]))

