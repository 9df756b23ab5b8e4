"""Fees (issue #14): catalog data per case, the amount owed, payments, receipts, voids, status 6."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from counter_app.domain import fees
from counter_app.domain.fees import FeeBasis, FeeInput, FeeItem, FeeQuantity, FeeSchedule
from counter_app.domain.money_words import amount_in_words, number_in_words
from counter_app.models import AuditEvent, ClockPause, Dossier, DossierStatus, OutboxEvent, Role
from counter_app.models.payments import Payment
from counter_app.services import catalog, org, payments, reception
from counter_app.services.applicants import ApplicantInput
from counter_app.services.errors import IllegalTransitionError, PermissionDeniedError, ValidationError
from counter_app.services.office_calendar import calendar_for
from counter_app.services.reception import DocumentCheck, IntakeForm

WHEN = datetime(2026, 11, 25, 9, 15)
APPLICANT = ApplicantInput(id_number="096185001234", name="Nguyễn Thị Ánh Tuyết", date_of_birth=date(1985, 9, 5),
                           address="ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau", phone="0912345678")

# Real-shaped catalog entries: the certification fee of Circular 226/2016/TT-BTC (2.000 đồng a page for
# pages 1-2, 1.000 đồng from page 3, at most 200.000 đồng a copy), a late birth registration with the
# Civil Status Law's exemptions, and an extract copy charged per copy.
FEE_CATALOG = {"procedures": [
    {"MATTHC": "2.000815", "TENTTHC": "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
     "LINHVUCTHUCHIEN": [{"MALINHVUC": "CT", "TENLINHVUC": "Chứng thực"}], "CAPTHUCHIEN": ["Cấp Xã"],
     "CACHTHUCTHUCHIEN": [{"KENH": "Trực tiếp", "THOIGIAN": [{
         "THOIGIANGIAIQUYET": 1, "DONVITINH": "Ngày làm việc",
         "PHILEPHI": [{"MAPHILEPHI": "LP1", "SOTIEN": "2.000 đồng/trang", "TUTRANG": 3, "SOTIENTUTRANG": 1000,
                       "TOIDA": "200.000", "MOTA": "Phí chứng thực bản sao từ bản chính: 2.000 đồng/trang"}]}]}],
     "THANHPHANHOSO": [{"GIAYTO": [{"TENGIAYTO": "Bản chính giấy tờ làm cơ sở chứng thực", "SOBANCHINH": 1}]}]},
    {"MATTHC": "1.001195", "TENTTHC": "Thủ tục đăng ký khai sinh quá hạn",
     "LINHVUCTHUCHIEN": [{"MALINHVUC": "HT", "TENLINHVUC": "Hộ tịch"}], "CAPTHUCHIEN": ["Cấp Xã"],
     "CACHTHUCTHUCHIEN": [{"KENH": "Trực tiếp", "THOIGIAN": [{
         "THOIGIANGIAIQUYET": 3, "DONVITINH": "Ngày làm việc",
         "PHILEPHI": [{"MAPHILEPHI": "LP2", "SOTIEN": 8000, "MOTA": "Lệ phí đăng ký khai sinh quá hạn"},
                      {"MAPHILEPHI": "LP3", "SOTIEN": "3.000 đồng/bản", "MOTA": "Phí cấp bản sao trích lục"}],
         "MIENGIAM": [{"MAMIENGIAM": "HN", "DOITUONG": "Người thuộc hộ nghèo",
                       "CANCU": "Khoản 1 Điều 11 Luật Hộ tịch", "PHILEPHI": ["LP2"]},
                      {"MAMIENGIAM": "NCC", "DOITUONG": "Người thuộc gia đình có công với cách mạng",
                       "CANCU": "Khoản 1 Điều 11 Luật Hộ tịch"}]}]}],
     "THANHPHANHOSO": [{"GIAYTO": [{"TENGIAYTO": "Tờ khai đăng ký khai sinh", "SOBANCHINH": 1}]}]},
]}


def pdf_pages_text(path: Path) -> list[str]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


@pytest.fixture
def fee_db(db, tmp_path: Path):
    path = tmp_path / "fees.json"
    path.write_text(json.dumps(FEE_CATALOG, ensure_ascii=False), encoding="utf-8")
    catalog.import_file(db, path)
    return db


def case_of(db, code: str):  # noqa: ANN001, ANN201
    with db.read() as s:
        return catalog.get_detail(s, code=code).cases[0]


def receive(db, ctx, code: str, fee_input: FeeInput | None = None, now: datetime = WHEN):  # noqa: ANN001, ANN201
    case = case_of(db, code)
    checks = tuple(DocumentCheck(d.id, reception.DocumentDecision.PROVIDED, "", d.originals) for d in case.documents)
    return reception.receive(db, ctx, IntakeForm(case.id, APPLICANT, checks, fees=fee_input), now=now)


# --------------------------------------------------------------------------- the rule


def test_catalog_entries_become_schedules(fee_db):
    cert = payments.case_schedule(fee_db, case_of(fee_db, "2.000815").id)
    assert cert.items == (FeeItem("LP1", "Phí chứng thực bản sao từ bản chính", 2000, FeeBasis.PER_PAGE, 3, 1000,
                                  200_000),)
    late = payments.case_schedule(fee_db, case_of(fee_db, "1.001195").id)
    assert [(i.code, i.amount, i.basis) for i in late.items] == [("LP2", 8000, FeeBasis.FIXED),
                                                                 ("LP3", 3000, FeeBasis.PER_COPY)]
    assert [(e.code, e.items) for e in late.exemptions] == [("HN", ("LP2",)), ("NCC", ())]
    assert late.exemptions[0].legal_basis == "Khoản 1 Điều 11 Luật Hộ tịch"


@pytest.mark.parametrize(("pages", "copies", "expected"), [
    (1, 1, 2000), (2, 1, 4000), (3, 1, 5000), (10, 3, 3 * 12_000),
    (500, 1, 200_000), (500, 2, 400_000),  # the cap is per copy
])
def test_per_page_fee_with_tier_and_cap(fee_db, pages, copies, expected):
    schedule = payments.case_schedule(fee_db, case_of(fee_db, "2.000815").id)
    q = fees.compute(schedule, FeeInput({"LP1": FeeQuantity(copies=copies, pages=pages)}))
    assert q.total == expected
    assert isinstance(q.total, int)


def test_fixed_per_copy_and_exemptions(fee_db):
    schedule = payments.case_schedule(fee_db, case_of(fee_db, "1.001195").id)
    assert fees.compute(schedule).total == 8000 + 3000
    assert fees.compute(schedule, FeeInput({"LP3": FeeQuantity(copies=4)})).total == 8000 + 12_000
    poor = fees.compute(schedule, FeeInput({"LP3": FeeQuantity(copies=2)}, "HN"))
    assert (poor.total, poor.charged) == (6000, 14_000)  # only the registration fee is waived
    assert fees.compute(schedule, FeeInput({"LP3": FeeQuantity(copies=2)}, "NCC")).total == 0
    with pytest.raises(fees.FeeError, match="không có trong danh mục"):
        fees.compute(schedule, FeeInput({}, "TUY_Y"))
    with pytest.raises(fees.FeeError, match="Số bản") as err:
        fees.compute(schedule, FeeInput({"LP3": FeeQuantity(copies=0)}))
    assert err.value.field == "fee_copies:LP3"


def test_schedule_round_trips_and_bad_catalog_rows_are_refused():
    schedule = FeeSchedule((FeeItem("A", "Phí", 2000, FeeBasis.PER_PAGE, 3, 1000, 200_000),),
                           (fees.Exemption("X", "Trẻ em", "Điều 5", ("A",)),))
    assert FeeSchedule.from_json(schedule.to_json()) == schedule
    bad = json.loads(json.dumps(FEE_CATALOG))
    bad["procedures"][1]["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["MIENGIAM"][0]["PHILEPHI"] = ["LP9"]
    with pytest.raises(catalog.CatalogImportError, match=r"MIENGIAM\[0\]\.PHILEPHI"):
        catalog.parse_catalog(bad)
    bad = json.loads(json.dumps(FEE_CATALOG))
    bad["procedures"][0]["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["PHILEPHI"][0]["CACHTINH"] = "Theo cân"
    with pytest.raises(catalog.CatalogImportError, match="CACHTINH"):
        catalog.parse_catalog(bad)


# --------------------------------------------------------------------------- amount in words


@pytest.mark.parametrize(("amount", "words"), [
    (0, "Không đồng"),
    (2000, "Hai nghìn đồng"),
    (1_000_000, "Một triệu đồng"),
    (15_500, "Mười lăm nghìn năm trăm đồng"),
    (105, "Một trăm linh năm đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (11, "Mười một đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (200_000, "Hai trăm nghìn đồng"),
    (1_500_000_000, "Một tỷ năm trăm triệu đồng"),
    (10**12, "Một nghìn tỷ đồng"),
])
def test_amount_in_words_known_values(amount, words):
    assert amount_in_words(amount) == words


_UNITS = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6,
          "bảy": 7, "tám": 8, "chín": 9}


def _read_back(text: str) -> int:
    """An independent reader of the words (groups, scales), to check the writer round-trips."""
    words = text.lower().removesuffix(" đồng").split()
    total = group = 0
    digit = None
    pending_tens = False
    for w in words:
        if w in _UNITS:
            digit = _UNITS[w]
            if pending_tens:
                group += digit
                digit, pending_tens = None, False
        elif w == "trăm":
            group += (digit or 0) * 100
            digit = None
        elif w == "mươi":
            group += (digit or 0) * 10
            digit, pending_tens = None, True
        elif w == "mười":
            group += 10
            pending_tens = True
        elif w == "linh":
            pending_tens = True
        elif w in ("nghìn", "triệu", "tỷ"):
            group += digit or 0
            digit, pending_tens = None, False
            scale = {"nghìn": 1000, "triệu": 10**6, "tỷ": 10**9}[w]
            if w == "tỷ" and total and total < 1000 and not group:  # "… nghìn tỷ"
                total *= 10**9
            elif w == "tỷ" and group == 0:
                total *= 10**9
            else:
                total += group * scale
            group = 0
        else:
            raise AssertionError(f"unknown word {w!r} in {text!r}")
    return total + group + (digit or 0)


@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_amount_in_words_reads_back(amount):
    text = amount_in_words(amount)
    assert text.endswith(" đồng") and text[0].isupper() and "  " not in text
    assert _read_back(text) == amount
    # tens digit rules: never "mươi một"/"mươi năm", never "mười năm"
    assert "mươi một" not in text and "mươi năm" not in text and "mười năm" not in text


def test_amount_in_words_refuses_what_is_not_an_amount():
    for bad in (-1, 10**12 + 1, 1.5, True):
        with pytest.raises(ValueError):
            number_in_words(bad)  # type: ignore[arg-type]  # the wrong types on purpose


# --------------------------------------------------------------------------- receipt and payment


def test_reception_computes_stores_and_prints_the_fee(fee_db, desk_context, tmp_path):
    from counter_app.services import documents

    result = receive(fee_db, desk_context, "2.000815", FeeInput({"LP1": FeeQuantity(copies=2, pages=3)}))
    assert result.fee_due == 10_000
    with fee_db.read() as s:
        d = s.execute(select(Dossier).where(Dossier.code == result.dossier_code)).scalar_one()
        assert (d.fee_due, json.loads(d.fee_detail)["lines"][0]["amount"]) == (10_000, 10_000)
    pdf = documents.write_receipt(fee_db, result.dossier_code, tmp_path / "01.pdf")
    pages = pdf_pages_text(pdf)
    assert len(pages) == 2  # one A4 page per copy
    for page in pages:
        assert "Phí, lệ phí" in page and "10.000 đồng" in page and "2 bản × 3 trang" in page


def test_exemption_printed_with_its_legal_basis(fee_db, desk_context, tmp_path):
    from counter_app.services import documents

    result = receive(fee_db, desk_context, "1.001195", FeeInput({}, "NCC"))
    assert result.fee_due == 0
    text = pdf_pages_text(documents.write_receipt(fee_db, result.dossier_code, tmp_path / "01.pdf"))[0]
    assert "Miễn: Người thuộc gia đình có công với cách mạng" in " ".join(text.split())
    with pytest.raises(ValidationError) as err:
        receive(fee_db, desk_context, "1.001195", FeeInput({"LP3": FeeQuantity(copies=1000)}))
    assert err.value.field == "fee_copies:LP3"


def test_payment_receipt_rendered_and_read_back(fee_db, desk_context, tmp_path):
    import zxingcpp
    from pypdfium2 import PdfDocument

    result = receive(fee_db, desk_context, "1.001195", FeeInput({"LP3": FeeQuantity(copies=2)}, "HN"))
    paid = payments.record_payment(fee_db, desk_context, result.dossier_code, method="transfer",
                                   reference="FT26335123456", now=WHEN + timedelta(minutes=5))
    assert (paid.amount, paid.outstanding) == (6000, 0)
    with fee_db.read() as s:  # the national record's DanhSachLePhi (issue #15 reads Dossier.fee_lines)
        d = s.execute(select(Dossier).where(Dossier.code == result.dossier_code)).scalar_one()
        assert d.fee_lines == [
            {"MaPhiLePhi": "LP2", "TenPhiLePhi": "Lệ phí đăng ký khai sinh quá hạn", "SoTien": 0,
             "HinhThucThu": "Chuyển khoản", "DaNop": True},
            {"MaPhiLePhi": "LP3", "TenPhiLePhi": "Phí cấp bản sao trích lục", "SoTien": 6000,
             "HinhThucThu": "Chuyển khoản", "DaNop": True}]
    pdf = payments.write_receipt(fee_db, paid.number, tmp_path / "bl.pdf")
    pages = pdf_pages_text(pdf)
    assert len(pages) == 2
    flat = " ".join(pages[1].split())
    for expected in ("BIÊN LAI THU PHÍ, LỆ PHÍ", "6.000 đồng", "Sáu nghìn đồng", "Nguyễn Thị Ánh Tuyết",
                     result.dossier_code, "Chuyển khoản", "FT26335123456", "Liên 2: Giao người nộp tiền",
                     "Người thuộc hộ nghèo"):
        assert expected in flat, expected
    bitmap = PdfDocument(str(pdf))[0].render(scale=3).to_pil()
    decoded = {r.text for r in zxingcpp.read_barcodes(bitmap)}
    assert paid.number in decoded


@pytest.mark.parametrize("amount", [0, 2000, 1_000_000, 15_500])
def test_receipt_amount_in_words_for_the_issue_values(tmp_path, amount):
    from counter_app.printing.data import AgencyInfo
    from counter_app.printing.fees_data import PaymentReceiptData
    from counter_app.printing.payment_receipt import render_payment_receipt

    data = PaymentReceiptData(
        AgencyInfo("ỦY BAN NHÂN DÂN XÃ TÂN THÀNH", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "000.00.01.H12", "Tân Thành"),
        "BL-000.00.01.H12-261125-1001", "Tân Thành, ngày 25 tháng 11 năm 2026", "000.00.01.H12-261125-1001",
        "Chứng thực bản sao", "2.000815", "Trần Văn Đức", "096085001234", (("Phí chứng thực", amount),), amount,
        amount_in_words(amount), "Tiền mặt", "", WHEN, "Lê Thị Cán Bộ")
    render_payment_receipt(data, tmp_path / "r.pdf")
    flat = " ".join(pdf_pages_text(tmp_path / "r.pdf")[0].split())
    assert amount_in_words(amount) in flat
    assert f"{fees.money_text(amount)}" in flat


def test_payment_input_refused_at_its_field(fee_db, desk_context):
    code = receive(fee_db, desk_context, "1.001195").dossier_code
    for kwargs, field in [({"method": "cheque"}, "method"), ({"method": "online"}, "reference"),
                          ({"method": "cash", "amount": 0}, "amount"), ({"method": "cash", "amount": 99_999}, "amount")]:
        with pytest.raises(ValidationError) as err:
            payments.record_payment(fee_db, desk_context, code, **kwargs)
        assert err.value.field == field
    with fee_db.read() as s:
        assert s.execute(select(Payment)).first() is None


def test_void_needs_a_supervisor_and_a_reason_and_is_audited_and_synced(fee_db, desk_context):
    code = receive(fee_db, desk_context, "1.001195").dossier_code
    paid = payments.record_payment(fee_db, desk_context, code, method="cash", now=WHEN)
    with pytest.raises(ValidationError):
        payments.void_payment(fee_db, desk_context, paid.number, username="demo", password="demo", reason=" ")
    with fee_db.write() as s:
        from counter_app.models import Unit

        org.create_officer(s, s.execute(select(Unit)).scalars().first(), username="clerk", full_name="Phạm Văn Thu", password="secret-1",
                           roles={Role.RECEPTION})
    with pytest.raises(PermissionDeniedError):
        payments.void_payment(fee_db, desk_context, paid.number, username="clerk", password="secret-1",
                              reason="Thu nhầm")
    payments.void_payment(fee_db, desk_context, paid.number, username="demo", password="demo",
                          reason="Thu nhầm số tiền", now=WHEN + timedelta(minutes=1))
    info = payments.dossier_fees(fee_db, code)
    assert (info.paid, info.outstanding, info.payments[0].void_reason) == (0, 11_000, "Thu nhầm số tiền")
    with fee_db.read() as s:
        actions = [a for (a,) in s.execute(select(AuditEvent.action).where(AuditEvent.entity_key == code))]
        kinds = [k for (k,) in s.execute(select(OutboxEvent.kind).where(OutboxEvent.entity_key == code))]
    assert actions.count("payment.voided") == 1 and kinds.count("payment.voided") == 1
    with pytest.raises(ValidationError, match="đã bị hủy"):
        payments.void_payment(fee_db, desk_context, paid.number, username="demo", password="demo", reason="Lần hai")


def test_status_6_pauses_the_clock_and_payment_moves_due_by_the_paused_working_time(fee_db, desk_context):
    result = receive(fee_db, desk_context, "1.001195")  # 3 working days from Wed 25/11 09:15
    assert result.due_at == datetime(2026, 11, 30, 9, 15)
    payments.await_payment(fee_db, desk_context, result.dossier_code, now=datetime(2026, 11, 25, 10, 0))
    with fee_db.read() as s:
        d = s.execute(select(Dossier).where(Dossier.code == result.dossier_code)).scalar_one()
        assert (d.status, d.due_at) == (DossierStatus.AWAITING_PAYMENT, None)
        assert [(p.kind, p.ended_at) for p in s.execute(select(ClockPause)).scalars()] == [("payment", None)]
    paid_at = datetime(2026, 11, 26, 15, 0)  # Thursday afternoon
    paid = payments.record_payment(fee_db, desk_context, result.dossier_code, method="cash", now=paid_at)
    with fee_db.read() as s:
        cal = calendar_for(s)
        paused = cal.working_time_between(datetime(2026, 11, 25, 10, 0), paid_at)
        d = s.execute(select(Dossier).where(Dossier.code == result.dossier_code)).scalar_one()
        assert d.status == DossierStatus.PROCESSING
        assert d.due_at == paid.resumed_due
        assert cal.add_working_time(result.due_at, paused) == d.due_at
        # by hand: Wed 10:00-11:30, 13:30-17:00 and Thu 07:00-11:30, 13:30-15:00 = 11 working hours;
        # Mon 30/11 09:15 + 11 h = Mon 11:30 (2.25) + 17:00 (3.5) + Tue 11:30 (4.5) + 0.75 h = Tue 14:15
        assert paused == timedelta(hours=11)
        assert d.due_at == datetime(2026, 12, 1, 14, 15)
    with pytest.raises(IllegalTransitionError, match="đã ở trạng thái chờ"):  # 4 -> 6 is allowed; 6 -> 6 not
        payments.await_payment(fee_db, desk_context, result.dossier_code, now=paid_at)
        payments.await_payment(fee_db, desk_context, result.dossier_code, now=paid_at)


def test_cash_report_totals_are_the_sum_of_the_rows_voids_excluded(fee_db, desk_context, tmp_path):
    from openpyxl import load_workbook

    day = WHEN.date()
    amounts = []
    for i, (method, ref) in enumerate([("cash", ""), ("transfer", "FT1"), ("online", "PAYGOV-77"), ("cash", "")]):
        code = receive(fee_db, desk_context, "1.001195", FeeInput({"LP3": FeeQuantity(copies=i + 1)})).dossier_code
        paid = payments.record_payment(fee_db, desk_context, code, method=method, reference=ref,
                                       now=WHEN + timedelta(minutes=i))
        amounts.append((paid.number, method, paid.amount))
    payments.void_payment(fee_db, desk_context, amounts[3][0], username="demo", password="demo", reason="Thu nhầm",
                          now=WHEN + timedelta(hours=1))
    data = json.loads(payments.export_cash(fee_db, day, "json"))
    kept = [a for a in amounts if a[0] != amounts[3][0]]
    assert data["total"] == sum(a for _, _, a in kept) == sum(r["amount"] for r in data["receipts"] if not r["voided"])
    assert data["by_method"] == {"cash": amounts[0][2], "transfer": amounts[1][2], "online": amounts[2][2]}
    assert [r["voided"] for r in data["receipts"]] == [False, False, False, True]
    assert all(isinstance(r["amount"], int) for r in data["receipts"])
    xlsx = payments.export_cash(fee_db, day, "xlsx", tmp_path / "cash.xlsx")
    ws = load_workbook(xlsx)["Tổng hợp"]
    last = [c.value for c in list(ws.iter_rows())[-1]]
    assert last[0] == "Tổng cộng" and last[-1] == data["total"] and isinstance(last[-1], int)
    pdf = payments.export_cash(fee_db, day, "pdf", tmp_path / "cash.pdf")
    flat = " ".join(" ".join(pdf_pages_text(pdf)).split())
    assert fees.money_text(data["total"]) in flat and "Biên lai đã hủy" in flat and "Thu nhầm" in flat


def test_status_6_from_the_central_stops_the_clock_through_the_same_pauses(fee_db, desk_context):
    from counter_app.sync import protocol as p
    from counter_app.sync.apply import apply_page

    result = receive(fee_db, desk_context, "1.001195")
    with fee_db.write() as s:
        applied = apply_page(s, [{"id": 1, "kind": p.CHANGE_DOSSIER_STATUS, "payload": {
            "code": result.dossier_code, "to": 6, "at": "2026-11-25 10:00:00", "note": "Chờ nộp tiền sử dụng đất"}}])
        assert applied.dossiers == 1
    with fee_db.read() as s:
        d = s.execute(select(Dossier).where(Dossier.code == result.dossier_code)).scalar_one()
        assert (d.status, d.due_at) == (DossierStatus.AWAITING_PAYMENT, None)
        assert [(pz.kind, pz.started_at, pz.ended_at) for pz in d.pauses] == [
            ("payment", datetime(2026, 11, 25, 10, 0), None)]
    paid = payments.record_payment(fee_db, desk_context, result.dossier_code, method="cash",
                                   now=datetime(2026, 11, 26, 15, 0))
    assert paid.resumed_due == datetime(2026, 12, 1, 14, 15)  # the same 11 paused working hours as above


def test_command_line_pay_void_and_cash_report(fee_db, desk_context, db_path, tmp_path, capsys, monkeypatch):
    import io

    from counter_app.cli import main

    code = receive(fee_db, desk_context, "1.001195", FeeInput({"LP3": FeeQuantity(copies=2)}),
                   now=datetime.now().replace(microsecond=0)).dossier_code
    fee_db.dispose()
    base = ["--db", str(db_path)]
    assert main(["dossier", "pay", code, "--method", "online", *base]) == 1
    assert "mã giao dịch" in capsys.readouterr().err
    assert main(["dossier", "pay", code, "--method", "cash", "--amount", "5000", "--officer", "demo",
                 "--out", str(tmp_path / "bl1.pdf"), *base]) == 0
    out = capsys.readouterr().out
    assert "Đã thu 5.000 đồng" in out and (tmp_path / "bl1.pdf").stat().st_size > 5000
    number = re.search(r"biên lai (BL-[0-9A-Z.]+-\d{6}-\d{4})", out).group(1)
    assert main(["dossier", "pay", code, "--method", "transfer", "--reference", "FT99", "--officer", "demo",
                 "--out", str(tmp_path / "bl2.pdf"), *base]) == 0
    assert "Đã thu 9.000 đồng" in capsys.readouterr().out  # 8.000 + 2 × 3.000 - 5.000
    monkeypatch.setattr("sys.stdin", io.StringIO("sai-mat-khau\n"))
    assert main(["dossier", "void-payment", number, "--reason", "Thu nhầm", "--supervisor", "demo", *base]) == 1
    assert "mật khẩu" in capsys.readouterr().err.lower()
    monkeypatch.setattr("sys.stdin", io.StringIO("demo\n"))
    assert main(["dossier", "void-payment", number, "--reason", "Thu nhầm", "--supervisor", "demo", *base]) == 0
    capsys.readouterr()
    today = datetime.now().date().isoformat()
    assert main(["report", "cash", "--date", today, *base]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["total"] == 9000 and report["by_method"]["transfer"] == 9000
    assert [r["voided"] for r in report["receipts"]] == [True, False]
    for fmt in ("pdf", "xlsx"):
        assert main(["report", "cash", "--date", today, "--format", fmt, "--out", str(tmp_path / f"c.{fmt}"),
                     *base]) == 0
        assert (tmp_path / f"c.{fmt}").stat().st_size > 3000
    assert main(["report", "cash", "--date", "2026-02-30", *base]) == 1
    assert "không đúng dạng" in capsys.readouterr().err
