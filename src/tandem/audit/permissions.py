"""Who reads the audit trail: coordinators the entries of their cities,
staff every entry."""

from django.db.models import Q

from tandem.accounts.models import Viewer
from tandem.accounts.permissions import coordinated_city_ids, is_staff


def can_read_audit_trail(user: Viewer | None) -> bool:
    """Coordinators of any city, and staff."""
    return is_staff(user) or coordinated_city_ids(user).exists()


def readable_entries_q(user: Viewer | None) -> Q | None:
    """The entries the user may read, as a filter; None for every entry (staff).

    Only those who may read the trail at all should ask."""
    if is_staff(user):
        return None
    cities = coordinated_city_ids(user)
    return Q(city_id__in=cities) | Q(also_city_id__in=cities)
