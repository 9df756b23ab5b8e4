"""Errors raised by services. Each carries a Vietnamese message fit to show to the officer."""

from __future__ import annotations

from counter_app.domain.errors import IllegalTransitionError, ServiceError
from counter_app.domain.storage import StorageError

__all__ = ["CatalogImportError", "CodeBlockExhaustedError", "IllegalTransitionError", "NotFoundError",
           "PermissionDeniedError", "ServiceError", "StorageError", "ValidationError"]


class ValidationError(ServiceError):
    """Bad input; nothing was written.

    ``errors`` lists every problem found (one per field) when a form was checked as a whole;
    the error itself then carries the first one's message and field.
    """

    def __init__(self, message: str, *, field: str | None = None,
                 errors: tuple[ValidationError, ...] = ()) -> None:
        super().__init__(message, field=field)
        self.errors: tuple[ValidationError, ...] = errors or (self,)

    @classmethod
    def combine(cls, errors: list[ValidationError]) -> ValidationError:
        first = errors[0]
        return cls(first.message, field=first.field, errors=tuple(errors))


class NotFoundError(ServiceError):
    pass


class CodeBlockExhaustedError(ServiceError):
    pass


class PermissionDeniedError(ServiceError):
    pass


class CatalogImportError(ServiceError):
    """A catalog file was rejected whole; the message names the record and the field."""
