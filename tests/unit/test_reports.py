"""`counter-app report …` and the exports: the JSON, the XLSX cells and the PDFs carry the same
numbers as the dashboard (tests/supervision_data.py; hand-worked numbers in test_stats.py)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pypdf

from counter_app.services import reports, stats
from tests.helpers import CliResult, run_desk_cli
from tests.supervision_data import NOW

D = "2026-04-29"

# The counters of 29/4 seen with the real clock: the unfinished snapshot is at 30/4 00:00
# (threshold Tue 5/5 07:00), so d16 (due 4/5 16:45) is due soon as well as d1 d14 d15.
EXPECTED = {
    "received.total": 7, "received.by_channel.direct": 5, "received.by_channel.online": 1,
    "received.by_channel.post": 1, "supplement_notices.total": 2, "supplement_notices.second_pass": 1,
    "refusals": 1, "returned.total": 3, "returned.early": 1, "returned.on_time": 1, "returned.late": 1,
    "resolved.total": 4, "resolved.early": 0, "resolved.on_time": 2, "resolved.late": 2, "withdrawn": 1,
    "stopped": 1, "apologies.total": 1, "apologies.late": 1, "unfinished.total": 10,
    "unfinished.within_deadline": 8, "unfinished.due_soon": 4, "unfinished.paused": 1, "unfinished.overdue": 2,
}


def run_cli(*args: str) -> CliResult:
    """The command line; the working directory is the test's (default output files land there)."""
    db_path = Path(args[args.index("--db") + 1])
    return run_desk_cli(*args, cwd=db_path.parent)


def lookup(data: dict, key: str):  # noqa: ANN201
    for part in key.split("."):
        data = data[part]
    return data


def test_report_daily_json_has_the_dashboard_numbers(db, db_path, mix):
    result = run_cli("report", "daily", "--date", D, "--format", "json", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {key: lookup(data, key) for key in EXPECTED} == EXPECTED
    assert (data["from"], data["to"], data["as_of"]) == (D, D, "2026-04-30 00:00")
    assert {r["name"]: (r["received"], r["unfinished"], r["due_soon"], r["overdue"]) for r in data["by_desk"]} == {
        "Quầy số 1": (3, 6, 2, 1), "Quầy số 2": (4, 4, 2, 1)}
    assert data["watch"]["overdue_total"] == 9
    assert data["watch"]["second_pass_supplements"][0]["approved_by"] == "Phạm Thị Lan"
    # the same function as the dashboard: identical apart from the moment it was computed
    mine = stats.dashboard(db, date(2026, 4, 29)).to_json()
    for doc in (data, mine):
        doc.pop("generated_at")
        for item in doc["watch"]["overdue"] + doc["watch"]["due_soon_without_apology"]:
            item.pop("working_hours")
    assert data == mine


def test_report_daily_xlsx_cells(db, db_path, mix, tmp_path):
    out = tmp_path / "ngay.xlsx"
    result = run_cli("report", "daily", "--date", D, "--format", "xlsx", "--out", str(out), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Đã lưu: {out}"
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Chỉ số", "Theo quầy", "Theo cán bộ", "Theo thủ tục", "Theo lĩnh vực", "Báo cáo",
                             "Sổ theo dõi hồ sơ"]
    ws = wb["Chỉ số"]
    assert ws["A1"].value == "Số liệu tiếp nhận và giải quyết hồ sơ — Ngày 29/04/2026"
    assert [c.value for c in ws[5]] == ["Chỉ số", "Số hồ sơ", "Mã chỉ số"]
    assert all(c.font.bold for c in ws[5]) and ws.freeze_panes == "A6"
    assert ws.column_dimensions["A"].width >= 50
    values = {row[2]: row[1] for row in ws.iter_rows(min_row=6, values_only=True)}
    assert {key: values[key] for key in EXPECTED} == EXPECTED
    assert ws["A6"].value == "Hồ sơ tiếp nhận" and ws["A6"].font.bold
    desks = {row[0]: row[1:] for row in wb["Theo quầy"].iter_rows(min_row=6, values_only=True)}
    assert desks == {"Quầy số 1": (3, 1, 1, 1, 0, 6, 2, 1), "Quầy số 2": (4, 1, 0, 2, 1, 4, 2, 1)}
    report = wb["Báo cáo"]
    assert report.freeze_panes == "A6"
    total = [c.value for c in report[6]]
    # carried over at 29/4 00:00: d6 d7 d8 d9 d10 d11 d12 d13 d18 (open then) = 9; received 7
    assert total[2:] == ["Tổng cộng", 9, 7, 16, 0, 2, 2, 4, 2, 8, 2, 10]
    book = wb["Sổ theo dõi hồ sơ"]
    codes = [row[1] for row in book.iter_rows(min_row=6, values_only=True)]
    assert codes == [mix.codes[k] for k in ("d1", "d2", "d3", "d4", "d15", "d16", "d14")]
    first = [c.value for c in book[6]]
    assert first[8].strftime("%d/%m/%Y %H:%M") == "29/04/2026 08:00"
    assert book.cell(row=6, column=9).number_format == "dd/mm/yyyy hh:mm"
    assert book.cell(row=5, column=8).value == "Cơ quan chủ trì giải quyết"


def test_report_daily_pdf(db_path, mix, tmp_path):
    out = tmp_path / "ngay.pdf"
    result = run_cli("report", "daily", "--date", D, "--format", "pdf", "--out", str(out), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    reader = pypdf.PdfReader(str(out))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # A4 landscape
    text = page.extract_text()
    for expected in ("BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ", "Ngày 29/04/2026",
                     "Hồ sơ tiếp nhận: 7 (trực tiếp 5, trực tuyến 1, bưu chính 1)",
                     "Đã trả kết quả: 3 (trước hạn 1, đúng hạn 1, quá hạn 1)", "Lĩnh vực Hộ tịch",
                     "1.001193 — Thủ tục đăng ký khai sinh"):
        assert expected in text, expected


def test_tracking_book_pdf_and_xlsx(db, db_path, mix, tmp_path):
    pdf = tmp_path / "so.pdf"
    result = run_cli("report", "book", "--from", "2026-04-20", "--to", D, "--format", "pdf", "--out", str(pdf),
                     "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert page.mediabox.width > page.mediabox.height
        assert "Mã hồ sơ" in page.extract_text()  # the header rows repeat on every page
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Từ ngày 20/04/2026 đến ngày 29/04/2026" in text
    assert "Mẫu số 07" in text and "Gia hạn đến" in text and "Rút hồ sơ" in text
    xlsx = reports.export_tracking_book(db, date(2026, 4, 20), date(2026, 4, 29), "xlsx", tmp_path / "so.xlsx")
    ws = openpyxl.load_workbook(xlsx).active
    assert ws.title == "Sổ theo dõi hồ sơ" and ws.freeze_panes == "A6"
    assert [c.value for c in ws[5]][:4] == ["TT", "Mã hồ sơ", "Nội dung yêu cầu giải quyết", "Số bộ"]
    rows = list(ws.iter_rows(min_row=6, values_only=True))
    assert len(rows) == 17  # all but d17 (15/4)
    assert rows[0][1] == mix.codes["d5"] and rows[0][4] == "Nguyễn Văn Số 5"
    assert rows[0][12].strftime("%d/%m/%Y %H:%M") == "29/04/2026 08:15"  # returned
    # the lead agency (cơ quan chủ trì): the first hand-off's, else the catalog's first agency
    assert "Ủy ban nhân dân cấp xã" in {r[7] for r in rows}


def test_period_report_xlsx_matches_the_hand_count(db, mix, tmp_path):
    path = reports.export_period_report(db, date(2026, 4, 22), date(2026, 4, 29), "xlsx", tmp_path / "ky.xlsx",
                                        now=NOW)
    ws = openpyxl.load_workbook(path).active
    rows = [r for r in ws.iter_rows(min_row=6, values_only=True)]
    by_name = {r[2]: r[3:] for r in rows}
    #                     carried new total early on_time late resolved closed within overdue unfinished
    assert by_name["Tổng cộng"] == (2, 15, 17, 1, 2, 2, 5, 2, 8, 2, 10)
    assert by_name["Lĩnh vực Hộ tịch"] == (2, 9, 11, 1, 0, 1, 2, 1, 6, 2, 8)
    assert by_name["Thủ tục đăng ký khai sinh"] == (0, 6, 6, 0, 0, 0, 0, 1, 3, 2, 5)
    assert ws["C5"].font.bold and ws.column_dimensions["C"].width == 60


def test_report_cli_errors(db_path, mix):
    result = run_cli("report", "daily", "--date", "29/04/2026", "--db", str(db_path))
    assert result.returncode == 1 and "Ngày «29/04/2026» không đúng dạng YYYY-MM-DD." in result.stderr
    result = run_cli("report", "daily", "--date", D, "--format", "csv", "--db", str(db_path))
    assert result.returncode == 2
    result = run_cli("report", "period", "--from", D, "--to", "2026-04-01", "--db", str(db_path))
    assert result.returncode == 1 and "Ngày kết thúc phải từ ngày bắt đầu trở đi." in result.stderr
