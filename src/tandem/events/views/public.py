"""The public event pages: the list and an event's page."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from tandem.accounts.http import HtmxHttpRequest
from tandem.events import permissions
from tandem.events.forms.public import EventFilterForm
from tandem.events.selectors import event_page, search_events, visible_events
from tandem.partnerships.selectors import main_partnership


def event_list(request: HtmxHttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET)
    events = search_events(viewer=request.user, **form.filters())
    page = Paginator(events, settings.TANDEM_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    template = "events/event_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    partnership = main_partnership()
    can_create = partnership is not None and permissions.can_create_event(
        request.user, partnership=partnership, city=None
    )
    context = {
        "form": form,
        "page": page,
        "can_create": can_create,
        "can_allow": permissions.can_allow_organisers(request.user),
    }
    return render(request, template, context)


def event_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(
        visible_events(viewer=request.user).prefetch_related("areas"), pk=pk
    )
    context = {
        "event": event,
        "page": event_page(event=event, viewer=request.user),
    }
    return render(request, "events/event_detail.html", context)
