"""Errors raised by services. Each carries a Vietnamese message fit to show to the officer."""

from __future__ import annotations

from counter_app.domain.errors import IllegalTransitionError, ServiceError

__all__ = ["CatalogImportError", "CodeBlockExhaustedError", "IllegalTransitionError", "NotFoundError",
           "PermissionDeniedError", "ServiceError", "ValidationError"]


class ValidationError(ServiceError):
    """Bad input; nothing was written."""


class NotFoundError(ServiceError):
    pass


class CodeBlockExhaustedError(ServiceError):
    pass


class PermissionDeniedError(ServiceError):
    pass


class CatalogImportError(ServiceError):
    """A catalog file was rejected whole; the message names the record and the field."""
