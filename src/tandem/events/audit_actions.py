"""The privileged acts of the events app that the audit trail keeps:
permissions to organise, and what coordinators and staff do to events."""

from collections.abc import Collection

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Viewer
from tandem.audit.actions import Action
from tandem.events.selectors import visible_events

ORGANISER_ALLOWED = "events.organiser_allowed"
ORGANISER_WITHDRAWN = "events.organiser_withdrawn"
EVENT_PUBLISHED = "events.event_published"
EVENT_CANCELLED = "events.event_cancelled"
EVENT_CHANGED = "events.event_changed"
PLAN_PUBLISHED = "events.plan_published"
REGISTRATION_APPROVED = "events.registration_approved"
REGISTRATION_CANCELLED = "events.registration_cancelled"

ACTIONS = (
    Action(ORGANISER_ALLOWED, _("Allowed to organise events")),
    Action(ORGANISER_WITHDRAWN, _("Permission to organise events withdrawn")),
    Action(EVENT_PUBLISHED, _("Event published")),
    Action(EVENT_CANCELLED, _("Event cancelled")),
    Action(EVENT_CHANGED, _("Event changed by its coordinators")),
    Action(PLAN_PUBLISHED, _("Meeting plan published")),
    Action(REGISTRATION_APPROVED, _("Registration approved by the coordinators")),
    Action(REGISTRATION_CANCELLED, _("Registration cancelled by the coordinators")),
)


def event_links(viewer: Viewer, pks: Collection[int]) -> dict[int, str]:
    """The pages of the events the reader may see."""
    rows = visible_events(viewer=viewer).filter(pk__in=pks)
    return {
        pk: reverse("events:event_detail", kwargs={"pk": pk})
        for pk in rows.values_list("pk", flat=True)
    }


LINKS = {"events.event": event_links}
