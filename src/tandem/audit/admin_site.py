"""The admin site whose every add, change and delete goes to the audit trail.

One place: the site gives every ``ModelAdmin`` registered with it (Tandem's,
Django's and allauth's alike) the ``AuditedModelAdmin`` behaviour, so an app's
admin needs nothing to be audited. ``AuditedAdminConfig`` (``tandem.audit.apps``)
makes this the default ``admin.site``.

Django's admin logs through ``log_addition``, ``log_change`` and
``log_deletions`` (the last before the rows are deleted); each writes an entry
here too, inside the admin's transaction. A change keeps the before → after of
the form's fields (never a password or key hash).
"""

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.core.exceptions import ObjectDoesNotExist
from django.db import models, router, transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse

from tandem.accounts.models import CoordinatorRole, User
from tandem.audit import audit_actions
from tandem.audit.services import changes_since, record, snapshot
from tandem.partnerships.models import City

# Fields whose values never go to the trail.
SECRET_FIELDS = frozenset({"password", "key_hash"})

# Acts on some models have a name of their own: (model, flag) → action.
NAMED: dict[tuple[type[models.Model], str], str] = {
    (CoordinatorRole, "added"): audit_actions.COORDINATOR_ROLE_GRANTED,
    (CoordinatorRole, "deleted"): audit_actions.COORDINATOR_ROLE_WITHDRAWN,
}
ACTIONS = {
    "added": audit_actions.ADMIN_ADDED,
    "changed": audit_actions.ADMIN_CHANGED,
    "deleted": audit_actions.ADMIN_DELETED,
}


def _related(obj: object, name: str) -> Any:
    try:
        return getattr(obj, name, None)
    except ObjectDoesNotExist:
        return None


def cities_of(obj: object, *, depth: int = 0) -> tuple[City | None, City | None]:
    """The cities whose coordinators answer for the object: a city itself,
    the object's city, its organisation's, its event's, else both cities of
    its partnership; none for the rest (staff read those entries)."""
    if isinstance(obj, City):
        return obj, None
    city = _related(obj, "city")
    if isinstance(city, City):
        return city, None
    for name in ("organisation", "event", "project"):
        parent = _related(obj, name)
        if isinstance(parent, models.Model) and depth < 2:
            found = cities_of(parent, depth=depth + 1)
            if found[0] is not None:
                return found
    partnership = _related(obj, "partnership")
    if partnership is not None:
        return _related(partnership, "city_a"), _related(partnership, "city_b")
    return None, None


def _audited_fields(obj: models.Model, names: Iterable[str]) -> list[str]:
    fields = {field.name for field in obj._meta.get_fields()}
    return [name for name in names if name in fields and name not in SECRET_FIELDS]


def _actor(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) else None


def _pending(request: HttpRequest) -> dict[tuple[str, str], dict[str, Any]]:
    """The values before the change, by object, from ``save_model`` until
    ``log_change`` (which comes after the related rows are saved)."""
    pending: dict[tuple[str, str], dict[str, Any]] | None = getattr(
        request, "_tandem_audit_before", None
    )
    if pending is None:
        pending = {}
        request._tandem_audit_before = pending  # type: ignore[attr-defined]
    return pending


def _key(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def _record(
    request: HttpRequest,
    obj: models.Model,
    act: str,
    changes: dict[str, tuple[Any, Any]] | None = None,
) -> None:
    city, also_city = cities_of(obj)
    record(
        action=NAMED.get((type(obj), act), ACTIONS[act]),
        actor=_actor(request),
        target=obj,
        city=city,
        also_city=also_city,
        changes=changes,
    )


class AuditedModelAdmin(admin.ModelAdmin[Any]):
    """Writes every add, change and delete of the admin to the audit trail."""

    def save_model(
        self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool
    ) -> None:
        if change and obj.pk is not None:
            stored = type(obj)._default_manager.filter(pk=obj.pk).first()
            if stored is not None:
                names = _audited_fields(stored, form.changed_data)
                _pending(request)[_key(obj)] = snapshot(stored, names)
        super().save_model(request, obj, form, change)

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        _record(request, obj, "added")
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        before = _pending(request).pop(_key(obj), {})
        _record(request, obj, "changed", changes_since(before, obj))
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        for obj in queryset:
            _record(request, obj, "deleted")
        return super().log_deletions(request, queryset)

    def response_action(
        self, request: HttpRequest, queryset: QuerySet[Any]
    ) -> HttpResponse | None:
        # "Delete selected" logs, then deletes: the entries and the deletion
        # are written together or not at all.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().response_action(request, queryset)


class AuditedAdminSite(admin.AdminSite):
    """``admin.site``: every model admin registered here is audited."""

    def register(
        self,
        model_or_iterable: type[models.Model] | Iterable[type[models.Model]],
        admin_class: type[admin.ModelAdmin[Any]] | None = None,
        **options: Any,
    ) -> None:
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, AuditedModelAdmin):
            admin_class = type(
                admin_class.__name__,
                (AuditedModelAdmin, admin_class),
                {"__module__": admin_class.__module__},
            )
        super().register(model_or_iterable, admin_class, **options)
