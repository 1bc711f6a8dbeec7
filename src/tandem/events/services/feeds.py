"""Personal calendar feeds: renewing their addresses."""

from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.events.models import CalendarFeedKey


@transaction.atomic
def renew_calendar_feeds(*, by: User) -> CalendarFeedKey:
    """New addresses for all the user's personal calendar feeds; the old ones
    stop working (for a leaked address)."""
    key, _created = CalendarFeedKey.objects.select_for_update().get_or_create(user=by)
    key.generation += 1
    key.renewed_at = timezone.now()
    key.save(update_fields=["generation", "renewed_at"])
    return key
