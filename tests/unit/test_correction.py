"""Đính chính: a supervisor corrects a result or its return, audited and synced."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import select

from counter_app.models import AuditEvent, DossierStatus, OutboxEvent, ResultReturn, Role
from counter_app.services import org, returns
from counter_app.services.errors import IllegalTransitionError, PermissionDeniedError, ValidationError
from tests.helpers import make_dossier

NOW = datetime(2026, 11, 27, 10, 0)


@pytest.fixture
def returned(db, desk_context):
    with db.write() as s:
        code = make_dossier(s, received_at=datetime(2026, 11, 25, 9, 0)).code
    returns.mark_result_ready(db, desk_context, code, "Giấy khai sinh", "125/2026", now=datetime(2026, 11, 26, 9))
    returns.hand_over(db, desk_context, code, returns.Receiver("Trần Văn Đức", "096085001234", "0912345678"),
                      now=datetime(2026, 11, 26, 10))
    return code


def test_a_supervisor_corrects_the_result_and_the_receiver(db, desk_context, returned):
    assert org.Role.SUPERVISOR in desk_context.roles
    result = returns.correct_result(
        db, desk_context, returned, "Ghi nhầm số giấy khai sinh khi trả",
        document=returns.ResultDocument("Giấy khai sinh", "126/2026"),
        receiver=returns.Receiver("Lê Thị Hoa", "096190001111", "0987654321", is_applicant=False), now=NOW)
    assert result.corrected == ("result", "receiver")
    with db.read() as s:
        row = s.execute(select(ResultReturn)).scalar_one()
        event = s.execute(select(AuditEvent).where(AuditEvent.action == "dossier.result_corrected")).scalar_one()
        outbox = s.execute(select(OutboxEvent).where(OutboxEvent.kind == "dossier.result_corrected")).scalar_one()
    assert (row.result_number, row.receiver_name, row.receiver_is_applicant) == ("126/2026", "Lê Thị Hoa", False)
    details = json.loads(event.details)
    assert details["result_before"]["number"] == "125/2026" and details["corrected_result"]["number"] == "126/2026"
    assert details["receiver_before"]["name"] == "Trần Văn Đức"
    assert json.loads(outbox.payload)["details"]["corrected_result"]["number"] == "126/2026"


def test_a_return_recorded_by_mistake_is_recalled(db, desk_context, returned):
    result = returns.correct_result(db, desk_context, returned, "Quét nhầm mã hồ sơ khi trả", recall=True, now=NOW)
    assert result.detail.status == DossierStatus.RESULT_READY and result.detail.can_hand_over
    with db.read() as s:
        assert s.execute(select(ResultReturn)).scalar_one_or_none() is None
    # handed over again, to the right person
    returns.hand_over(db, desk_context, returned, returns.Receiver("Trần Văn Đức", "096085001234"), now=NOW)


def test_only_a_supervisor_with_a_reason_on_a_result(db, returned):
    clerk = org.login(db, org.DEMO_USERNAME, org.DEMO_PASSWORD)
    clerk = org.DeskContext(**{**clerk.__dict__, "roles": frozenset({Role.RETURN})})
    with pytest.raises(PermissionDeniedError, match="Chỉ lãnh đạo"):
        returns.correct_result(db, clerk, returned, "Ghi nhầm số", document=returns.ResultDocument("Giấy khai sinh", "1"))
    boss = org.login(db, org.DEMO_USERNAME, org.DEMO_PASSWORD)
    with pytest.raises(ValidationError, match="lý do"):
        returns.correct_result(db, boss, returned, "x", document=returns.ResultDocument("Giấy khai sinh", "1"))
    with db.write() as s:
        open_code = make_dossier(s, received_at=datetime(2026, 11, 25, 9, 0)).code
    with pytest.raises(IllegalTransitionError, match="chưa có kết quả"):
        returns.correct_result(db, boss, open_code, "Ghi nhầm số", document=returns.ResultDocument("Giấy khai sinh", "1"))


def test_the_central_takes_the_correction_from_the_desks_outbox(db, desk_context, returned, tmp_path):
    """The desk's own outbox events, applied by the central's push code: the corrected result and
    the recalled return reach the central's copy of the dossier."""
    from central.db import CentralDatabase
    from central.models import Dossier as CentralDossier
    from central.push import _apply, _write_dossiers
    from central.schemas import EventIn

    returns.correct_result(db, desk_context, returned, "Ghi nhầm số giấy khai sinh",
                           document=returns.ResultDocument("Giấy khai sinh", "126/2026"), recall=True, now=NOW)
    with db.read() as s:
        events = [EventIn(uuid=e.uuid, seq=e.desk_seq, kind=e.kind, entity_key=e.entity_key,
                          payload=json.loads(e.payload))
                  for e in s.execute(select(OutboxEvent).order_by(OutboxEvent.desk_seq)).scalars()]
    assert events[-1].kind == "dossier.result_corrected"
    cdb = CentralDatabase(f"sqlite:///{tmp_path / 'central.sqlite'}")
    cdb.upgrade()
    dossiers: dict = {}
    with cdb.write() as s:
        outcomes = [_apply(s, e, dossiers, NOW)[0] for e in events]
        _write_dossiers(s, list(dossiers.values()), [])  # a push writes the batch's new dossiers at its end
    with cdb.read() as s:
        central = s.execute(select(CentralDossier)).scalar_one()
    assert outcomes[-1] == "applied"
    assert (central.status, central.result_number, central.returned_at) == (DossierStatus.RESULT_READY, "126/2026", None)
    cdb.dispose()


def test_correct_command(db, db_path, returned, capsys):
    from counter_app.cli import main

    assert main(["dossier", "correct", returned, "--db", str(db_path), "--officer", org.DEMO_USERNAME,
                 "--reason", "Ghi nhầm số giấy khai sinh", "--result-type", "Giấy khai sinh",
                 "--result-number", "127/2026"]) == 0
    assert "Đã đính chính hồ sơ" in capsys.readouterr().out
    assert main(["dossier", "correct", returned, "--db", str(db_path), "--officer", org.DEMO_USERNAME,
                 "--reason", "x", "--recall"]) == 1
    assert capsys.readouterr().err.startswith("Lỗi: Hãy ghi rõ lý do đính chính")
