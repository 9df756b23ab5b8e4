"""Command-line usage errors as one sentence in the user's language, for every command line of the
project (``counter-app``, ``counter-central``, ``python -m bench``): argparse's own frame ("usage: …
error: argument …") is English whatever the words inside it."""

from __future__ import annotations

import argparse

from counter_app.i18n import QT_TR_NOOP, tr

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
    ("argument ", QT_TR_NOOP("tham số ")),  # "argument --x: …", last: the phrases above contain the word
)


class UsageParser(argparse.ArgumentParser):
    """Usage errors as a Vietnamese sentence (exit status 2), never a traceback. Sub-parsers made by
    ``add_subparsers`` are of the same class."""

    def error(self, message: str):  # noqa: ANN201 - NoReturn
        for english, vietnamese in _USAGE_WORDS:
            message = message.replace(english, tr(vietnamese))
        self.exit(2, tr("Lỗi: lệnh không hợp lệ ({prog}): {message}. Xem «{prog} --help».").format(prog=self.prog, message=message) + "\n")
