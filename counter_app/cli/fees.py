"""`counter-app dossier pay|await-payment|void-payment|receipt`: the dossier's fees and their receipts."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from counter_app.i18n import tr
from counter_app.services.errors import ServiceError

from .common import fmt

if TYPE_CHECKING:
    from counter_app.models.db import Database


def _read_password(prompt: str) -> str:
    """A second officer's password: typed once at a prompt on a terminal, else the first line of stdin."""
    import getpass

    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt, stream=sys.stderr)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def dossier_fees(db: Database, args: argparse.Namespace) -> int:
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
        print(tr("Hồ sơ tiếp tục giải quyết; hẹn trả mới: {resumed_due}.").format(resumed_due=fmt(result.resumed_due)))
    try:
        print(tr("Biên lai: {path}").format(path=payments.write_receipt(db, result.number, args.out)))
    except OSError as exc:
        print(tr("Lỗi: không lưu được biên lai ({value}); khoản thu đã được ghi nhận, "
              "in lại bằng: counter-app dossier receipt {number}.").format(value=exc.strerror or exc, number=result.number), file=sys.stderr)
        return 1
    return 0
