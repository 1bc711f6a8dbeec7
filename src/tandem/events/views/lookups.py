"""What the event pages look up first: the event (seen, or managed), the
viewer's approved registration, the other side of a request."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.errors import PermissionDenied
from tandem.events import permissions
from tandem.events.models import Event, Meeting, MeetingRequest, Registration
from tandem.events.selectors import registration_of, visible_events


def visible_event(request: AuthenticatedHttpRequest, pk: int) -> Event:
    return get_object_or_404(visible_events(viewer=request.user), pk=pk)


def managed_event(request: AuthenticatedHttpRequest, pk: int) -> Event:
    """The event, if the viewer sees it (else 404) and manages it (else 403)."""
    event = visible_event(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    return event


def approved_registration(
    request: AuthenticatedHttpRequest, event: Event
) -> Registration | HttpResponse:
    """The viewer's approved registration, or a redirect to the event's page
    that says why the page is not open to them yet."""
    registration = registration_of(event=event, viewer=request.user)
    if registration is None:
        messages.info(request, _("Register for the event first."))
    elif not registration.is_approved:
        messages.info(
            request,
            _(
                "Your registration is “%(state)s”. This page opens once the "
                "organisers approve it."
            )
            % {"state": registration.get_state_display()},
        )
    else:
        return registration
    return redirect("events:event_detail", pk=event.pk)


def other_side(meeting_request: MeetingRequest, mine: Registration) -> Registration:
    if meeting_request.requester_id == mine.pk:
        return meeting_request.invitee
    return meeting_request.requester


def agenda_anchor(event: Event, meeting: Meeting) -> str:
    return reverse("events:agenda", args=[event.pk]) + f"#meeting-{meeting.pk}"
