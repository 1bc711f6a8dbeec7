"""The organisers' pages: create and edit an event, its sessions, programme and
registrations, set meetings, and print the agendas and the table plan.

Coordinators of the event's city (and staff) do everything, and so do the
owners and editors of an organiser organisation the coordinators allowed to
organise events; owners and editors of another organiser organisation manage
the event but neither publish nor cancel it nor move it. Coordinators allow
organisations on the organisers page. Others get a 404 for an event they
cannot see and a 403 for one they see but do not organise.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.accounts.models import User
from tandem.directory.models import Organisation
from tandem.directory.selectors import visible_organisations
from tandem.errors import PermissionDenied
from tandem.events import exporting, permissions, selectors, services
from tandem.events.forms.manage import (
    CancelEventForm,
    EventForm,
    OrganiserRequestForm,
    ProgrammeItemForm,
    SessionForm,
)
from tandem.events.models import Event, MeetingRequest, Registration, Session
from tandem.events.views.lookups import managed_event
from tandem.http import act, handle_form, posted, render_form
from tandem.partnerships.models import City, Partnership
from tandem.partnerships.selectors import main_partnership


def _manage_url(event: Event, anchor: str = "") -> str:
    url = reverse("events:event_manage", args=[event.pk])
    return f"{url}#{anchor}" if anchor else url


def _creatable_cities(user: User, partnership: Partnership) -> list[City]:
    return [
        city
        for city in (partnership.city_a, partnership.city_b)
        if permissions.can_create_event(user, partnership=partnership, city=city)
    ]


def _organiser_choices(
    user: User, partnership: Partnership, current: Organisation | None
) -> QuerySet[Organisation]:
    """Verified organisations of the partner cities (and the current organiser)."""
    allowed = Q(verification=Organisation.Verification.VERIFIED)
    if current is not None:
        allowed |= Q(pk=current.pk)
    return (
        visible_organisations(viewer=user)
        .filter(allowed, city_id__in=[partnership.city_a_id, partnership.city_b_id])
        .order_by("city__slug", "name", "pk")
    )


def _organiser_field(
    user: User,
    partnership: Partnership,
    city: City | None,
    current: Organisation | None,
) -> dict[str, Any]:
    """The organiser choices: for coordinators any verified organisation of the
    partner cities, for members of allowed organisations one of those."""
    if permissions.coordinates_event_cities(user, partnership=partnership, city=city):
        return {"organisers": _organiser_choices(user, partnership, current)}
    return {
        "organisers": permissions.organising_organisations(
            user, partnership=partnership
        ),
        "organiser_required": True,
    }


# --- The event


def _create_choices(user: User, partnership: Partnership) -> dict[str, Any]:
    """The create form's cities, organisers and initial values for ``user``."""
    cities = _creatable_cities(user, partnership)
    choices = _organiser_field(user, partnership, None, None)
    initial: dict[str, Any] = {"city": cities[0] if len(cities) == 1 else None}
    own = list(choices["organisers"][:2]) if "organiser_required" in choices else []
    if len(own) == 1:
        # An allowed organisation's event starts in its city, on its clock.
        city = own[0].city
        initial = {"city": city, "time_zone": city.time_zone, "organiser": own[0]}
    return {"cities": cities, "initial": initial, **choices}


@login_required
def event_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    partnership = main_partnership()
    if partnership is None:
        raise Http404
    if not permissions.can_create_event(
        request.user, partnership=partnership, city=None
    ):
        raise PermissionDenied
    form = EventForm(
        posted(request),
        partnership=partnership,
        coordinator=True,
        **_create_choices(request.user, partnership),
    )
    return handle_form(
        request,
        form,
        save=lambda: services.create_event(
            by=request.user, partnership=partnership, **form.service_data()
        ),
        url=_manage_url,
        success=lambda event: (
            _(
                "The event “%(title)s” was created as a draft. Add its "
                "sessions, then publish it."
            )
            % {"title": event.title}
        ),
        template="events/manage/event_form.html",
        context={"event": None},
    )


@login_required
def event_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    partnership = event.partnership
    cities = _creatable_cities(request.user, partnership)
    if event.city is not None and event.city not in cities:
        cities.insert(0, event.city)
    form = EventForm(
        posted(request),
        partnership=partnership,
        cities=cities,
        coordinator=permissions.can_coordinate_event(request.user, event),
        initial=EventForm.initial_for(event),
        **_organiser_field(request.user, partnership, event.city, event.organiser),
    )
    return handle_form(
        request,
        form,
        save=lambda: services.update_event(
            event=event, by=request.user, **form.service_data()
        ),
        url=_manage_url(event),
        success=_("Your changes were saved."),
        template="events/manage/event_form.html",
        context={"event": event},
    )


@login_required
@require_POST
def event_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    return act(
        request,
        _manage_url(event),
        lambda: services.publish_event(event=event, by=request.user),
        _("The event is published: members of the partner cities can register."),
    )


@login_required
def event_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A confirmation page; the cancellation needs its box ticked."""
    event = managed_event(request, pk)
    if not permissions.can_coordinate_event(request.user, event):
        raise PermissionDenied
    form = CancelEventForm(posted(request))
    if request.method == "POST" and form.is_valid():
        return act(
            request,
            _manage_url(event),
            lambda: services.cancel_event(event=event, by=request.user),
            _("The event “%(title)s” is cancelled.") % {"title": event.title},
        )
    return render_form(
        request, "events/manage/event_cancel.html", {"form": form, "event": event}
    )


@login_required
def event_manage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    registrations = Paginator(
        selectors.event_registrations(event=event, viewer=request.user),
        settings.TANDEM_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    participants = selectors.event_participants(event=event, viewer=request.user)
    context = {
        "event": event,
        "can_coordinate": permissions.can_coordinate_event(request.user, event),
        "sessions": selectors.managed_sessions(event),
        "programme": list(event.programme.all()),
        "registrations": registrations,
        "figures": selectors.organiser_figures(event),
        "request_form": OrganiserRequestForm(participants=participants),
        "has_pair": participants.count() >= 2,
        "states": Registration.State,
    }
    return render(request, "events/manage/event_manage.html", context)


# --- Sessions and programme


def _session_added(session: Session) -> str:
    return ngettext(
        "The session “%(title)s” with %(count)s meeting slot was added.",
        "The session “%(title)s” with %(count)s meeting slots was added.",
        session.slot_count,
    ) % {"title": session.title, "count": session.slot_count}


@login_required
def session_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    form = SessionForm(posted(request), initial={"date": event.starts_on})
    return handle_form(
        request,
        form,
        save=lambda: services.add_session(
            event=event, by=request.user, **form.cleaned_data
        ),
        url=_manage_url(event, "sessions"),
        success=_session_added,
        template="events/manage/session_form.html",
        context={"event": event},
    )


@login_required
@require_POST
def session_delete(
    request: AuthenticatedHttpRequest, pk: int, session_pk: int
) -> HttpResponse:
    event = managed_event(request, pk)
    session = get_object_or_404(event.sessions, pk=session_pk)
    return act(
        request,
        _manage_url(event, "sessions"),
        lambda: services.delete_session(session=session, by=request.user),
        _("The session “%(title)s” was deleted.") % {"title": session.title},
    )


@login_required
def programme_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    form = ProgrammeItemForm(posted(request), event=event)
    return handle_form(
        request,
        form,
        save=lambda: services.add_programme_item(
            event=event, by=request.user, **form.cleaned_data
        ),
        url=_manage_url(event, "programme"),
        success=lambda item: (
            _("“%(title)s” was added to the programme.") % {"title": item.title}
        ),
        template="events/manage/programme_form.html",
        context={"event": event},
    )


@login_required
@require_POST
def programme_delete(
    request: AuthenticatedHttpRequest, pk: int, item_pk: int
) -> HttpResponse:
    event = managed_event(request, pk)
    item = get_object_or_404(event.programme, pk=item_pk)
    return act(
        request,
        _manage_url(event, "programme"),
        lambda: services.delete_programme_item(item=item, by=request.user),
        _("“%(title)s” was removed from the programme.") % {"title": item.title},
    )


# --- Registrations and meetings


def _registration(event: Event, registration_pk: int) -> Registration:
    return get_object_or_404(
        event.registrations.select_related("user", "organisation"),
        pk=registration_pk,
    )


def _registrations_url(request: AuthenticatedHttpRequest, event: Event) -> str:
    """Back to the page of the registrations list the button was on."""
    url = reverse("events:event_manage", args=[event.pk])
    page = request.POST.get("page", "")
    if page.isdigit() and page != "1":
        url += f"?page={page}"
    return url + "#registrations"


@login_required
@require_POST
def registration_approve(
    request: AuthenticatedHttpRequest, pk: int, registration_pk: int
) -> HttpResponse:
    event = managed_event(request, pk)
    registration = _registration(event, registration_pk)
    return act(
        request,
        _registrations_url(request, event),
        lambda: services.approve_registration(
            registration=registration, by=request.user
        ),
        _("%(name)s (%(organisation)s) is approved.")
        % {
            "name": registration.public_name,
            "organisation": registration.organisation.name,
        },
    )


@login_required
@require_POST
def registration_cancel_by_organiser(
    request: AuthenticatedHttpRequest, pk: int, registration_pk: int
) -> HttpResponse:
    event = managed_event(request, pk)
    registration = _registration(event, registration_pk)
    return act(
        request,
        _registrations_url(request, event),
        lambda: services.cancel_registration(
            registration=registration, by=request.user
        ),
        _(
            "The registration of %(name)s (%(organisation)s) is cancelled, "
            "with their meetings."
        )
        % {
            "name": registration.public_name,
            "organisation": registration.organisation.name,
        },
    )


def _meeting_set(meeting_request: MeetingRequest) -> str:
    return _(
        "A meeting between %(first)s and %(second)s is set. "
        "It gets its slot when you run the scheduler or book it."
    ) % {
        "first": meeting_request.requester.public_name,
        "second": meeting_request.invitee.public_name,
    }


@login_required
def organiser_request_create(
    request: AuthenticatedHttpRequest, pk: int
) -> HttpResponse:
    """Set a meeting between two approved participants: accepted at once."""
    event = managed_event(request, pk)
    participants = selectors.event_participants(event=event, viewer=request.user)
    form = OrganiserRequestForm(posted(request), participants=participants)
    return handle_form(
        request,
        form,
        save=lambda: services.request_meeting(by=request.user, **form.cleaned_data),
        url=_manage_url(event, "meetings"),
        success=_meeting_set,
        template="events/manage/request_form.html",
        context={"event": event, "has_pair": participants.count() >= 2},
    )


# --- Printable pages


@login_required
def print_agendas(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    sheets = selectors.participant_sheets(event)
    context = {
        "event": event,
        "sheets": sheets,
        "meetings": len({line.meeting.pk for sheet in sheets for line in sheet.lines}),
    }
    return render(request, "events/manage/print_agendas.html", context)


@login_required
def registrations_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Every registration as a spreadsheet, for badges, catering and lists."""
    event = managed_event(request, pk)
    rows = selectors.registrations_with_meetings(event=event, viewer=request.user)
    response = HttpResponse(
        exporting.registrations_csv(event, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="tandem-event-{event.pk}-registrations.csv"'
    )
    return response


@login_required
def print_tables(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    plans = selectors.table_plan(event)
    context = {
        "event": event,
        "plans": plans,
        "meetings": sum(plan.meetings for plan in plans),
    }
    return render(request, "events/manage/print_tables.html", context)
