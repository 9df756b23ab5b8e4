"""Plain records of the fee documents: the payment receipt and the end-of-day cash report.

Amounts are integer đồng (no float anywhere money is carried).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .data import AgencyInfo


@dataclass(frozen=True)
class PaymentReceiptData:
    """Biên lai thu phí, lệ phí: one payment of one dossier."""

    agency: AgencyInfo
    number: str  # the receipt number, barcoded
    place_date: str
    dossier_code: str
    procedure_name: str
    procedure_code: str
    payer_name: str
    payer_id_number: str
    fee_lines: tuple[tuple[str, int], ...]  # (what, đồng) as computed at receipt
    amount: int  # đồng paid with this receipt
    amount_words: str  # "Mười lăm nghìn năm trăm đồng"
    method_label: str  # "Tiền mặt" / "Chuyển khoản" / "Thanh toán trực tuyến"
    reference: str  # the bank's or platform's transaction reference ("" for cash)
    paid_at: datetime
    officer_name: str
    exemption_text: str = ""  # "Người thuộc hộ nghèo (khoản 1 Điều 11 Luật Hộ tịch)"


@dataclass(frozen=True)
class CashRow:
    number: str
    paid_at: datetime
    dossier_code: str
    payer_name: str
    procedure_name: str
    method_label: str
    reference: str
    amount: int
    officer_name: str
    desk_number: int
    voided: bool = False
    void_reason: str = ""
    voided_by: str = ""


@dataclass(frozen=True)
class CashTotal:
    """One officer at one desk: totals by method (voids excluded)."""

    officer_name: str
    desk_number: int
    cash: int
    transfer: int
    online: int
    count: int

    @property
    def total(self) -> int:
        return self.cash + self.transfer + self.online


@dataclass(frozen=True)
class CashReportData:
    agency: AgencyInfo
    place_date: str
    day: date
    rows: tuple[CashRow, ...]  # every receipt of the day, voided ones included (marked)
    totals: tuple[CashTotal, ...]

    @property
    def grand_total(self) -> int:
        return sum(t.total for t in self.totals)
