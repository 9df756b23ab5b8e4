"""Result return in the service: scans, result ready at the desk, hand-over in one transaction, CLI."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from counter_app.cli import main
from counter_app.domain.text import fold
from counter_app.models import (
    Applicant,
    ApplicantKind,
    AuditEvent,
    Dossier,
    DossierStatus,
    Handoff,
    OutboxEvent,
    ResultReturn,
    Role,
)
from counter_app.services import catalog, changes, reception, return_documents, returns
from counter_app.services.applicants import ApplicantInput
from counter_app.services.errors import IllegalTransitionError, NotFoundError, PermissionDeniedError, ValidationError
from counter_app.services.reception import DocumentCheck, IntakeForm
from counter_app.services.returns import HandOverRefused, Receiver, ResultDocument, ScanKind
from tests.helpers import make_dossier

S = DossierStatus
RECEIVED = datetime(2026, 11, 23, 9, 0)  # Monday; the birth registration is due Wed 25/11 09:00
READY = datetime(2026, 11, 24, 10, 0)
RETURNED = datetime(2026, 11, 25, 9, 30)
APPLICANT_ID = "096085001234"  # tests.helpers: Trần Văn Đức, 0912345678
BIRTH_CERT = ResultDocument("Giấy khai sinh", "125/2026", "Bản chính giấy khai sinh của cháu Trần Minh Khang")


def new_dossier(db, *path: S, id_number: str = APPLICANT_ID) -> str:  # noqa: ANN001
    """A received dossier moved along ``path`` (status changes as the central system would send)."""
    with db.write() as s:
        dossier = make_dossier(s, received_at=RECEIVED, id_number=id_number)
        for target in path:
            changes.change_status(s, dossier, target, officer=None, at=RECEIVED)
        return dossier.code


def ready_dossier(db, ctx, **kwargs) -> str:  # noqa: ANN001, ANN003
    code = new_dossier(db, S.PROCESSING, **kwargs)
    returns.mark_result_ready(db, ctx, code, *BIRTH_CERT.__dict__.values(), processed_by="Lê Văn Tư", now=READY)
    return code


def counts(db) -> dict[str, int]:  # noqa: ANN001
    with db.read() as s:
        return {m.__name__: s.execute(select(func.count()).select_from(m)).scalar_one()
                for m in (AuditEvent, OutboxEvent, ResultReturn, Handoff)}


def with_roles(ctx, *roles: Role):  # noqa: ANN001, ANN201
    return replace(ctx, roles=frozenset(roles))


# ---------------------------------------------------------------- scanning

def test_scan_recognises_dossier_notice_and_unknown_without_writing(db, desk_context):
    code = new_dossier(db, S.PROCESSING)
    with db.read() as s:
        case = catalog.get_detail(s, code="1.001193").cases[0]
    form = IntakeForm(case.id, ApplicantInput(id_number="096185001234", name="Nguyễn Thị Ánh Tuyết",
                                              date_of_birth=date(1985, 9, 5), address="ấp Tân Hưng, xã Tân Thành",
                                              phone="0912 345 678"),
                      tuple(DocumentCheck(d.id, reception.DocumentDecision.MISSING) for d in case.documents[:2])
                      + tuple(DocumentCheck(d.id, reception.DocumentDecision.NOT_APPLICABLE)
                              for d in case.documents[2:]))
    notice = reception.issue_supplement(db, desk_context, form, now=RECEIVED).notice_code
    before = counts(db)

    hit = returns.resolve_scan(db, f"  {code.lower()}\t")
    assert hit.kind is ScanKind.DOSSIER and hit.code == code
    assert hit.detail.summary.applicant_name == "Trần Văn Đức"
    assert hit.detail.summary.procedure_name == "Thủ tục đăng ký khai sinh"
    assert not hit.detail.can_hand_over
    assert hit.detail.why_not == ("Chưa thể trả kết quả: hồ sơ đang được giải quyết, chưa có kết quả "
                                  "(hẹn trả 09:00 ngày 25/11/2026).")
    assert returns.resolve_scan(db, code) == returns.resolve_scan(db, code.lower())  # twice: same answer

    assert returns.resolve_scan(db, notice.lower()).kind is ScanKind.NOTICE
    missing_notice = returns.resolve_scan(db, "000.00.01.H12-261125-BS1999")
    assert missing_notice.kind is ScanKind.UNKNOWN and "phiếu yêu cầu bổ sung" in missing_notice.message
    unknown = returns.resolve_scan(db, "000.00.01.H12-261125-1999")
    assert unknown.kind is ScanKind.UNKNOWN
    assert unknown.message == "Không tìm thấy hồ sơ có mã «000.00.01.H12-261125-1999» trên máy này."
    garbage = returns.resolve_scan(db, "8935049500123")  # an EAN-13 from a product, scanned by mistake
    assert garbage.kind is ScanKind.UNKNOWN and "không phải mã hồ sơ" in garbage.message
    assert returns.resolve_scan(db, "   ").kind is ScanKind.UNKNOWN
    assert counts(db) == before


def test_scan_finds_a_legacy_code_by_exact_match(db):
    code = new_dossier(db)
    with db.write() as s:
        s.execute(select(Dossier)).scalar_one().code = "HS-2019-000123"
    assert returns.resolve_scan(db, "hs-2019-000123").kind is ScanKind.DOSSIER
    assert code != "HS-2019-000123"


def test_scan_sees_writes_of_another_connection_and_the_current_calendar(db, db_path, desk_context):
    """The scan reads through a kept-open connection: it must not serve a stale dossier or calendar."""
    from counter_app.models.db import Database
    from counter_app.services import office_calendar

    code = new_dossier(db, S.PROCESSING)
    # Due Wed 25/11 09:00; Tuesday 24/11 is a day off (Vietnam Cultural Day in the holidays package), so at
    # Monday 10:00 there are 5 h + 2 h of office time left: due within one working day.
    monday_10 = datetime(2026, 11, 23, 10, 0)
    with db.write() as s:  # received the Friday before: on its day of receipt nothing is "due soon" yet
        s.execute(select(Dossier)).scalar_one().received_at = datetime(2026, 11, 20, 9, 0)
    assert returns.resolve_scan(db, code, now=monday_10).detail.summary.due_state == "due_soon"

    other = Database(db_path)  # another process's connection on the same file (a second window, the sync)
    try:
        with other.write() as s:
            office_calendar.set_override(s, date(2026, 11, 24), True, note="Làm việc bình thường")
        assert returns.resolve_scan(db, code, now=monday_10).detail.summary.due_state == "on_time"  # 15 h left
        returns.mark_result_ready(other, desk_context, code, *BIRTH_CERT.__dict__.values(), now=READY)
        returns.hand_over(other, desk_context, code, Receiver(), now=RETURNED)
    finally:
        other.dispose()
    after = returns.resolve_scan(db, code).detail
    assert after.status is S.RETURNED and after.returned.receiver_name == "Trần Văn Đức"
    assert [h.to_unit for h in after.handoffs] == ["Bộ phận chuyên môn", "Bộ phận tiếp nhận và trả kết quả",
                                                   "Tổ chức, cá nhân"]


def test_scan_detail_agrees_with_the_orm_summary(db, desk_context):
    """The one-statement read and the ORM summary (lists, CLI) give the same values for the same dossier."""
    from counter_app.services import dossiers
    from counter_app.services.office_calendar import calendar_for

    code = ready_dossier(db, desk_context)
    for now in (RECEIVED, READY, RETURNED):
        with db.read() as s:
            expected = dossiers.summarise(returns.load_dossier(s, code), calendar_for(s), now)
        assert returns.resolve_scan(db, code, now=now).detail.summary == expected
    summary = returns.resolve_scan(db, code, now=RETURNED).detail.summary
    with db.read() as s:
        d = returns.load_dossier(s, code)
        stored = {name: getattr(d, name) for name in ("code", "received_at", "due_at", "original_due_at", "status",
                                                      "sets", "delivery_method", "result_ready_at", "returned_at")}
        stored |= {"procedure_code": d.procedure.code, "procedure_name": d.procedure.name, "case_name": d.case.name,
                   "applicant_name": d.applicant.name, "applicant_id_number": d.applicant.id_number,
                   "applicant_phone": d.applicant.phone, "applicant_address": d.applicant.address,
                   "officer_name": d.officer.full_name, "desk_number": d.desk.number}
    assert {name: getattr(summary, name) for name in stored} == stored  # every field in its place
    assert (summary.status_label, summary.due_state_label) == ("Đã có kết quả", "Trước hạn")


# ---------------------------------------------------------------- result ready

def test_result_ready_records_document_handoffs_and_trail(db, desk_context):
    code = new_dossier(db, S.PROCESSING)
    before = counts(db)
    detail = returns.mark_result_ready(db, desk_context, code, "Giấy khai sinh", "125/2026", "Bản chính",
                                       processed_by="Lê Văn Tư", now=READY)
    assert detail.status is S.RESULT_READY and detail.can_hand_over and detail.why_not == ""
    assert detail.summary.due_state == "early" and detail.result_document == ResultDocument(
        "Giấy khai sinh", "125/2026", "Bản chính")
    assert [(h.from_unit, h.to_unit, h.at, h.given_by, h.taken_by, h.result_label) for h in detail.handoffs] == [
        ("Bộ phận tiếp nhận và trả kết quả", "Bộ phận chuyên môn", RECEIVED, "Nguyễn Thị Minh Thư", "Lê Văn Tư", ""),
        ("Bộ phận chuyên môn", "Bộ phận tiếp nhận và trả kết quả", READY, "Lê Văn Tư", "Nguyễn Thị Minh Thư",
         "Trước hạn"),
    ]
    with db.read() as s:
        d = s.execute(select(Dossier)).scalar_one()
        assert (d.status, d.result_ready_at, d.result_type) == (9, READY, "Giấy khai sinh")
        event = s.execute(select(OutboxEvent).order_by(OutboxEvent.desk_seq.desc())).scalars().first()
        payload = json.loads(event.payload)
        assert payload["record"]["TrangThaiHoSo"] == 9 and payload["record"]["NgayCoKetQua"] == "20261124100000"
        assert payload["details"]["result_type"] == "Giấy khai sinh"
    after = counts(db)
    assert (after["AuditEvent"] - before["AuditEvent"], after["OutboxEvent"] - before["OutboxEvent"],
            after["Handoff"] - before["Handoff"]) == (2, 1, 2)  # the status row and the unit's state row


@pytest.mark.parametrize(("when", "expected"), [
    (datetime(2026, 11, 25, 8, 0), ("on_time", "Đúng hạn")),
    (datetime(2026, 11, 25, 14, 0), ("overdue", "Quá hạn")),
])
def test_result_ready_timeliness(db, desk_context, when, expected):
    code = new_dossier(db, S.PROCESSING)
    detail = returns.mark_result_ready(db, desk_context, code, "Giấy khai sinh", now=when)
    assert (detail.summary.due_state, detail.handoffs[-1].result_label) == expected


def test_result_ready_needs_the_role_and_an_open_dossier(db, desk_context):
    code = new_dossier(db, S.PROCESSING)
    with pytest.raises(PermissionDeniedError, match="không có quyền ghi nhận hồ sơ đã có kết quả"):
        returns.mark_result_ready(db, with_roles(desk_context, Role.RECEPTION), code, "Giấy khai sinh")
    with pytest.raises(ValidationError, match="Hãy ghi loại giấy tờ kết quả") as exc:
        returns.mark_result_ready(db, desk_context, code, "  ")
    assert exc.value.field == "result_type"
    returns.mark_result_ready(db, with_roles(desk_context, Role.SUPERVISOR), code, "Giấy khai sinh", now=READY)
    with pytest.raises(IllegalTransitionError, match="đã được ghi nhận có kết quả từ 10:00 ngày 24/11/2026"):
        returns.mark_result_ready(db, desk_context, code, "Giấy khai sinh")
    waiting = new_dossier(db, S.PROCESSING, S.SUPPLEMENT_REQUESTED, id_number="096085009999")
    with pytest.raises(IllegalTransitionError, match="Hồ sơ đang chờ bổ sung, hoàn thiện giấy tờ"):
        returns.mark_result_ready(db, desk_context, waiting, "Giấy khai sinh")
    with pytest.raises(NotFoundError, match="Không tìm thấy hồ sơ"):
        returns.mark_result_ready(db, desk_context, "000.00.01.H12-261125-1999", "Giấy khai sinh")


# ---------------------------------------------------------------- hand-over

def test_hand_over_is_one_transaction_with_return_row_handoff_audit_and_outbox(db, desk_context):
    code = ready_dossier(db, desk_context)
    before = counts(db)
    result = returns.hand_over(db, desk_context, code, Receiver(is_applicant=True), now=RETURNED)
    assert result.receiver == Receiver("Trần Văn Đức", APPLICANT_ID, "0912345678", True)
    assert result.document == BIRTH_CERT  # from the result-ready record
    after = counts(db)
    assert {k: after[k] - before[k] for k in after} == {"AuditEvent": 2, "OutboxEvent": 1, "ResultReturn": 1,
                                                         "Handoff": 1}
    with db.read() as s:
        d = s.execute(select(Dossier)).scalar_one()
        assert (d.status, d.returned_at, d.result_number) == (10, RETURNED, "125/2026")
        row = s.execute(select(ResultReturn)).scalar_one()
        assert (row.receiver_name, row.receiver_id_number, row.receiver_is_applicant, row.officer_id) == (
            "Trần Văn Đức", APPLICANT_ID, True, desk_context.officer_id)
        last = s.execute(select(Handoff).order_by(Handoff.position.desc())).scalars().first()
        assert (last.from_unit, last.to_unit, last.taken_by, last.given_by, last.result) == (
            "Bộ phận tiếp nhận và trả kết quả", "Tổ chức, cá nhân", "Trần Văn Đức", "Nguyễn Thị Minh Thư", "early")
        audit = s.execute(select(AuditEvent).where(AuditEvent.action != "state.recorded")
                          .order_by(AuditEvent.id.desc())).scalars().first()
        assert audit.action == "dossier.status_changed" and json.loads(audit.details)["to"] == 10
        event = s.execute(select(OutboxEvent).order_by(OutboxEvent.desk_seq.desc())).scalars().first()
        payload = json.loads(event.payload)
        assert payload["record"]["TrangThaiHoSo"] == 10 and payload["record"]["NgayTraKetQua"] == "20261125093000"
        assert payload["details"]["receiver_name"] == "Trần Văn Đức"
    assert result.detail.returned.receiver_name == "Trần Văn Đức"
    assert result.detail.why_not == "Hồ sơ đã được trả kết quả lúc 09:30 ngày 25/11/2026 cho Trần Văn Đức."


@pytest.mark.parametrize(("path", "message"), [
    ((), "hồ sơ đang được giải quyết, chưa có kết quả (hẹn trả 09:00 ngày 25/11/2026)"),
    ((S.PROCESSING,), "hồ sơ đang được giải quyết"),
    ((S.PROCESSING, S.SUPPLEMENT_REQUESTED), "hồ sơ đang chờ bổ sung, hoàn thiện giấy tờ"),
    ((S.AWAITING_PAYMENT,), "hồ sơ đang chờ thực hiện nghĩa vụ tài chính"),
    ((S.PROCESSING, S.STOPPED), "hồ sơ đã bị dừng giải quyết"),
    ((S.WITHDRAWN,), "công dân đã rút hồ sơ"),
])
def test_hand_over_refused_says_why_and_writes_nothing(db, desk_context, path, message):
    code = new_dossier(db, *path)
    before = counts(db)
    with pytest.raises(HandOverRefused, match=re.escape(message)):
        returns.hand_over(db, desk_context, code, Receiver(), BIRTH_CERT)
    assert counts(db) == before
    with db.read() as s:
        assert s.execute(select(Dossier.status)).scalar() == (path[-1] if path else S.RECEIVED)


def test_second_hand_over_names_date_and_receiver(db, desk_context):
    code = ready_dossier(db, desk_context)
    returns.hand_over(db, desk_context, code, Receiver("Lê Thị Hoa", "096190004321", "0987654321", False),
                      now=RETURNED)
    before = counts(db)
    with pytest.raises(HandOverRefused) as exc:
        returns.hand_over(db, desk_context, code, Receiver())
    assert exc.value.message == "Hồ sơ đã được trả kết quả lúc 09:30 ngày 25/11/2026 cho Lê Thị Hoa."
    assert counts(db) == before


def test_authorised_person_and_receiver_checks(db, desk_context):
    code = ready_dossier(db, desk_context)
    cases = [
        (Receiver("", "096190004321", "", False), "receiver_name", "Hãy ghi họ và tên người nhận"),
        (Receiver("Lê Thị Hoa", "12345", "", False), "receiver_id_number", "Số CCCD phải gồm đúng 12 chữ số"),
        (Receiver("Lê Thị Hoa 2", "096190004321", "", False), "receiver_name", "chỉ gồm chữ cái"),
        (Receiver("Lê Thị Hoa", "096190004321", "12345", False), "receiver_phone", "điện thoại người nhận"),
        (Receiver("", "096190004321", "", True), "receiver_id_number", "không khớp với chủ hồ sơ"),
    ]
    for receiver, field, message in cases:
        with pytest.raises(ValidationError, match=message) as exc:
            returns.hand_over(db, desk_context, code, receiver)
        assert exc.value.field == field
    result = returns.hand_over(db, desk_context, code, Receiver(" Lê  Thị Hoa ", "0961 9000 4321", "+84 987 654 321",
                                                                False), now=RETURNED)
    assert result.receiver == Receiver("Lê Thị Hoa", "096190004321", "0987654321", False)
    assert result.detail.handoffs[-1].note == "Trả kết quả cho người được ủy quyền"


def test_hand_over_needs_the_role_and_a_result_document(db, desk_context):
    code = new_dossier(db, S.PROCESSING, S.RESULT_READY)  # result ready from the central: no document yet
    with pytest.raises(PermissionDeniedError, match="không có quyền trả kết quả"):
        returns.hand_over(db, with_roles(desk_context, Role.RECEPTION), code, Receiver())
    with pytest.raises(ValidationError, match="Hãy ghi loại giấy tờ kết quả"):
        returns.hand_over(db, desk_context, code, Receiver())
    result = returns.hand_over(db, with_roles(desk_context, Role.RETURN), code, Receiver(),
                               ResultDocument("Giấy khai sinh"), now=RETURNED)
    assert result.detail.documents == (ResultDocument("Giấy khai sinh"),)
    assert result.detail.handoffs[-1].position == 1  # only the desk's own row: none came from the central


def test_organisation_applicant_needs_the_person_who_collects(db, desk_context):
    code = ready_dossier(db, desk_context, id_number="0100109106")
    with db.write() as s:
        applicant = s.execute(select(Applicant).where(Applicant.id_number == "0100109106")).scalar_one()
        applicant.kind, applicant.name, applicant.name_folded = (ApplicantKind.BUSINESS.value, "Công ty TNHH Minh Phát",
                                                                  fold("Công ty TNHH Minh Phát"))
    assert returns.detail(db, code).applicant_kind == "business"
    with pytest.raises(ValidationError, match="Chủ hồ sơ là tổ chức"):
        returns.hand_over(db, desk_context, code, Receiver())
    result = returns.hand_over(db, desk_context, code, Receiver("Phạm Quốc Việt", "096099001111", "", None))
    assert result.receiver.is_applicant is False


# ---------------------------------------------------------------- documents

def test_return_receipt_and_control_slip_are_archived_in_the_dossier_folder(db, desk_context, db_path):
    code = ready_dossier(db, desk_context)
    with pytest.raises(NotFoundError, match="chưa trả kết quả"):
        return_documents.write_return_receipt(db, code)
    returns.hand_over(db, desk_context, code, Receiver(), now=RETURNED)
    receipt = return_documents.write_return_receipt(db, code)
    slip = return_documents.write_control_slip(db, code)
    folder = db_path.parent / "archive" / "2026" / "11"
    assert receipt == folder / f"{code}-bien-nhan-tra-ket-qua.pdf"
    assert slip == folder / f"{code}-phieu-kiem-soat.pdf"
    assert receipt.read_bytes().startswith(b"%PDF-") and slip.read_bytes().startswith(b"%PDF-")
    with db.read() as s:
        data = return_documents.control_slip_data(s, returns.load_dossier(s, code), now=RETURNED)
    assert [r.order for r in data.rows] == [1, 2, 3]
    assert data.processing_units == "Bộ phận chuyên môn"
    assert data.rows[-1].taken_by == "Trần Văn Đức" and data.rows[-1].result == "Trước hạn"


# ---------------------------------------------------------------- command line

def test_cli_return_hands_over_and_archives_the_receipt(db, db_path, desk_context, capsys):
    code = ready_dossier(db, desk_context)
    args = ["dossier", "return", code, "--db", str(db_path), "--receiver-name", "Tran Van Duc",
            "--receiver-id", APPLICANT_ID, "--officer", "demo"]
    assert main(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"Đã trả kết quả hồ sơ {code} cho Trần Văn Đức lúc ")
    assert out[1].startswith("Giấy biên nhận: ") and out[1].endswith("-bien-nhan-tra-ket-qua.pdf")
    with db.read() as s:
        row = s.execute(select(ResultReturn)).scalar_one()
        assert row.receiver_is_applicant and row.result_type == "Giấy khai sinh"
    assert main(args) == 1  # the same rules: already returned
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Hồ sơ đã được trả kết quả lúc ") and "cho Trần Văn Đức." in err


def test_cli_return_refuses_with_a_vietnamese_sentence(db, db_path, capsys):
    code = new_dossier(db, S.PROCESSING, S.SUPPLEMENT_REQUESTED)
    base = ["dossier", "return", code, "--db", str(db_path), "--receiver-name", "Lê Thị Hoa",
            "--receiver-id", "096190004321"]
    assert main([*base, "--officer", "demo"]) == 1
    assert capsys.readouterr().err == "Lỗi: Chưa thể trả kết quả: hồ sơ đang chờ bổ sung, hoàn thiện giấy tờ.\n"
    assert main([*base, "--officer", "khong.co"]) == 1
    assert "Không có cán bộ đang hoạt động với tên đăng nhập «khong.co»" in capsys.readouterr().err
    assert main(["dossier", "return", "000.00.01.H12-261125-1999", "--db", str(db_path),
                 "--receiver-name", "A", "--receiver-id", "1"]) == 1
    assert "Không tìm thấy hồ sơ có mã" in capsys.readouterr().err
