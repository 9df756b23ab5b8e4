"""`counter-app dossier …` (but the fees, in fees.py): list, show, return, correct, supplement, attach,
files, import."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from counter_app.i18n import tr
from counter_app.services.errors import ServiceError

from .common import fmt, open_db

if TYPE_CHECKING:
    from counter_app.models.db import Database


def cmd_dossier(args: argparse.Namespace) -> int:
    from counter_app.services import dossiers

    db = open_db(args)
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
        from .fees import dossier_fees

        return dossier_fees(db, args)
    if args.dossier_command == "list":
        items = dossiers.list_recent(db, limit=args.limit)
        if args.json:
            print(json.dumps([d.to_json() for d in items], ensure_ascii=False, indent=2))
        else:
            for d in items:
                print(f"{d.code}\t{fmt(d.received_at)}\t{tr(d.status_label)}\t{d.applicant_name}\t{d.procedure_name}")
        return 0
    item = dossiers.show(db, args.code)
    if args.json:
        print(json.dumps(item.to_json(), ensure_ascii=False, indent=2))
    else:
        for key, value in item.to_json().items():
            print(f"{key}: {value}")
    return 0


def _dossier_return(db: Database, args: argparse.Namespace) -> int:
    from counter_app.services import return_documents, returns

    ctx = returns.officer_context(db, args.officer)
    result = returns.hand_over(
        db, ctx, args.code,
        returns.Receiver(args.receiver_name, args.receiver_id, args.receiver_phone, is_applicant=None),
        returns.ResultDocument(args.result_type, args.result_number, args.summary))
    print(tr("Đã trả kết quả hồ sơ {code} cho {name} lúc {returned_at}.").format(code=result.code, name=result.receiver.name, returned_at=fmt(result.returned_at)))
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
        print(tr("Hồ sơ {code} tiếp tục giải quyết; hẹn trả mới: {due}.").format(code=args.code, due=fmt(due)))
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
