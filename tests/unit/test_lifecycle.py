"""Status lifecycle with audit + outbox in the same transaction; tamper-evident audit log."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import func, select, text

from counter_app.domain import lifecycle
from counter_app.models import AuditEvent, Dossier, DossierStatus, OutboxEvent
from counter_app.services import audit, changes
from counter_app.services.errors import IllegalTransitionError
from tests.helpers import make_dossier

S = DossierStatus


def _count(session, model) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_reception_writes_dossier_audit_and_outbox_together(db):
    with db.write() as s:
        d = make_dossier(s, received_at=datetime(2026, 2, 13, 16, 30))
    with db.read() as s:
        d = s.execute(select(Dossier)).scalar_one()
        assert d.status == S.RECEIVED
        assert d.due_at == datetime(2026, 2, 23, 16, 30)  # 0.5 h on Fri 13 + 7.5 h after Tết (16–20 Feb off)
        (event,) = s.execute(select(OutboxEvent)).scalars()
        payload = json.loads(event.payload)
        assert (event.kind, event.desk_seq, event.entity_key) == ("dossier.received", 1, d.code)
        assert payload["record"]["MaHoSo"] == d.code and payload["record"]["TrangThaiHoSo"] == 2
        assert payload["record"]["NgayHenTra"] == "20260223163000"
        assert s.execute(select(AuditEvent.action).where(AuditEvent.entity_key == d.code)).scalar() == "dossier.received"


@pytest.mark.parametrize(
    "path",
    [
        [S.PROCESSING, S.RESULT_READY, S.RETURNED],
        [S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.PROCESSING, S.AWAITING_PAYMENT, S.RESULT_READY],
        [S.WITHDRAWN],
        [S.PROCESSING, S.STOPPED],
    ],
)
def test_allowed_paths_each_leave_an_audit_and_outbox_trail(db, path):
    with db.write() as s:
        code = make_dossier(s).code
    for target in path:
        with db.write() as s:
            d = s.execute(select(Dossier).where(Dossier.code == code)).scalar_one()
            changes.change_status(s, d, target, officer=None, reason="kiểm thử")
    with db.read() as s:
        assert s.execute(select(Dossier.status)).scalar() == path[-1]
        kinds = s.execute(select(OutboxEvent.kind).order_by(OutboxEvent.desk_seq)).scalars().all()
        assert kinds == ["dossier.received"] + ["dossier.status_changed"] * len(path)
        assert s.execute(select(OutboxEvent.desk_seq).order_by(OutboxEvent.desk_seq)).scalars().all() == \
            list(range(1, len(path) + 2))
        assert _count(s, AuditEvent) >= len(path) + 1


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ([], S.RETURNED),  # cannot hand over before the result is ready
        ([S.PROCESSING, S.RESULT_READY, S.RETURNED], S.PROCESSING),  # returned is final
        ([S.WITHDRAWN], S.PROCESSING),
        ([S.PROCESSING, S.SUPPLEMENT_REQUESTED], S.RESULT_READY),  # supplement must come back first
        ([], S.NEW),
    ],
)
def test_illegal_transition_raises_and_changes_nothing(db, path, illegal):
    with db.write() as s:
        code = make_dossier(s).code
        for target in path:
            changes.change_status(s, s.execute(select(Dossier)).scalar_one(), target, officer=None)
    with db.read() as s:
        before = (s.execute(select(Dossier.status)).scalar(), _count(s, AuditEvent), _count(s, OutboxEvent))
    with pytest.raises(IllegalTransitionError) as err, db.write() as s:
        changes.change_status(s, s.execute(select(Dossier).where(Dossier.code == code)).scalar_one(),
                              illegal, officer=None)
    assert "Không thể chuyển hồ sơ từ trạng thái" in err.value.message
    with db.read() as s:
        after = (s.execute(select(Dossier.status)).scalar(), _count(s, AuditEvent), _count(s, OutboxEvent))
    assert after == before


def test_transition_table_covers_every_national_status():
    assert set(lifecycle.TRANSITIONS) == set(DossierStatus)
    assert lifecycle.FINAL_STATUSES == {S.REFUSED, S.WITHDRAWN, S.STOPPED, S.RETURNED}


def test_audit_chain_verifies_and_reports_the_first_tampered_row(db):
    with db.write() as s:
        for i in range(5):
            make_dossier(s, id_number=f"09608500{i:04d}")
    with db.read() as s:
        result = audit.verify(s)
        ids = s.execute(select(AuditEvent.id).order_by(AuditEvent.id)).scalars().all()
    assert result.ok and result.checked == len(ids)
    victim = ids[len(ids) // 2]
    with db.write() as s:
        s.execute(text("UPDATE audit_events SET details = '{\"due_at\":\"2030-01-01\"}' WHERE id = :id"),
                  {"id": victim})
    with db.read() as s:
        result = audit.verify(s)
    assert not result.ok and result.first_bad_id == victim


def test_deleting_an_audit_row_is_detected(db):
    with db.write() as s:
        for i in range(3):
            make_dossier(s, id_number=f"09608500{i:04d}")
    with db.read() as s:
        ids = s.execute(select(AuditEvent.id).order_by(AuditEvent.id)).scalars().all()
    with db.write() as s:
        s.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": ids[1]})
    with db.read() as s:
        result = audit.verify(s)
    assert not result.ok and result.first_bad_id == ids[2]


def test_audit_chain_survives_a_rolled_back_savepoint(db):
    """Many appends in one unit of work, one batch undone half-way: the chain still verifies."""
    with db.read() as s:
        before = _count(s, AuditEvent)
    with db.write() as s:
        make_dossier(s, id_number="096085000001")
        try:
            with s.begin_nested():
                make_dossier(s, id_number="096085000002")
                raise RuntimeError("bad change in a sync page")
        except RuntimeError:
            pass
        make_dossier(s, id_number="096085000003")
    with db.read() as s:
        result = audit.verify(s)
        codes = s.execute(select(Dossier.code).order_by(Dossier.id)).scalars().all()
    # The undone dossier left no audit row: two dossier rows and the unit's state row.
    assert result.ok and result.checked == before + 3 and result.entities == 4
    assert len(codes) == 2
