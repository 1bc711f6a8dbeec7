"""Reads of joint projects, scoped to what the viewer may see."""

from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from tandem.accounts.models import Viewer
from tandem.accounts.permissions import (
    is_active_user,
    is_staff,
    member_organisation_ids,
)
from tandem.collaboration.models import ContactRequest
from tandem.directory.models import Organisation
from tandem.directory.selectors import visible_organisations
from tandem.partnerships.models import City
from tandem.projects import permissions
from tandem.projects.models import (
    Milestone,
    Outcome,
    Project,
    ProjectChange,
    ProjectPartner,
)
from tandem.projects.services.projects import TRANSITIONS, missing_cities

Status = Project.Status
State = ProjectPartner.State


def _active_partners() -> Prefetch[Any]:
    return Prefetch(
        "partners",
        queryset=ProjectPartner.objects.filter(state=State.ACTIVE)
        .select_related("organisation_city", "organisation")
        .order_by("organisation_city__slug", "organisation_name", "pk"),
        to_attr="active_partners",
    )


def visible_projects(*, viewer: Viewer) -> QuerySet[Project]:
    """Public projects; partners-only ones for members of an invited or active
    partner, for coordinators of those partners' cities, and for staff."""
    if is_staff(viewer):
        return Project.objects.select_related("partnership")
    seen = Q(visibility=Project.Visibility.PUBLIC)
    if is_active_user(viewer):
        partners = ProjectPartner.objects.filter(permissions.reading_partners(viewer))
        seen |= Q(pk__in=partners.values("project_id"))
    return Project.objects.filter(seen).select_related("partnership")


@dataclass(frozen=True)
class ProjectFilters:
    area: str = ""
    status: str = ""
    city: str = ""
    funding_source: str = ""


def search_projects(*, viewer: Viewer, filters: ProjectFilters) -> QuerySet[Project]:
    """Visible projects matching the filters, newest first, with partners and areas."""
    projects = visible_projects(viewer=viewer)
    if filters.status:
        projects = projects.filter(status=filters.status)
    if filters.funding_source:
        projects = projects.filter(funding_source=filters.funding_source)
    if filters.area:
        projects = projects.filter(
            pk__in=Project.objects.filter(
                Q(areas__slug=filters.area) | Q(areas__parent__slug=filters.area)
            ).values("pk")
        )
    if filters.city:
        projects = projects.filter(
            pk__in=ProjectPartner.objects.filter(
                state=State.ACTIVE, organisation_city__slug=filters.city
            ).values("project_id")
        )
    return projects.prefetch_related("areas", _active_partners()).order_by(
        "-created_at", "-pk"
    )


def project_detail(*, viewer: Viewer, pk: int) -> Project:
    """The project with everything its page shows; DoesNotExist if not visible."""
    return (
        visible_projects(viewer=viewer)
        .select_related("partnership__city_a", "partnership__city_b", "created_by")
        .prefetch_related(
            "areas",
            Prefetch(
                "partners",
                queryset=ProjectPartner.objects.select_related(
                    "organisation_city", "organisation"
                ).order_by("organisation_name", "pk"),
            ),
            Prefetch(
                "milestones",
                queryset=Milestone.objects.select_related("owner").order_by(
                    "due_on", "pk"
                ),
            ),
            Prefetch("outcomes", queryset=Outcome.objects.order_by("indicator", "pk")),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class CityGroup:
    city: City
    partners: list[ProjectPartner]


def partners_by_city(project: Project) -> list[CityGroup]:
    """Active, invited and former partners grouped by city, the partnership's
    cities first in their order, each group's lead first."""
    partnership = project.partnership
    order = {partnership.city_a_id: 0, partnership.city_b_id: 1}
    shown = [
        p
        for p in project.partners.all()
        if p.state in {State.ACTIVE, State.INVITED} or p.is_former
    ]
    shown.sort(
        key=lambda p: (
            order.get(p.organisation_city_id, 2),
            p.organisation_city_id,
            p.role != ProjectPartner.Role.LEAD,
            p.organisation_name,
            p.pk,
        )
    )
    return [
        CityGroup(city=group[0].organisation_city, partners=group)
        for _key, rows in groupby(shown, key=lambda p: p.organisation_city_id)
        if (group := list(rows))
    ]


def project_history(*, project: Project, limit: int = 50) -> list[ProjectChange]:
    return list(
        ProjectChange.objects.filter(project=project)
        .select_related("by")
        .order_by("-at", "-pk")[:limit]
    )


@dataclass(frozen=True)
class ProjectActions:
    """What the viewer may see and do on a project's page; mirrors the services."""

    can_manage: bool
    can_contribute: bool
    sees_history: bool
    next_statuses: tuple[tuple[str, str], ...]
    missing_cities: tuple[City, ...]
    my_partners: tuple[ProjectPartner, ...]


def project_actions(*, viewer: Viewer, project: Project) -> ProjectActions:
    manage = permissions.can_manage_project(viewer, project)
    contribute = manage or permissions.can_contribute(viewer, project)
    next_statuses: tuple[tuple[str, str], ...] = ()
    if manage:
        next_statuses = tuple(
            (status.value, str(status.label))
            for status in Status
            if status in TRANSITIONS[project.status]
        )
    mine: tuple[ProjectPartner, ...] = ()
    if is_active_user(viewer):
        acting = set(member_organisation_ids(viewer, acting=True))
        mine = tuple(p for p in project.partners.all() if p.organisation_id in acting)
    return ProjectActions(
        can_manage=manage,
        can_contribute=contribute,
        sees_history=permissions.can_see_history(viewer, project),
        next_statuses=next_statuses,
        missing_cities=tuple(missing_cities(project))
        if manage and project.status == Status.IDEA
        else (),
        my_partners=mine,
    )


def projects_of_viewer(*, viewer: Viewer) -> QuerySet[Project]:
    """Projects in which an organisation of the viewer is an active partner."""
    ids = ProjectPartner.objects.filter(
        state=State.ACTIVE, organisation_id__in=member_organisation_ids(viewer)
    ).values("project_id")
    return (
        Project.objects.filter(pk__in=ids)
        .prefetch_related(_active_partners())
        .order_by("-updated_at", "-pk")
    )


def invitations_for(*, viewer: Viewer) -> QuerySet[ProjectPartner]:
    """Invitations waiting for an organisation the viewer may answer for."""
    return (
        ProjectPartner.objects.filter(
            state=State.INVITED,
            organisation_id__in=member_organisation_ids(viewer, acting=True),
        )
        .select_related("project", "organisation")
        .order_by("-invited_at", "-pk")
    )


def answerable_invitations(*, viewer: Viewer) -> QuerySet[ProjectPartner]:
    """Invitations, in any state, of the organisations the viewer may answer
    for (staff: all): the others are not found, so an invitation's id tells
    nothing to someone it is not meant for."""
    partners = ProjectPartner.objects.select_related("project", "organisation")
    if is_staff(viewer):
        return partners
    return partners.filter(
        organisation_id__in=member_organisation_ids(viewer, acting=True)
    )


def project_counts() -> dict[str, int]:
    """Public projects running and completed, for the home page."""
    counts = dict(
        Project.objects.filter(
            visibility=Project.Visibility.PUBLIC,
            status__in=[Status.RUNNING, Status.COMPLETED],
        )
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return {
        "running": counts.get(Status.RUNNING, 0),
        "completed": counts.get(Status.COMPLETED, 0),
    }


def creatable_for(*, viewer: Viewer) -> QuerySet[Organisation]:
    """Organisations the viewer may start a project for (``can_create_project``)."""
    organisations = Organisation.objects.select_related("city").order_by("name", "pk")
    if is_staff(viewer):
        return organisations
    return organisations.filter(pk__in=member_organisation_ids(viewer, acting=True))


def contact_request_for(*, viewer: Viewer, pk: int) -> ContactRequest | None:
    """An accepted contact request of an organisation the viewer acts for, or None."""
    acting = member_organisation_ids(viewer, acting=True)
    return (
        ContactRequest.objects.filter(
            Q(sender_id__in=acting) | Q(recipient_id__in=acting),
            pk=pk,
            state=ContactRequest.State.ACCEPTED,
        )
        .select_related("sender__city", "recipient__city")
        .first()
    )


def projects_of_organisation(
    *, viewer: Viewer, organisation: Organisation, limit: int = 10
) -> list[Project]:
    """The projects the viewer may see in which the organisation is an active
    partner, latest first."""
    ids = ProjectPartner.objects.filter(
        state=State.ACTIVE, organisation=organisation
    ).values("project_id")
    return list(
        visible_projects(viewer=viewer)
        .filter(pk__in=ids)
        .prefetch_related(_active_partners(), "areas")
        .order_by("-updated_at", "-pk")[:limit]
    )


def invitable_organisations(
    *, viewer: Viewer, project: Project
) -> QuerySet[Organisation]:
    """Organisations of the partnership's cities the viewer sees that are
    neither invited to nor in the project."""
    partnership = project.partnership
    taken = project.partners.filter(
        state__in=[State.INVITED, State.ACTIVE], organisation__isnull=False
    ).values("organisation_id")
    return (
        visible_organisations(viewer=viewer)
        .filter(city_id__in=[partnership.city_a_id, partnership.city_b_id])
        .exclude(pk__in=taken)
        .order_by("city__slug", "name", "pk")
    )
