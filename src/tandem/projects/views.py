"""Project pages: the public list and page, and the partners' forms."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_stubs_ext import StrPromise

from tandem.accounts.http import AuthenticatedHttpRequest, HtmxHttpRequest
from tandem.accounts.models import User
from tandem.directory.selectors import visible_organisations
from tandem.errors import PermissionDenied
from tandem.http import act, done, handle_form, partial_template, posted
from tandem.projects import permissions, services
from tandem.projects.forms import (
    DeleteForm,
    InviteForm,
    MilestoneForm,
    OutcomeForm,
    ProjectCreateForm,
    ProjectFilterForm,
    ProjectForm,
    StatusForm,
)
from tandem.projects.models import Milestone, Outcome, Project
from tandem.projects.selectors import (
    answerable_invitations,
    contact_request_for,
    creatable_for,
    invitable_organisations,
    partners_by_city,
    project_actions,
    project_history,
    projects_of_organisation,
    search_projects,
    visible_projects,
)
from tandem.projects.selectors import (
    project_detail as project_detail_of,
)

Item = TypeVar("Item", Milestone, Outcome)


def _project(request: HtmxHttpRequest, pk: int) -> Project:
    return get_object_or_404(visible_projects(viewer=request.user), pk=pk)


def project_list(request: HtmxHttpRequest) -> HttpResponse:
    form = ProjectFilterForm(request.GET)
    projects = search_projects(viewer=request.user, filters=form.filters())
    page = Paginator(projects, settings.TANDEM_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    template = partial_template(request, "projects/project_list.html", "results")
    return render(request, template, {"form": form, "page": page})


def organisation_projects(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The joint projects of an organisation: the panel of its page (htmx), or
    a page of their own for browsers without JavaScript."""
    organisation = get_object_or_404(
        visible_organisations(viewer=request.user), slug=slug
    )
    projects = projects_of_organisation(viewer=request.user, organisation=organisation)
    template = partial_template(request, "projects/organisation_projects.html", "panel")
    return render(
        request, template, {"organisation": organisation, "projects": projects}
    )


def project_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    try:
        project = project_detail_of(viewer=request.user, pk=pk)
    except Project.DoesNotExist:
        raise Http404 from None
    actions = project_actions(viewer=request.user, project=project)
    context = {
        "project": project,
        "actions": actions,
        "groups": partners_by_city(project),
        "milestones": list(project.milestones.all()),
        "outcomes": list(project.outcomes.all()),
        "history": project_history(project=project) if actions.sees_history else [],
        "status_form": StatusForm() if actions.next_statuses else None,
    }
    return render(request, "projects/project_detail.html", context)


@login_required
def project_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = creatable_for(viewer=request.user)
    contact = None
    if contact_pk := request.GET.get("contact", ""):
        if not contact_pk.isdigit():
            raise Http404
        contact = contact_request_for(viewer=request.user, pk=int(contact_pk))
        if contact is None:
            raise Http404
        organisations = organisations.filter(
            pk__in=[contact.sender_id, contact.recipient_id]
        )
    form = ProjectCreateForm(posted(request), organisations=organisations)
    return handle_form(
        request,
        form,
        save=lambda: services.create_project(
            by=request.user, contact_request=contact, **form.service_data()
        ),
        url=lambda project: project.get_absolute_url(),
        success=lambda project: (
            _("The project “%(title)s” was created as an idea.")
            % {"title": project.title}
        ),
        template="projects/project_form.html",
        context={
            "project": None,
            "contact": contact,
            "has_organisations": organisations.exists(),
        },
    )


def _managed_project(request: AuthenticatedHttpRequest, pk: int) -> Project:
    project = _project(request, pk)
    if not permissions.can_manage_project(request.user, project):
        raise PermissionDenied
    return project


@login_required
def project_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = _managed_project(request, pk)
    form = ProjectForm(posted(request), initial=ProjectForm.initial_for(project))
    return handle_form(
        request,
        form,
        save=lambda: services.update_project(
            project=project, by=request.user, **form.service_data()
        ),
        url=project.get_absolute_url(),
        success=_("Your changes were saved."),
        template="projects/project_form.html",
        context={"project": project, "has_organisations": True},
    )


@login_required
def partner_invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = _managed_project(request, pk)
    form = InviteForm(
        posted(request),
        organisations=invitable_organisations(viewer=request.user, project=project),
    )
    return handle_form(
        request,
        form,
        save=lambda: services.invite_partner(
            project=project, by=request.user, **form.cleaned_data
        ),
        url=project.get_absolute_url(),
        success=lambda partner: (
            _("%(organisation)s was invited. Its members are notified.")
            % {"organisation": partner.organisation_name}
        ),
        template="projects/partner_invite.html",
        context={"project": project},
    )


@login_required
@require_POST
def invitation_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Accept or decline (``answer`` = accept | decline); back to the dashboard.

    Not ``act``: where to go depends on the outcome (the project page once
    accepted; the dashboard when declined or refused).
    """
    # Someone else's invitation is not found, as a missing one is.
    partner = get_object_or_404(answerable_invitations(viewer=request.user), pk=pk)
    answer = request.POST.get("answer", "")
    if answer not in {"accept", "decline"}:
        raise Http404
    try:
        services.answer_invitation(
            partner=partner, accept=answer == "accept", by=request.user
        )
    except ValidationError as exc:  # Django's base class
        messages.error(request, " ".join(exc.messages))
    else:
        if answer == "accept":
            messages.success(
                request,
                _("%(organisation)s is now a partner of “%(title)s”.")
                % {
                    "organisation": partner.organisation_name,
                    "title": partner.project.title,
                },
            )
            return done(request, partner.project.get_absolute_url())
        messages.success(
            request,
            _("You declined the invitation to “%(title)s”.")
            % {"title": partner.project.title},
        )
    return done(request, reverse("dashboard"))


@login_required
@require_POST
def partner_leave(
    request: AuthenticatedHttpRequest, pk: int, partner_pk: int
) -> HttpResponse:
    project = _project(request, pk)
    partner = get_object_or_404(project.partners.all(), pk=partner_pk)
    return act(
        request,
        project.get_absolute_url(),
        lambda: services.leave_project(partner=partner, by=request.user),
        _("%(organisation)s left the project.")
        % {"organisation": partner.organisation_name},
    )


@login_required
@require_POST
def invitation_withdraw(
    request: AuthenticatedHttpRequest, pk: int, partner_pk: int
) -> HttpResponse:
    """The project's managers take back an invitation not yet answered."""
    project = _project(request, pk)
    partner = get_object_or_404(project.partners.all(), pk=partner_pk)
    return act(
        request,
        project.get_absolute_url(),
        lambda: services.withdraw_invitation(partner=partner, by=request.user),
        _("The invitation to %(organisation)s was withdrawn.")
        % {"organisation": partner.organisation_name},
    )


@login_required
@require_POST
def project_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return done(request, project.get_absolute_url())
    return act(
        request,
        project.get_absolute_url(),
        lambda: services.change_status(
            project=project, status=form.cleaned_data["status"], by=request.user
        ),
        # Made after the service, so it names the new status.
        lambda changed: (
            _("The project is now “%(status)s”.")
            % {"status": changed.get_status_display()}
        ),
    )


def _contributing_project(request: AuthenticatedHttpRequest, pk: int) -> Project:
    project = _project(request, pk)
    if not permissions.can_contribute(request.user, project):
        raise PermissionDenied
    return project


@dataclass(frozen=True)
class _Items(Generic[Item]):
    """A project's milestones or outcomes, for the pages both have alike: add,
    edit, and delete after a confirmation. ``name`` names the templates
    (``projects/<name>_form.html``, ``_delete.html``) and the item in their
    context; the project page lists them under the anchor ``#<name>s``."""

    name: str
    form: Callable[[Any, Project, dict[str, Any]], forms.Form]  # data, project, initial
    of: Callable[[Project], QuerySet[Item]]
    initial: Callable[[Item], dict[str, Any]]
    add: Callable[[Project, User, dict[str, Any]], object]
    update: Callable[[Item, User, dict[str, Any]], object]
    delete: Callable[[Item, User], None]
    added: StrPromise
    deleted: Callable[[Item], str]
    confirm: StrPromise


def _items_form(
    items: _Items[Item],
    request: AuthenticatedHttpRequest,
    pk: int,
    item_pk: int | None,
) -> HttpResponse:
    project = _contributing_project(request, pk)
    item = None if item_pk is None else get_object_or_404(items.of(project), pk=item_pk)
    initial = {} if item is None else items.initial(item)
    form = items.form(posted(request), project, initial)
    return handle_form(
        request,
        form,
        save=lambda: (
            items.add(project, request.user, form.cleaned_data)
            if item is None
            else items.update(item, request.user, form.cleaned_data)
        ),
        url=f"{project.get_absolute_url()}#{items.name}s",
        success=str(items.added) if item is None else _("Your changes were saved."),
        template=f"projects/{items.name}_form.html",
        context={"project": project, items.name: item},
    )


def _items_delete(
    items: _Items[Item], request: AuthenticatedHttpRequest, pk: int, item_pk: int
) -> HttpResponse:
    """A confirmation page; the deletion needs its box ticked and a POST."""
    project = _contributing_project(request, pk)
    item = get_object_or_404(items.of(project), pk=item_pk)
    return handle_form(
        request,
        DeleteForm(posted(request), label=items.confirm),
        save=lambda: items.delete(item, request.user),
        url=f"{project.get_absolute_url()}#{items.name}s",
        success=items.deleted(item),
        template=f"projects/{items.name}_delete.html",
        context={"project": project, items.name: item},
    )


MILESTONES = _Items[Milestone](
    name="milestone",
    form=lambda data, project, initial: MilestoneForm(
        data, project=project, initial=initial
    ),
    of=lambda project: project.milestones.all(),
    initial=MilestoneForm.initial_for,
    add=lambda project, by, data: services.add_milestone(
        project=project, by=by, **data
    ),
    update=lambda milestone, by, data: services.update_milestone(
        milestone=milestone, by=by, **data
    ),
    delete=lambda milestone, by: services.delete_milestone(milestone=milestone, by=by),
    added=gettext_lazy("The milestone was added."),
    deleted=lambda milestone: (
        _("The milestone “%(title)s” was deleted.") % {"title": milestone.title}
    ),
    confirm=gettext_lazy(
        "Yes, delete the milestone. The project's history keeps a note of it."
    ),
)
OUTCOMES = _Items[Outcome](
    name="outcome",
    form=lambda data, project, initial: OutcomeForm(data, initial=initial),
    of=lambda project: project.outcomes.all(),
    initial=OutcomeForm.initial_for,
    add=lambda project, by, data: services.add_outcome(project=project, by=by, **data),
    update=lambda outcome, by, data: services.update_outcome(
        outcome=outcome, by=by, **data
    ),
    delete=lambda outcome, by: services.delete_outcome(outcome=outcome, by=by),
    added=gettext_lazy("The outcome was added."),
    deleted=lambda outcome: (
        _("The outcome “%(indicator)s” was deleted.")
        % {"indicator": outcome.get_indicator_display()}
    ),
    confirm=gettext_lazy(
        "Yes, delete the outcome. The project's history keeps a note of it."
    ),
)


@login_required
def milestone_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _items_form(MILESTONES, request, pk, None)


@login_required
def milestone_edit(
    request: AuthenticatedHttpRequest, pk: int, item_pk: int
) -> HttpResponse:
    return _items_form(MILESTONES, request, pk, item_pk)


@login_required
def milestone_delete(
    request: AuthenticatedHttpRequest, pk: int, item_pk: int
) -> HttpResponse:
    return _items_delete(MILESTONES, request, pk, item_pk)


@login_required
def outcome_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _items_form(OUTCOMES, request, pk, None)


@login_required
def outcome_edit(
    request: AuthenticatedHttpRequest, pk: int, item_pk: int
) -> HttpResponse:
    return _items_form(OUTCOMES, request, pk, item_pk)


@login_required
def outcome_delete(
    request: AuthenticatedHttpRequest, pk: int, item_pk: int
) -> HttpResponse:
    return _items_delete(OUTCOMES, request, pk, item_pk)
