"""Deadlines with the processing clock stopped: supplement requested, fees awaited."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from .calendar import WorkingCalendar
from .durations import Duration, DurationUnit


class PauseKind(enum.StrEnum):
    SUPPLEMENT = "supplement"  # supplement / correction of the dossier requested
    PAYMENT = "payment"  # awaiting fee or financial obligation payment
    OTHER = "other"


class SupplementPolicy(enum.StrEnum):
    # Decree 118/2025: after a supplement request the full processing time starts
    # again from the receipt of the complete dossier.
    RESTART_FROM_COMPLETE = "restart_from_complete"
    # The clock merely stops while the supplement is outstanding.
    EXTEND_BY_PAUSE = "extend_by_pause"


@dataclass(frozen=True)
class Pause:
    """A stop of the processing clock; ``end is None`` while still paused."""

    start: datetime
    end: datetime | None
    kind: PauseKind = PauseKind.OTHER

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", PauseKind(self.kind))
        if self.end is not None and self.end < self.start:
            raise ValueError(f"Pause ends ({self.end}) before it starts ({self.start})")


def due_with_pauses(
    calendar: WorkingCalendar,
    received_at: datetime,
    duration: Duration,
    pauses: Sequence[Pause],
    policy: SupplementPolicy = SupplementPolicy.RESTART_FROM_COMPLETE,
) -> datetime | None:
    """Deadline taking pauses into account; ``None`` while any pause is open.

    The clock runs from the anchor (``received_at``, or under RESTART_FROM_COMPLETE
    the end of the last supplement pause, with the full duration again) and stops
    during every later pause. A pause only matters if it starts before the deadline
    reached so far: a pause after the deadline cannot undo lateness. Overlapping
    pauses are merged; pauses before the anchor are ignored.

    Working units stop for the office time inside a pause. Calendar days stop for
    the calendar days a pause spans (date of its end minus date of its start), and
    the day-off rule of ``WorkingCalendar.due`` applies to the final day.
    """
    if any(p.end is None for p in pauses):
        return None
    anchor = received_at
    clock_stops = sorted(pauses, key=lambda p: p.start)
    if policy is SupplementPolicy.RESTART_FROM_COMPLETE:
        supplements = [p for p in pauses if p.kind is PauseKind.SUPPLEMENT]
        if supplements:
            last_end = max(p.end for p in supplements if p.end is not None)  # every pause ended: checked above
            anchor = max(anchor, last_end)
    elif policy is not SupplementPolicy.EXTEND_BY_PAUSE:
        raise ValueError(f"Unknown supplement policy {policy!r}")

    if duration.unit is DurationUnit.CALENDAR_DAYS:
        return _calendar_days_with_pauses(calendar, anchor, duration, clock_stops)
    if duration.unit is DurationUnit.SAME_DAY:
        # A pause before the deadline moves the day of processing to the day the clock runs again.
        deadline = calendar.due(anchor, duration)
        for pause in clock_stops:
            assert pause.end is not None
            if pause.end > anchor and pause.start < deadline:
                deadline = max(deadline, calendar.due(pause.end, duration))
        return deadline

    remaining = timedelta(microseconds=duration._working_us())
    t = anchor
    for pause in clock_stops:
        assert pause.end is not None
        if pause.end <= t:
            continue
        stop = max(pause.start, t)
        worked = calendar.working_time_between(t, stop)
        if worked >= remaining:
            break
        remaining -= worked
        t = pause.end
    return calendar.add_working_time(t, remaining)


def _calendar_days_with_pauses(
    calendar: WorkingCalendar, anchor: datetime, duration: Duration, pauses: Sequence[Pause]
) -> datetime:
    deadline = calendar.due(anchor, duration)
    if duration.amount == 0:
        return deadline
    last_day = calendar.clock_start(anchor).date() + timedelta(days=int(duration.amount))
    t = anchor
    for pause in pauses:
        assert pause.end is not None
        if pause.end <= t:
            continue
        stop = max(pause.start, t)
        if stop >= deadline:
            break
        last_day += pause.end.date() - stop.date()
        deadline = calendar._end_of_working_day_on_or_after(last_day)
        t = pause.end
    return deadline
