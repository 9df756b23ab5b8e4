"""`counter-app slip` and `counter-app forms`: printed forms of a dossier and their settings."""

from __future__ import annotations

import argparse

from counter_app.i18n import tr
from counter_app.services.errors import ServiceError

from .common import open_db


def cmd_slip(args: argparse.Namespace) -> int:
    from counter_app.services import documents

    db = open_db(args)
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


def cmd_forms(args: argparse.Namespace) -> int:
    from counter_app.services import documents

    db = open_db(args)
    current = documents.form_settings(db, governing=args.governing, unit_line=args.unit_line, paper=args.paper,
                                      max_extensions=args.max_extensions)
    for key, value in current.items():
        print(f"{key}\t{value}")
    return 0
