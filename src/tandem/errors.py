"""Tandem's own exceptions.

They subclass Django's, so forms, ``full_clean()`` callers and the 403 page treat
them alike; catch Django's base classes.
"""

from django.core import exceptions


class ValidationError(exceptions.ValidationError):
    pass


class PermissionDenied(exceptions.PermissionDenied):
    pass


def field_error(field: str, message: str, *, code: str) -> ValidationError:
    """A field's error that keeps its code (a dict of strings would drop it)."""
    return ValidationError({field: ValidationError(message, code=code)})
