"""Errors raised by services. Each carries a Vietnamese message fit to show to the officer."""

from __future__ import annotations


class ServiceError(Exception):
    """Base class: ``str(error)`` is the Vietnamese message for the user."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field  # the input the message belongs to, when there is one


class ValidationError(ServiceError):
    """Bad input; nothing was written."""


class NotFoundError(ServiceError):
    pass


class IllegalTransitionError(ServiceError):
    pass


class CodeBlockExhaustedError(ServiceError):
    pass


class PermissionDeniedError(ServiceError):
    pass


class CatalogImportError(ServiceError):
    """A catalog file was rejected whole; the message names the record and the field."""
