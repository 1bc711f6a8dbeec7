"""A participant's registration: registering, cancelling, and the times they
can meet. Every page needs a login; an event the viewer may not see is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.accounts.models import Membership, User
from tandem.directory.models import Organisation
from tandem.directory.selectors import memberships_of
from tandem.events import services
from tandem.events.forms.participant import AvailabilityForm, RegistrationForm
from tandem.events.models import Meeting, Registration, Slot
from tandem.events.selectors import participant_agenda, registration_of
from tandem.events.views.lookups import approved_registration, visible_event
from tandem.http import act, handle_form, posted
from tandem.i18n import current_language


def _organisations(user: User) -> tuple[list[Organisation], list[Organisation]]:
    """The user's active organisations: the verified ones, which register,
    and the others."""
    active = [
        m.organisation
        for m in memberships_of(viewer=user).filter(state=Membership.State.ACTIVE)
    ]
    verified = [
        o for o in active if o.verification == Organisation.Verification.VERIFIED
    ]
    return verified, [o for o in active if o not in verified]


@login_required
def register(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = visible_event(request, pk)
    verified, unverified = _organisations(request.user)
    language = request.user.preferred_language or current_language()
    form = RegistrationForm(
        posted(request),
        event=event,
        organisations=Organisation.objects.filter(pk__in=[o.pk for o in verified])
        .select_related("city")
        .order_by("name", "pk"),
        initial={"languages": [language]},
    )
    return handle_form(
        request,
        form,
        save=lambda: services.register(
            event=event, by=request.user, **form.cleaned_data
        ),
        url=lambda registration: _registered(request, registration),
        success=None,  # _registered says it: its level depends on the outcome
        template="events/participant/register.html",
        context={
            "event": event,
            "registration": registration_of(event=event, viewer=request.user),
            "has_organisations": bool(verified),
            "unverified": unverified,
            "is_open": event.is_published and event.registration_is_open(),
        },
    )


def _registered(request: AuthenticatedHttpRequest, registration: Registration) -> str:
    """Says what happens next (a warning on the waiting list); the page to
    go to: the times to tick once approved, else the event."""
    event_id = registration.event_id
    state = registration.state
    if state == Registration.State.APPROVED:
        messages.success(
            request,
            _(
                "You are registered. Tick the times you can meet, then look for "
                "people to meet among the participants."
            ),
        )
        return reverse("events:availability", args=[event_id])
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
    return reverse("events:event_detail", args=[event_id])


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


def _times_saved(whole: list[Slot], saved: list[Slot]) -> str:
    if whole:
        return _("Every slot of “%(session)s” is ticked and saved.") % {
            "session": whole[0].session.title
        }
    if saved:
        return _("Your times are saved.")
    return _("Saved: with no slot ticked, you can be booked at any time.")


@login_required
def availability(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The slots the participant can meet in; a session's button ticks all of
    its slots at once."""
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
    form = AvailabilityForm(posted(request), slots=slots, initial={"slots": ticked})
    session_pk = request.POST.get("select_session", "")
    whole = [s for s in slots if str(s.session_id) == session_pk]
    return handle_form(
        request,
        form,
        save=lambda: services.set_availability(
            registration=registration,
            slots={s.pk: s for s in [*form.cleaned_data["slots"], *whole]}.values(),
            by=request.user,
        ),
        url=reverse("events:availability", args=[event.pk]),
        success=lambda saved: _times_saved(whole, saved),
        template="events/participant/availability.html",
        context={"event": event, "registration": registration},
    )
