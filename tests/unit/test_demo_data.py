"""Demo data a supervisor can believe: nothing received in the future, no hand-over before its receipt."""

from __future__ import annotations

from sqlalchemy import func, select

from counter_app.models import Dossier, local_now
from counter_app.services import demo


def test_demo_dossiers_are_received_before_now_and_returned_after_receipt(db):
    demo.generate(db, 400, days=3)
    now = local_now()
    with db.read() as s:
        assert s.execute(select(func.count()).select_from(Dossier)).scalar_one() == 400
        assert s.execute(select(func.max(Dossier.received_at))).scalar_one() <= now
        late = s.execute(select(func.count()).select_from(Dossier).where(
            (Dossier.returned_at < Dossier.received_at) | (Dossier.result_ready_at < Dossier.received_at))).scalar_one()
        assert late == 0
