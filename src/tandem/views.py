from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

from tandem.directory.selectors import directory_figures, public_opportunities
from tandem.partnerships.selectors import area_tree


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "areas": area_tree(),
        "figures": directory_figures(),
        "latest_opportunities": public_opportunities()[:6],
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
