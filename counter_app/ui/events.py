"""Desk-wide notifications between pages (no data, just "something changed")."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DeskEvents(QObject):
    # A dossier was received, returned, changed status or synced: counters and lists refresh.
    dossiers_changed = Signal()
    # A supplement-notice code was scanned somewhere other than the reception page.
    notice_scanned = Signal(str)
    # A dossier code was scanned at the reception page: the return page shows the dossier.
    dossier_scanned = Signal(str)
    # The catalog or calendar changed (import, sync).
    catalog_changed = Signal()
    # A citizen is invited to rate the service (code, stage "receipt" / "return"): the customer window asks.
    rating_requested = Signal(str, str)
