"""Same-day procedures with the 15:00 cut-off, weekend desk hours, desk-side calendar overrides."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from counter_app.cli import main
from counter_app.domain.calendar import OfficeHours, WorkingCalendar
from counter_app.domain.durations import Duration, DurationUnit
from counter_app.models import AuditEvent
from counter_app.services import catalog, office_calendar
from counter_app.services.errors import ValidationError
from counter_app.sync.apply import _apply_calendar

SAME_DAY = Duration.parse("trong ngày")


def test_same_day_parses_and_has_no_amount():
    assert SAME_DAY.unit is DurationUnit.SAME_DAY and SAME_DAY.amount == 0
    assert Duration.parse("same day") == SAME_DAY == Duration.from_catalog(0, "Trong ngày")
    assert str(SAME_DAY) == "same day"


@pytest.mark.parametrize(("received", "expected"), [
    # Wednesday 25/11/2026: before the cut-off the same day, after it the next working day
    (datetime(2026, 11, 25, 9, 0), datetime(2026, 11, 25, 17, 0)),
    (datetime(2026, 11, 25, 15, 0), datetime(2026, 11, 25, 17, 0)),  # at 15:00 exactly: still today
    (datetime(2026, 11, 25, 15, 1), datetime(2026, 11, 26, 17, 0)),
    (datetime(2026, 11, 25, 12, 0), datetime(2026, 11, 25, 17, 0)),  # lunch: clock starts 13:30
    (datetime(2026, 11, 25, 6, 30), datetime(2026, 11, 25, 17, 0)),  # before opening
    (datetime(2026, 11, 25, 18, 0), datetime(2026, 11, 26, 17, 0)),  # after hours
    # Friday afternoon: Monday
    (datetime(2026, 11, 27, 16, 30), datetime(2026, 11, 30, 17, 0)),
    (datetime(2026, 11, 27, 14, 0), datetime(2026, 11, 27, 17, 0)),
    # Friday 13/2/2026 is the last working day before Tết (16–20/2 off): the first day after it
    (datetime(2026, 2, 13, 16, 0), datetime(2026, 2, 23, 17, 0)),
    (datetime(2026, 2, 13, 10, 0), datetime(2026, 2, 13, 17, 0)),
])
def test_same_day_due(received, expected):
    assert WorkingCalendar().due(received, SAME_DAY) == expected


def test_the_cut_off_is_a_setting(db):
    with db.write() as s:
        office_calendar.set_deadline_rules(s, cutoff="16:00")
    with db.read() as s:
        cal = office_calendar.calendar_for(s)
    assert cal.same_day_cutoff == time(16, 0)
    assert cal.due(datetime(2026, 11, 25, 15, 30), SAME_DAY) == datetime(2026, 11, 25, 17, 0)
    with pytest.raises(ValidationError, match="HH:MM"):
        with db.write() as s:
            office_calendar.set_deadline_rules(s, cutoff="3 giờ chiều")


def test_a_saturday_desk_serves_but_does_not_count_unless_a_setting_says_so(db):
    with db.write() as s:
        office_calendar.set_office_hours(s, 5, "07:30-11:30")
    with db.read() as s:
        cal = office_calendar.calendar_for(s)
        assert office_calendar.office_hours(s).weekly[5]  # the desk is open on Saturday
    friday = datetime(2026, 11, 27, 16, 0)
    assert cal.due(friday, SAME_DAY) == datetime(2026, 11, 30, 17, 0)
    assert cal.due(datetime(2026, 11, 27, 9, 0), Duration.parse("3 working days")) == datetime(2026, 12, 2, 9, 0)
    assert cal.due(datetime(2026, 11, 28, 9, 0), SAME_DAY) == datetime(2026, 11, 30, 17, 0)  # received Saturday
    with db.write() as s:
        office_calendar.set_deadline_rules(s, weekend_counts_=True)
    with db.read() as s:
        cal = office_calendar.calendar_for(s)
    assert cal.due(friday, SAME_DAY) == datetime(2026, 11, 28, 11, 30)


def test_a_make_up_saturday_counts_even_without_the_setting(db):
    with db.write() as s:
        office_calendar.desk_set_override(s, date(2026, 11, 28), True, "Làm bù")
    with db.read() as s:
        cal = office_calendar.calendar_for(s)
    assert cal.due(datetime(2026, 11, 27, 16, 0), SAME_DAY) == datetime(2026, 11, 28, 17, 0)


def test_desk_side_override_is_audited_and_the_central_wins(db):
    monday = date(2026, 11, 30)
    with db.write() as s:
        office_calendar.desk_set_override(s, monday, False, "Nghỉ theo quyết định của UBND xã")
    with db.read() as s:
        cal = office_calendar.calendar_for(s)
        audit_rows = s.execute(select(AuditEvent).where(AuditEvent.action == "calendar.override_set")).scalars().all()
    assert cal.due(datetime(2026, 11, 27, 16, 0), SAME_DAY) == datetime(2026, 12, 1, 17, 0)
    assert [r.entity_key for r in audit_rows] == ["2026-11-30"]
    # The central decides the same day: its decision replaces the desk's and cannot be edited here.
    with db.write() as s:
        _apply_calendar(s, {"day": "2026-11-30", "is_working": True, "note": "Trung tâm: làm việc"})
    with db.read() as s:
        cal = office_calendar.calendar_for(s)
        (day,) = [d for d in office_calendar.list_days(s, 2026) if d.day == monday]
    assert (day.is_working, day.source, day.note) == (True, "central", "Trung tâm: làm việc")
    assert cal.due(datetime(2026, 11, 27, 16, 0), SAME_DAY) == datetime(2026, 11, 30, 17, 0)
    with pytest.raises(ValidationError, match="hệ thống trung tâm"):
        with db.write() as s:
            office_calendar.desk_set_override(s, monday, False)
    # A central removal only removes the central's own decisions.
    with db.write() as s:
        office_calendar.desk_set_override(s, date(2026, 12, 7), False, "Tại quầy")
        _apply_calendar(s, {"day": "2026-12-07", "removed": True})
    with db.read() as s:
        assert office_calendar.overrides(s)[date(2026, 12, 7)] is False


def test_calendar_commands(db, db_path, capsys):
    args = ["--db", str(db_path)]
    assert main(["calendar", "day-off", "2026-11-30", "--note", "Bão", *args]) == 0
    assert main(["calendar", "working-day", "2026-01-10", "--note", "Làm bù Tết Dương lịch", *args]) == 0
    capsys.readouterr()
    assert main(["calendar", "list", "--year", "2026", *args]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "2026-11-30\tnghỉ\tTại quầy\tBão" in lines
    assert "2026-01-10\tlàm việc\tTại quầy\tLàm bù Tết Dương lịch" in lines
    assert "2026-02-17\tnghỉ\tLịch nghỉ lễ, Tết\t" in lines
    assert main(["due", "--received", "2026-11-27 16:00", "--duration", "same day", *args]) == 0
    assert capsys.readouterr().out == "2026-12-01 17:00\n"
    assert main(["calendar", "hours", "7", "07:30-11:30", "--officer", "demo", *args]) == 0
    with db.read() as s:
        assert office_calendar.current_settings(s).hours[5] == "07:30-11:30"
        last = s.execute(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).scalar_one()
    assert last.action == "calendar.hours_set" and last.officer_id is not None


@pytest.mark.parametrize(("argv", "message"), [
    (["calendar", "day-off", "30/11/2026"], "Ngày «30/11/2026» không đúng dạng YYYY-MM-DD"),
    (["calendar", "working-day", "2026-02-30"], "không đúng dạng YYYY-MM-DD"),
    (["calendar", "list", "--year", "0"], "Năm «0» không hợp lệ"),
    (["calendar", "day-off", "2026-11-30", "--officer", "nobody"], "Không có cán bộ"),
    (["calendar", "day-off", "2026-11-30", "--note", "x" * 300], "Ghi chú dài quá"),
    (["calendar", "hours", "3", "17:00-07:00"], "Giờ làm việc «17:00-07:00» không hợp lệ"),
    (["due", "--received", "2026-11-27 16:00", "--procedure", "9.999999"], "Không tìm thấy thủ tục"),
    (["due", "--received", "2026-11-27 16:00", "--procedure", "1.000894", "--case", "7"], "không có trường hợp «7»"),
    (["due", "--received", "2026-11-27 16:00", "--duration", "1 day", "--case", "1"], "chỉ dùng cùng --procedure"),
    (["catalog", "show", "9.999999", "--json"], "Không tìm thấy thủ tục «9.999999»"),
])
def test_bad_input_is_one_vietnamese_sentence(db, db_path, capsys, argv, message):
    assert main([*argv, "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: ") and message in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [["calendar", "list", "--year", "abc"], ["calendar"], ["due", "--received", "x"],
                                  ["due", "--received", "2026-11-27 16:00", "--duration", "1 day", "--procedure", "1"]])
def test_usage_errors_are_vietnamese_too(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert capsys.readouterr().err.startswith("Lỗi: lệnh không hợp lệ")


def test_due_of_a_procedure_and_its_cases(db, db_path, capsys):
    args = ["--db", str(db_path), "--received", "2026-11-27 16:00"]
    assert main(["due", "--procedure", "1.000894", *args]) == 0  # first case: 1 working day
    assert main(["due", "--procedure", "1.000894", "--case", "2", *args]) == 0  # 5 working days
    assert main(["due", "--procedure", "1.000894", "--case", "XM", *args]) == 0
    assert capsys.readouterr().out.splitlines() == ["2026-11-30 16:00", "2026-12-04 16:00", "2026-12-04 16:00"]


def test_due_of_a_same_day_procedure_from_the_bundled_catalog(empty_db, db_path, capsys):
    catalog.import_file(empty_db, catalog.BUNDLED_CATALOG)
    assert main(["due", "--db", str(db_path), "--received", "2026-11-27 16:00", "--procedure", "1.001193"]) == 0
    assert main(["due", "--db", str(db_path), "--received", "2026-11-27 09:00", "--procedure", "1.001193"]) == 0
    assert capsys.readouterr().out.splitlines() == ["2026-11-30 17:00", "2026-11-27 17:00"]


def test_catalog_show_json_prints_the_procedure_as_stored(db, db_path, capsys):
    assert main(["catalog", "show", "2.000908", "--json", "--db", str(db_path)]) == 0
    record = __import__("json").loads(capsys.readouterr().out)
    assert record["code"] == "2.000908" and record["levels"] == "Cấp Xã, Cấp Tỉnh"
    (case,) = record["cases"]
    assert case["fee_dong"] == 2000 and case["processing_time"] == {
        "amount": 4, "unit": "Giờ làm việc", "text": "04 giờ làm việc", "same_day": False}
    assert case["documents"][0]["name"]


def test_office_hours_without_any_weekday_are_refused(db):
    with pytest.raises(ValidationError):
        with db.write() as s:
            for weekday in range(5):
                office_calendar.set_office_hours(s, weekday, "")
    assert OfficeHours.default().weekly[0]
