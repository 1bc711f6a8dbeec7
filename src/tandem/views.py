from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

from tandem.directory.selectors import (
    latest_opportunities,
    opportunity_figures,
    organisation_figures,
)
from tandem.events.selectors import search_events
from tandem.partnerships.selectors import area_tree, main_partnership
from tandem.projects.selectors import project_counts


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


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors' queries here: the database may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
