"""`counter-app due` and `counter-app calendar`: due moments, days off, make-up days, office hours."""

from __future__ import annotations

import argparse
from datetime import date, datetime

from counter_app.i18n import tr
from counter_app.services.errors import ServiceError

from .common import default_db_exists, fmt, open_db, parse_day, parse_moment


def cmd_due(args: argparse.Namespace) -> int:
    from counter_app.domain.calendar import Duration, WorkingCalendar

    received = parse_moment(args.received)
    if args.procedure is not None:
        return _due_of_procedure(args, received)
    if args.case is not None:
        raise ServiceError(tr("Tham số --case chỉ dùng cùng --procedure."))
    try:
        duration = Duration.parse(args.duration)
    except ValueError:
        raise ServiceError(
            tr("Thời hạn «{duration}» không hợp lệ: dùng «N working days», «N working hours», «N days» "
            "hoặc «same day».").format(duration=args.duration)) from None
    if args.db is not None or default_db_exists():
        from counter_app.services.office_calendar import current_calendar

        cal = current_calendar(open_db(args))
    else:
        cal = WorkingCalendar()
    print(fmt(cal.due(received, duration)))
    return 0


def _due_of_procedure(args: argparse.Namespace, received: datetime) -> int:
    from counter_app.services import catalog
    from counter_app.services.office_calendar import current_calendar

    db = open_db(args)
    detail = catalog.procedure_detail(db, code=args.procedure.strip())
    case = _pick_case(detail, args.case)
    print(fmt(current_calendar(db).due(received, catalog.case_duration(case))))
    return 0


def _pick_case(detail, wanted: str | None):  # noqa: ANN001, ANN202 - catalog.ProcedureDetail / CaseDetail
    if not detail.cases:
        raise ServiceError(tr("Thủ tục {code} không có trường hợp nào đang áp dụng.").format(code=detail.code))
    if wanted is None:
        return detail.cases[0]
    text = wanted.strip()
    for case in detail.cases:
        if case.code and case.code == text:
            return case
    if text.isdigit() and 1 <= int(text) <= len(detail.cases):
        return detail.cases[int(text) - 1]
    listing = "; ".join(f"{i} = {c.name}" for i, c in enumerate(detail.cases, start=1))
    raise ServiceError(tr("Thủ tục {code} không có trường hợp «{text}». Các trường hợp: {listing}.").format(code=detail.code, text=text, listing=listing))


def cmd_calendar(args: argparse.Namespace) -> int:
    from counter_app.services import office_calendar

    db = open_db(args)
    command = args.calendar_command
    if command == "list":
        year = args.year if args.year is not None else date.today().year
        if not 1900 <= year <= 2200:
            raise ServiceError(tr("Năm «{year}» không hợp lệ.").format(year=year))
        for d in office_calendar.calendar_view(db, year).days:
            kind = tr("làm việc") if d.is_working else tr("nghỉ")
            print(f"{d.day.isoformat()}\t{kind}\t{d.source_label}\t{d.note}")
        return 0
    if command == "hours":
        if args.weekday is None:
            current = office_calendar.calendar_view(db, date.today().year).settings
            for i, text in enumerate(current.hours):
                closed = tr("nghỉ")
                print(f"{i + 2}\t{tr(office_calendar.WEEKDAY_NAMES[i])}\t{text or closed}")
            print(tr("Giờ chốt thủ tục trong ngày: {same_day_cutoff}; "
                  "giờ làm việc thứ Bảy, Chủ nhật tính vào thời hạn: {value}").format(same_day_cutoff=current.same_day_cutoff, value=tr("có") if current.weekend_counts else tr("không")))
            return 0
        if args.periods is None:
            raise ServiceError(tr("Thiếu giờ làm việc, ví dụ «07:00-11:30, 13:30-17:00» (hoặc «» để nghỉ)."))
        office_calendar.set_weekday_hours(db, args.officer, args.weekday - 2, args.periods)
        print(tr("Đã đặt giờ làm việc {weekday}: {value}.").format(weekday=tr(office_calendar.WEEKDAY_NAMES[args.weekday - 2]), value=args.periods or tr("nghỉ")))
        return 0
    day = parse_day(args.date)
    if command == "remove":
        office_calendar.remove_day(db, args.officer, day)
        print(tr("Đã xóa điều chỉnh ngày {day:%d/%m/%Y}.").format(day=day))
        return 0
    working = command == "working-day"
    office_calendar.declare_day(db, args.officer, day, working, args.note)
    print(tr("Đã ghi ngày {day:%d/%m/%Y} là {value}.").format(day=day, value=tr("ngày làm việc") if working else tr("ngày nghỉ")))
    return 0
