"""Two organisers publishing at once: one plan wins, the other is told to re-run.

Runs in real transactions on separate connections (threads), so the lock on
the event row is what decides; CI runs it on PostgreSQL (the in-memory SQLite
test database cannot hold two connections).
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tandem.events import planning, services
from tandem.events.models import Meeting, PlanRun


@pytest.mark.django_db(transaction=True)
def test_two_organisers_publishing_at_once_leave_one_plan(
    event,
    session,
    slots,
    coordinator,
    other_coordinator,
    anna_reg,
    bogdan_reg,
    anna,
    bogdan,
):
    if connection.vendor == "sqlite" and "memory" in connection.settings_dict["NAME"]:
        pytest.skip("an in-memory SQLite database is one connection: needs a server")
    request = services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)
    services.answer_meeting_request(request=request, accept=True, by=bogdan)
    first = planning.execute_run(
        planning.start_run(event=event, by=coordinator, time_limit_seconds=5).pk
    )
    second = PlanRun.objects.create(
        event=event,
        based_on_version=0,
        state=PlanRun.State.FINISHED,
        assignment={str(request.pk): [str(slots[2].pk), 2]},
    )
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def publish(run: PlanRun) -> None:
        barrier.wait()
        try:
            planning.publish_run(run=run, by=coordinator)
            outcomes.append("published")
        except ValidationError as exc:
            outcomes.append(exc.code or "")
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(run,)) for run in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["plan_outdated", "published"]
    event.refresh_from_db()
    assert event.plan_version == 1
    assert Meeting.objects.filter(event=event, state="scheduled").count() == 1
    assert PlanRun.objects.filter(event=event, state="published").count() == 1
