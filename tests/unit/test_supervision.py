"""Apology/extension letters (form 04), stop notices (form 05) and withdrawals (status 7)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

import pypdf
import pytest
from sqlalchemy import func, select

from counter_app.models import Apology, AuditEvent, Dossier, DossierStatus, OutboxEvent
from counter_app.services import stats, supervision
from counter_app.services.errors import IllegalTransitionError, PermissionDeniedError, ValidationError
from counter_app.services.supervision import ApologyForm
from tests.supervision_data import NOW, OFFICER_B, RECEPTION_ONLY, SUPERVISOR, at, login

S = DossierStatus


@pytest.fixture
def boss(db, mix):
    return login(db, SUPERVISOR)


def pdf_text(path) -> str:  # noqa: ANN001
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


def dossier(db, code: str) -> Dossier:
    with db.read() as s:
        return s.execute(select(Dossier).where(Dossier.code == code)).scalar_one()


def count(db, model) -> int:  # noqa: ANN001
    with db.read() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_apology_moves_the_appointment_keeps_the_original_and_names_the_approver(db, mix, boss):
    code = mix.codes["d1"]  # due Mon 4/5 08:00
    result = supervision.issue_apology(db, boss, code, ApologyForm(
        "Phòng Tư pháp - Hộ tịch", "Chờ kết quả xác minh của Công an xã", at(6, 5, 10, 0)), now=NOW)
    assert (result.old_due_at, result.new_due_at, result.issued_late) == (at(4, 5, 8), at(6, 5, 10), False)
    d = dossier(db, code)
    assert (d.original_due_at, d.due_at) == (at(4, 5, 8), at(6, 5, 10))
    [row] = supervision.apologies_of(db, code)
    assert (row.approved_by, row.old_due_at, row.new_due_at, row.issued_late) == (
        "Phạm Thị Lan", at(4, 5, 8), at(6, 5, 10), False)
    with db.read() as s:
        event = s.execute(select(AuditEvent).where(AuditEvent.action == "dossier.apology_issued")).scalar_one()
        outbox = s.execute(select(OutboxEvent).where(OutboxEvent.kind == "dossier.apology_issued")).scalar_one()
    assert (event.entity_key, event.actor) == (code, "Phạm Thị Lan")
    details = json.loads(event.details)
    assert details["approved_by"] == SUPERVISOR[0] and details["new_due_at"] == "2026-05-06 10:00:00"
    assert json.loads(outbox.payload)["record"]["NgayHenTra"] == "20260506100000"
    assert json.loads(outbox.payload)["record"]["NgayHenTraBanDau"] == "20260504080000"
    # printed and archived
    assert result.pdf_path.exists() and result.pdf_path.is_relative_to(db.path.parent / "archive" / "2026" / "04")
    text = pdf_text(result.pdf_path)
    for expected in ("VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN", code, "Phòng Tư pháp - Hộ tịch",
                     "Chờ kết quả xác minh của Công an xã", "10 giờ 00 phút, ngày 06 tháng 5 năm 2026",
                     "08 giờ 00 phút, ngày 04 tháng 5 năm 2026", "Mẫu số 04",
                     # issued by the late agency, on its letterhead, signed by its head with its seal
                     "PHÒNG TƯ PHÁP - HỘ TỊCH", "THỦ TRƯỞNG CƠ QUAN", "(Ký, ghi rõ họ tên và đóng dấu)"):
        assert expected in text, expected
    assert "LÃNH ĐẠO CƠ QUAN" not in text
    # the due-soon watch list no longer shows it; the counters count the letter
    s = stats.dashboard(db, date(2026, 4, 29), now=NOW)
    assert code not in [w.code for w in s.due_soon_without_apology]
    assert (s.apologies, s.apologies_late) == (2, 1)


def test_extensions_are_limited_to_what_the_office_allows(db, mix, boss):
    from counter_app.services import settings

    code = mix.codes["d1"]
    supervision.issue_apology(db, boss, code, ApologyForm("Phòng Tư pháp", "Chờ xác minh", at(6, 5, 10)),
                              now=NOW, print_letter=False)
    with pytest.raises(ValidationError, match="đã được gia hạn 1 lần; chỉ được gia hạn tối đa 1 lần"):
        supervision.issue_apology(db, boss, code, ApologyForm("Phòng Tư pháp", "Chờ xác minh", at(8, 5, 10)),
                                  now=NOW, print_letter=False)
    with db.write() as s:
        settings.put(s, supervision.MAX_EXTENSIONS_KEY, 2)
    second = supervision.issue_apology(db, boss, code, ApologyForm("Phòng Tư pháp", "Chờ xác minh", at(8, 5, 10)),
                                       now=NOW)
    assert "Mẫu số 04" in pdf_text(second.pdf_path)


def test_apology_after_the_due_moment_needs_the_supervisors_approval_and_is_flagged_late(db, mix, boss):
    code = mix.codes["d8"]  # due 29/4 14:00, now 16:30
    form = ApologyForm("Phòng Tư pháp", "Hồ sơ chuyển nhầm đơn vị", at(5, 5, 17))
    with pytest.raises(ValidationError) as err:  # form 04 comes before the due moment
        supervision.issue_apology(db, boss, code, form, now=NOW, print_letter=False)
    assert err.value.field == "late_approved"
    assert "phải ban hành trước thời điểm hẹn trả (14:00 ngày 29/04/2026)" in err.value.message
    assert stats.dashboard(db, date(2026, 4, 29), now=NOW).apologies == 1  # nothing written
    result = supervision.issue_apology(db, boss, code, replace(form, late_approved=True), now=NOW,
                                       print_letter=False)
    assert result.issued_late and result.pdf_path is None
    with db.read() as s:
        audit = s.execute(select(AuditEvent).where(AuditEvent.action == "dossier.apology_issued")
                          .order_by(AuditEvent.id.desc())).scalars().first()
        assert json.loads(audit.details)["late_approved"] is True
    s = stats.dashboard(db, date(2026, 4, 29), now=NOW)
    assert (s.apologies, s.apologies_late) == (2, 2)
    assert s.unfinished.overdue == 1  # d8 is back within its (new) deadline; d7 still overdue


@pytest.mark.parametrize(("key", "due", "new_due", "message"), [
    ("d1", at(4, 5, 8), at(4, 5, 7, 0), "phải sau thời điểm hẹn trả hiện tại (08:00 ngày 04/05/2026)"),
    ("d1", at(4, 5, 8), at(4, 5, 8, 0), "phải sau thời điểm hẹn trả hiện tại (08:00 ngày 04/05/2026)"),
    ("d8", at(29, 4, 14), at(30, 4, 9), "Ngày 30/04/2026 là ngày nghỉ (Ngày Chiến thắng)"),
    ("d8", at(29, 4, 14), at(1, 5, 9), "Ngày 01/05/2026 là ngày nghỉ (Ngày Quốc tế Lao động)"),
    ("d1", at(4, 5, 8), at(10, 5, 9), "Ngày 10/05/2026 là ngày nghỉ (Chủ nhật)"),
    ("d1", at(4, 5, 8), at(5, 5, 18), "18:00 ngoài giờ làm việc của ngày 05/05/2026 (07:00–11:30, 13:30–17:00)"),
    ("d1", at(4, 5, 8), at(5, 5, 12), "12:00 ngoài giờ làm việc"),
])
def test_apology_date_validation(db, mix, boss, key, due, new_due, message):
    code = mix.codes[key]
    before = count(db, Apology)
    with pytest.raises(ValidationError) as err:
        supervision.issue_apology(db, boss, code, ApologyForm("Phòng Tư pháp", "Chờ xác minh", new_due), now=NOW)
    assert message in err.value.message
    assert err.value.field == "new_due_at"
    assert count(db, Apology) == before and dossier(db, code).due_at == due


def test_apology_on_a_tet_day_names_the_holiday(db, boss):
    from tests.helpers import make_dossier

    with db.write() as s:
        code = make_dossier(s, received_at=datetime(2026, 2, 12, 9)).code  # due Fri 13/2 09:00
    with pytest.raises(ValidationError, match="17/02/2026 là ngày nghỉ \\(Tết Nguyên Đán\\)"):
        supervision.issue_apology(db, boss, code, ApologyForm("UBND xã", "Chờ ký", datetime(2026, 2, 17, 9)),
                                  now=datetime(2026, 2, 13, 8))
    result = supervision.issue_apology(db, boss, code, ApologyForm("UBND xã", "Chờ ký", datetime(2026, 2, 23, 17)),
                                       now=datetime(2026, 2, 13, 8), print_letter=False)
    assert result.new_due_at == datetime(2026, 2, 23, 17)  # the period end is a working moment


def test_apology_needs_reason_agency_and_an_open_dossier(db, mix, boss):
    with pytest.raises(ValidationError) as err:
        supervision.issue_apology(db, boss, mix.codes["d1"], ApologyForm("", "Chờ xác minh", at(6, 5, 9)), now=NOW)
    assert err.value.field == "late_agency"
    with pytest.raises(ValidationError) as err:
        supervision.issue_apology(db, boss, mix.codes["d1"], ApologyForm("Phòng", " ", at(6, 5, 9)), now=NOW)
    assert err.value.field == "reason"
    with pytest.raises(ValidationError, match="tạm dừng tính thời gian"):  # d9: supplement pending
        supervision.issue_apology(db, boss, mix.codes["d9"], ApologyForm("Phòng", "Chờ xác minh", at(6, 5, 9)),
                                  now=NOW)
    with pytest.raises(ValidationError, match="Đã trả kết quả"):
        supervision.issue_apology(db, boss, mix.codes["d4"], ApologyForm("Phòng", "Chờ xác minh", at(6, 5, 9)),
                                  now=NOW)


def test_a_reception_officer_cannot_approve_an_apology_or_stop_a_dossier(db, mix):
    clerk = login(db, RECEPTION_ONLY)
    with pytest.raises(PermissionDeniedError, match="Chỉ lãnh đạo"):
        supervision.issue_apology(db, clerk, mix.codes["d1"], ApologyForm("Phòng", "Chờ xác minh", at(6, 5, 9)),
                                  now=NOW)
    with pytest.raises(PermissionDeniedError, match="Chỉ lãnh đạo"):
        supervision.stop_processing(db, clerk, mix.codes["d1"], "Không đủ điều kiện", now=NOW)
    assert count(db, Apology) == 2 and dossier(db, mix.codes["d1"]).status == S.PROCESSING


def test_stop_processing_prints_form_05_and_audits_the_reason(db, mix, boss):
    code = mix.codes["d2"]
    result = supervision.stop_processing(db, boss, code, "Người nộp không bổ sung hồ sơ theo yêu cầu", now=NOW)
    d = dossier(db, code)
    assert (d.status, d.status_changed_at) == (S.STOPPED, NOW)
    with db.read() as s:
        event = s.execute(select(AuditEvent).where(AuditEvent.action == "dossier.status_changed",
                                                   AuditEvent.entity_key == code)).scalar_one()
    details = json.loads(event.details)
    assert (details["from"], details["to"], details["reason"], event.actor) == (
        2, 8, "Người nộp không bổ sung hồ sơ theo yêu cầu", "Phạm Thị Lan")
    text = pdf_text(result.pdf_path)
    for expected in ("THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", code, "Người nộp không bổ sung hồ sơ theo yêu cầu",
                     "LÃNH ĐẠO CƠ QUAN", "Phạm Thị Lan", "Mẫu số 05"):
        assert expected in text, expected
    assert stats.dashboard(db, date(2026, 4, 29), now=NOW).stopped == 2
    with pytest.raises(IllegalTransitionError):
        supervision.stop_processing(db, boss, code, "Dừng lần nữa cho chắc", now=NOW)
    with pytest.raises(ValidationError) as err:
        supervision.stop_processing(db, boss, mix.codes["d1"], "sai", now=NOW)
    assert err.value.field == "reason"


def test_withdrawal_at_the_applicants_request(db, mix):
    desk_officer = login(db, OFFICER_B)
    code = mix.codes["d16"]
    result = supervision.withdraw(db, desk_officer, code, "Người nộp đề nghị rút hồ sơ để bổ sung giấy tờ", now=NOW)
    assert (result.status, dossier(db, code).status) == (7, S.WITHDRAWN)
    text = pdf_text(result.pdf_path)
    assert "Rút hồ sơ theo đề nghị của người nộp" in text and "Lê Văn Hùng" in text
    assert "CÁN BỘ TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in text
    s = stats.dashboard(db, date(2026, 4, 29), now=NOW)
    assert (s.withdrawn, s.unfinished.total) == (2, 9)
    with db.read() as session:
        kinds = session.execute(select(OutboxEvent.kind).where(OutboxEvent.entity_key == code)).scalars().all()
    assert kinds[-1] == "dossier.status_changed"
