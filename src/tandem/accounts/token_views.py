"""Pages where members create and revoke personal API tokens."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from tandem.http import AuthenticatedHttpRequest


@login_required
def api_tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    raise Http404


@login_required
def api_token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    raise Http404
