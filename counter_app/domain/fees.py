"""Fees and charges (phí, lệ phí) of a procedure case, and the amount a dossier owes: the one rule.

Money is integer đồng everywhere: stored, summed and compared as ``int``, never as a float.

The model (kept small on purpose: the national portal record's ``DanhSachLePhi`` is a mapping of
:class:`FeeQuote` lines, see :func:`FeeQuote.portal_rows`):

- a case's :class:`FeeSchedule` is catalog data (imported from ``PHILEPHI`` / ``MIENGIAM``, see
  docs/catalog-format.md), stored as JSON on the case (``ProcedureCase.fee_schedule``);
- each :class:`FeeItem` is charged one of three ways (:class:`FeeBasis`): a fixed amount per
  dossier, an amount per copy (``copies`` entered at the desk), or an amount per page of each copy
  (``pages`` and ``copies`` entered; pages from ``later_pages_from`` on may cost
  ``later_page_amount`` instead, and one copy may be capped at ``max_per_copy`` — the shape of the
  certification fee of Circular 226/2016/TT-BTC: 2.000 đồng for pages 1–2, 1.000 đồng from page 3,
  at most 200.000 đồng per copy);
- an :class:`Exemption` names who does not pay, with its legal basis; it waives the listed fee
  items (all of them when it lists none). The officer may apply one listed exemption, never a
  free-text one.

:func:`compute` turns a schedule, the quantities typed at the desk and the chosen exemption into
a :class:`FeeQuote` (stored on the dossier as JSON, printed on form 01).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from counter_app.i18n import tr

from .errors import ServiceError

MONEY_MAX = 10**12  # a fee above a thousand billion đồng is a typo, not a fee
MAX_COPIES = 999
MAX_PAGES = 9999


class FeeBasis(enum.StrEnum):
    FIXED = "fixed"  # one amount per dossier
    PER_COPY = "per_copy"  # amount × copies
    PER_PAGE = "per_page"  # amount per page of each copy (tiers, cap per copy)


BASIS_LABELS = {FeeBasis.FIXED: "cố định", FeeBasis.PER_COPY: "theo bản", FeeBasis.PER_PAGE: "theo trang"}


class FeeError(ServiceError):
    """A fee input the rule cannot take (quantities out of range, an exemption not listed)."""


def money_text(amount: int) -> str:
    """8000 -> "8.000 đồng" (Vietnamese thousands separator)."""
    return f"{amount:,} đồng".replace(",", ".")


def _check_money(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MONEY_MAX:
        raise FeeError(tr("{what}: «{value}» không phải số tiền (đồng) hợp lệ.").format(what=what, value=value))
    return value


@dataclass(frozen=True)
class FeeItem:
    code: str  # MAPHILEPHI, unique in the case ("" is allowed for a lone item)
    name: str  # what is charged, e.g. "Lệ phí đăng ký kinh doanh"
    amount: int  # đồng: the fixed amount, per copy, or per page
    basis: FeeBasis = FeeBasis.FIXED
    later_pages_from: int = 0  # PER_PAGE: from this page on ``later_page_amount`` applies (0: no tier)
    later_page_amount: int = 0
    max_per_copy: int = 0  # PER_PAGE / PER_COPY: cap of one copy (0: none)

    def __post_init__(self) -> None:
        object.__setattr__(self, "basis", FeeBasis(self.basis))
        _check_money(self.amount, self.name or tr("Phí, lệ phí"))
        _check_money(self.later_page_amount, self.name or tr("Phí, lệ phí"))
        _check_money(self.max_per_copy, self.name or tr("Phí, lệ phí"))

    @property
    def needs_quantity(self) -> bool:
        return self.basis is not FeeBasis.FIXED

    def rate_text(self) -> str:
        """How the item is charged, in words: "2.000 đồng/trang (từ trang 3: 1.000 đồng/trang; tối đa …/bản)"."""
        if self.basis is FeeBasis.FIXED:
            return money_text(self.amount)
        if self.basis is FeeBasis.PER_COPY:
            text = f"{money_text(self.amount)}/bản"
        else:
            text = f"{money_text(self.amount)}/trang"
            if self.later_pages_from:
                text += f" (từ trang {self.later_pages_from}: {money_text(self.later_page_amount)}/trang)"
        if self.max_per_copy:
            text += f", tối đa {money_text(self.max_per_copy)}/bản"
        return text

    def charge(self, copies: int, pages: int) -> int:
        """The amount of this item for ``copies`` copies of ``pages`` pages (integers only)."""
        if self.basis is FeeBasis.FIXED:
            return self.amount
        if self.basis is FeeBasis.PER_COPY:
            one = self.amount
        elif self.later_pages_from and pages >= self.later_pages_from:
            first = self.later_pages_from - 1
            one = first * self.amount + (pages - first) * self.later_page_amount
        else:
            one = pages * self.amount
        if self.max_per_copy:
            one = min(one, self.max_per_copy)
        return one * copies


@dataclass(frozen=True)
class Exemption:
    code: str
    reason: str  # who is exempt, e.g. "Người có công với cách mạng"
    legal_basis: str  # e.g. "Khoản 1 Điều 5 Thông tư 85/2019/TT-BTC"
    items: tuple[str, ...] = ()  # fee item codes waived; empty: every item

    def waives(self, item: FeeItem) -> bool:
        return not self.items or item.code in self.items

    def text(self) -> str:
        return f"{self.reason} ({self.legal_basis})" if self.legal_basis else self.reason


@dataclass(frozen=True)
class FeeSchedule:
    """A procedure case's fees as catalog data."""

    items: tuple[FeeItem, ...] = ()
    exemptions: tuple[Exemption, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.items

    def exemption(self, code: str) -> Exemption:
        for ex in self.exemptions:
            if ex.code == code:
                return ex
        raise FeeError(tr("Trường hợp miễn, giảm «{code}» không có trong danh mục của thủ tục này.").format(code=code),
                       field="exemption")

    def to_json(self) -> str:
        if self.empty and not self.exemptions:
            return ""
        return json.dumps({
            "items": [{"code": i.code, "name": i.name, "amount": i.amount, "basis": i.basis.value,
                       "later_pages_from": i.later_pages_from, "later_page_amount": i.later_page_amount,
                       "max_per_copy": i.max_per_copy} for i in self.items],
            "exemptions": [{"code": e.code, "reason": e.reason, "legal_basis": e.legal_basis,
                            "items": list(e.items)} for e in self.exemptions],
        }, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> FeeSchedule:
        if not text:
            return cls()
        data = json.loads(text)
        return cls(
            tuple(FeeItem(i["code"], i["name"], int(i["amount"]), FeeBasis(i.get("basis", "fixed")),
                          int(i.get("later_pages_from", 0)), int(i.get("later_page_amount", 0)),
                          int(i.get("max_per_copy", 0))) for i in data.get("items", [])),
            tuple(Exemption(e["code"], e["reason"], e.get("legal_basis", ""), tuple(e.get("items", ())))
                  for e in data.get("exemptions", [])),
        )


@dataclass(frozen=True)
class FeeQuantity:
    """What the desk typed for an item charged per copy or per page."""

    copies: int = 1
    pages: int = 1


@dataclass(frozen=True)
class FeeLine:
    code: str
    name: str
    basis: FeeBasis
    copies: int
    pages: int
    rate_text: str
    charged: int  # before any exemption
    amount: int  # owed (0 when exempted)


@dataclass(frozen=True)
class FeeQuote:
    """The fees a dossier owes, as computed at receipt (stored on the dossier)."""

    lines: tuple[FeeLine, ...] = ()
    exemption: Exemption | None = None

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def charged(self) -> int:
        return sum(line.charged for line in self.lines)

    def text(self) -> str:
        """Form 01's line: "8.000 đồng (Lệ phí …: 8.000 đồng)", or the exemption with its basis."""
        if not self.lines:
            return ""
        parts = []
        for line in self.lines:
            detail = line.name
            if line.basis is FeeBasis.PER_PAGE:
                detail += f": {line.copies} bản × {line.pages} trang"
            elif line.basis is FeeBasis.PER_COPY:
                detail += f": {line.copies} bản"
            parts.append(f"{detail}: {money_text(line.amount)}")
        text = f"{money_text(self.total)} ({'; '.join(parts)})"
        if self.exemption is not None:
            text += f". Miễn: {self.exemption.text()}"
        return text

    def to_json(self) -> str:
        if not self.lines:
            return ""
        return json.dumps({
            "lines": [{"code": ln.code, "name": ln.name, "basis": ln.basis.value, "copies": ln.copies,
                       "pages": ln.pages, "rate_text": ln.rate_text, "charged": ln.charged, "amount": ln.amount}
                      for ln in self.lines],
            "exemption": None if self.exemption is None else {
                "code": self.exemption.code, "reason": self.exemption.reason,
                "legal_basis": self.exemption.legal_basis, "items": list(self.exemption.items)},
        }, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> FeeQuote:
        if not text:
            return cls()
        data = json.loads(text)
        ex = data.get("exemption")
        return cls(
            tuple(FeeLine(ln["code"], ln["name"], FeeBasis(ln["basis"]), int(ln["copies"]), int(ln["pages"]),
                          ln.get("rate_text", ""), int(ln["charged"]), int(ln["amount"])) for ln in data["lines"]),
            None if ex is None else Exemption(ex["code"], ex["reason"], ex.get("legal_basis", ""),
                                              tuple(ex.get("items", ()))),
        )

    def portal_rows(self, *, paid: bool = False, method: str = "") -> list[dict[str, Any]]:
        """The lines as the national portal's DanhSachLePhi rows (issue #15 maps them into its record):
        code, name, integer đồng owed, how it was collected (``HinhThucThu``) and whether it is paid."""
        return [{"MaPhiLePhi": ln.code[:40], "TenPhiLePhi": ln.name[:255], "SoTien": ln.amount,
                 "HinhThucThu": method, "DaNop": paid} for ln in self.lines]


@dataclass(frozen=True)
class FeeInput:
    """What the desk's fee panel sends with a reception: quantities per item code, an exemption code."""

    quantities: Mapping[str, FeeQuantity] = field(default_factory=dict)
    exemption_code: str = ""


def compute(schedule: FeeSchedule, fee_input: FeeInput | None = None) -> FeeQuote:
    """The amount owed: every item charged from its basis, then the chosen exemption applied."""
    fee_input = fee_input or FeeInput()
    exemption = schedule.exemption(fee_input.exemption_code) if fee_input.exemption_code else None
    lines = []
    for item in schedule.items:
        q = fee_input.quantities.get(item.code, FeeQuantity())
        copies, pages = (q.copies, q.pages) if item.needs_quantity else (1, 1)
        if item.basis is not FeeBasis.PER_PAGE:
            pages = 1
        if not 1 <= copies <= MAX_COPIES:
            raise FeeError(tr("Số bản của «{name}» phải từ 1 đến {MAX_COPIES}.").format(name=item.name, MAX_COPIES=MAX_COPIES), field=f"fee_copies:{item.code}")
        if not 1 <= pages <= MAX_PAGES:
            raise FeeError(tr("Số trang của «{name}» phải từ 1 đến {MAX_PAGES}.").format(name=item.name, MAX_PAGES=MAX_PAGES), field=f"fee_pages:{item.code}")
        charged = item.charge(copies, pages)
        amount = 0 if exemption is not None and exemption.waives(item) else charged
        lines.append(FeeLine(item.code, item.name, item.basis, copies, pages, item.rate_text(), charged, amount))
    return FeeQuote(tuple(lines), exemption)


# --------------------------------------------------------------------------- payments


class PaymentMethod(enum.StrEnum):
    CASH = "cash"  # tiền mặt
    TRANSFER = "transfer"  # chuyển khoản
    ONLINE = "online"  # thanh toán trực tuyến (national payment platform), with its transaction reference


METHOD_LABELS = {PaymentMethod.CASH: "Tiền mặt", PaymentMethod.TRANSFER: "Chuyển khoản",
                 PaymentMethod.ONLINE: "Thanh toán trực tuyến"}

# Outbox event kinds (services/payments.py writes them; the central applies each exactly once).
EVENT_PAYMENT_RECORDED = "payment.recorded"
EVENT_PAYMENT_VOIDED = "payment.voided"
