"""The citizen's satisfaction rating of the service (issue #14): stored once, synced, never edited.

The customer-facing window (ui/rating_window.py) calls :func:`record_rating` for the dossier and
the officer who served; nothing here lets an officer read one rating or change it. Only counts
leave this module (:func:`counts`, used by the service-index indicators).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.ratings import EVENT_RATING_GIVEN, REASONS, Score, Stage
from counter_app.i18n import tr
from counter_app.models import Officer, local_now
from counter_app.models.db import Database
from counter_app.models.payments import Rating

from . import changes, dossiers
from .errors import ValidationError


def already_rated(session: Session, dossier_id: int, officer_id: int, stage: Stage) -> bool:
    return session.execute(select(Rating.id).where(
        Rating.dossier_id == dossier_id, Rating.officer_id == officer_id, Rating.stage == stage.value)
    ).first() is not None


def record_rating(db: Database, code: str, officer_id: int, stage: Stage | str, score: int, reason: str = "", *,
                  now: datetime | None = None) -> None:
    """The citizen's answer for ``code`` served by ``officer_id``: a second answer is refused."""
    try:
        stage = Stage(stage)
        score = Score(score)
    except ValueError:
        raise ValidationError(tr("Đánh giá không hợp lệ."), field="score") from None
    if reason and reason not in REASONS:
        raise ValidationError(tr("Lý do không có trong danh sách."), field="reason")
    now = now or local_now()
    with db.write() as session:
        dossier = dossiers.get_by_code(session, code)
        officer = session.get_one(Officer, officer_id)
        if already_rated(session, dossier.id, officer.id, stage):
            raise ValidationError(tr("Hồ sơ này đã được đánh giá; đánh giá không sửa được."), field="score")
        row = Rating(uuid=str(uuid.uuid4()), dossier_id=dossier.id, officer_id=officer.id, desk_id=dossier.desk_id,
                     stage=stage.value, score=int(score), reason=reason, rated_at=now)
        session.add(row)
        session.flush()
        changes.record_change(session, dossier, action=EVENT_RATING_GIVEN, officer=None, actor="Công dân",
                              details={"rating": {"uuid": row.uuid, "stage": row.stage, "score": row.score,
                                                  "reason": row.reason, "officer": officer.full_name,
                                                  "rated_at": now.isoformat(sep=" ", timespec="seconds")}})

