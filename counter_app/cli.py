"""Command line: `counter-app` starts the desk GUI; subcommands serve admins and scripts.

Every subcommand accepts ``--db PATH`` (default: ``COUNTER_APP_DB`` or the user data dir) and
``--lang vi|en`` (default: ``COUNTER_APP_LANG`` or this PC's language setting, else Vietnamese).
Errors print one sentence on stderr (Vietnamese unless English is chosen) and exit with status 1
(2 for usage errors).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app import i18n
from counter_app.i18n import QT_TR_NOOP, tr
from counter_app.services.errors import ServiceError, ValidationError

if TYPE_CHECKING:  # the command line imports SQLAlchemy only for the commands that use it
    from counter_app.models.db import Database

TOKEN_ENV = "COUNTER_APP_SYNC_TOKEN"


_USAGE_WORDS = (
    ("the following arguments are required", QT_TR_NOOP("thiếu tham số bắt buộc")),
    ("unrecognized arguments", QT_TR_NOOP("tham số không nhận ra")),
    ("invalid choice", QT_TR_NOOP("lựa chọn không hợp lệ")),
    ("choose from", QT_TR_NOOP("chọn một trong")),
    ("invalid int value", QT_TR_NOOP("không phải số nguyên")),
    ("expected one argument", QT_TR_NOOP("cần một giá trị")),
    ("not allowed with argument", QT_TR_NOOP("không dùng cùng với")),
    ("one of the arguments", QT_TR_NOOP("cần một trong các tham số")),
    ("is required", QT_TR_NOOP("là bắt buộc")),
)


class _Parser(argparse.ArgumentParser):
    """Usage errors as a Vietnamese sentence (exit status 2), never a traceback."""

    def error(self, message: str):  # noqa: ANN201 - NoReturn
        for english, vietnamese in _USAGE_WORDS:
            message = message.replace(english, tr(vietnamese))
        self.exit(2, tr("Lỗi: lệnh không hợp lệ ({prog}): {message}. Xem «{prog} --help».").format(prog=self.prog, message=message) + "\n")


def _add_db(parser: argparse.ArgumentParser, *, default: object = argparse.SUPPRESS) -> None:
    parser.add_argument("--db", type=Path, default=default, metavar="PATH",
                        help="SQLite file of the desk (default: $COUNTER_APP_DB or the user data dir)")
    parser.add_argument("--lang", choices=sorted(i18n.LANGUAGES), default=default,
                        help="language of the messages (default: $COUNTER_APP_LANG or this PC's setting, else vi)")


def _language(argv: Sequence[str]) -> str:
    """``--lang`` wherever it stands on the line, else ``$COUNTER_APP_LANG`` or this PC's setting (the
    screens' language, Settings → Ngôn ngữ). Known before parsing, so usage errors follow it too."""
    from counter_app.ui.language import current_language

    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg.removeprefix("--lang=")
        if value != arg or arg == "--lang":
            value = value.strip().lower()
            return value if value in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE  # argparse refuses it
    return current_language()


def _use_language(language: str):  # noqa: ANN202 - the translator replaced, or None
    """Translate the messages for this run; Qt's translation is loaded only for a language other than
    Vietnamese (the sources), so the default start-up does not pay for it."""
    if language == i18n.DEFAULT_LANGUAGE:
        return None
    from counter_app.ui.translations import translator_for

    function = translator_for(language)
    return i18n.set_translator(function) if function is not None else None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="counter-app", description=tr("Một Cửa Counter — phần mềm quầy tiếp nhận"))
    _add_db(parser, default=None)
    parser.add_argument("--no-demo", action="store_true",
                        help="on an empty database, ask for the unit, desk and first officer instead of the demo set-up")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="start the desk application (the default)")
    _add_db(gui)

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    for name, text in (("upgrade", "migrate the database to the newest schema"),
                       ("current", "print the schema revision"),
                       ("check", "check the whole file's integrity, however long it takes (exit 1 if damaged)")):
        _add_db(db_sub.add_parser(name, help=text))

    due = sub.add_parser("due", help="compute a due moment with the office calendar")
    _add_db(due)
    due.add_argument("--received", required=True, help='"YYYY-MM-DD HH:MM"')
    what = due.add_mutually_exclusive_group(required=True)
    what.add_argument("--duration", help='"N working days", "N working hours", "N days" or "same day"')
    what.add_argument("--procedure", metavar="CODE", help="the catalog's processing time of this procedure (MATTHC)")
    due.add_argument("--case", metavar="N", help="with --procedure: the case number (1, 2, …) or code; default the first")

    cal = sub.add_parser("calendar", help="the office calendar: days off, make-up working days, office hours")
    cal_sub = cal.add_subparsers(dest="calendar_command", required=True)
    for name, text in (("day-off", "declare an extra day off for this office"),
                       ("working-day", "declare a make-up working day (e.g. a Saturday)")):
        one = cal_sub.add_parser(name, help=text)
        _add_db(one)
        one.add_argument("date", metavar="DATE", help="YYYY-MM-DD")
        one.add_argument("--note", default="", metavar="T", help="why (printed in the list)")
        one.add_argument("--officer", metavar="USERNAME", help="who decides (recorded in the audit log)")
    rm = cal_sub.add_parser("remove", help="remove this office's override of a day")
    _add_db(rm)
    rm.add_argument("date", metavar="DATE", help="YYYY-MM-DD")
    rm.add_argument("--officer", metavar="USERNAME")
    cal_list = cal_sub.add_parser("list", help="days off and make-up days: DATE<TAB>KIND<TAB>SOURCE<TAB>NOTE")
    _add_db(cal_list)
    cal_list.add_argument("--year", type=int, metavar="Y", help="default: the current year")
    hours = cal_sub.add_parser("hours", help="show the office hours, or set one weekday's")
    _add_db(hours)
    hours.add_argument("weekday", nargs="?", type=int, choices=range(2, 9), metavar="WEEKDAY",
                       help="2 = Monday … 7 = Saturday, 8 = Sunday")
    hours.add_argument("periods", nargs="?", help='"07:00-11:30, 13:30-17:00"; "" = closed')
    hours.add_argument("--officer", metavar="USERNAME")

    catalog = sub.add_parser("catalog", help="procedure catalog")
    cat_sub = catalog.add_subparsers(dest="catalog_command", required=True)
    imp = cat_sub.add_parser("import", help="import a catalog JSON file (national CSDL shape)")
    _add_db(imp)
    imp.add_argument("file", type=Path)
    search = cat_sub.add_parser("search", help="search procedures: one CODE<TAB>NAME line per hit")
    _add_db(search)
    search.add_argument("text", nargs="+")
    search.add_argument("--limit", type=int, default=50)
    cat_show = cat_sub.add_parser("show", help="one procedure as stored: cases, documents, processing time, fees")
    _add_db(cat_show)
    cat_show.add_argument("code", metavar="CODE")
    cat_show.add_argument("--json", action="store_true")

    demo = sub.add_parser("demo-data", help="add realistic synthetic dossiers")
    _add_db(demo)
    demo.add_argument("--dossiers", type=int, required=True)
    demo.add_argument("--days", type=int, default=None, help="spread over this many working days")
    demo.add_argument("--seed", type=int, default=20261125)

    dossier = sub.add_parser("dossier", help="dossiers")
    dos_sub = dossier.add_subparsers(dest="dossier_command", required=True)
    lst = dos_sub.add_parser("list", help="newest dossiers first")
    _add_db(lst)
    lst.add_argument("--json", action="store_true")
    lst.add_argument("--limit", type=int, default=50)
    show = dos_sub.add_parser("show", help="one dossier")
    _add_db(show)
    show.add_argument("code")
    show.add_argument("--json", action="store_true")
    sup = dos_sub.add_parser("supplement", help="record a processing agency's supplement request (desks without a central)")
    _add_db(sup)
    sup.add_argument("code")
    sup.add_argument("--agency", required=True, help="the processing agency that asks (once per agency)")
    sup.add_argument("--item", action="append", required=True, metavar='"NAME: REASON"',
                     help="a document to add or correct, with the reason after a colon (repeatable)")
    sup.add_argument("--officer", metavar="USERNAME", help="the desk officer recording it")
    sup.add_argument("--out", type=Path, metavar="FILE.pdf", help="also write form 02 here")
    back = dos_sub.add_parser("supplemented", help="the applicant brought the documents: processing again")
    _add_db(back)
    back.add_argument("code")
    back.add_argument("--officer", metavar="USERNAME")
    ret = dos_sub.add_parser("return", help="hand the result over (status 9 -> 10) and archive the return receipt")
    _add_db(ret)
    ret.add_argument("code")
    ret.add_argument("--receiver-name", required=True, help="who takes the result")
    ret.add_argument("--receiver-id", required=True, help="their 12-digit CCCD (the applicant's: receiver is the applicant)")
    ret.add_argument("--receiver-phone", default="")
    ret.add_argument("--result-type", default="", help="default: as recorded when the result became ready")
    ret.add_argument("--result-number", default="")
    ret.add_argument("--summary", default="")
    ret.add_argument("--officer", metavar="USERNAME", help="the returning officer (default: the only one with the role)")

    att = dos_sub.add_parser("attach", help="attach scans (PDF, JPEG, PNG, TIFF) to a dossier's document, as the "
                                            "reception does: images given together become one PDF")
    _add_db(att)
    att.add_argument("code")
    att.add_argument("files", nargs="+", type=Path, metavar="FILE")
    att.add_argument("--document", metavar="NAME",
                     help="the document: its number in the checklist, its code or words of its name "
                          "(default: the dossier as a whole)")
    att.add_argument("--result", action="store_true", help="the file is the result document (result ready)")
    att.add_argument("--officer", metavar="USERNAME", help="who attaches (default: as for `dossier return`, the only officer with the return role)")
    files = dos_sub.add_parser("files", help="a dossier's attached files: name, document, size, SHA-256")
    _add_db(files)
    files.add_argument("code")
    files.add_argument("--json", action="store_true")

    corr = dos_sub.add_parser("correct", help="đính chính: a supervisor corrects a result or its return")
    _add_db(corr)
    corr.add_argument("code")
    corr.add_argument("--reason", required=True, help="why (recorded in the audit log)")
    corr.add_argument("--officer", required=True, metavar="USERNAME", help="the supervisor")
    corr.add_argument("--result-type", help="corrected result document type")
    corr.add_argument("--result-number", default="")
    corr.add_argument("--summary", default="")
    corr.add_argument("--receiver-name", help="corrected name of who took the result")
    corr.add_argument("--receiver-id", default="")
    corr.add_argument("--receiver-phone", default="")
    corr.add_argument("--recall", action="store_true", help="the return was recorded by mistake: back to status 9")

    imp = dos_sub.add_parser("import", help="bring in the backlog from a tracking book (form 07) in the layout of "
                                            "`report book --format xlsx`: all rows or none")
    _add_db(imp)
    imp.add_argument("file", type=Path, metavar="FILE.xlsx")
    imp.add_argument("--officer", metavar="USERNAME", help="the supervisor importing (default: the only one)")
    pay = dos_sub.add_parser("pay", help="record a payment of the dossier's fees and write its receipt (PDF)")
    _add_db(pay)
    pay.add_argument("code")
    pay.add_argument("--method", required=True, choices=("cash", "transfer", "online"))
    pay.add_argument("--amount", type=int, metavar="DONG", help="integer đồng (default: everything still owed)")
    pay.add_argument("--reference", default="", help="the bank's or payment platform's transaction reference")
    pay.add_argument("--payer", default="", help="who pays (default: the applicant)")
    pay.add_argument("--officer", metavar="USERNAME", help="who collects (default: the only return officer)")
    pay.add_argument("--out", type=Path, metavar="FILE.pdf", help="the receipt (default: the dossier's archive)")
    wait = dos_sub.add_parser("await-payment", help="status 6: the dossier waits for its fees, the clock stops")
    _add_db(wait)
    wait.add_argument("code")
    wait.add_argument("--officer", metavar="USERNAME")
    rcpt = dos_sub.add_parser("receipt", help="write a payment receipt again (PDF)")
    _add_db(rcpt)
    rcpt.add_argument("number", help="the receipt number")
    rcpt.add_argument("--out", type=Path, metavar="FILE.pdf")
    void = dos_sub.add_parser("void-payment", help="void or refund a payment receipt (a supervisor approves)")
    _add_db(void)
    void.add_argument("number", help="the receipt number, e.g. BL-000.00.01.H12-261125-1001")
    void.add_argument("--reason", required=True)
    void.add_argument("--supervisor", required=True, metavar="USERNAME", help="the approving supervisor "
                      "(password from stdin or a prompt)")
    void.add_argument("--officer", metavar="USERNAME")

    slip = sub.add_parser("slip", help="write the receipt slip (form 01) of a dossier as PDF")
    _add_db(slip)
    slip.add_argument("code")
    slip.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    slip.add_argument("--form", choices=("01", "06"), default="01",
                      help="01: the receipt (default); 06: the control slip")
    slip.add_argument("--blank", action="store_true", help="with --form 06: as printed at receipt, rows to fill in")

    forms = sub.add_parser("forms", help="settings of the printed forms: header lines, paper, extensions")
    _add_db(forms)
    forms.add_argument("--governing", metavar="T", help='header line 1, the governing body ("" = default)')
    forms.add_argument("--unit-line", metavar="T", help='header line 2, the centre or section ("" = default)')
    forms.add_argument("--paper", metavar="A4|A5", help="paper of forms 01-06")
    forms.add_argument("--max-extensions", type=int, metavar="N", help="form 04 letters allowed per dossier")

    report = sub.add_parser("report", help="supervision reports: daily counters, period report, tracking book")
    rep_sub = report.add_subparsers(dest="report_command", required=True)
    daily = rep_sub.add_parser("daily", help="the dashboard's counters of one day (json) or the daily report")
    _add_db(daily)
    daily.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    daily.add_argument("--format", choices=("json", "pdf", "xlsx"), default="json")
    daily.add_argument("--out", type=Path, metavar="FILE", help="default: stdout for json, a file in . otherwise")
    cash = rep_sub.add_parser("cash", help="end-of-day cash report: totals per officer and desk by method, "
                                           "receipts, voids (hand-over to the accountant)")
    _add_db(cash)
    cash.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    cash.add_argument("--format", choices=("json", "pdf", "xlsx"), default="json")
    cash.add_argument("--out", type=Path, metavar="FILE", help="default: stdout for json, a file in . otherwise")
    for name, text, formats in (("period", "period statistics report", ("json", "pdf", "xlsx")),
                                ("book", "tracking book (form 07)", ("pdf", "xlsx"))):
        rep = rep_sub.add_parser(name, help=text)
        _add_db(rep)
        rep.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
        rep.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
        rep.add_argument("--format", choices=formats, default=formats[0])
        rep.add_argument("--out", type=Path, metavar="FILE")

    audit = sub.add_parser("audit", help="audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_sub.add_parser("verify", help="check the hash chain, its sealed checkpoint and anchors, and the "
                                                 "dossiers/applicants against it; report the first tampered row")
    _add_db(verify)
    verify.add_argument("--central", action="store_true",
                        help="also check against the head the central system holds for this desk")

    setup = sub.add_parser("setup", help="set this desk up from a script, as the first-run dialog does "
                                         "(the admin's password from stdin or a prompt)")
    _add_db(setup)
    setup.add_argument("--unit", required=True, metavar="CODE", help="agency code per QCVN 102, e.g. 000.00.01.H12")
    setup.add_argument("--unit-name", required=True, metavar="TEXT")
    setup.add_argument("--level", required=True, choices=["commune", "province"])
    setup.add_argument("--desk", required=True, type=int, metavar="N", help="this PC's desk number, 1–9")
    setup.add_argument("--admin", required=True, metavar="USERNAME", help="the first officer (every role)")
    setup.add_argument("--admin-name", default="", metavar="TEXT", help="their full name (default: the username)")
    setup.add_argument("--admin-phone", default="", metavar="PHONE")
    setup.add_argument("--parent-name", default="", metavar="TEXT", help="the governing body, e.g. Ủy ban nhân dân tỉnh Cà Mau")
    setup.add_argument("--place", default="", metavar="TEXT",
                       help="place name on the forms (default: taken from the unit name, e.g. Tân Thành)")
    setup.add_argument("--lookup-url", default="", metavar="TEMPLATE", help="QR address, e.g. https://…/tra-cuu/{code}")

    bk = sub.add_parser("backup", help="encrypted, verified backup of the desk file now (default); verify FILE; "
                                       "restore FILE")
    _add_db(bk)
    bk.add_argument("--to", type=Path, metavar="DIR", help="folder for the backup (default: the one set in the app)")
    bk_sub = bk.add_subparsers(dest="backup_command", metavar="verify|restore")
    bk_verify = bk_sub.add_parser("verify", help="decrypt and check a backup file (integrity, audit chain)")
    _add_db(bk_verify)
    bk_verify.add_argument("file", type=Path)
    bk_restore = bk_sub.add_parser("restore", help="put a backup in place of the desk file (the current one is kept)")
    _add_db(bk_restore)
    bk_restore.add_argument("file", type=Path)

    sync = sub.add_parser("sync", help="push the outbox to the central system and pull its changes")
    _add_db(sync)
    sync.add_argument("--once", action="store_true", help="one pass, then exit (default: keep syncing)")
    sync.add_argument("--central", metavar="URL", help="central system address (saved in the settings)")
    sync.add_argument("--token", help=argparse.SUPPRESS)  # refused: the token would show in ps and the history
    sync.add_argument("--ask-token", action="store_true",
                      help=f"prompt for this desk's access token (or set ${TOKEN_ENV}); stored in the OS keyring "
                           "where one exists, otherwise in the desk file")
    sync.add_argument("--interval", type=float, default=60.0, help="seconds between passes without --once")
    return parser


def _parse_moment(text: str) -> datetime:
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise ServiceError(tr("Thời điểm «{text}» không đúng dạng YYYY-MM-DD HH:MM.").format(text=text)) from None


# The commands that may make a new desk file (the first-run set-up, a demo desk, a schema or a catalog
# into a new file); every other one refuses a path that does not exist: a mistyped --db, or an unplugged
# drive, must not become a fresh, empty desk. `backup restore` writes its target itself.
_CREATING = {"setup", "demo-data", "db upgrade", "catalog import"}


def _desk_path(args: argparse.Namespace, *, create: bool = False) -> Path:
    """The desk file the command works on; it must exist unless the command creates a desk."""
    from counter_app.models.db import default_db_path

    path = Path(args.db) if args.db else default_db_path()
    if not create and not path.exists():
        from counter_app.domain.storage import StorageError

        raise StorageError(tr("Không tìm thấy tệp cơ sở dữ liệu «{path}» (gõ sai --db, tệp bị xóa/đổi tên, hoặc ổ "
                              "USB/ổ mạng chưa cắm). Lệnh này không tạo quầy mới; để tạo quầy mới dùng "
                              "«counter-app setup» hoặc mở ứng dụng.").format(path=path), kind="missing")
    return path


def _open(args: argparse.Namespace, **options: bool):  # noqa: ANN202 - Database
    from counter_app.services.desk_database import open_desk_database

    command = " ".join(filter(None, (args.command, getattr(args, f"{args.command}_command", None))))
    path = _desk_path(args, create=command in _CREATING)
    # The quick integrity check gets a short budget here: a command on a large file must stay quick;
    # a file it could not check in full is said so (until `db check` or the window checked it all).
    db = open_desk_database(path, check_budget=0.3, **options)
    _say_partial_check(db)
    return db


def _say_partial_check(db: Database) -> None:
    from counter_app.services.desk_database import partial_check_note

    note = partial_check_note(db)
    if note:
        print(note, file=sys.stderr)


def _fmt(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def cmd_due(args: argparse.Namespace) -> int:
    from counter_app.domain.calendar import Duration, WorkingCalendar

    received = _parse_moment(args.received)
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
    if args.db is not None or _default_db_exists():
        from counter_app.services.office_calendar import current_calendar

        cal = current_calendar(_open(args))
    else:
        cal = WorkingCalendar()
    print(_fmt(cal.due(received, duration)))
    return 0


def _due_of_procedure(args: argparse.Namespace, received: datetime) -> int:
    from counter_app.services import catalog
    from counter_app.services.office_calendar import current_calendar

    db = _open(args)
    detail = catalog.procedure_detail(db, code=args.procedure.strip())
    case = _pick_case(detail, args.case)
    print(_fmt(current_calendar(db).due(received, catalog.case_duration(case))))
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


def _default_db_exists() -> bool:
    from counter_app.models.db import default_db_path

    return default_db_path().exists()


def cmd_db(args: argparse.Namespace) -> int:
    from counter_app.models.db import Database, current_revision

    db = Database(_desk_path(args, create=args.db_command == "upgrade"))
    if args.db_command == "check":
        from counter_app.services.desk_database import full_check

        full_check(db)  # damage: the corrupt message, exit 1
        print(tr("Tệp dữ liệu toàn vẹn: đã kiểm tra toàn bộ «{path}».").format(path=db.path))
        return 0
    if args.db_command == "upgrade":
        db.upgrade()
    print(current_revision(db.engine))
    return 0


def cmd_catalog(args: argparse.Namespace) -> int:
    from counter_app.services import catalog

    # An import into an empty database brings its own catalog: don't load the bundled one first.
    db = _open(args, bundled_catalog=args.catalog_command != "import")
    if args.catalog_command == "import":
        summary = catalog.import_file(db, args.file)
        print(tr("Đã nạp {total} thủ tục: {created} mới, {updated} cập nhật, "
              "{unchanged} không đổi.").format(total=summary.total, created=summary.created, updated=summary.updated, unchanged=summary.unchanged))
        return 0
    if args.catalog_command == "show":
        detail = catalog.procedure_detail(db, code=args.code.strip())
        record = catalog.detail_json(detail)
        if args.json:
            print(json.dumps(record, ensure_ascii=False, indent=2))
        else:
            print(f"{detail.code}\t{detail.name}")
            for i, case in enumerate(detail.cases, start=1):
                print(tr("  {i}. {name}: {processing_text}; phí, lệ phí: {fee_text}").format(i=i, name=case.name, processing_text=case.processing_text, fee_text=case.fee_text))
                for doc in case.documents:
                    print(f"     - {doc.name}")
        return 0
    for hit in catalog.search_procedures(db, " ".join(args.text), limit=args.limit):
        print(f"{hit.code}\t{hit.name}")
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    from counter_app.services import office_calendar

    db = _open(args)
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
    day = _parse_day(args.date)
    if command == "remove":
        office_calendar.remove_day(db, args.officer, day)
        print(tr("Đã xóa điều chỉnh ngày {day:%d/%m/%Y}.").format(day=day))
        return 0
    working = command == "working-day"
    office_calendar.declare_day(db, args.officer, day, working, args.note)
    print(tr("Đã ghi ngày {day:%d/%m/%Y} là {value}.").format(day=day, value=tr("ngày làm việc") if working else tr("ngày nghỉ")))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from counter_app.services import demo

    db = _open(args)
    summary = demo.generate(db, args.dossiers, days=args.days, seed=args.seed,
                            progress=lambda n: print(tr("… {n} hồ sơ").format(n=n), file=sys.stderr))
    print(tr("Đã tạo {dossiers} hồ sơ mẫu của {applicants} người nộp, "
          "từ {first_day:%d/%m/%Y} đến {last_day:%d/%m/%Y}.").format(dossiers=summary.dossiers, applicants=summary.applicants, first_day=summary.first_day, last_day=summary.last_day))
    return 0


def cmd_dossier(args: argparse.Namespace) -> int:
    from counter_app.services import dossiers

    db = _open(args)
    if args.dossier_command == "return":
        return _dossier_return(db, args)
    if args.dossier_command == "correct":
        return _dossier_correct(db, args)
    if args.dossier_command in ("supplement", "supplemented"):
        return _dossier_supplement(db, args)
    if args.dossier_command in ("attach", "files"):
        return _dossier_files(db, args)
    if args.dossier_command == "import":
        return _dossier_import(db, args)
    if args.dossier_command in ("pay", "await-payment", "void-payment", "receipt"):
        return _dossier_fees(db, args)
    if args.dossier_command == "list":
        items = dossiers.list_recent(db, limit=args.limit)
        if args.json:
            print(json.dumps([d.to_json() for d in items], ensure_ascii=False, indent=2))
        else:
            for d in items:
                print(f"{d.code}\t{_fmt(d.received_at)}\t{tr(d.status_label)}\t{d.applicant_name}\t{d.procedure_name}")
        return 0
    item = dossiers.show(db, args.code)
    if args.json:
        print(json.dumps(item.to_json(), ensure_ascii=False, indent=2))
    else:
        for key, value in item.to_json().items():
            print(f"{key}: {value}")
    return 0


def cmd_slip(args: argparse.Namespace) -> int:
    from counter_app.services import documents

    db = _open(args)
    if args.blank and args.form != "06":
        raise ServiceError(tr("Tham số --blank chỉ dùng với --form 06 (phiếu kiểm soát)."))
    try:
        if args.form == "06":
            from counter_app.services import return_documents

            path = return_documents.write_control_slip(db, args.code, args.out, blank=args.blank)
        else:
            path = documents.write_receipt(db, args.code, args.out)
    except OSError as exc:
        raise ServiceError(tr("Không ghi được tệp «{out}»: {value}.").format(out=args.out, value=exc.strerror or exc)) from None
    print(path)
    return 0


def _dossier_return(db: Database, args: argparse.Namespace) -> int:
    from counter_app.services import return_documents, returns

    ctx = returns.officer_context(db, args.officer)
    result = returns.hand_over(
        db, ctx, args.code,
        returns.Receiver(args.receiver_name, args.receiver_id, args.receiver_phone, is_applicant=None),
        returns.ResultDocument(args.result_type, args.result_number, args.summary))
    print(tr("Đã trả kết quả hồ sơ {code} cho {name} lúc {returned_at}.").format(code=result.code, name=result.receiver.name, returned_at=_fmt(result.returned_at)))
    try:
        path = return_documents.write_return_receipt(db, result.code)
    except OSError as exc:
        print(tr("Lỗi: không lưu được giấy biên nhận trả kết quả ({value}); "
              "việc trả kết quả đã được ghi nhận.").format(value=exc.strerror or exc), file=sys.stderr)
        return 1
    print(tr("Giấy biên nhận: {path}").format(path=path))
    return 0


def _dossier_files(db: Database, args: argparse.Namespace) -> int:
    from counter_app.models import ROLE_RECEIVED, ROLE_RESULT
    from counter_app.services import attachments, returns

    if args.dossier_command == "attach":
        ctx = returns.officer_context(db, args.officer)
        added = attachments.attach(db, ctx, args.code, args.files, document=args.document,
                                   role=ROLE_RESULT if args.result else ROLE_RECEIVED, source="cli")
        for item in added:
            whole = tr("(cả hồ sơ)")
            print(f"{item.file_name}\t{item.document or whole}\t{item.size}\t{item.sha256}")
        return 0
    listed = attachments.list_files(db, args.code)
    if args.json:
        print(json.dumps([i.to_json() for i in listed], ensure_ascii=False, indent=2))
    else:
        for item in listed:
            whole = tr("(cả hồ sơ)")
            print(f"{item.file_name}\t{item.document or whole}\t{item.size}\t{item.sha256}")
    return 0


def _dossier_fees(db: Database, args: argparse.Namespace) -> int:
    from counter_app.domain.fees import money_text
    from counter_app.services import payments, returns

    if args.dossier_command == "receipt":
        try:
            print(payments.write_receipt(db, args.number, args.out))
        except OSError as exc:
            raise ServiceError(tr("Không ghi được tệp «{out}»: {value}.").format(out=args.out, value=exc.strerror or exc)) from None
        return 0
    ctx = returns.officer_context(db, args.officer)
    if args.dossier_command == "await-payment":
        payments.await_payment(db, ctx, args.code)
        print(tr("Hồ sơ {code} chờ thực hiện nghĩa vụ tài chính; thời gian giải quyết tạm dừng.").format(code=args.code))
        return 0
    if args.dossier_command == "void-payment":
        password = _read_password(tr("Mật khẩu của {supervisor}: ").format(supervisor=args.supervisor))
        payments.void_payment(db, ctx, args.number, username=args.supervisor, password=password, reason=args.reason)
        print(tr("Đã hủy biên lai {number}.").format(number=args.number.strip().upper()))
        return 0
    result = payments.record_payment(db, ctx, args.code, method=args.method, amount=args.amount,
                                     reference=args.reference, payer_name=args.payer)
    print(tr("Đã thu {amount} của hồ sơ {dossier_code}, biên lai {number}.").format(amount=money_text(result.amount), dossier_code=result.dossier_code, number=result.number))
    if result.resumed_due is not None:
        print(tr("Hồ sơ tiếp tục giải quyết; hẹn trả mới: {resumed_due}.").format(resumed_due=_fmt(result.resumed_due)))
    try:
        print(tr("Biên lai: {path}").format(path=payments.write_receipt(db, result.number, args.out)))
    except OSError as exc:
        print(tr("Lỗi: không lưu được biên lai ({value}); khoản thu đã được ghi nhận, "
              "in lại bằng: counter-app dossier receipt {number}.").format(value=exc.strerror or exc, number=result.number), file=sys.stderr)
        return 1
    return 0


def _dossier_import(db: Database, args: argparse.Namespace) -> int:
    from counter_app.services import backlog, returns

    ctx = returns.officer_context(db, args.officer) if args.officer else backlog.supervisor_context(db)
    report = backlog.import_book(db, ctx, args.file,
                                 progress=lambda n, total: print(tr("… {n}/{total} hồ sơ").format(n=n, total=total), file=sys.stderr))
    if not report.ok:
        print(report.summary(), file=sys.stderr)
        for row in report.refused:
            print(row.text(), file=sys.stderr)
        return 1
    print(report.summary())
    return 0


def _dossier_supplement(db: Database, args: argparse.Namespace) -> int:
    from counter_app.services import processing, returns

    ctx = returns.officer_context(db, args.officer)
    if args.dossier_command == "supplemented":
        due = processing.supplement_received(db, ctx, args.code)
        print(tr("Hồ sơ {code} tiếp tục giải quyết; hẹn trả mới: {due}.").format(code=args.code, due=_fmt(due)))
        return 0
    items = []
    for item in args.item:
        name, _, reason = item.partition(":")
        items.append((name.strip(), reason.strip()))
    result = processing.request_supplement(db, ctx, args.code, args.agency, items, print_notice=True)
    print(tr("Đã ghi yêu cầu bổ sung {notice_code}; phiếu (Mẫu số 02): {pdf_path}").format(notice_code=result.notice_code, pdf_path=result.pdf_path))
    if args.out:
        from counter_app.services import documents

        try:
            print(documents.write_supplement_notice(db, result.notice_code, args.out))
        except OSError as exc:
            raise ServiceError(tr("Không ghi được tệp «{out}»: {value}.").format(out=args.out, value=exc.strerror or exc)) from None
    return 0


def cmd_forms(args: argparse.Namespace) -> int:
    from counter_app.services import documents

    db = _open(args)
    current = documents.form_settings(db, governing=args.governing, unit_line=args.unit_line, paper=args.paper,
                                      max_extensions=args.max_extensions)
    for key, value in current.items():
        print(f"{key}\t{value}")
    return 0


def _dossier_correct(db: Database, args: argparse.Namespace) -> int:
    from counter_app.services import returns

    ctx = returns.officer_context(db, args.officer)
    document = (returns.ResultDocument(args.result_type, args.result_number, args.summary)
                if args.result_type else None)
    receiver = (returns.Receiver(args.receiver_name, args.receiver_id, args.receiver_phone, is_applicant=None)
                if args.receiver_name else None)
    result = returns.correct_result(db, ctx, args.code, args.reason, document=document, receiver=receiver,
                                    recall=args.recall)
    labels = {"result": tr("kết quả"), "receiver": tr("người nhận"), "recalled": tr("thu hồi việc trả kết quả")}
    print(tr("Đã đính chính hồ sơ {code}: {items}.").format(code=result.code, items=', '.join(labels[c] for c in result.corrected)))
    return 0


def _parse_day(text: str) -> date:
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise ServiceError(tr("Ngày «{text}» không đúng dạng YYYY-MM-DD.").format(text=text)) from None


def cmd_report(args: argparse.Namespace) -> int:
    from counter_app.services import reports

    db = _open(args)
    if args.report_command == "daily":
        result = reports.export_daily(db, _parse_day(args.date), args.format, args.out)
    elif args.report_command == "cash":
        from counter_app.services import payments

        result = payments.export_cash(db, _parse_day(args.date), args.format, args.out)
    elif args.report_command == "period":
        result = reports.export_period_report(db, _parse_day(args.start), _parse_day(args.end), args.format, args.out)
    else:
        result = reports.export_tracking_book(db, _parse_day(args.start), _parse_day(args.end), args.format, args.out)
    print(result if isinstance(result, str) else tr("Đã lưu: {result}").format(result=result))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from counter_app.services import audit

    # Opened without migrating or the demo set-up: verifying must not write to the file it judges.
    path = _desk_path(args)
    from counter_app.models.db import Database

    db = Database(path)
    from counter_app.services.desk_database import check_budget, refuse_if_damaged

    # Refused on open like every command: verifying the rows must not depend on which pages a fault hit.
    refuse_if_damaged(db, check_budget(0.3))
    _say_partial_check(db)
    anchors = None
    if args.central:
        from counter_app.sync import service

        anchors = service.fetch_anchors(db)
    result = audit.verify_log(db, anchors)
    if result.ok:
        against = tr(", đối chiếu {count} mốc của hệ thống trung tâm").format(count=len(anchors)) if anchors is not None else ""
        print(tr("Nhật ký toàn vẹn: đã kiểm tra {checked} dòng và trạng thái {entities} hồ sơ, "
              "người nộp{against}.").format(checked=result.checked, entities=result.entities, against=against))
        for note in result.notes:
            print(tr("Lưu ý: {note}.").format(note=note))
        return 0
    where = tr(" tại dòng {first_bad_id}").format(first_bad_id=result.first_bad_id) if result.first_bad_id is not None else ""
    print(tr("Nhật ký bị can thiệp{where}: {problem}.").format(where=where, problem=result.problem))
    return 1


_PLACE_WORDS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "tỉnh", "xã")


def place_from_unit_name(name: str) -> str:
    """The place printed on the forms, from a unit name: "Trung tâm PVHCC xã Tân Thành" -> "Tân Thành"."""
    text = " ".join(name.split())
    lower = text.lower()
    best = -1
    for word in _PLACE_WORDS:
        at = lower.rfind(word + " ")
        if at > best:
            best, length = at, len(word) + 1
    return text[best + length:].strip() if best >= 0 else text


def _read_password(prompt: str) -> str:
    """A second officer's password: typed once at a prompt on a terminal, else the first line of stdin."""
    import getpass

    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt, stream=sys.stderr)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def read_password(prompt_stream=sys.stderr) -> str:  # noqa: ANN001
    """The admin's password: typed twice at a prompt on a terminal, else the first line of stdin."""
    import getpass

    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass(tr("Mật khẩu của tài khoản quản trị: "), stream=prompt_stream)
        again = getpass.getpass(tr("Nhập lại mật khẩu: "), stream=prompt_stream)
        if first != again:
            raise ValidationError(tr("Hai lần nhập mật khẩu không giống nhau."), field="password_again")
        return first
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def cmd_setup(args: argparse.Namespace) -> int:
    from counter_app.models import UnitLevel
    from counter_app.services import org

    password = read_password()
    if not password:
        raise ValidationError(tr("Chưa có mật khẩu: hãy gõ khi được hỏi, hoặc đưa vào đầu vào chuẩn "
                              "(ví dụ: printf '%s\\n' \"$MAT_KHAU\" | counter-app setup …)."), field="password")
    db = _open(args, demo_setup=False)
    try:
        data = org.FirstRunInput(
            agency_code=args.unit, unit_name=args.unit_name, parent_name=args.parent_name,
            level=UnitLevel(args.level), place=args.place or place_from_unit_name(args.unit_name),
            desk_number=args.desk, username=args.admin, full_name=args.admin_name or args.admin,
            password=password, password_again=password, phone=args.admin_phone,
            lookup_url_template=args.lookup_url)
        context = org.first_run_setup(db, data)
    finally:
        db.dispose()
    print(tr("Đã thiết lập quầy số {desk_number} của {unit_name} ({unit}); "
          "tài khoản quản trị: {admin}.").format(desk_number=context.desk_number, unit_name=context.unit_name, unit=args.unit.upper(), admin=args.admin))
    return 0


def _passphrase(db=None, *, again: bool = False) -> str:  # noqa: ANN001 - Database
    """The backup passphrase: $COUNTER_APP_BACKUP_PASSPHRASE, the one the supervisor set, or a prompt."""
    from counter_app.services import backup

    value = os.environ.get(backup.PASSPHRASE_ENV, "")
    if not value and db is not None:
        value = backup.stored_passphrase(db)
    if not value and sys.stdin.isatty():
        import getpass

        try:
            value = getpass.getpass(tr("Mật khẩu sao lưu: "))
        except EOFError:
            value = ""
    if not value:
        raise ServiceError(tr("Chưa có mật khẩu sao lưu: đặt biến môi trường {PASSPHRASE_ENV}, nhập khi được "
                           "hỏi, hoặc để lãnh đạo đặt trong Cài đặt → Sao lưu dữ liệu.").format(PASSPHRASE_ENV=backup.PASSPHRASE_ENV))
    return value


def cmd_backup(args: argparse.Namespace) -> int:
    from counter_app.services import backup

    if args.backup_command == "verify":
        checked = backup.verify(args.file, _passphrase())
        print(tr("Bản sao lưu tốt: {name}, tạo lúc {created_label}, {dossiers} hồ sơ, "
                 "{files} tệp số hóa, nhật ký toàn vẹn.").format(
            name=checked.path.name, created_label=checked.created_label, dossiers=checked.dossiers, files=checked.files))
        return 0
    if args.backup_command == "restore":
        from counter_app.models.db import default_db_path

        target = args.db or default_db_path()
        checked = backup.restore(target, args.file, _passphrase())
        print(tr("Đã khôi phục {name} (tạo lúc {created_label}, {dossiers} hồ sơ, "
                 "{files} tệp số hóa) vào "
                 "«{target}»; tệp cũ được giữ bên cạnh (.before-restore-…).").format(
            name=checked.path.name, created_label=checked.created_label, dossiers=checked.dossiers,
            files=checked.files, target=target))
        print(tr("Quầy sẽ không tiếp nhận hồ sơ cho đến khi đồng bộ với trung tâm (counter-app sync --once), "
                 "để không cấp trùng mã."))
        return 0
    db = _open(args)  # never a fresh, empty desk file made only to be backed up
    info = backup.backup(db, args.to, passphrase=_passphrase(db))
    print(tr("Đã sao lưu và kiểm tra: {path} ({size:,} byte, {dossiers} hồ sơ, {files} tệp số hóa).").format(
        path=info.path, size=info.size, dossiers=info.dossiers, files=info.files))
    if info.files_missing:
        print(tr("Cảnh báo: {n} tệp số hóa không còn trên đĩa hoặc bị hỏng nên không có trong bản sao lưu; "
                 "hãy kiểm tra thư mục lưu trữ.").format(n=len(info.files_missing)), file=sys.stderr)
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from counter_app.sync import service

    if args.token is not None:
        raise ServiceError(tr("Không nhận mã truy cập trên dòng lệnh (lệnh ps và lịch sử shell sẽ lộ mã): hãy đặt "
                           "biến môi trường {TOKEN_ENV}, hoặc dùng --ask-token để nhập mã.").format(TOKEN_ENV=TOKEN_ENV))
    token = os.environ.get(TOKEN_ENV, "").strip()
    if args.ask_token:
        import getpass

        try:
            token = getpass.getpass(tr("Mã truy cập của quầy: ")).strip()
        except EOFError:
            token = ""
        if not token:
            raise ServiceError(tr("Chưa nhập mã truy cập."))
    db = _open(args)
    if args.central or token:
        current = service.saved_config(db)
        service.save_config(db, args.central or current.central_url, token or current.token)
    sync = service.SyncService(db)

    def report(result: service.SyncReport | service.SyncError) -> None:
        if isinstance(result, service.SyncError):
            print(tr("Lỗi: {message}").format(message=result.message), file=sys.stderr)
            return
        print(tr("Đồng bộ xong: gửi {pushed} sự kiện, nhận {pulled} thay đổi.").format(pushed=result.pushed, pulled=result.pulled))
        if result.clock_warning:
            print(tr("Cảnh báo: đồng hồ máy quầy {skew_text} "
                  "so với máy chủ trung tâm; hãy chỉnh lại giờ máy.").format(skew_text=service.skew_text(result.clock_skew_seconds)), file=sys.stderr)

    if args.once:
        report(sync.sync_once())  # a SyncError is a ServiceError: main() prints it, exit status 1
        return 0
    import threading

    stop = threading.Event()
    try:
        service.run_loop(sync, stop, interval=args.interval, on_result=report)
    except KeyboardInterrupt:
        stop.set()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    language = _language(argv)
    previous = _use_language(language)
    try:
        return _main(argv, language)
    finally:
        if previous is not None:  # in-process callers (tests, scripts) get their translator back
            i18n.set_translator(previous)


def _main(argv: list[str], language: str) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers = {"sync": cmd_sync, "due": cmd_due, "calendar": cmd_calendar, "forms": cmd_forms, "db": cmd_db,
                "catalog": cmd_catalog, "demo-data": cmd_demo, "dossier": cmd_dossier, "audit": cmd_audit,
                "slip": cmd_slip, "report": cmd_report, "setup": cmd_setup, "backup": cmd_backup}
    try:
        if args.command in (None, "gui"):
            from counter_app.app import run_gui
            from counter_app.ui.language import LANGUAGE_ENV

            if args.lang:  # the GUI installs its own translator from the setting: --lang overrides it
                os.environ[LANGUAGE_ENV] = language

            return run_gui(args.db, demo_setup=not getattr(args, "no_demo", False))
        return handlers[args.command](args)
    except ServiceError as exc:
        print(tr("Lỗi: {message}").format(message=exc.message), file=sys.stderr)
        return 1
    except ModuleNotFoundError as exc:
        from counter_app.extras import install_hint

        hint = install_hint(exc, "counter-app")
        if hint is None:
            raise
        print(hint, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        # A storage fault met outside a unit of work (migrating, a raw read): explained, never a traceback.
        from counter_app.domain.storage import explain_storage

        error = explain_storage(exc, getattr(args, "db", None) or _default_path())
        if error is None:
            raise
        print(tr("Lỗi: {message}").format(message=error.message), file=sys.stderr)
        return 1


def _default_path() -> Path | None:
    try:
        from counter_app.models.db import default_db_path

        return default_db_path()
    except Exception:  # noqa: BLE001 - the message goes without the path
        return None


if __name__ == "__main__":
    sys.exit(main())
