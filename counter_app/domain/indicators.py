"""Service-index indicators a reception system can compute (Decision 766/QĐ-TTg): the definitions.

One place for what is counted; the desk (services/indicators.py, SQL over its tables) and the
central (central/stats.py, over what the desks synced) fill :class:`IndicatorCounts` and show
:func:`rate`. docs/supervision.md states each definition for the supervisors.

- on time: dossiers resolved in the period (result ready, else returned) not later than their
  due moment (early or on time by ``due_state``) / all resolved in the period;
- online: dossiers received in the period through the online channel / all received;
- digitised / reused: documents of dossiers received in the period kept as digitised copies /
  taken from an earlier digitised copy for the citizen, over all documents received — these come
  from the digitisation work (issue #13) through ``services.indicators.register_digitisation``;
  ``None`` (shown "—") while no source is registered;
- fees paid online: payments (receipts not voided) made in the period through the online payment
  platform / all payments in the period;
- satisfaction: ratings given in the period "very satisfied" or "satisfied" / all ratings.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass
class IndicatorCounts:
    resolved: int = 0
    resolved_on_time: int = 0
    received: int = 0
    received_online: int = 0
    documents: int | None = None  # None: no digitisation source (issue #13) to count from
    digitised: int | None = None
    reused: int | None = None
    payments: int = 0
    payments_online: int = 0
    ratings: int = 0
    satisfied: int = 0

    def add(self, other: IndicatorCounts) -> None:
        for name in _FIELDS:  # called per grain and table: no dataclasses.fields() walk each time
            theirs = getattr(other, name)
            if theirs:
                setattr(self, name, (getattr(self, name) or 0) + theirs)
            elif theirs == 0 and getattr(self, name) is None:
                setattr(self, name, 0)

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.resolved_on_time, self.resolved)

    @property
    def online_rate(self) -> float | None:
        return rate(self.received_online, self.received)

    @property
    def digitised_rate(self) -> float | None:
        return rate(self.digitised, self.documents)

    @property
    def reused_rate(self) -> float | None:
        return rate(self.reused, self.documents)

    @property
    def fees_online_rate(self) -> float | None:
        return rate(self.payments_online, self.payments)

    @property
    def satisfaction_rate(self) -> float | None:
        return rate(self.satisfied, self.ratings)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in RATES:
            out[f"{name}_rate"] = getattr(self, f"{name}_rate")
        return out


_FIELDS = tuple(f.name for f in fields(IndicatorCounts))
RATES = ("on_time", "online", "digitised", "reused", "fees_online", "satisfaction")
# (rate name, numerator, denominator, Vietnamese label): the order they are shown in.
INDICATORS: tuple[tuple[str, str, str, str], ...] = (
    ("on_time", "resolved_on_time", "resolved", "Giải quyết đúng hạn"),
    ("online", "received_online", "received", "Tiếp nhận trực tuyến"),
    ("digitised", "digitised", "documents", "Số hóa hồ sơ"),
    ("reused", "reused", "documents", "Tái sử dụng dữ liệu số hóa"),
    ("fees_online", "payments_online", "payments", "Thanh toán phí trực tuyến"),
    ("satisfaction", "satisfied", "ratings", "Mức độ hài lòng"),
)


def rate(numerator: int | None, denominator: int | None) -> float | None:
    """A percentage with one decimal, or None when there is nothing to divide by (shown "—")."""
    if numerator is None or not denominator:
        return None
    return round(100 * numerator / denominator, 1)


def rate_text(numerator: int | None, denominator: int | None) -> str:
    """ "92,3% (12/13)", or "—" without data."""
    value = rate(numerator, denominator)
    if value is None:
        return "—"
    return f"{value:.1f}".replace(".", ",") + f"% ({numerator}/{denominator})"
