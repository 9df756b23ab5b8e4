"""`counter-app sync`: push the outbox to the central system and pull its changes."""

from __future__ import annotations

import argparse
import os
import sys

from counter_app.i18n import tr
from counter_app.services.errors import ServiceError

from . import TOKEN_ENV
from .common import open_db


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
    db = open_db(args)
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
