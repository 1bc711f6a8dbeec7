"""iCalendar downloads and feeds: a participant's agenda and an event's programme."""

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest, HtmxHttpRequest
from tandem.events import calendar, selectors, services
from tandem.http import act

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _ics(body: bytes, *, filename: str, attachment: bool) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@login_required
def agenda_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The logged-in participant's meetings at the event, as a download."""
    event = get_object_or_404(selectors.visible_events(viewer=request.user), pk=pk)
    if selectors.registration_of(event=event, viewer=request.user) is None:
        raise Http404
    meetings = calendar.calendar_meetings(user=request.user, event=event)
    body = calendar.agenda_calendar(
        event=event,
        meetings=meetings,
        reader=request.user,
        absolute=request.build_absolute_uri,
    )
    response = _ics(body, filename=f"tandem-event-{event.pk}.ics", attachment=True)
    add_never_cache_headers(response)
    return response


def event_ics(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The event's sessions and programme, a feed calendar apps subscribe to."""
    event = get_object_or_404(selectors.visible_events(viewer=request.user), pk=pk)
    body = calendar.event_calendar(event=event, absolute=request.build_absolute_uri)
    return _ics(body, filename=f"tandem-event-{event.pk}.ics", attachment=False)


def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """One participant's meetings at one event, without logging in: the signed
    token says whose. Texts in the participant's language."""
    try:
        user, event = calendar.read_personal_feed_token(token)
    except (signing.BadSignature, ObjectDoesNotExist):
        raise Http404 from None
    language = user.preferred_language or translation.get_language()
    with translation.override(language):
        body = calendar.agenda_calendar(
            event=event,
            meetings=calendar.calendar_meetings(user=user, event=event),
            reader=user,
            absolute=request.build_absolute_uri,
            feed=True,
        )
    response = _ics(
        body, filename=f"tandem-event-{event.pk}-agenda.ics", attachment=False
    )
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def feeds_renew(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """New addresses for the participant's calendar feeds; back to the agenda
    of the event ``pk``, which shows the new one."""
    event = get_object_or_404(selectors.visible_events(viewer=request.user), pk=pk)
    return act(
        request,
        reverse("events:agenda", args=[event.pk]) + "#calendar",
        lambda: services.renew_calendar_feeds(by=request.user),
        _(
            "Your calendar addresses are new. Subscribe again with the new one; "
            "the old addresses no longer work."
        ),
    )
