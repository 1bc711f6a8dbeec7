from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from tandem.directory.selectors import memberships_of, opportunities_of_viewer
from tandem.http import AuthenticatedHttpRequest


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "memberships": memberships_of(viewer=request.user),
        "opportunities": opportunities_of_viewer(viewer=request.user)[:50],
    }
    return render(request, "accounts/dashboard.html", context)


@login_required
def profile_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    raise NotImplementedError  # replaced by the member pages

