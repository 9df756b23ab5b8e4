"""The digitisation and reuse counters (issue #13; the service index of Decision 766/QĐ-TTg counts
both), one definition for the desk's dashboard and reports and the central's counters:

- **digitisation rate**: of the dossiers received in the period, those whose every document marked
  provided at receipt has a digitised file (or a reused one);
- **reuse rate**: of the documents provided in those dossiers, those taken as "provided — reused"
  (the file digitised for an earlier dossier of the applicant, no paper).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .indicators import rate  # one percentage rule for every rate the desk and the central show


def rate_text(part: int, whole: int) -> str:
    """'80,0 %' (Vietnamese decimal comma, a no-break space before %); '—' when there is nothing to count."""
    value = rate(part, whole)
    return "—" if value is None else f"{value:.1f}\u00a0%".replace(".", ",")


@dataclass(frozen=True)
class DigitisationCounts:
    received: int = 0  # dossiers received in the period
    fully_digitised: int = 0  # … whose every provided document is digitised
    provided_documents: int = 0  # documents marked provided in those dossiers
    reused_documents: int = 0  # … taken as "provided — reused"

    @property
    def digitisation_rate(self) -> float | None:
        return rate(self.fully_digitised, self.received)

    @property
    def reuse_rate(self) -> float | None:
        return rate(self.reused_documents, self.provided_documents)

    def to_json(self) -> dict[str, Any]:
        return {"received": self.received, "fully_digitised": self.fully_digitised,
                "provided_documents": self.provided_documents, "reused_documents": self.reused_documents,
                "digitisation_rate": self.digitisation_rate, "reuse_rate": self.reuse_rate}

    def text(self) -> str:
        """One Vietnamese line for dashboards and reports."""
        return (f"số hóa đủ {self.fully_digitised}/{self.received} hồ sơ "
                f"({rate_text(self.fully_digitised, self.received)}); tái sử dụng {self.reused_documents}/"
                f"{self.provided_documents} giấy tờ ({rate_text(self.reused_documents, self.provided_documents)})")
