"""Applying a page of the central's changes feed to the desk database.

Called inside the write transaction that also stores the new cursor, so a page is applied
exactly once or not at all. One change the desk cannot apply is skipped with an audit row and a
warning instead of blocking the feed forever (see ``apply_page``).

Status changes made by the back office go through the lifecycle table like any desk action
(``changes.change_status`` with the back-office officer as actor) but are not put in the
outbox: they came from the central. When the lifecycle refuses the move, the central is the
source of truth for processing status and the desk adopts its status (audited as a conflict),
unless a newer entry of the same dossier follows (the central marks the entry ``superseded``) or
the desk still has an unsent status change for that dossier: that reaches the central first,
which answers with a newer entry holding its resulting status (see central/push.py).
"""

from __future__ import annotations

import logging
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from counter_app.domain import lifecycle
from counter_app.domain.pauses import Pause, PauseKind, SupplementPolicy, due_with_pauses
from counter_app.i18n import tr
from counter_app.models import (
    ClockPause,
    Dossier,
    DossierStatus,
    Handoff,
    OutboxEvent,
    SupplementItem,
    SupplementNotice,
    local_now,
)
from counter_app.services import audit, catalog, changes, office_calendar, online, settings
from counter_app.services.dossiers import duration_of
from counter_app.services.errors import ServiceError

from . import protocol as p

log = logging.getLogger(__name__)
S = DossierStatus
SUPPLEMENT_POLICY_KEY = "supplement_policy"


@dataclass
class AppliedPage:
    procedures: int = 0
    calendar: int = 0
    dossiers: int = 0
    online: int = 0  # online dossiers of the unit, new or decided (issue #15)
    conflicts: int = 0
    skipped: list[str] = field(default_factory=list)
    changed_codes: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.procedures + self.calendar + self.dossiers + self.online + self.conflicts + len(self.skipped)


def apply_page(session: Session, changes: list[dict[str, Any]]) -> AppliedPage:
    """Fast path: the whole page in one savepoint. If any change fails, that savepoint is rolled
    back and the page is applied again change by change, skipping (and auditing) the bad ones."""
    try:
        with session.begin_nested():
            return _apply_changes(session, changes, isolate=False)
    except _FAILURES:
        return _apply_changes(session, changes, isolate=True)


_FAILURES = (ServiceError, KeyError, ValueError, TypeError)


def _apply_changes(session: Session, changes: list[dict[str, Any]], *, isolate: bool) -> AppliedPage:
    summary = AppliedPage()
    procedures: list[tuple[int, dict[str, Any]]] = []
    # One query for every dossier the page touches, with what the follow-ups read.
    wanted = {c["payload"].get("code") for c in changes
              if c.get("kind") == p.CHANGE_DOSSIER_STATUS and isinstance(c.get("payload"), dict)}
    dossiers = {d.code: d for d in session.execute(
        select(Dossier).where(Dossier.code.in_([w for w in wanted if isinstance(w, str)]))
        .options(selectinload(Dossier.pauses), selectinload(Dossier.handoffs))).scalars()}
    for change in changes:
        kind, payload = change.get("kind"), change.get("payload") or {}
        if kind == p.CHANGE_PROCEDURE:
            procedures.append((change["id"], payload))  # imported together below: one catalog revision
            continue
        try:
            with session.begin_nested() if isolate else nullcontext():
                if kind == p.CHANGE_CALENDAR:
                    _apply_calendar(session, payload)
                    summary.calendar += 1
                elif kind == p.CHANGE_DOSSIER_STATUS:
                    outcome = _apply_status(session, dossiers, payload, bool(change.get("superseded")))
                    if outcome == "conflict":
                        summary.conflicts += 1
                    elif outcome == "applied":
                        summary.dossiers += 1
                    if outcome != "absent":
                        summary.changed_codes.append(payload["code"])
                elif kind == p.CHANGE_ONLINE_DOSSIER:
                    online.apply_entry(session, payload)
                    summary.online += 1
                else:
                    raise ServiceError(tr("loại thay đổi «{kind}» chưa được hỗ trợ").format(kind=kind))
        except _FAILURES as exc:
            if not isolate:
                raise
            _skip(session, summary, change, str(exc))
    if procedures:
        _apply_procedures(session, procedures, summary, isolate=isolate)
    return summary


def _skip(session: Session, summary: AppliedPage, change: dict[str, Any], reason: str) -> None:
    log.warning("sync: change %s (%s) skipped: %s", change.get("id"), change.get("kind"), reason)
    summary.skipped.append(f"{change.get('id')}: {reason}")
    audit.append(session, action="sync.change_skipped", entity="sync", entity_key=str(change.get("id")),
                 details={"kind": change.get("kind"), "reason": reason})


def _apply_procedures(session: Session, items: list[tuple[int, dict[str, Any]]], summary: AppliedPage, *,
                      isolate: bool) -> None:
    latest: dict[str, tuple[int, Any]] = {}
    for change_id, raw in items:  # a page may hold several versions of one procedure: the last wins
        try:
            rec = catalog.parse_record(raw, 1)
        except ServiceError as exc:
            if not isolate:
                raise
            _skip(session, summary, {"id": change_id, "kind": p.CHANGE_PROCEDURE}, str(exc))
            continue
        latest[rec.code] = (change_id, rec)
    if latest:
        catalog.import_records(session, [rec for _, rec in latest.values()], source_name="central")
        summary.procedures += len(latest)


def _apply_calendar(session: Session, payload: dict[str, Any]) -> None:
    day = date.fromisoformat(payload["day"])
    if payload.get("removed"):
        office_calendar.remove_override(session, day, source="central")
    else:
        office_calendar.set_override(session, day, bool(payload["is_working"]), payload.get("note", ""),
                                     source="central")


def _has_unsent_status_change(session: Session, code: str) -> bool:
    # Only status changes count: the central answers those with a newer feed entry (an echo).
    return session.execute(select(OutboxEvent.id).where(
        OutboxEvent.entity_key == code, OutboxEvent.acked_at.is_(None),
        OutboxEvent.kind == p.EVENT_STATUS_CHANGED).limit(1)).first() is not None


def _actor(payload: dict[str, Any]) -> str:
    officer, agency = payload.get("officer") or "", payload.get("agency") or ""
    if officer and agency:
        return f"{officer} ({agency})"
    return officer or agency or "Hệ thống trung tâm"


def _apply_status(session: Session, dossiers: dict[str, Dossier], payload: dict[str, Any],
                  superseded: bool) -> str:
    dossier = dossiers.get(payload["code"])
    if dossier is None:
        log.warning("sync: status change for unknown dossier %s ignored", payload["code"])
        return "absent"
    target = S(int(payload["to"]))
    at = p.parse_moment(payload.get("at")) or local_now()
    current = S(dossier.status)
    details = {"source": "central", "agency": payload.get("agency", ""), "correction": bool(payload.get("correction"))}
    if current == target:
        _take_central_deadline(session, dossier, payload)
        return "same"
    if lifecycle.can_move(current, target):
        changes.change_status(session, dossier, target, officer=None, actor=_actor(payload), at=at,
                              reason=payload.get("reason") or payload.get("note") or "", details=details,
                              outbox_event=False)
        outcome = "applied"
    elif superseded:
        return "stale"  # history the desk cannot replay; a newer entry of this dossier settles it
    elif _has_unsent_status_change(session, dossier.code):
        # Our own unsent change goes first; the central answers with a correction if it disagrees.
        return "deferred"
    else:
        log.warning("sync: %s: central status %s overrides desk status %s", dossier.code, target, current)
        dossier.status, dossier.status_changed_at = target.value, at
        session.flush()
        changes.record_change(session, dossier, action="dossier.status_adopted_from_central", officer=None,
                              actor=_actor(payload), outbox_event=False,
                              details={**details, "from": current.value, "to": target.value,
                                       "note": payload.get("note", "")})
        outcome = "conflict"
    _follow_up(session, dossier, current, target, at, payload)
    _take_central_deadline(session, dossier, payload)
    return outcome


def _take_central_deadline(session: Session, dossier: Dossier, payload: dict[str, Any]) -> None:
    """A restated central state (``correction``) also settles the due moments — unless this desk
    has unsent events for the dossier, whose own deadline the central will take from them."""
    if not payload.get("correction") or "due_at" not in payload:
        return
    if session.execute(select(OutboxEvent.id).where(OutboxEvent.entity_key == dossier.code,
                                                    OutboxEvent.acked_at.is_(None)).limit(1)).first():
        return
    dossier.due_at = p.parse_moment(payload["due_at"])
    dossier.original_due_at = p.parse_moment(payload.get("original_due_at"))


def _follow_up(session: Session, dossier: Dossier, previous: S, target: S, at, payload: dict[str, Any]) -> None:  # noqa: ANN001
    """Result document, supplement notice, clock pauses and the control-slip row of the step."""
    deadline_changed = False
    open_pauses = [pz for pz in dossier.pauses if pz.ended_at is None]
    if target == S.SUPPLEMENT_REQUESTED:
        supplement = payload.get("supplement") or {}
        if supplement and session.execute(select(SupplementNotice.id).where(
                SupplementNotice.code == supplement["code"])).first() is None:
            notice = SupplementNotice(code=supplement["code"], dossier_id=dossier.id, stage="processing",
                                      agency=supplement.get("agency", ""), issued_at=at)
            notice.items = [SupplementItem(position=i, name=item["name"], reason=item.get("reason", ""))
                            for i, item in enumerate(supplement.get("items", []), start=1)]
            session.add(notice)
        if not open_pauses:
            dossier.pauses.append(ClockPause(kind=PauseKind.SUPPLEMENT.value, started_at=at))
        deadline_changed = dossier.due_at is not None
        dossier.due_at = None
    elif target == S.AWAITING_PAYMENT and not open_pauses:
        # Status 6: the clock stops until the fees are paid (the same pause mechanism, kind "payment").
        dossier.pauses.append(ClockPause(kind=PauseKind.PAYMENT.value, started_at=at))
        dossier.due_at = None
    elif open_pauses:
        for pause in open_pauses:
            pause.ended_at = max(at, pause.started_at)
        notices = session.execute(select(SupplementNotice).where(
            SupplementNotice.dossier_id == dossier.id, SupplementNotice.stage == "processing",
            SupplementNotice.resolved_at.is_(None))).scalars()
        for notice in notices:
            notice.resolved_at = at
        if target in (S.PROCESSING, S.RESULT_READY, S.AWAITING_PAYMENT):
            dossier.due_at = _recomputed_due(session, dossier)
            deadline_changed = True
    if target == S.RESULT_READY:
        dossier.result_ready_at = at
    result = payload.get("result")
    if result:
        dossier.result_type = result.get("type", "")
        dossier.result_number = result.get("number", "")
        dossier.result_summary = result.get("summary", "")
    handoff = payload.get("handoff")
    if handoff:
        position = max((h.position for h in dossier.handoffs), default=0) + 1
        dossier.handoffs.append(Handoff(position=position, from_unit=handoff["from_unit"],
                            to_unit=handoff["to_unit"], at=p.parse_moment(handoff.get("at")) or at,
                            given_by=handoff.get("given_by", ""), taken_by=handoff.get("taken_by", ""),
                            result=handoff.get("result", ""), note=handoff.get("note", ""), source="central"))
    if deadline_changed and dossier.due_at is not None:
        # A new deadline is the desk's own computation (its office hours): the central learns it from us.
        changes.record_change(session, dossier, action=p.EVENT_DEADLINE_CHANGED, officer=None,
                              actor="Hệ thống", details={"due_at": dossier.due_at.isoformat(sep=" "),
                                                          "after": previous.value})


def _recomputed_due(session: Session, dossier: Dossier):  # noqa: ANN202
    cal = office_calendar.calendar_for(session)
    pauses = [Pause(pz.started_at, pz.ended_at, PauseKind(pz.kind)) for pz in dossier.pauses]
    policy = SupplementPolicy(settings.get(session, SUPPLEMENT_POLICY_KEY, SupplementPolicy.RESTART_FROM_COMPLETE.value))
    return due_with_pauses(cal, dossier.received_at, duration_of(dossier.case), pauses, policy)

