"""The citizen's satisfaction rating (Decision 766/QĐ-TTg, "mức độ hài lòng"): scores and reasons.

Three answers, the ones the national service index counts; an optional reason from a short list.
A rating belongs to one dossier and the officer who served, is written once, and is never shown
to or editable by that officer (services/ratings.py, ui/rating_window.py).
"""

from __future__ import annotations

import enum

from counter_app.i18n import QT_TR_NOOP  # translated where shown


class Score(enum.IntEnum):
    VERY_SATISFIED = 1
    SATISFIED = 2
    NOT_SATISFIED = 3


SCORE_LABELS = {
    Score.VERY_SATISFIED: QT_TR_NOOP("Rất hài lòng"),
    Score.SATISFIED: QT_TR_NOOP("Hài lòng"),
    Score.NOT_SATISFIED: QT_TR_NOOP("Không hài lòng"),
}

# The short list of reasons the citizen may pick (any score); codes are stored and synced.
REASONS: dict[str, str] = {
    "wait": QT_TR_NOOP("Thời gian chờ lâu"),
    "guidance": QT_TR_NOOP("Hướng dẫn chưa rõ ràng"),
    "attitude": QT_TR_NOOP("Thái độ phục vụ"),
    "papers": QT_TR_NOOP("Yêu cầu giấy tờ không cần thiết"),
    "fast": QT_TR_NOOP("Nhanh chóng, đúng hẹn"),
}


class Stage(enum.StrEnum):
    RECEIPT = "receipt"  # right after the dossier was received (optional)
    RETURN = "return"  # at hand-over of the result


EVENT_RATING_GIVEN = "rating.given"


def satisfied(score: int) -> bool:
    """Counted as satisfied by the service index: very satisfied or satisfied."""
    return score in (Score.VERY_SATISFIED, Score.SATISFIED)
