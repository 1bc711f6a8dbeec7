"""Reads of people's own data."""

from django.db.models import QuerySet
from django.utils import timezone

from tandem.accounts.models import User
from tandem.privacy.models import DataExport


def data_exports(*, viewer: User) -> QuerySet[DataExport]:
    """The viewer's archives still being built or still downloadable."""
    return DataExport.objects.filter(user=viewer).exclude(expires_at__lt=timezone.now())


def downloadable_export(*, viewer: User, key: str) -> QuerySet[DataExport]:
    """The viewer's ready, unexpired archive of this key (none for anyone else)."""
    return DataExport.objects.filter(
        user=viewer, key=key, ready_at__isnull=False, expires_at__gt=timezone.now()
    )
