"""Form helpers every app shares; this module knows no app."""

from django import forms
from django.core.exceptions import ValidationError


def add_service_error(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form.

    Errors keyed by a field the form has go next to it; others (``slug``,
    ``external_id``, ...) become errors of the whole form rather than raising.
    """
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
