"""ORM tables of the desk database. Import from here: ``from counter_app.models import Dossier``."""

from .attachment import ROLE_RECEIVED, ROLE_RESULT, Attachment
from .base import Base, local_now
from .catalog import Field, Procedure, ProcedureCase, ProcedureVersion, RequiredDocument
from .dossier import (
    Apology,
    Applicant,
    ApplicantKind,
    ClockPause,
    CodeSequence,
    DeliveryMethod,
    DocumentDecision,
    Dossier,
    DossierStatus,
    Handoff,
    Intake,
    IntakeItem,
    IntakeOutcome,
    ResultReturn,
    SupplementItem,
    SupplementNotice,
)
from .online import OnlineSubmission, OnlineSubmissionFile
from .org import Desk, Officer, Role, Unit, UnitLevel
from .payments import Payment, Rating
from .system import AuditEvent, CalendarOverride, OutboxEvent, Setting

__all__ = [name for name in dir() if not name.startswith("_")]
