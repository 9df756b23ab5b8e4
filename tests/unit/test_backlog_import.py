"""Backlog import (issue #15, item 4): `counter-app dossier import FILE.xlsx`, all rows or none."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select, update

from bench.backlog_book import AGENCY, FIRST_ROW, bad_rows, write_book
from counter_app.models import AuditEvent, CodeSequence, Desk, Dossier, OutboxEvent
from counter_app.models.db import Database
from counter_app.services import backlog, org, reports, stats
from counter_app.services.errors import PermissionDeniedError, ValidationError
from tests.helpers import CliResult, make_dossier, run_desk_cli

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> CliResult:
    return run_desk_cli(*args, cwd=REPO)


def counts(db: Database) -> dict[str, int]:
    with db.read() as s:
        return {m.__name__: s.execute(select(func.count()).select_from(m)).scalar_one()
                for m in (Dossier, OutboxEvent, AuditEvent, CodeSequence)}


def test_bad_rows_refuse_the_file_then_the_corrected_file_imports_in_full(db, desk_context, tmp_path):
    n = 300
    bad = bad_rows(n)  # 1 %: 3 rows, each breaking a different rule
    book = write_book(tmp_path / "so-cu.xlsx", n, bad=bad)
    before = counts(db)
    report = backlog.import_book(db, desk_context, book, now=datetime(2026, 11, 30, 9, 0))
    assert not report.ok and report.imported == 0 and report.rows == n
    assert [r.row for r in report.refused] == [FIRST_ROW + i for i in bad]
    reasons = [r.reasons for r in report.refused]
    assert reasons[0] == ("thủ tục mã 9.999999 không có trong danh mục của quầy",)
    assert reasons[1] == ("thiếu số giấy tờ của chủ hồ sơ",)
    assert reasons[2] == ("ngày hẹn trả kết quả trước ngày nhận hồ sơ",)
    assert report.refused[0].code.startswith(AGENCY)
    assert "Không nhập hồ sơ nào: 3 trong 300 dòng" in report.summary()
    assert counts(db) == before  # all or nothing: nothing written

    fixed = write_book(tmp_path / "so-cu-da-sua.xlsx", n)
    report = backlog.import_book(db, desk_context, fixed, now=datetime(2026, 11, 30, 9, 0))
    assert report.ok and report.imported == n and report.reserved == 0
    after = counts(db)
    assert after["Dossier"] == before["Dossier"] + n and after["OutboxEvent"] == before["OutboxEvent"] + n
    with db.read() as s:
        statuses = dict(s.execute(select(Dossier.status, func.count()).where(Dossier.origin == "backlog")
                                  .group_by(Dossier.status)).tuples().all())
        first = s.execute(select(Dossier).where(Dossier.code == f"{AGENCY}-250303-1001")).scalar_one()
        assert (first.received_at, first.due_at, first.status) == (datetime(2025, 3, 3, 8, 0),
                                                                   datetime(2025, 3, 8, 8, 0), 2)
        # Imported dossiers count like the others: received on their day, returned ones as returned.
        day = stats.compute_dashboard(s, date(2025, 3, 3), now=datetime(2026, 11, 30, 9, 0))
        month = stats.compute_dashboard(s, date(2025, 3, 1), date(2025, 3, 31), now=datetime(2026, 11, 30, 9, 0))
    assert statuses == {2: 60, 4: 60, 9: 60, 10: 60, 7: 60}
    assert day.received == 150 and day.received_by_channel.get("direct") == 150
    assert month.returned.total == 60 and month.withdrawn == 60
    again = backlog.import_book(db, desk_context, fixed, now=datetime(2026, 11, 30, 9, 0))
    assert not again.ok and again.refused[0].reasons == ("mã hồ sơ đã có trên máy này",)


def test_a_book_exported_from_one_desk_imports_into_another(db, mix, db_template, tmp_path):
    """The app's own export is the template: desk 1's book goes into a fresh desk 2 (the exact command)."""
    with db.write() as s:  # the known mix writes finished dossiers without their result document
        s.execute(update(Dossier).where(Dossier.status.in_((9, 10)), Dossier.result_type == "")
                  .values(result_type="Giấy khai sinh", result_number="7/2026"))
    book = reports.export_tracking_book(db, date(2026, 4, 1), date(2026, 4, 30), "xlsx", tmp_path / "so.xlsx")
    source = [r for r in openpyxl.load_workbook(book).active.iter_rows(min_row=FIRST_ROW, values_only=True)]
    other_path = tmp_path / "quay2.sqlite"
    shutil.copyfile(db_template, other_path)
    other = Database(other_path)
    with other.write() as s:
        s.execute(update(Desk).values(number=2))
    other.dispose()
    result = run_cli("dossier", "import", str(book), "--db", str(other_path))
    assert result.returncode == 0, result.stderr
    assert f"Đã nhập {len(source)} hồ sơ" in result.stdout
    again = reports.export_tracking_book(other, date(2026, 4, 1), date(2026, 4, 30), "xlsx", tmp_path / "so2.xlsx")
    copied = list(openpyxl.load_workbook(again).active.iter_rows(min_row=FIRST_ROW, values_only=True))
    keep = (1, 2, 4, 5, 6, 8, 9, 12, 17, 18, 19, 20, 21)  # code, procedure, owner, dates, status, result …
    assert [[r[i] for i in keep] for r in copied] == [[r[i] for i in keep] for r in source]
    other.dispose()


def test_codes_of_the_desks_own_block_are_never_issued_again(db, desk_context, tmp_path):
    with db.write() as s:
        code = make_dossier(s, received_at=datetime(2026, 11, 24, 8, 0)).code
    book = reports.export_tracking_book(db, date(2026, 11, 24), date(2026, 11, 24), "xlsx", tmp_path / "so.xlsx")
    with db.write() as s:  # the desk rebuilt from scratch, bringing its old book back
        s.execute(Dossier.__table__.delete())
        s.execute(OutboxEvent.__table__.delete())
        s.execute(CodeSequence.__table__.delete())
    report = backlog.import_book(db, desk_context, book, now=datetime(2026, 11, 30, 9, 0))
    assert report.ok and report.reserved == 1
    with db.write() as s:
        fresh_code = make_dossier(s, received_at=datetime(2026, 11, 24, 10, 0), id_number="096085009999").code
    assert fresh_code != code and fresh_code.endswith("-1002")


@pytest.mark.parametrize(("cells", "reason"), [
    ({5: "Trần\x85Văn"}, "ký tự điều khiển U+0085"),  # a control character pasted from elsewhere
    ({5: "A" * 300}, "tối đa 255 ký tự"),
    ({2: "000.00.09.H12-250303-1001 x"}, "không hợp lệ"),
    ({2: "000.00.09.H12-250303-BS1001"}, "mã phiếu bổ sung"),
    ({9: "31/02/2025 08:00"}, "không phải ngày giờ"),
    ({9: datetime(2031, 1, 1, 8, 0), 10: datetime(2031, 1, 2, 8, 0)}, "ở tương lai"),
    ({9: datetime(1999, 1, 1, 8, 0)}, "trong các năm 2000–2099"),
    ({20: "11 — Lạ"}, "không đọc được"),
    ({20: "3 — Không tiếp nhận"}, "không phải của hồ sơ đã tiếp nhận"),
    ({4: "0"}, "số bộ"),
    ({18: "", 3: "Thủ tục không có"}, "không xác định được thủ tục"),
])
def test_each_rule_is_reported_on_its_row(db, desk_context, tmp_path, cells, reason):
    book = write_book(tmp_path / "so.xlsx", 3)
    wb = openpyxl.load_workbook(book)
    for column, value in cells.items():
        wb.active.cell(row=FIRST_ROW + 1, column=column, value=value)
    wb.save(book)
    report = backlog.import_book(db, desk_context, book, now=datetime(2026, 11, 30, 9, 0))
    assert [r.row for r in report.refused] == [FIRST_ROW + 1]
    assert any(reason in text for text in report.refused[0].reasons), report.refused[0].reasons


def test_duplicate_codes_in_the_file(db, desk_context, tmp_path):
    book = write_book(tmp_path / "so.xlsx", 3)
    wb = openpyxl.load_workbook(book)
    wb.active.cell(row=FIRST_ROW + 2, column=2, value=wb.active.cell(row=FIRST_ROW, column=2).value)
    wb.save(book)
    report = backlog.import_book(db, desk_context, book)
    assert [(r.row, r.reasons) for r in report.refused] == [(FIRST_ROW + 2, (f"mã hồ sơ trùng với dòng {FIRST_ROW}",))]


def test_a_file_that_is_not_the_book_is_refused_whole(db, desk_context, tmp_path):
    text = tmp_path / "so.xlsx"
    text.write_text("không phải bảng tính", encoding="utf-8")
    with pytest.raises(ValidationError, match="không phải bảng tính XLSX"):
        backlog.import_book(db, desk_context, text)
    wb = openpyxl.Workbook()
    wb.active.append(["TT", "Mã hồ sơ", "Tên chủ hồ sơ"])
    wb.save(tmp_path / "thieu.xlsx")
    with pytest.raises(ValidationError, match="thiếu cột: Ngày nhận hồ sơ, Ngày hẹn trả kết quả"):
        backlog.import_book(db, desk_context, tmp_path / "thieu.xlsx")
    result = run_cli("dossier", "import", str(tmp_path / "thieu.xlsx"), "--db", str(db.path))
    assert result.returncode == 1 and "thiếu cột" in result.stderr and "Traceback" not in result.stderr


def test_only_a_supervisor_imports(db, tmp_path):
    with db.write() as s:
        unit = s.execute(select(org.Unit)).scalars().first()
        org.create_officer(s, unit, username="tiepnhan", full_name="Lê Văn Nhận", password="matkhau123",
                           roles={org.Role.RECEPTION})
    ctx = org.login(db, "tiepnhan", "matkhau123")
    with pytest.raises(PermissionDeniedError, match="Chỉ lãnh đạo"):
        backlog.import_book(db, ctx, write_book(tmp_path / "so.xlsx", 2))


def test_refused_rows_on_the_command_line(db, tmp_path):
    book = write_book(tmp_path / "so.xlsx", 100, bad=[10])
    result = run_cli("dossier", "import", str(book), "--db", str(db.path))
    assert result.returncode == 1, result.stdout
    assert "Không nhập hồ sơ nào: 1 trong 100 dòng" in result.stderr
    assert f"Dòng {FIRST_ROW + 10} ({AGENCY}-250303-1011): thủ tục mã 9.999999 không có" in result.stderr
    assert "Traceback" not in result.stderr
