from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.csrf import requires_csrf_token

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.accounts.models import Membership
from tandem.directory.permissions import editable_organisation_ids
from tandem.directory.selectors import (
    coordinates_any_city,
    dashboard_opportunities,
    join_requests_for,
    latest_opportunities,
    memberships_of,
    opportunity_figures,
    organisation_figures,
    review_queue_count,
)
from tandem.events.selectors import search_events
from tandem.partnerships.selectors import area_tree, main_partnership
from tandem.projects.selectors import project_counts

DASHBOARD_LIMIT = 50


def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, where browsers and the admin look for it."""
    # Not permanent: the file's hashed name changes with it in production.
    return redirect(static("tandem/favicon.ico"))


def home(request: HttpRequest) -> HttpResponse:
    partnership = main_partnership()
    context: dict[str, Any] = {"partnership": partnership}
    if partnership is not None:
        cities = [partnership.city_a, partnership.city_b]
        # The agreement's areas; without any recorded, the whole taxonomy it starts.
        focus_areas = list(area_tree().filter(partnerships=partnership)) or list(
            area_tree()
        )
        context |= {
            "cities": cities,
            "focus_areas": focus_areas,
            "organisation_figures": organisation_figures(cities=cities),
            "opportunity_figures": opportunity_figures(cities=cities),
            "latest_opportunities": latest_opportunities(),
            "project_counts": project_counts(),
            "upcoming_events": list(
                search_events(viewer=request.user, when="upcoming")[:3]
            ),
        }
    return render(request, "home.html", context)


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's organisations, requests and opportunities, with next steps."""
    user = request.user
    memberships = list(memberships_of(viewer=user))
    active = [m for m in memberships if m.state == Membership.State.ACTIVE]
    is_coordinator = coordinates_any_city(viewer=user)
    context: dict[str, object] = {
        "memberships": active,
        "edited_organisation_ids": editable_organisation_ids(
            user, [m.organisation_id for m in active]
        ),
        "my_requests": [m for m in memberships if m.state == Membership.State.PENDING],
        "join_requests": list(join_requests_for(viewer=user)[:DASHBOARD_LIMIT]),
        "opportunities": dashboard_opportunities(viewer=user, limit=DASHBOARD_LIMIT),
        "is_coordinator": is_coordinator,
        "review_count": review_queue_count(viewer=user) if is_coordinator else 0,
    }
    return render(request, "dashboard.html", context)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors' queries here: the database may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
