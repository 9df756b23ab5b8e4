"""Reception rules in the service: one complete supplement notice, second pass only with a supervisor."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from counter_app.models import (
    AuditEvent,
    CodeSequence,
    DocumentDecision,
    Dossier,
    Intake,
    IntakeOutcome,
    OutboxEvent,
    Procedure,
    ProcedureCase,
    Role,
    SupplementNotice,
)
from counter_app.services import catalog, org, reception
from counter_app.services.applicants import ApplicantInput, SubmitterInput
from counter_app.services.errors import PermissionDeniedError, ValidationError
from counter_app.services.reception import DocumentCheck, IntakeForm, Override, SecondPassRequired

# The checklist's keys 1-4 as the officer types them (I: not valid).
P, M, I, NA = (DocumentDecision.PROVIDED, DocumentDecision.MISSING, DocumentDecision.INVALID,  # noqa: E741
               DocumentDecision.NOT_APPLICABLE)
WHEN = datetime(2026, 11, 25, 9, 15)
APPLICANT = ApplicantInput(id_number="096185001234", name="Nguyễn Thị Ánh Tuyết", date_of_birth=date(1985, 9, 5),
                           address="ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau", phone="0912 345 678")


def birth_form(db, decisions, reasons=None) -> IntakeForm:  # noqa: ANN001
    with db.read() as s:
        case = catalog.get_detail(s, code="1.001193").cases[0]
    reasons = reasons or {}
    checks = tuple(
        DocumentCheck(d.id, decision, reasons.get(i, ""), d.originals, d.certified_copies, d.photocopies)
        for i, (d, decision) in enumerate(zip(case.documents, decisions, strict=True)))
    return IntakeForm(case.id, APPLICANT, checks)


def counts(db) -> dict[str, int]:
    with db.read() as s:
        return {m.__name__: s.execute(select(func.count()).select_from(m)).scalar_one()
                for m in (Dossier, Intake, SupplementNotice, AuditEvent, OutboxEvent, CodeSequence)}


def test_complete_checklist_receives_with_code_and_due(db, desk_context):
    result = reception.receive(db, desk_context, birth_form(db, [P, P, NA]), now=WHEN)
    assert result.dossier_code == "000.00.01.H12-261125-1001"
    assert result.due_at == datetime(2026, 11, 26, 9, 15)
    with db.read() as s:
        d = s.execute(select(Dossier)).scalar_one()
        assert (d.applicant.name, d.applicant.phone, d.book_number, d.book_volume) == (
            "Nguyễn Thị Ánh Tuyết", "0912345678", 1, "2026")
        assert d.intake.outcome == IntakeOutcome.RECEIVED
        assert [i.decision for i in d.intake.items] == ["provided", "provided", "not_applicable"]


def test_incomplete_checklist_gives_one_notice_listing_every_gap(db, desk_context):
    form = birth_form(db, [M, I, M], {1: "Giấy chứng sinh bị tẩy xóa"})
    with pytest.raises(ValidationError):
        reception.receive(db, desk_context, form, now=WHEN)
    result = reception.issue_supplement(db, desk_context, form, now=WHEN)
    assert result.notice_code == "000.00.01.H12-261125-BS1001"
    assert [(g.name, g.reason) for g in result.gaps] == [
        ("Tờ khai đăng ký khai sinh", "Chưa nộp giấy tờ này"),
        ("Giấy chứng sinh", "Giấy chứng sinh bị tẩy xóa"),
        ("Văn bản ủy quyền", "Chưa nộp giấy tờ này"),
    ]
    c = counts(db)
    assert (c["Dossier"], c["Intake"], c["SupplementNotice"]) == (0, 1, 1)
    with db.read() as s:
        assert s.execute(select(Intake.outcome)).scalar() == IntakeOutcome.SUPPLEMENT


def test_return_visit_reopens_and_receives(db, desk_context):
    first = reception.issue_supplement(db, desk_context, birth_form(db, [P, M, NA]), now=WHEN)
    reopened = reception.reopen(db, f"  {first.notice_code.lower()} ")
    assert [c.decision for c in reopened.form.checks] == [P, M, NA]
    assert reopened.form.applicant.name == "Nguyễn Thị Ánh Tuyết"
    form = replace(reopened.form, checks=tuple(
        replace(c, decision=P, originals=1) if c.decision == M else c for c in reopened.form.checks))
    result = reception.receive(db, desk_context, form, notice_code=first.notice_code, now=WHEN.replace(day=27))
    assert result.dossier_code.endswith("-261127-1001")
    with db.read() as s:
        assert s.execute(select(func.count()).select_from(Intake)).scalar_one() == 1  # the same intake
        notice = s.execute(select(SupplementNotice)).scalar_one()
        assert notice.resolved_at == WHEN.replace(day=27)
    with pytest.raises(ValidationError, match="đã được xử lý"):
        reception.reopen(db, first.notice_code)


def test_new_gap_on_return_needs_a_supervisor_and_is_logged(db, desk_context):
    first = reception.issue_supplement(db, desk_context, birth_form(db, [P, M, NA]), now=WHEN)
    later = birth_form(db, [M, P, NA])  # the declaration, fine last time, is now "missing"
    before = counts(db)
    with pytest.raises(SecondPassRequired) as err:
        reception.issue_supplement(db, desk_context, later, notice_code=first.notice_code)
    assert "Tờ khai đăng ký khai sinh" in err.value.message
    with pytest.raises(PermissionDeniedError, match="không đúng"):
        reception.issue_supplement(db, desk_context, later, notice_code=first.notice_code,
                                   override=Override("demo", "sai", "Tờ khai ghi sai tên cha"))
    with db.write() as s:  # a reception-only officer cannot approve either
        org.create_officer(s, org.current_desk(s).unit, username="tiepnhan", full_name="Lê Văn Hùng",
                           password="tiepnhan", roles={Role.RECEPTION})
    with pytest.raises(PermissionDeniedError, match="không có quyền lãnh đạo"):
        reception.issue_supplement(db, desk_context, later, notice_code=first.notice_code,
                                   override=Override("tiepnhan", "tiepnhan", "Tờ khai ghi sai tên cha"))
    after_refusals = counts(db)
    assert {k: after_refusals[k] for k in ("Dossier", "SupplementNotice", "CodeSequence")} == \
        {k: before[k] for k in ("Dossier", "SupplementNotice", "CodeSequence")}
    second = reception.issue_supplement(db, desk_context, later, notice_code=first.notice_code,
                                        override=Override("demo", "demo", "Tờ khai ghi sai tên cha"))
    assert second.second_pass
    with db.read() as s:
        row = s.execute(select(SupplementNotice).where(SupplementNotice.code == second.notice_code)).scalar_one()
        assert row.second_pass and row.approved_by.username == "demo"
        assert row.override_reason == "Tờ khai ghi sai tên cha"
        logged = s.execute(select(AuditEvent).where(AuditEvent.action == "supplement.second_pass_approved")).scalar_one()
        assert "Tờ khai ghi sai tên cha" in logged.details


def test_same_gaps_again_are_not_a_second_pass(db, desk_context):
    first = reception.issue_supplement(db, desk_context, birth_form(db, [P, M, NA]), now=WHEN)
    again = reception.issue_supplement(db, desk_context, birth_form(db, [P, M, NA]), notice_code=first.notice_code)
    assert not again.second_pass and again.notice_code != first.notice_code


def test_refusal_closes_the_intake_without_using_a_code(db, desk_context):
    result = reception.refuse(db, desk_context, birth_form(db, [P, P, NA]),
                              "Thủ tục không thuộc thẩm quyền của UBND xã", now=WHEN)
    with db.read() as s:
        intake = s.get(Intake, result.intake_id)
        assert intake.outcome == IntakeOutcome.REFUSED and "thẩm quyền" in intake.refusal_reason
        event = s.execute(select(OutboxEvent).where(OutboxEvent.kind == "intake.refused")).scalar_one()
        assert '"TrangThaiHoSo": 3' in event.payload
    assert counts(db)["Dossier"] == 0 and counts(db)["CodeSequence"] == 0


@pytest.mark.parametrize(
    ("change", "field", "text"),
    [
        (dict(id_number="12345"), "id_number", "12 chữ số"),
        (dict(id_number="999185001234"), "id_number", "không phải mã tỉnh"),
        (dict(id_number="096195001234"), "id_number", "không khớp với năm sinh"),  # encodes 1995
        (dict(name=""), "name", "họ và tên"),
        (dict(name="Nguyễn Văn 3"), "name", "chỉ gồm chữ cái"),
        (dict(date_of_birth=None), "date_of_birth", "ngày sinh"),
        (dict(date_of_birth=date(2099, 1, 1), id_number="096299001234"), "date_of_birth", "tương lai"),
        (dict(address="x"), "address", "địa chỉ"),
        (dict(phone="12345"), "phone", "không hợp lệ"),
        (dict(email="a@b"), "email", "email"),
    ],
)
def test_bad_applicant_input_is_rejected_at_its_field_and_writes_nothing(db, desk_context, change, field, text):
    form = birth_form(db, [P, P, NA])
    bad = replace(form, applicant=replace(form.applicant, **change))
    before = counts(db)
    with pytest.raises(ValidationError) as err:
        reception.receive(db, desk_context, bad, now=WHEN)
    assert err.value.field == field and text.lower() in err.value.message.lower()
    assert counts(db) == before


def test_every_bad_field_is_named_at_once_and_a_phone_is_not_required(db, desk_context):
    """DESIGN: a phone number is not a condition of receipt (nor of a refusal)."""
    form = birth_form(db, [P, P, NA])
    bad = replace(form, applicant=replace(form.applicant, name="Nguyễn Văn 3", address="x", phone="", email="a@b"))
    with pytest.raises(ValidationError) as err:
        reception.receive(db, desk_context, bad, now=WHEN)
    assert [e.field for e in err.value.errors] == ["name", "address", "email"]
    assert err.value.field == "name"
    no_phone = replace(form, applicant=replace(form.applicant, phone=""))
    assert reception.receive(db, desk_context, no_phone, now=WHEN).dossier_code


@pytest.mark.parametrize(
    ("decisions", "counts_override", "field_prefix", "text"),
    [
        ([P, P, None], None, "doc:", "Chưa kiểm tra"),
        ([P, NA, NA], None, "doc:", "bắt buộc"),
        ([P, I, NA], None, "doc:", "lý do"),
        ([P, P, NA], (0, 0, 0), "doc:", "số bản"),
    ],
)
def test_bad_checklist_is_rejected(db, desk_context, decisions, counts_override, field_prefix, text):
    with db.read() as s:
        case = catalog.get_detail(s, code="1.001193").cases[0]
    checks = tuple(
        DocumentCheck(d.id, dec, "", *(counts_override or (d.originals, d.certified_copies, d.photocopies)))
        for d, dec in zip(case.documents, decisions, strict=True) if dec is not None)
    before = counts(db)
    with pytest.raises(ValidationError) as err:
        reception.receive(db, desk_context, IntakeForm(case.id, APPLICANT, checks), now=WHEN)
    assert err.value.field.startswith(field_prefix) and text in err.value.message
    assert counts(db) == before


def test_returning_applicant_is_found_by_id_number(db, desk_context):
    from counter_app.services import applicants

    reception.receive(db, desk_context, birth_form(db, [P, P, NA]), now=WHEN)
    found = applicants.lookup(db, "096185001234")
    assert found.name == "Nguyễn Thị Ánh Tuyết" and found.date_of_birth == date(1985, 9, 5)
    assert applicants.lookup(db, "096185009999") is None


def test_notice_found_by_applicant_when_the_paper_is_lost(db, desk_context):
    first = reception.issue_supplement(db, desk_context, birth_form(db, [P, M, NA]), now=WHEN)
    assert reception.open_notice_for_applicant(db, "096185001234") == first.notice_code


def test_reopen_with_another_procedure_is_refused(db, desk_context):
    first = reception.issue_supplement(db, desk_context, birth_form(db, [P, M, NA]), now=WHEN)
    with db.read() as s:
        other = s.execute(select(ProcedureCase.id).join(Procedure).where(Procedure.code == "2.000908")).scalar()
        docs = catalog.get_detail(s, code="2.000908").cases[0].documents
    form = IntakeForm(other, APPLICANT, tuple(DocumentCheck(d.id, P, "", 1) for d in docs))
    with pytest.raises(ValidationError, match="giữ đúng thủ tục"):
        reception.receive(db, desk_context, form, notice_code=first.notice_code)


@pytest.mark.parametrize(
    ("submitter", "field"),
    [
        (SubmitterInput("Lê Văn 5", "096085001234", ""), "submitter_name"),
        (SubmitterInput("Lê Văn Năm", "12", ""), "submitter_id_number"),
        (SubmitterInput("Lê Văn Năm", "096085001234", "999"), "submitter_phone"),
    ],
)
def test_bad_submitter_is_rejected_at_its_field(db, desk_context, submitter, field):
    form = replace(birth_form(db, [P, P, NA]), submitter=submitter)
    before = counts(db)
    with pytest.raises(ValidationError) as err:
        reception.receive(db, desk_context, form, now=WHEN)
    assert err.value.field == field
    assert counts(db) == before


def test_sets_out_of_range_is_rejected(db, desk_context):
    with pytest.raises(ValidationError) as err:
        reception.receive(db, desk_context, replace(birth_form(db, [P, P, NA]), sets=0), now=WHEN)
    assert err.value.field == "sets"
