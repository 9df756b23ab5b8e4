"""`counter-central`: run the central API and administer it from scripts.

Every command accepts ``--database-url`` (default: ``$DATABASE_URL``, else a SQLite file in the
user data dir). Errors print one Vietnamese sentence on stderr and exit with status 1.
Tokens are printed alone on stdout (explanations go to stderr) so scripts can capture them.
"""

from __future__ import annotations

import argparse
import json
import logging.config
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from counter_app.usage import UsageParser

from .errors import CentralError


def _env(name: str, default: str) -> str:
    """A setting from the environment (containers, systemd units), the built-in default when unset or empty."""
    return os.environ.get(name, "").strip() or default


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày «{text}» phải có dạng YYYY-MM-DD") from None


def _int_between(text: str, low: int, high: int | None, message: str) -> int:
    """``text`` as an integer from ``low`` to ``high`` (None: no upper bound), else argparse's error
    with ``message`` (Vietnamese, shown with the option's name)."""
    try:
        value = int(text)
    except ValueError:
        value = low - 1
    if value < low or (high is not None and value > high):
        raise argparse.ArgumentTypeError(message)
    return value


def _positive(text: str) -> int:
    return _int_between(text, 1, None, f"«{text}» phải là một số nguyên dương")


def _nice(text: str) -> int:
    return _int_between(text, 0, 19, f"«{text}» phải là một số từ 0 đến 19")


def _port(text: str) -> int:
    return _int_between(text, 1, 65535, f"cổng «{text}» phải là một số từ 1 đến 65535")


def _workers(text: str) -> int:
    """A number of worker processes, or ``auto``: one per core (a worker uses at most one core)."""
    if text.strip().lower() == "auto":
        from .serving import cores

        return cores()
    return _positive(text)


def build_parser() -> argparse.ArgumentParser:
    parser = UsageParser(prog="counter-central", description="Một Cửa — hệ thống trung tâm")
    parser.add_argument("--database-url", default=None, metavar="URL",
                        help="postgresql://user@host/db or sqlite:///path (default: $DATABASE_URL or a SQLite file)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="run the HTTP API (every option also from the environment, see "
                                          "docs/operations.md)")
    serve.add_argument("--host", default=_env("CENTRAL_HOST", "127.0.0.1"), help="$CENTRAL_HOST")
    serve.add_argument("--port", type=_port, default=_env("CENTRAL_PORT", "8700"), help="$CENTRAL_PORT")
    serve.add_argument("--workers", type=_workers, default=_env("CENTRAL_WORKERS", "1"),
                       help="worker processes (stateless API), or 'auto': one per core; $CENTRAL_WORKERS")
    # From the environment as text, so argparse checks a bad value there like one typed (a container's
    # CENTRAL_PUSH_CONCURRENCY=abc is refused, not silently replaced by the default).
    serve.add_argument("--push-concurrency", type=_positive, default=_env("CENTRAL_PUSH_CONCURRENCY", "") or None,
                       metavar="N",
                       help="pushes applied at once per worker, the others wait their turn (default 4); "
                            "$CENTRAL_PUSH_CONCURRENCY")
    serve.add_argument("--push-nice", type=_nice, default=_env("CENTRAL_PUSH_NICE", "") or None, metavar="N",
                       help="PostgreSQL: how much lower the OS priority of the push processes is than the worker's, "
                            "0-19 (default 10); $CENTRAL_PUSH_NICE")
    serve.add_argument("--push-in-threads", action="store_true", default=_env("CENTRAL_PUSH_IN_THREADS", "") == "1",
                       help="apply pushes in the worker's threads, not in push processes of their own (always so "
                            "with SQLite); $CENTRAL_PUSH_IN_THREADS=1")
    serve.add_argument("--db-pool", type=_positive, default=_env("CENTRAL_DB_POOL", "") or None, metavar="N",
                       help="database connections (and request threads) per worker (default 16); $CENTRAL_DB_POOL")
    serve.add_argument("--no-migrate", action="store_true", default=_env("CENTRAL_NO_MIGRATE", "") == "1",
                       help="do not upgrade the schema on start; $CENTRAL_NO_MIGRATE=1")
    serve.add_argument("--log-level", default=_env("CENTRAL_LOG_LEVEL", "info").lower(),
                       choices=["debug", "info", "warning", "error"], help="$CENTRAL_LOG_LEVEL")
    serve.add_argument("--log-file", default=os.environ.get("CENTRAL_LOG_FILE"), metavar="PATH",
                       help="rotating log file (default: central.log in the platform's log dir; "
                            "empty: stderr only); $CENTRAL_LOG_FILE")
    serve.add_argument("--access-log", action="store_true", default=_env("CENTRAL_ACCESS_LOG", "") == "1",
                       help="$CENTRAL_ACCESS_LOG=1")

    db = sub.add_parser("db", help="database schema")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    db_sub.add_parser("upgrade", help="migrate to the newest schema")
    db_sub.add_parser("current", help="print the schema revision")

    desk = sub.add_parser("desk", help="desk tokens")
    desk_sub = desk.add_subparsers(dest="desk_command", required=True, metavar="COMMAND")
    add = desk_sub.add_parser("add", help="issue a desk token (printed once)")
    add.add_argument("--unit", required=True, help="agency code, e.g. 000.00.01.H12")
    add.add_argument("--desk", type=int, required=True, help="desk number 1–9")
    add.add_argument("--unit-name", default="")
    add.add_argument("--replace", action="store_true", help="revoke the desk's current token and issue a new one")
    rev = desk_sub.add_parser("revoke", help="revoke a desk's token")
    rev.add_argument("--unit", required=True)
    rev.add_argument("--desk", type=int, required=True)
    desk_sub.add_parser("list", help="all tokens, active and revoked")

    bo = sub.add_parser("backoffice", help="back-office officer tokens")
    bo_sub = bo.add_subparsers(dest="bo_command", required=True, metavar="COMMAND")
    bo_add = bo_sub.add_parser("add", help="issue a back-office token (printed once)")
    bo_add.add_argument("--agency", required=True, help='processing agency, e.g. "Phòng Tư pháp"')
    bo_add.add_argument("--name", required=True, help="officer's full name")
    bo_rev = bo_sub.add_parser("revoke", help="revoke a token by its id (see desk list)")
    bo_rev.add_argument("id", type=int)

    dossier = sub.add_parser("dossier", help="back-office steps on a dossier")
    dos_sub = dossier.add_subparsers(dest="dossier_command", required=True, metavar="COMMAND")
    for name, text in (("process", "start processing (status 4)"),
                       ("supplement", "request supplements, once per agency (status 5)"),
                       ("stop", "stop processing (status 8)"),
                       ("result", "result ready (status 9)")):
        cmd = dos_sub.add_parser(name, help=text)
        cmd.add_argument("code")
        cmd.add_argument("--agency", required=True)
        cmd.add_argument("--officer", required=True)
        cmd.add_argument("--note", default="")
        if name == "supplement":
            cmd.add_argument("--item", action="append", required=True, metavar='"NAME: REASON"',
                             help="a document to add or correct, with the reason after a colon (repeatable)")
        if name == "stop":
            cmd.add_argument("--reason", required=True)
        if name == "result":
            cmd.add_argument("--type", dest="result_type", required=True, help="result document, e.g. Giấy khai sinh")
            cmd.add_argument("--number", dest="result_number", default="")
            cmd.add_argument("--summary", default="")
    show = dos_sub.add_parser("show", help="a dossier with its hand-offs")
    show.add_argument("code")
    notice = dos_sub.add_parser("notice", help="print the processing-stage supplement request (form 02) as PDF")
    notice.add_argument("code")
    notice.add_argument("--out", required=True, metavar="FILE.pdf")
    notice.add_argument("--request", default="", metavar="CODE", help="a given request (default: the latest)")

    catalog = sub.add_parser("catalog", help="procedure catalog published to the desks")
    cat_sub = catalog.add_subparsers(dest="catalog_command", required=True, metavar="COMMAND")
    imp = cat_sub.add_parser("import", help="import a catalog JSON file (national CSDL shape)")
    imp.add_argument("file", type=Path)

    cal = sub.add_parser("calendar", help="province-wide days off / make-up working days")
    cal_sub = cal.add_subparsers(dest="calendar_command", required=True, metavar="COMMAND")
    cal_set = cal_sub.add_parser("set", help="declare a day off or a working day")
    cal_set.add_argument("day", type=_day)
    kind = cal_set.add_mutually_exclusive_group(required=True)
    kind.add_argument("--working", action="store_true")
    kind.add_argument("--off", action="store_true")
    cal_set.add_argument("--note", default="")
    cal_rm = cal_sub.add_parser("remove", help="drop an override")
    cal_rm.add_argument("day", type=_day)

    aud = sub.add_parser("audit", help="desks' audit-chain heads received with their pushes")
    aud_sub = aud.add_subparsers(dest="audit_command", required=True, metavar="COMMAND")
    anchor = aud_sub.add_parser("anchor", help="the head desk N's chain had at row S (default: the newest), JSON")
    anchor.add_argument("--unit", required=True)
    anchor.add_argument("--desk", type=int, required=True)
    anchor.add_argument("--seq", type=int, help="the audit row id; default: the newest head")
    counters = sub.add_parser("counters", help="province-wide counters per unit (JSON)")
    counters.add_argument("--from", dest="start", type=_day, default=None)
    counters.add_argument("--to", dest="end", type=_day, default=None)
    counters.add_argument("--unit", default=None)

    quarantine = sub.add_parser("quarantine", help="desk events the central refused and kept aside")
    q_sub = quarantine.add_subparsers(dest="q_command", required=True, metavar="COMMAND")
    q_list = q_sub.add_parser("list", help="open quarantined events (JSON)")
    q_list.add_argument("--unit", default=None)
    q_list.add_argument("--desk", type=int, default=None)
    q_list.add_argument("--all", action="store_true", help="also the resolved ones")
    q_res = q_sub.add_parser("resolve", help="settle a quarantined event by hand")
    q_res.add_argument("uuid")
    q_res.add_argument("--note", required=True, help="what was done about it")

    portal = sub.add_parser("portal", help="the national portal adapter: what each dossier's record became "
                                           "(docs/national-record.md); $CENTRAL_PORTAL_URL names the portal")
    p_sub = portal.add_subparsers(dest="portal_command", required=True, metavar="COMMAND")
    p_status = p_sub.add_parser("status", help="counts per state and the dossiers (JSON)")
    p_status.add_argument("--code", default=None, help="one dossier")
    p_status.add_argument("--state", choices=["pending", "sent", "failed"], default=None)
    p_deliver = p_sub.add_parser("deliver", help="post the due records now (one round; serve does it by itself)")
    p_deliver.add_argument("--url", default=None, help="the portal's address (default: $CENTRAL_PORTAL_URL)")
    p_requeue = p_sub.add_parser("requeue", help="queue a dossier's current record again (after a failure was "
                                                 "put right)")
    p_requeue.add_argument("code")

    onl = sub.add_parser("online", help="dossiers submitted on the national portal, for the desks to receive")
    o_sub = onl.add_subparsers(dest="online_command", required=True, metavar="COMMAND")
    o_imp = o_sub.add_parser("import", help="a JSON export of portal dossiers, their files beside it "
                                            "(docs/national-record.md); all or none")
    o_imp.add_argument("file", type=Path)
    o_list = o_sub.add_parser("list", help="online dossiers and their state (JSON)")
    o_list.add_argument("--state", choices=["waiting", "received", "supplement", "refused"], default=None)
    return parser


def log_file_path(option: str | None) -> Path | None:
    """``--log-file``/``$CENTRAL_LOG_FILE``: unset -> central.log in the platform's log dir; empty -> none."""
    if option is None:
        from counter_app.logs import CENTRAL_APP, log_dir

        return log_dir(CENTRAL_APP) / "central.log"
    return Path(option) if option.strip() else None


def uvicorn_log_config(level: str, access_log: bool, log_file: Path | None = None) -> dict[str, Any]:
    """uvicorn's loggers on stderr (and a rotating file); a client that hangs up mid-request is a warning."""
    config = _uvicorn_log_config(level, access_log)
    if log_file is not None:
        from counter_app.logs import BACKUPS, FORMAT, MAX_BYTES

        log_file.parent.mkdir(parents=True, exist_ok=True)
        config["formatters"]["file"] = {"format": FORMAT}
        config["handlers"]["file"] = {"class": "logging.handlers.RotatingFileHandler", "formatter": "file",
                                      "filename": str(log_file), "maxBytes": MAX_BYTES, "backupCount": BACKUPS,
                                      "encoding": "utf-8", "delay": True}
        for name in ("uvicorn", "uvicorn.access", "central"):
            config["loggers"][name]["handlers"].append("file")
    return config


def _uvicorn_log_config(level: str, access_log: bool) -> dict[str, Any]:
    upper = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": upper, "propagate": False},
            "uvicorn.error": {"level": upper},
            "uvicorn.access": {"handlers": ["stderr"], "level": "INFO" if access_log else "WARNING",
                               "propagate": False},
            "central": {"handlers": ["stderr"], "level": upper, "propagate": False},
        },
    }


def _open(args: argparse.Namespace):  # noqa: ANN202 - CentralDatabase
    from .db import CentralDatabase

    db = CentralDatabase(args.database_url)
    db.upgrade()
    return db


def prepare_metrics_dir(workers: int) -> Path | None:
    """prometheus-client's multiprocess mode, so /metrics adds up every worker's counters.

    ``$PROMETHEUS_MULTIPROC_DIR`` is created and emptied of a previous run's files; with several
    workers and no such variable, a fresh temporary directory is used.
    """
    value = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "").strip()
    if not value:
        if workers <= 1:
            return None
        import tempfile

        value = tempfile.mkdtemp(prefix="central-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = value
    directory = Path(value)
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink()
    return directory


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .db import CentralDatabase, resolve_url

    url = resolve_url(args.database_url)
    if not args.no_migrate:
        db = CentralDatabase(url)
        db.upgrade()
        db.dispose()
    os.environ["DATABASE_URL"] = url  # for the app factory in every worker process
    if args.push_concurrency is not None:
        os.environ["CENTRAL_PUSH_CONCURRENCY"] = str(args.push_concurrency)
    if args.db_pool is not None:
        os.environ["CENTRAL_DB_POOL"] = str(args.db_pool)
    if args.push_nice is not None:
        os.environ["CENTRAL_PUSH_NICE"] = str(args.push_nice)
    if args.push_in_threads:
        os.environ["CENTRAL_PUSH_IN_THREADS"] = "1"
    prepare_metrics_dir(args.workers)
    log_file = log_file_path(args.log_file)
    log_config = uvicorn_log_config(args.log_level, args.access_log, log_file)
    broker = _push_broker(url, args.workers, log_config)
    try:
        uvicorn.run("central.app:app_factory", factory=True, host=args.host, port=args.port, workers=args.workers,
                    log_config=log_config, access_log=args.access_log, timeout_graceful_shutdown=5)
    finally:
        if broker is not None:
            broker.stop()
    return 0


def _push_broker(url: str, workers: int, log_config: dict[str, Any]) -> Any:  # noqa: ANN401 - push_broker.Broker
    """With several workers on PostgreSQL, one line of pushes for all of them (central/push_broker.py);
    None otherwise, or if it cannot start (each worker then keeps its own push processes)."""
    from sqlalchemy.engine import make_url

    from .push_broker import SOCKET_ENV

    os.environ.pop(SOCKET_ENV, None)  # only the broker started here is one the workers may use
    if workers <= 1 or make_url(url).get_backend_name() == "sqlite":
        return None
    from . import push_pool
    from .push_broker import Broker, broker_size

    if not push_pool.in_processes():
        return None
    logging.config.dictConfig(log_config)  # the broker's messages as the workers'
    broker = Broker(broker_size(workers), push_pool.push_nice())
    return broker if broker.start() else None


def cmd_db(args: argparse.Namespace) -> int:
    from .db import CentralDatabase

    db = CentralDatabase(args.database_url)
    if args.db_command == "upgrade":
        db.upgrade()
    print(db.current_revision())
    return 0


def cmd_desk(args: argparse.Namespace) -> int:
    from . import admin

    db = _open(args)
    if args.desk_command == "add":
        with db.write() as session:
            token = admin.add_desk(session, args.unit, args.desk, unit_name=args.unit_name, replace=args.replace)
        print(f"Mã truy cập của quầy số {args.desk}, đơn vị {args.unit.upper()} — chỉ hiển thị một lần, "
              "hãy nhập ngay vào Cài đặt → Đồng bộ của quầy:", file=sys.stderr)
        print(token)
        return 0
    if args.desk_command == "revoke":
        with db.write() as session:
            n = admin.revoke_desk(session, args.unit, args.desk)
        print(f"Đã thu hồi {n} mã truy cập của quầy số {args.desk}, đơn vị {args.unit.upper()}.")
        return 0
    with db.read() as session:
        for c in admin.list_credentials(session):
            who = f"{c.unit_code} quầy {c.desk_number}" if c.kind == "desk" else f"{c.agency} — {c.name}"
            state = f"thu hồi {c.revoked_at:%d/%m/%Y %H:%M}" if c.revoked_at else "đang dùng"
            skew = f"\tlệch giờ {c.clock_skew_seconds} giây" if c.clock_skew_seconds else ""
            print(f"{c.id}\t{c.kind}\t{who}\t{state}{skew}")
    return 0


def cmd_backoffice(args: argparse.Namespace) -> int:
    from . import admin

    db = _open(args)
    with db.write() as session:
        if args.bo_command == "add":
            token = admin.add_backoffice(session, agency=args.agency, name=args.name)
        else:
            admin.revoke_credential(session, args.id)
            token = None
    if token is None:
        print(f"Đã thu hồi mã truy cập số {args.id}.")
    else:
        print(f"Mã truy cập của cán bộ {args.name} ({args.agency}) — chỉ hiển thị một lần:", file=sys.stderr)
        print(token)
    return 0


def cmd_dossier(args: argparse.Namespace) -> int:
    from . import backoffice
    from .errors import Malformed

    db = _open(args)
    if args.dossier_command == "show":
        with db.read() as session:
            print(json.dumps(backoffice.describe(session, args.code), ensure_ascii=False, indent=2))
        return 0
    if args.dossier_command == "notice":
        with db.read() as session:
            data = backoffice.supplement_notice_data(session, args.code, args.request)
        from counter_app.printing.supplement import render_supplement_notice

        try:
            render_supplement_notice(data, args.out)
        except OSError as exc:
            raise Malformed(f"Không ghi được tệp «{args.out}»: {exc.strerror or exc}.") from None
        print(args.out)
        return 0
    step = backoffice.Step(args.dossier_command, args.agency, args.officer, note=args.note)
    if args.dossier_command == "supplement":
        for item in args.item:
            name, _, reason = item.partition(":")
            if not name.strip():
                raise Malformed(f"Mục bổ sung «{item}» thiếu tên giấy tờ.")
            step.items.append({"name": name.strip(), "reason": reason.strip()})
    elif args.dossier_command == "stop":
        step.reason = args.reason
    elif args.dossier_command == "result":
        step.result_type, step.result_number, step.result_summary = args.result_type, args.result_number, args.summary
    payload = db.run_write(lambda session: backoffice.move(session, args.code, step))
    from counter_app.domain.lifecycle import label

    print(f"Hồ sơ {payload['code']}: «{label(payload['from'])}» → «{label(payload['to'])}».")
    return 0


def cmd_catalog(args: argparse.Namespace) -> int:
    from . import admin

    db = _open(args)
    with db.write() as session:
        s = admin.import_catalog(session, args.file)
    print(f"Đã nạp danh mục: {s.created} thủ tục mới, {s.updated} cập nhật, {s.unchanged} không đổi; "
          "các quầy sẽ nhận ở lần đồng bộ tới.")
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    from . import admin

    db = _open(args)
    with db.write() as session:
        if args.calendar_command == "set":
            admin.set_calendar_override(session, args.day, bool(args.working), args.note)
            what = "ngày làm việc" if args.working else "ngày nghỉ"
            message = f"Đã đặt {args.day:%d/%m/%Y} là {what}."
        else:
            admin.remove_calendar_override(session, args.day)
            message = f"Đã bỏ điều chỉnh lịch ngày {args.day:%d/%m/%Y}."
    print(message)
    return 0


def cmd_counters(args: argparse.Namespace) -> int:
    from . import stats

    db = _open(args)
    with db.read() as session:
        data = stats.counters(session, start=args.start, end=args.end, unit_code=args.unit)
    print(json.dumps(data, ensure_ascii=False, indent=2))
    return 0


def cmd_quarantine(args: argparse.Namespace) -> int:
    from . import quarantine

    db = _open(args)
    if args.q_command == "list":
        with db.read() as session:
            rows = quarantine.list_events(session, unit_code=args.unit, desk_number=args.desk,
                                          include_resolved=args.all)
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        print(f"{sum(1 for r in rows if r['resolved_at'] is None)} sự kiện đang bị giữ lại.", file=sys.stderr)
        return 0
    with db.write() as session:
        row = quarantine.resolve(session, args.uuid, args.note)
    print(f"Đã xử lý xong sự kiện số {row['seq']} của quầy {row['desk_number']} ({row['unit_code']}).")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from . import anchors

    db = _open(args)
    with db.read() as session:
        found = anchors.find(session, args.unit.strip().upper(), args.desk, args.seq)
    if found is None:
        print(f"Lỗi: chưa có mốc nhật ký nào của quầy {args.desk} ({args.unit})"
              + (f" tại dòng {args.seq}." if args.seq else "."), file=sys.stderr)
        return 1
    print(json.dumps(found, ensure_ascii=False, indent=2))
    return 0


def cmd_portal(args: argparse.Namespace) -> int:
    from . import portal
    from .errors import Malformed, NotFound
    from .models import Dossier

    db = _open(args)
    if args.portal_command == "status":
        with db.read() as session:
            data = portal.status(session, code=args.code, state=args.state)
        print(json.dumps(data, ensure_ascii=False, indent=2))
        counts = data["dossiers"]
        print(f"Cổng quốc gia: {counts['sent']} hồ sơ đã gửi, {counts['pending']} chờ gửi, {counts['failed']} lỗi.",
              file=sys.stderr)
        return 0
    if args.portal_command == "requeue":
        def work(session):  # noqa: ANN001, ANN202
            from sqlalchemy import select

            dossier = session.execute(select(Dossier).where(Dossier.code == args.code.strip().upper())
                                      ).scalar_one_or_none()
            if dossier is None:
                raise NotFound(f"Không tìm thấy hồ sơ có mã «{args.code.strip()}» trên hệ thống trung tâm.")
            return portal.enqueue(session, dossier, force=True, again=True)

        row = db.run_write(work)
        state = "chờ gửi" if row.state == portal.PENDING else f"không gửi được: {row.last_error}"
        print(f"Hồ sơ {row.dossier_code}: đã đưa bản ghi vào hàng đợi ({state}).")
        return 0 if row.state == portal.PENDING else 1
    config = portal.PortalConfig.from_env() if args.url is None else portal.PortalConfig(args.url.rstrip("/"))
    if config is None or not config.url:
        raise Malformed("Chưa cấu hình địa chỉ Cổng quốc gia: đặt CENTRAL_PORTAL_URL hoặc dùng --url.")
    result = portal.deliver(db, config)
    print(json.dumps({"sent": result.sent, "updated": result.updated, "failed": result.failed,
                      "retried": result.retried, "errors": result.errors}, ensure_ascii=False, indent=2))
    return 0


def cmd_online(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from . import online
    from .models import OnlineDossier

    db = _open(args)
    if args.online_command == "import":
        done = db.run_write(lambda session: online.import_file(session, args.file))
        print(f"Đã nhận {done['created']} hồ sơ trực tuyến mới, {done['returned']} hồ sơ đã bổ sung trở lại, "
              f"{done['unchanged']} hồ sơ đã có; các quầy sẽ nhận ở lần đồng bộ tới.")
        return 0
    with db.read() as session:
        stmt = select(OnlineDossier).order_by(OnlineDossier.id)
        if args.state:
            stmt = stmt.where(OnlineDossier.state == args.state)
        rows = [{"code": r.code, "unit_code": r.unit_code, "state": r.state, "desk_number": r.desk_number,
                 "submitted_at": r.submitted_at.isoformat(sep=" "), "reason": r.reason,
                 "decided_at": r.decided_at.isoformat(sep=" ") if r.decided_at else None}
                for r in session.execute(stmt).scalars()]
    print(json.dumps(rows, ensure_ascii=False, indent=2))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {"serve": cmd_serve, "db": cmd_db, "desk": cmd_desk, "backoffice": cmd_backoffice,
                "dossier": cmd_dossier, "catalog": cmd_catalog, "calendar": cmd_calendar,
                "counters": cmd_counters, "quarantine": cmd_quarantine, "audit": cmd_audit, "portal": cmd_portal,
                "online": cmd_online}
    try:
        return handlers[args.command](args)
    except CentralError as exc:
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return 1
    except ModuleNotFoundError as exc:
        from counter_app.extras import install_hint

        hint = install_hint(exc, "counter-central")
        if hint is None:
            raise
        print(hint, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
