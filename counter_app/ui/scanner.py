"""USB barcode scanners: they type a code as a burst of key presses, then Enter.

People need 100 ms or more per key; a scanner needs a few milliseconds. :class:`BurstTracker`
remembers the last burst typed into one field, so a code scanned into a field that already held
text (or into a name field) is told apart from typing. The clock is injectable: tests drive it
instead of sleeping, and there is one clock for every scan field of the desk.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

BURST_GAP_S = 0.05  # a scanner types a character every few ms; people need 100 ms or more

Clock = Callable[[], float]

_clock: Clock = time.monotonic


def set_clock(clock: Clock | None) -> None:
    """Replace the desk's scanner clock (tests); ``None`` restores ``time.monotonic``."""
    global _clock
    _clock = clock or time.monotonic


def current_clock() -> Clock:
    return _clock


def now() -> float:
    return _clock()


@dataclass
class BurstTracker:
    """The burst being typed into one field: its text and the field's text and cursor before it."""

    burst: str = ""
    last_key: float = float("-inf")
    before_text: str = ""
    before_cursor: int = 0

    def key(self, text: str, field_text: str, cursor: int) -> None:
        """A printable key is about to be typed into a field holding ``field_text``."""
        at = now()
        if at - self.last_key > BURST_GAP_S or not self.burst:
            self.burst, self.before_text, self.before_cursor = "", field_text, cursor
        self.burst += text
        self.last_key = at

    def continuing(self) -> bool:
        """A key now would belong to the burst under way (a scanner is typing)."""
        return bool(self.burst) and now() - self.last_key <= BURST_GAP_S

    def backspace(self) -> None:
        """A Backspace within a burst: an input method (Unikey, EVKey) took back a letter to replace it."""
        if self.continuing():
            self.burst = self.burst[:-1]
            self.last_key = now()

    def take(self) -> str:
        """The last burst (Enter was pressed), then forget it; the caller checks it is a code."""
        burst, self.burst = self.burst, ""
        return burst

    def forget(self) -> None:
        self.burst = ""
