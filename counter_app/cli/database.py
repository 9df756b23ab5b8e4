"""`counter-app db`, `audit verify` and `backup`: the desk file itself, its audit log and its backups."""

from __future__ import annotations

import argparse
import os
import sys

from counter_app.i18n import tr
from counter_app.services.errors import ServiceError

from .common import desk_path, open_db, say_partial_check


def cmd_db(args: argparse.Namespace) -> int:
    from counter_app.models.db import Database, current_revision

    db = Database(desk_path(args, create=args.db_command == "upgrade"))
    if args.db_command == "check":
        from counter_app.services.desk_database import full_check

        full_check(db)  # damage: the corrupt message, exit 1
        print(tr("Tệp dữ liệu toàn vẹn: đã kiểm tra toàn bộ «{path}».").format(path=db.path))
        return 0
    if args.db_command == "upgrade":
        db.upgrade()
    print(current_revision(db.engine))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from counter_app.services import audit

    # Opened without migrating or the demo set-up: verifying must not write to the file it judges.
    path = desk_path(args)
    from counter_app.models.db import Database

    db = Database(path)
    from counter_app.services.desk_database import check_budget, refuse_if_damaged

    # Refused on open like every command: verifying the rows must not depend on which pages a fault hit.
    refuse_if_damaged(db, check_budget(0.3))
    say_partial_check(db)
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
    db = open_db(args)  # never a fresh, empty desk file made only to be backed up
    info = backup.backup(db, args.to, passphrase=_passphrase(db))
    print(tr("Đã sao lưu và kiểm tra: {path} ({size:,} byte, {dossiers} hồ sơ, {files} tệp số hóa).").format(
        path=info.path, size=info.size, dossiers=info.dossiers, files=info.files))
    if info.files_missing:
        print(tr("Cảnh báo: {n} tệp số hóa không còn trên đĩa hoặc bị hỏng nên không có trong bản sao lưu; "
                 "hãy kiểm tra thư mục lưu trữ.").format(n=len(info.files_missing)), file=sys.stderr)
    return 0
