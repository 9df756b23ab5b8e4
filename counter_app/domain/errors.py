"""Errors a domain rule raises. Each carries a Vietnamese message fit to show to the officer.

``ServiceError`` is defined here, beneath the services, so that a rule (an illegal status move)
and a use case (bad input) raise errors that one ``except ServiceError`` catches; the services
re-export all of them from ``counter_app.services.errors``.
"""

from __future__ import annotations


class ServiceError(Exception):
    """Base class: ``str(error)`` is the Vietnamese message for the user."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field  # the input the message belongs to, when there is one


class IllegalTransitionError(ServiceError):
    pass
