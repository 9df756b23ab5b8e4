"""A typed value under its shared limit (counter_app/domain/fields.py), refused at the input."""

from __future__ import annotations

from counter_app.domain import fields

from .errors import ValidationError


def clean_field(rule: fields.FieldRule, value: str, field: str) -> str:
    """``value`` under the shared limit and normalisation ``rule``; a refusal is a ValidationError
    whose message is shown under the input ``field``."""
    try:
        return fields.clean(rule, value)
    except fields.FieldError as exc:
        raise ValidationError(exc.message, field=field) from None
