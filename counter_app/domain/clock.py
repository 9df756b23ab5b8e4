"""The office clock: every moment the desk and the central store is local wall-clock time.

Vietnam (UTC+7) has no daylight saving time, so naive local moments compare and subtract
exactly; nothing is stored in UTC. Use :func:`local_now` for "now" (whole seconds, no tzinfo).
"""

from __future__ import annotations

from datetime import datetime


def local_now() -> datetime:
    """Local wall-clock time of the office, without tzinfo, to the whole second."""
    return datetime.now().replace(microsecond=0)
