"""Command line: `counter-app` starts the desk GUI; subcommands serve admins and scripts.

Every subcommand accepts ``--db PATH`` (default: ``COUNTER_APP_DB`` or the user data dir) and
``--lang vi|en`` (default: ``COUNTER_APP_LANG`` or this PC's language setting, else Vietnamese).
Errors print one sentence on stderr (Vietnamese unless English is chosen) and exit with status 1
(2 for usage errors).

This module holds the parser and the dispatch only; each command family lives in its own module
(``calendar``, ``catalog``, ``database``, ``demo``, ``documents``, ``dossier``, ``fees``, ``first_run``,
``reports``, ``sync``; ``common`` for what they share), imported when its command runs, so that
starting the desk GUI imports none of them.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from counter_app import i18n
from counter_app.i18n import tr
from counter_app.services.errors import ServiceError
from counter_app.usage import UsageParser

TOKEN_ENV = "COUNTER_APP_SYNC_TOKEN"


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
    parser = UsageParser(prog="counter-app", description=tr("Một Cửa Counter — phần mềm quầy tiếp nhận"))
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


# command -> (module of this package, its handler); the module is imported only when its command runs.
_HANDLERS = {
    "due": ("calendar", "cmd_due"), "calendar": ("calendar", "cmd_calendar"), "catalog": ("catalog", "cmd_catalog"),
    "db": ("database", "cmd_db"), "audit": ("database", "cmd_audit"), "backup": ("database", "cmd_backup"),
    "demo-data": ("demo", "cmd_demo"), "dossier": ("dossier", "cmd_dossier"), "slip": ("documents", "cmd_slip"),
    "forms": ("documents", "cmd_forms"), "report": ("reports", "cmd_report"), "setup": ("first_run", "cmd_setup"),
    "sync": ("sync", "cmd_sync"),
}


def _handler(command: str) -> Callable[[argparse.Namespace], int]:
    module, name = _HANDLERS[command]
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def place_from_unit_name(name: str) -> str:
    """The place printed on the forms, from a unit name (``first_run.place_from_unit_name``)."""
    from .first_run import place_from_unit_name as place

    return place(name)


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
    try:
        if args.command in (None, "gui"):
            from counter_app.app import run_gui
            from counter_app.ui.language import LANGUAGE_ENV

            if args.lang:  # the GUI installs its own translator from the setting: --lang overrides it
                os.environ[LANGUAGE_ENV] = language

            return run_gui(args.db, demo_setup=not getattr(args, "no_demo", False))
        return _handler(args.command)(args)
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

