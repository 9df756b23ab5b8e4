"""`counter-app report daily|cash|period|book`: the supervisor's reports."""

from __future__ import annotations

import argparse

from counter_app.i18n import tr

from .common import open_db, parse_day


def cmd_report(args: argparse.Namespace) -> int:
    from counter_app.services import reports

    db = open_db(args)
    if args.report_command == "daily":
        result = reports.export_daily(db, parse_day(args.date), args.format, args.out)
    elif args.report_command == "cash":
        from counter_app.services import payments

        result = payments.export_cash(db, parse_day(args.date), args.format, args.out)
    elif args.report_command == "period":
        result = reports.export_period_report(db, parse_day(args.start), parse_day(args.end), args.format, args.out)
    else:
        result = reports.export_tracking_book(db, parse_day(args.start), parse_day(args.end), args.format, args.out)
    print(result if isinstance(result, str) else tr("Đã lưu: {result}").format(result=result))
    return 0
