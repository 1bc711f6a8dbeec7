"""A participant's registration: registering, cancelling, and the times they
can meet. Every page needs a login; an event the viewer may not see is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.accounts.models import Membership
from tandem.directory.models import Organisation
from tandem.directory.selectors import memberships_of
from tandem.events import services
from tandem.events.forms.participant import AvailabilityForm, RegistrationForm
from tandem.events.models import Event, Meeting, Registration, Slot
from tandem.events.selectors import participant_agenda, registration_of
from tandem.events.views.lookups import approved_registration, visible_event
from tandem.forms import add_service_error
from tandem.http import act
from tandem.i18n import current_language


@login_required
def register(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = visible_event(request, pk)
    active = [
        m.organisation
        for m in memberships_of(viewer=request.user).filter(
            state=Membership.State.ACTIVE
        )
    ]
    verified = [
        o for o in active if o.verification == Organisation.Verification.VERIFIED
    ]
    organisations = (
        Organisation.objects.filter(pk__in=[o.pk for o in verified])
        .select_related("city")
        .order_by("name", "pk")
    )
    language = request.user.preferred_language or current_language()
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        event=event,
        organisations=organisations,
        initial={"languages": [language]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(
                event=event, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            return _registered(request, event, registration)
    context = {
        "event": event,
        "form": form,
        "registration": registration_of(event=event, viewer=request.user),
        "has_organisations": bool(verified),
        "unverified": [o for o in active if o not in verified],
        "is_open": event.is_published and event.registration_is_open(),
    }
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "events/participant/register.html", context, status=status)


def _registered(
    request: AuthenticatedHttpRequest, event: Event, registration: Registration
) -> HttpResponse:
    state = registration.state
    if state == Registration.State.APPROVED:
        messages.success(
            request,
            _(
                "You are registered. Tick the times you can meet, then look for "
                "people to meet among the participants."
            ),
        )
        return redirect("events:availability", pk=event.pk)
    if state == Registration.State.WAITLISTED:
        messages.warning(
            request,
            _(
                "The event is full: you are on the waiting list. You get a place "
                "as soon as someone cancels."
            ),
        )
    else:
        messages.success(
            request,
            _(
                "You are registered. The organisers approve registrations "
                "themselves; you will be notified."
            ),
        )
    return redirect("events:event_detail", pk=event.pk)


@login_required
def registration_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A confirmation page; the POST of its button cancels."""
    event = visible_event(request, pk)
    registration = registration_of(event=event, viewer=request.user)
    if registration is None:
        messages.info(request, _("You are not registered for this event."))
        return redirect("events:event_detail", pk=event.pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        return act(
            request,
            reverse("events:event_detail", args=[event.pk]),
            lambda: services.cancel_registration(
                registration=registration, by=request.user
            ),
            _(
                "Your registration is cancelled, and with it your open "
                "meeting requests and meetings."
            ),
        )
    context = {
        "event": event,
        "registration": registration,
        "meetings": participant_agenda(viewer=request.user, event=event)
        .filter(state=Meeting.State.SCHEDULED)
        .count(),
    }
    return render(request, "events/participant/registration_cancel.html", context)


# --- Availability -----------------------------------------------------------


@login_required
def availability(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = visible_event(request, pk)
    registration = approved_registration(request, event)
    if isinstance(registration, HttpResponse):
        return registration
    slots = list(
        Slot.objects.filter(session__event=event)
        .select_related("session")
        .order_by("starts_at", "pk")
    )
    ticked = list(registration.availabilities.values_list("slot_id", flat=True))
    data = request.POST if request.method == "POST" else None
    form = AvailabilityForm(data, slots=slots, initial={"slots": ticked})
    if data is not None and form.is_valid():
        chosen = list(form.cleaned_data["slots"])
        session_pk = request.POST.get("select_session", "")
        whole = [s for s in slots if str(s.session_id) == session_pk]
        try:
            saved = services.set_availability(
                registration=registration,
                slots={s.pk: s for s in [*chosen, *whole]}.values(),
                by=request.user,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            if whole:
                messages.success(
                    request,
                    _("Every slot of “%(session)s” is ticked and saved.")
                    % {"session": whole[0].session.title},
                )
            elif saved:
                messages.success(request, _("Your times are saved."))
            else:
                messages.success(
                    request,
                    _("Saved: with no slot ticked, you can be booked at any time."),
                )
            return redirect("events:availability", pk=event.pk)
    context = {"event": event, "form": form, "registration": registration}
    status = 422 if form.is_bound and form.errors else 200
    return render(
        request, "events/participant/availability.html", context, status=status
    )
