"""Member and coordinator pages: create and edit, members, opportunities, reviews."""

import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.accounts.models import Membership
from tandem.directory import members, permissions, services
from tandem.directory.forms import (
    JoinForm,
    OpportunityForm,
    OpportunityReviewForm,
    OrganisationChangesReviewForm,
    OrganisationForm,
    OrganisationReviewForm,
    RoleForm,
)
from tandem.directory.models import Opportunity, Organisation
from tandem.directory.selectors import (
    changes_queue,
    coordinates_any_city,
    members_of,
    opportunity_actions,
    visible_opportunities,
    visible_organisations,
)
from tandem.directory.selectors import (
    review_queue as review_queue_of,
)
from tandem.errors import PermissionDenied
from tandem.http import act, done, handle_form, partial_template, posted, safe_next

Status = Opportunity.Status


def _organisation(request: AuthenticatedHttpRequest, slug: str) -> Organisation:
    return get_object_or_404(visible_organisations(viewer=request.user), slug=slug)


def _opportunity(request: AuthenticatedHttpRequest, pk: int) -> Opportunity:
    return get_object_or_404(visible_opportunities(viewer=request.user), pk=pk)


# --- Organisations -----------------------------------------------------------


@login_required
def organisation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = OrganisationForm(posted(request))
    return handle_form(
        request,
        form,
        save=lambda: services.create_organisation(
            by=request.user, **form.service_data()
        ),
        url=lambda organisation: organisation.get_absolute_url(),
        success=lambda organisation: (
            _(
                "%(name)s was created. The coordinator of %(city)s will verify "
                "it; until then only its members see it."
            )
            % {"name": organisation.name, "city": organisation.city.name}
        ),
        template="directory/organisation_form.html",
        context={"organisation": None},
    )


def _saved(organisation: Organisation) -> str:
    if organisation.pending_changes:
        return _(
            "Your changes were saved. The new name, kind or website is shown "
            "once your city's coordinators approve it; they have been told."
        )
    return _("Your changes were saved.")


@login_required
def organisation_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    if not permissions.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form = OrganisationForm(
        posted(request), initial=OrganisationForm.initial_for(organisation)
    )
    return handle_form(
        request,
        form,
        save=lambda: services.update_organisation(
            organisation=organisation, by=request.user, **form.service_data()
        ),
        url=organisation.get_absolute_url(),
        success=_saved,
        template="directory/organisation_form.html",
        context={"organisation": organisation},
    )


# --- Members -----------------------------------------------------------------


@login_required
def organisation_join(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Ask to join: a short form, sent to the organisation's owners."""
    organisation = _organisation(request, slug)
    form = JoinForm(posted(request))
    return handle_form(
        request,
        form,
        save=lambda: members.request_membership(
            organisation=organisation, by=request.user, **form.cleaned_data
        ),
        url=reverse("dashboard"),
        success=_("Your request to join %(name)s was sent to its owners.")
        % {"name": organisation.name},
        template="directory/organisation_join.html",
        context={"organisation": organisation},
    )


def _members_context(
    request: AuthenticatedHttpRequest, organisation: Organisation
) -> dict[str, Any]:
    if not permissions.can_see_internal(request.user, organisation):
        raise PermissionDenied
    memberships = list(members_of(organisation=organisation))
    mine = next((m for m in memberships if m.user_id == request.user.pk), None)
    is_member = mine is not None and mine.state == Membership.State.ACTIVE
    can_manage = permissions.can_manage_members(request.user, organisation)
    active = [m for m in memberships if m.state == Membership.State.ACTIVE]
    return {
        "organisation": organisation,
        "members": active,
        "requests": [m for m in memberships if m.state == Membership.State.PENDING]
        if can_manage
        else [],
        "can_manage": can_manage,
        "my_membership": mine if is_member else None,
        "roles": Membership.Role.choices,
        "owner_count": sum(m.role == Membership.Role.OWNER for m in active),
    }


@login_required
def organisation_members(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Members see who belongs; owners change roles, remove and approve."""
    organisation = _organisation(request, slug)
    context = _members_context(request, organisation)
    return render(request, "directory/organisation_members.html", context)


def _role(request: AuthenticatedHttpRequest) -> str:
    """The role chosen in the POST. Raises ValidationError."""
    form = RoleForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors["role"].as_data())
    return str(form.cleaned_data["role"])


def _approve(request: AuthenticatedHttpRequest, membership: Membership) -> str:
    role = _role(request)
    members.approve_membership(membership=membership, by=request.user, role=role)
    return _("%(name)s joined as %(role)s.") % {
        "name": membership.user,
        "role": Membership.Role(role).label,
    }


def _change_role(request: AuthenticatedHttpRequest, membership: Membership) -> str:
    role = _role(request)
    members.change_member_role(membership=membership, by=request.user, role=role)
    return _("%(name)s is now %(role)s.") % {
        "name": membership.user,
        "role": Membership.Role(role).label,
    }


def _remove(request: AuthenticatedHttpRequest, membership: Membership) -> str:
    pending = membership.state == Membership.State.PENDING
    members.remove_member(membership=membership, by=request.user)
    if membership.user_id == request.user.pk:
        return _("You left %(name)s.") % {"name": membership.organisation.name}
    if pending:
        return _("%(name)s's request to join was declined.") % {"name": membership.user}
    return _("%(name)s was removed.") % {"name": membership.user}


MEMBER_CHANGES = {"approve": _approve, "role": _change_role, "remove": _remove}


@require_POST
@login_required
def membership_update(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    """One member's change: ``action`` is approve, role or remove (also decline,
    leave). The members list comes back with the outcome; a refusal, with 422."""
    change = MEMBER_CHANGES.get(request.POST.get("action", ""))
    if change is None:
        raise Http404
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation__city"),
        pk=pk,
        organisation__slug=slug,
    )
    own = membership.user_id == request.user.pk
    leaving = own and change is _remove
    # One's own request stays withdrawable after the organisation is hidden.
    organisation = membership.organisation if own else _organisation(request, slug)
    try:
        notice = change(request, membership)
    except ValidationError as exc:  # Django's base class
        error, notice = " ".join(exc.messages), ""
    else:
        if leaving or not request.htmx:
            messages.success(request, notice)
            url = reverse("directory:organisation_members", args=[organisation.slug])
            return done(request, reverse("dashboard") if leaving else url)
        error = ""
    context = _members_context(request, organisation) | {
        "error": error,
        "notice": notice,
    }
    template = partial_template(
        request, "directory/organisation_members.html", "members"
    )
    return render(request, template, context, status=422 if error else 200)


# --- Opportunities -------------------------------------------------------------


@login_required
def opportunity_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    if not permissions.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form = OpportunityForm(posted(request), initial={"language": organisation.language})
    return handle_form(
        request,
        form,
        save=lambda: services.create_opportunity(
            organisation=organisation, by=request.user, **form.cleaned_data
        ),
        url=lambda opportunity: reverse(
            "directory:opportunity_edit", args=[opportunity.pk]
        ),
        success=_("Your draft was saved. Submit it for review when it is ready."),
        template="directory/opportunity_form.html",
        context={"organisation": organisation, "opportunity": None},
    )


@login_required
def opportunity_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Edit an opportunity; the page also offers its next step (submit, close, renew)."""
    opportunity = _opportunity(request, pk)
    if not permissions.can_edit_organisation(request.user, opportunity.organisation):
        raise PermissionDenied
    form = OpportunityForm(
        posted(request), initial=OpportunityForm.initial_for(opportunity)
    )
    return handle_form(
        request,
        form,
        save=lambda: services.update_opportunity(
            opportunity=opportunity, by=request.user, **form.cleaned_data
        ),
        url=reverse("directory:opportunity_edit", args=[pk]),
        success=_("Your changes were saved."),
        template="directory/opportunity_form.html",
        context={
            "organisation": opportunity.organisation,
            "opportunity": opportunity,
            "actions": opportunity_actions(
                viewer=request.user, opportunity=opportunity
            ),
        },
    )


OPPORTUNITY_ACTIONS = {
    "submit": services.submit_opportunity,
    "close": services.close_opportunity,
    "renew": services.renew_opportunity,
}


@require_POST
@login_required
def opportunity_action(
    request: AuthenticatedHttpRequest, pk: int, action: str
) -> HttpResponse:
    """Submit for review, close or renew; back to ``next`` or the edit page."""
    if action not in OPPORTUNITY_ACTIONS:
        raise Http404
    opportunity = _opportunity(request, pk)
    url = safe_next(request, reverse("directory:opportunity_edit", args=[pk]))

    def confirmation(opportunity: Opportunity) -> str:
        message = {
            "submit": _(
                "“%(title)s” was sent to the coordinator of %(city)s for review."
            ),
            "close": _("“%(title)s” was closed. It no longer shows in public lists."),
            "renew": _("“%(title)s” was renewed until %(date)s."),
        }[action]
        return message % {
            "title": opportunity.title,
            "city": opportunity.organisation.city.name,
            "date": _format_date(opportunity.expires_at),
        }

    return act(
        request,
        url,
        lambda: OPPORTUNITY_ACTIONS[action](opportunity=opportunity, by=request.user),
        confirmation,
    )


def _format_date(value: datetime.datetime | None) -> str:
    if value is None:
        return ""
    return formats.date_format(timezone.localtime(value), "DATE_FORMAT")


# --- Reviews -------------------------------------------------------------------


@login_required
def review_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Organisations and opportunities waiting for the coordinator's review."""
    if not coordinates_any_city(viewer=request.user):
        raise PermissionDenied
    organisations, opportunities = review_queue_of(viewer=request.user)
    size = settings.TANDEM_PAGE_SIZE
    context = {
        "organisations": Paginator(organisations, size).get_page(
            request.GET.get("organisations")
        ),
        "opportunities": Paginator(opportunities, size).get_page(
            request.GET.get("opportunities")
        ),
        "changes": Paginator(changes_queue(viewer=request.user), size).get_page(
            request.GET.get("changes")
        ),
    }
    return render(request, "directory/review_queue.html", context)


def _reviewed(organisation: Organisation) -> str:
    return {
        Organisation.Verification.VERIFIED: _("%(name)s was verified."),
        Organisation.Verification.REJECTED: _("%(name)s was rejected."),
        Organisation.Verification.CHANGES_REQUESTED: _(
            "Changes were requested from %(name)s."
        ),
    }[Organisation.Verification(organisation.verification)] % {
        "name": organisation.name
    }


@login_required
def organisation_review(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    if not permissions.can_review(request.user, organisation.city):
        raise PermissionDenied
    form = OrganisationReviewForm(posted(request))
    return handle_form(
        request,
        form,
        save=lambda: services.review_organisation(
            organisation=organisation, by=request.user, **form.cleaned_data
        ),
        url=reverse("directory:review_queue"),
        success=_reviewed,
        template="directory/review_form.html",
        context={"organisation": organisation, "opportunity": None},
    )


def _changes_reviewed(organisation: Organisation, decision: str) -> str:
    if decision == "approved":
        return _("The new values of %(name)s are shown now.") % {
            "name": organisation.name
        }
    return _("The change was rejected; %(name)s keeps its verified values.") % {
        "name": organisation.name
    }


@login_required
def organisation_changes_review(
    request: AuthenticatedHttpRequest, slug: str
) -> HttpResponse:
    """A verified organisation's new name, kind or website: approve or reject."""
    organisation = _organisation(request, slug)
    if not permissions.can_review(request.user, organisation.city):
        raise PermissionDenied
    if not organisation.pending_changes:
        raise Http404
    form = OrganisationChangesReviewForm(posted(request))
    return handle_form(
        request,
        form,
        save=lambda: services.review_organisation_changes(
            organisation=organisation, by=request.user, **form.cleaned_data
        ),
        url=reverse("directory:review_queue"),
        success=lambda reviewed: _changes_reviewed(
            reviewed, form.cleaned_data["decision"]
        ),
        template="directory/organisation_changes_review.html",
        context={"organisation": organisation},
    )


def _opportunity_reviewed(opportunity: Opportunity) -> str:
    return {
        Status.PUBLISHED: _("“%(title)s” was published."),
        Status.REJECTED: _("“%(title)s” was rejected."),
        Status.CHANGES_REQUESTED: _(
            "“%(title)s” was sent back with your request for changes."
        ),
    }[Status(opportunity.status)] % {"title": opportunity.title}


@login_required
def opportunity_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    if not permissions.can_review(request.user, opportunity.organisation.city):
        raise PermissionDenied
    form = OpportunityReviewForm(posted(request))
    return handle_form(
        request,
        form,
        save=lambda: services.review_opportunity(
            opportunity=opportunity, by=request.user, **form.cleaned_data
        ),
        url=reverse("directory:review_queue"),
        success=_opportunity_reviewed,
        template="directory/review_form.html",
        context={"organisation": opportunity.organisation, "opportunity": opportunity},
    )
