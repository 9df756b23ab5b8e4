"""Dossier status lifecycle: the national status codes and the one table of allowed moves."""

from __future__ import annotations

import enum
from datetime import datetime

from counter_app.i18n import QT_TR_NOOP, tr  # labels marked for lupdate; the screens translate them when shown

from .errors import IllegalTransitionError


class DossierStatus(enum.IntEnum):
    """National dossier status codes (TrangThaiHoSo)."""

    NEW = 1
    RECEIVED = 2
    REFUSED = 3
    PROCESSING = 4
    SUPPLEMENT_REQUESTED = 5
    AWAITING_PAYMENT = 6
    WITHDRAWN = 7
    STOPPED = 8
    RESULT_READY = 9
    RETURNED = 10


S = DossierStatus

STATUS_LABELS: dict[int, str] = {  # DossierStatus members and plain codes alike
    S.NEW: QT_TR_NOOP("Mới đăng ký"),
    S.RECEIVED: QT_TR_NOOP("Đã tiếp nhận"),
    S.REFUSED: QT_TR_NOOP("Không tiếp nhận"),
    S.PROCESSING: QT_TR_NOOP("Đang giải quyết"),
    S.SUPPLEMENT_REQUESTED: QT_TR_NOOP("Yêu cầu bổ sung"),
    S.AWAITING_PAYMENT: QT_TR_NOOP("Chờ thực hiện nghĩa vụ tài chính"),
    S.WITHDRAWN: QT_TR_NOOP("Công dân rút hồ sơ"),
    S.STOPPED: QT_TR_NOOP("Dừng xử lý"),
    S.RESULT_READY: QT_TR_NOOP("Đã có kết quả"),
    S.RETURNED: QT_TR_NOOP("Đã trả kết quả"),
}

# Every allowed move, in one place. Refused, withdrawn, stopped and returned are final.
TRANSITIONS: dict[DossierStatus, frozenset[DossierStatus]] = {
    S.NEW: frozenset({S.RECEIVED, S.REFUSED, S.SUPPLEMENT_REQUESTED, S.WITHDRAWN}),
    S.RECEIVED: frozenset({S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT, S.WITHDRAWN,
                           S.STOPPED, S.RESULT_READY}),
    S.PROCESSING: frozenset({S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT, S.WITHDRAWN, S.STOPPED,
                             S.RESULT_READY}),
    S.SUPPLEMENT_REQUESTED: frozenset({S.PROCESSING, S.WITHDRAWN, S.STOPPED}),
    S.AWAITING_PAYMENT: frozenset({S.PROCESSING, S.WITHDRAWN, S.STOPPED, S.RESULT_READY}),
    S.RESULT_READY: frozenset({S.RETURNED}),
    S.REFUSED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.STOPPED: frozenset(),
    S.RETURNED: frozenset(),
}

FINAL_STATUSES = frozenset(s for s, targets in TRANSITIONS.items() if not targets)
# Statuses whose processing clock is running: what "unfinished" means for the counters.
OPEN_STATUSES = frozenset({S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT})


def label(status: int | DossierStatus) -> str:
    # Plain ints hash like the members, so the lookup needs no conversion; an unknown code still
    # raises ValueError from DossierStatus(). (Called on every scan and every list row.)
    label_ = STATUS_LABELS.get(status)
    return label_ if label_ is not None else STATUS_LABELS[DossierStatus(status)]


def can_move(current: int | DossierStatus, target: int | DossierStatus) -> bool:
    if (current, target) in _MOVES:  # the usual answer, without making two enum members (a push asks per event)
        return True
    return DossierStatus(target) in TRANSITIONS[DossierStatus(current)]  # an unknown status raises, as ever


_MOVES = frozenset((int(current), int(target)) for current, targets in TRANSITIONS.items() for target in targets)


def check_move(current: int | DossierStatus, target: int | DossierStatus) -> None:
    if not can_move(current, target):
        raise IllegalTransitionError(
            tr("Không thể chuyển hồ sơ từ trạng thái «{current}» sang «{target}».").format(current=tr(label(current)), target=tr(label(target)))
        )


# The event of a supervisor's đính chính of a result or its return (services/returns.py).
RESULT_CORRECTED = "dossier.result_corrected"


# ---------------------------------------------------------------- the supplement-once rule

def same_agency(a: str, b: str) -> bool:
    """Agency names compared the way officers type them (case, spacing and NFC ignored)."""
    from .text import fold

    return fold(a) == fold(b)


def supplement_once_message(code: str, agency: str, earlier_at: datetime) -> str:
    """Why a processing agency may not ask again (Decree 118/2025/NĐ-CP: at most once during its
    handling). Desk and central refuse with this one message."""
    return (tr("«{agency}» đã yêu cầu bổ sung hồ sơ {code} một lần "
            "(lúc {earlier_at:%H:%M ngày %d/%m/%Y}); theo quy định mỗi cơ quan chỉ được "
            "yêu cầu bổ sung một lần trong quá trình giải quyết.").format(agency=agency, code=code, earlier_at=earlier_at))
