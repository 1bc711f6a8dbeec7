"""Member and coordinator pages: create and edit, members, opportunities, reviews."""

from django.http import Http404, HttpRequest, HttpResponse


def _todo(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


organisation_create = organisation_edit = organisation_join = _todo
organisation_members = membership_update = opportunity_create = _todo
opportunity_edit = opportunity_action = review_queue = _todo
organisation_review = opportunity_review = _todo
