"""The organisers' scheduler pages: run, read the plan against its bound, publish."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.events import planning
from tandem.events.models import Event, PlanRun
from tandem.events.views.lookups import managed_event
from tandem.http import act, partial_template

PLAN_SLOTS_PER_PAGE = 4


class RunForm(forms.Form):
    time_limit_seconds = forms.IntegerField(
        label=gettext_lazy("Time limit in seconds"),
        min_value=1,
        max_value=600,
        help_text=gettext_lazy(
            "The scheduler keeps improving the plan until then; the page shows "
            "how close it came to the best possible plan."
        ),
    )


def _run(event: Event, run_pk: int) -> PlanRun:
    return get_object_or_404(event.plan_runs, pk=run_pk)


def _plan_page(
    request: AuthenticatedHttpRequest, event: Event, form: RunForm
) -> HttpResponse:
    context = {
        "event": event,
        "form": form,
        "summary": planning.input_summary(event),
        "runs": list(event.plan_runs.select_related("requested_by")[:10]),
    }
    status = 422 if form.errors else 200
    return render(request, "events/plan.html", context, status=status)


@login_required
def plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    form = RunForm(initial={"time_limit_seconds": settings.TANDEM_SCHEDULER_SECONDS})
    return _plan_page(request, event, form)


@login_required
@require_POST
def plan_run(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Start a run and follow it on its page; a refusal (a run in progress, an
    event not published) is a message on the plan page."""
    event = managed_event(request, pk)
    form = RunForm(request.POST)
    if not form.is_valid():
        return _plan_page(request, event, form)
    try:
        run = planning.start_run(
            event=event,
            by=request.user,
            time_limit_seconds=form.cleaned_data["time_limit_seconds"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("events:plan", pk=event.pk)
    return redirect("events:plan_detail", pk=event.pk, run_pk=run.pk)


@login_required
def plan_detail(
    request: AuthenticatedHttpRequest, pk: int, run_pk: int
) -> HttpResponse:
    event = managed_event(request, pk)
    run = _run(event, run_pk)
    finished = run.state in {PlanRun.State.FINISHED, PlanRun.State.PUBLISHED}
    preview = planning.plan_preview(run) if finished else None
    # A plan for a thousand people fills pages: a few slots at a time.
    page = Paginator(preview.slots if preview else [], PLAN_SLOTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "event": event,
        "run": run,
        "waiting": run.state in {PlanRun.State.QUEUED, PlanRun.State.RUNNING},
        "can_publish": run.state == PlanRun.State.FINISHED
        and run.based_on_version == event.plan_version,
        "outdated": run.state == PlanRun.State.FINISHED
        and run.based_on_version != event.plan_version,
        "explanations": planning.explain(run) if finished else [],
        "preview": preview,
        "page": page,
        "rows": planning.planned_slots(
            run, list(page.object_list), changes=preview.changes
        )
        if preview
        else [],
    }
    template = partial_template(request, "events/plan_detail.html", "run")
    return render(request, template, context)


def _published(published: planning.Published) -> str:
    return _(
        "The plan is published: %(added)s new, %(moved)s moved and "
        "%(cancelled)s cancelled meetings. The participants concerned are "
        "notified."
    ) % {
        "added": len(published.added),
        "moved": len(published.moved),
        "cancelled": len(published.cancelled),
    }


@login_required
@require_POST
def plan_publish(
    request: AuthenticatedHttpRequest, pk: int, run_pk: int
) -> HttpResponse:
    event = managed_event(request, pk)
    run = _run(event, run_pk)
    return act(
        request,
        reverse("events:plan_detail", args=[event.pk, run.pk]),
        lambda: planning.publish_run(run=run, by=request.user),
        _published,
    )
