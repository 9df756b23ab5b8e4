"""`counter-app setup`: the first-run set-up from a script, as the first-run dialog does."""

from __future__ import annotations

import argparse
import sys

from counter_app.i18n import tr
from counter_app.services.errors import ValidationError

from .common import open_db

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
    db = open_db(args, demo_setup=False)
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
