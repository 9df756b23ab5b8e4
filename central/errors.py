"""Errors of the central services: an HTTP status, a machine code and a Vietnamese sentence."""

from __future__ import annotations

from counter_app.sync import protocol as p


class CentralError(Exception):
    status = 400
    code = p.ERR_MALFORMED

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_json(self) -> dict[str, str]:
        return {"error": self.code, "message": self.message}


class Unauthorized(CentralError):
    status = 401

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class Forbidden(CentralError):
    status = 403
    code = p.ERR_FORBIDDEN


class NotFound(CentralError):
    status = 404
    code = p.ERR_NOT_FOUND


class Malformed(CentralError):
    status = 422
    code = p.ERR_MALFORMED


class TooLarge(CentralError):
    status = 413
    code = p.ERR_TOO_LARGE


class SequenceConflict(CentralError):
    status = 409
    code = p.ERR_SEQUENCE_CONFLICT


class IllegalTransition(CentralError):
    status = 409
    code = p.ERR_ILLEGAL_TRANSITION


class SupplementOnce(CentralError):
    status = 409
    code = p.ERR_SUPPLEMENT_ONCE
