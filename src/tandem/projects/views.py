"""Project pages: the public list and page, and the partners' forms."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest, HtmxHttpRequest
from tandem.directory.selectors import visible_organisations
from tandem.errors import PermissionDenied
from tandem.forms import add_service_error
from tandem.http import act, done, partial_template, render_form
from tandem.projects import permissions, services
from tandem.projects.forms import (
    InviteForm,
    MilestoneDeleteForm,
    MilestoneForm,
    OutcomeDeleteForm,
    OutcomeForm,
    ProjectCreateForm,
    ProjectFilterForm,
    ProjectForm,
    StatusForm,
)
from tandem.projects.models import Milestone, Outcome, Project, ProjectPartner
from tandem.projects.selectors import (
    contact_request_for,
    creatable_for,
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
    form = ProjectCreateForm(
        request.POST if request.method == "POST" else None,
        organisations=organisations,
    )
    if request.method == "POST" and form.is_valid():
        try:
            project = services.create_project(
                by=request.user, contact_request=contact, **form.service_data()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("The project “%(title)s” was created as an idea.")
                % {"title": project.title},
            )
            return done(request, project.get_absolute_url())
    context = {
        "form": form,
        "project": None,
        "contact": contact,
        "has_organisations": organisations.exists(),
    }
    return render_form(request, "projects/project_form.html", context)


@login_required
def project_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    if not permissions.can_manage_project(request.user, project):
        raise PermissionDenied
    form = ProjectForm(
        request.POST if request.method == "POST" else None,
        initial=ProjectForm.initial_for(project),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_project(
                project=project, by=request.user, **form.service_data()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Your changes were saved."))
            return done(request, project.get_absolute_url())
        project.refresh_from_db()
    context = {"form": form, "project": project, "has_organisations": True}
    return render_form(request, "projects/project_form.html", context)


@login_required
def partner_invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    if not permissions.can_manage_project(request.user, project):
        raise PermissionDenied
    partnership = project.partnership
    taken = project.partners.filter(
        state__in=[ProjectPartner.State.INVITED, ProjectPartner.State.ACTIVE],
        organisation__isnull=False,
    ).values("organisation_id")
    organisations = (
        visible_organisations(viewer=request.user)
        .filter(city_id__in=[partnership.city_a_id, partnership.city_b_id])
        .exclude(pk__in=taken)
        .order_by("city__slug", "name", "pk")
    )
    form = InviteForm(
        request.POST if request.method == "POST" else None,
        organisations=organisations,
    )
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.invite_partner(
                project=project, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("%(organisation)s was invited. Its members are notified.")
                % {"organisation": partner.organisation_name},
            )
            return done(request, project.get_absolute_url())
    return render_form(
        request, "projects/partner_invite.html", {"form": form, "project": project}
    )


@login_required
@require_POST
def invitation_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Accept or decline (``answer`` = accept | decline); back to the dashboard."""
    partner = get_object_or_404(
        ProjectPartner.objects.select_related("project", "organisation"), pk=pk
    )
    answer = request.POST.get("answer", "")
    if answer not in {"accept", "decline"}:
        raise Http404
    try:
        services.answer_invitation(
            partner=partner, accept=answer == "accept", by=request.user
        )
    except ValidationError as exc:
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


@login_required
def milestone_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = _contributing_project(request, pk)
    form = MilestoneForm(
        request.POST if request.method == "POST" else None, project=project
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_milestone(
                project=project, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The milestone was added."))
            return done(request, project.get_absolute_url() + "#milestones")
    context = {"form": form, "project": project, "milestone": None}
    return render_form(request, "projects/milestone_form.html", context)


@login_required
def milestone_edit(
    request: AuthenticatedHttpRequest, pk: int, milestone_pk: int
) -> HttpResponse:
    project = _contributing_project(request, pk)
    milestone: Milestone = get_object_or_404(project.milestones.all(), pk=milestone_pk)
    form = MilestoneForm(
        request.POST if request.method == "POST" else None,
        project=project,
        initial=MilestoneForm.initial_for(milestone),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_milestone(
                milestone=milestone, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Your changes were saved."))
            return done(request, project.get_absolute_url() + "#milestones")
    context = {"form": form, "project": project, "milestone": milestone}
    return render_form(request, "projects/milestone_form.html", context)


@login_required
def milestone_delete(
    request: AuthenticatedHttpRequest, pk: int, milestone_pk: int
) -> HttpResponse:
    """A confirmation page; the deletion needs its box ticked and a POST."""
    project = _contributing_project(request, pk)
    milestone: Milestone = get_object_or_404(project.milestones.all(), pk=milestone_pk)
    form = MilestoneDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.delete_milestone(milestone=milestone, by=request.user)
        messages.success(
            request,
            _("The milestone “%(title)s” was deleted.") % {"title": milestone.title},
        )
        return done(request, project.get_absolute_url() + "#milestones")
    context = {"form": form, "project": project, "milestone": milestone}
    return render_form(request, "projects/milestone_delete.html", context)


@login_required
def outcome_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = _contributing_project(request, pk)
    form = OutcomeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_outcome(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The outcome was added."))
            return done(request, project.get_absolute_url() + "#outcomes")
    context = {"form": form, "project": project, "outcome": None}
    return render_form(request, "projects/outcome_form.html", context)


@login_required
def outcome_edit(
    request: AuthenticatedHttpRequest, pk: int, outcome_pk: int
) -> HttpResponse:
    project = _contributing_project(request, pk)
    outcome: Outcome = get_object_or_404(project.outcomes.all(), pk=outcome_pk)
    form = OutcomeForm(
        request.POST if request.method == "POST" else None,
        initial=OutcomeForm.initial_for(outcome),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_outcome(
                outcome=outcome, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Your changes were saved."))
            return done(request, project.get_absolute_url() + "#outcomes")
    context = {"form": form, "project": project, "outcome": outcome}
    return render_form(request, "projects/outcome_form.html", context)


@login_required
def outcome_delete(
    request: AuthenticatedHttpRequest, pk: int, outcome_pk: int
) -> HttpResponse:
    """A confirmation page; the deletion needs its box ticked and a POST."""
    project = _contributing_project(request, pk)
    outcome: Outcome = get_object_or_404(project.outcomes.all(), pk=outcome_pk)
    form = OutcomeDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.delete_outcome(outcome=outcome, by=request.user)
        messages.success(
            request,
            _("The outcome “%(indicator)s” was deleted.")
            % {"indicator": outcome.get_indicator_display()},
        )
        return done(request, project.get_absolute_url() + "#outcomes")
    context = {"form": form, "project": project, "outcome": outcome}
    return render_form(request, "projects/outcome_delete.html", context)
