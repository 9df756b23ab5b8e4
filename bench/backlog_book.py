"""A tracking book (form 07) in the layout of `counter-app report book --format xlsx`, as a backlog
import reads it: ``n`` dossiers of an older desk, some rows made bad on purpose.

Used by tests/unit/test_backlog_import.py (small books) and bench/import_bench.py (10,000 rows).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path

from counter_app.printing.data import AgencyInfo, TrackingBookData, TrackingBookRow
from counter_app.printing.workbooks import write_tracking_book_xlsx

AGENCY = "000.00.09.H12"  # an older desk of another unit: its codes are not the importing desk's
PROCEDURES = (("1.001193", "Thủ tục đăng ký khai sinh"), ("2.000908", ""), ("1.000894", ""))
PER_DAY = 150
FIRST_ROW = 6  # the sheet's first dossier row (title block, blank row, header)
# What makes a row bad, in turn: each breaks one rule the importer must report.
BAD_KINDS = ("unknown_procedure", "missing_id", "due_before_received", "returned_without_date")


def book_rows(n: int, *, bad: Iterable[int] = (), start: date = date(2025, 3, 3)) -> list[TrackingBookRow]:
    bad = set(bad)
    rows = []
    for i in range(n):
        day = start + timedelta(days=i // PER_DAY)
        received = datetime(day.year, day.month, day.day, 8, 0) + timedelta(minutes=2 * (i % PER_DAY))
        code, name = PROCEDURES[i % len(PROCEDURES)]
        status = (2, 4, 9, 10, 7)[i % 5]
        returned = received + timedelta(days=6) if status == 10 else None
        result = ("Giấy khai sinh", f"{i}/2025") if status in (9, 10) else ("", "")
        row = dict(order=i + 1, dossier_code=f"{AGENCY}-{day:%y%m%d}-{1001 + i % PER_DAY}", content=name or code,
                   sets=1, owner_name=f"Nguyễn Văn Tồn {i}", address="ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau",
                   phone="0912345678", received_at=received, due_at=received + timedelta(days=5),
                   returned_at=returned, returned_by="Lê Thị Trả" if returned else "",
                   taken_by=f"Nguyễn Văn Tồn {i}" if returned else "", receiving_officer="Trần Thị Nhận",
                   note="Rút hồ sơ" if status == 7 else "", result_back_at=received + timedelta(days=4)
                   if status in (9, 10) else None, procedure_code=code, owner_id_number=f"0960850{i:05d}",
                   status=status, result_type=result[0], result_number=result[1])
        if i in bad:
            kind = BAD_KINDS[sorted(bad).index(i) % len(BAD_KINDS)]
            if kind == "unknown_procedure":
                row["procedure_code"] = "9.999999"
            elif kind == "missing_id":
                row["owner_id_number"] = ""
            elif kind == "due_before_received":
                row["due_at"] = received - timedelta(days=1)
            else:
                row["status"], row["returned_at"] = 10, None
                row["result_type"], row["result_number"] = "Giấy khai sinh", "1/2025"
        rows.append(TrackingBookRow(**row))  # type: ignore[arg-type]
    return rows


def write_book(path: Path, n: int, *, bad: Iterable[int] = ()) -> Path:
    rows = book_rows(n, bad=bad)
    agency = AgencyInfo(parent_name="ỦY BAN NHÂN DÂN XÃ TÂN THÀNH", name="BỘ PHẬN MỘT CỬA", agency_code=AGENCY,
                        place="Cà Mau")
    first, last = rows[0].received_at.date(), rows[-1].received_at.date()
    write_tracking_book_xlsx(TrackingBookData(agency, "Cà Mau", first, last, tuple(rows)), path)
    return path


def bad_rows(n: int, percent: float = 1.0) -> list[int]:
    """Indexes of ``percent`` % of ``n`` rows, spread through the book."""
    count = max(1, round(n * percent / 100))
    return [round((k + 0.5) * n / count) for k in range(count)]
