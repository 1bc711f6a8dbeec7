"""The scheduler inside Tandem: runs, publishing, re-planning, explanations."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tandem.events import planning, services
from tandem.events.models import Meeting, MeetingRequest, PlanRun, Registration
from tandem.notifications.models import Notification
from tests.events.conftest import make_event, participant
from tests.helpers import error_codes


@pytest.fixture
def carla(dortmund_org):
    return participant(dortmund_org)


@pytest.fixture
def carla_reg(event, carla, dortmund_org):
    return services.register(event=event, by=carla, organisation=dortmund_org)


def accepted(requester, invitee, by_requester, by_invitee, priority="like"):
    request = services.request_meeting(
        requester=requester, invitee=invitee, by=by_requester, priority=priority
    )
    return services.answer_meeting_request(request=request, accept=True, by=by_invitee)


@pytest.fixture
def organiser_scheduled(event, coordinator):
    return services.update_event(
        event=event, by=coordinator, booking_mode="organiser_scheduled"
    )


def solved(event, by):
    """A finished run (the task runs inline in tests)."""
    return planning.execute_run(
        planning.start_run(event=event, by=by, time_limit_seconds=5).pk
    )


def run_and_publish(event, by):
    return planning.publish_run(run=solved(event, by), by=by)


def test_problem_reads_participants_slots_and_weights(
    event, session, slots, anna_reg, bogdan_reg, carla_reg, anna, bogdan, carla
):
    cross = accepted(anna_reg, bogdan_reg, anna, bogdan, priority="must")
    same = accepted(anna_reg, carla_reg, anna, carla)
    services.set_availability(registration=carla_reg, slots=slots[:1], by=carla)

    built = planning.build_problem(event)

    assert {p.id for p in built.problem.participants} == {
        str(anna_reg.pk),
        str(bogdan_reg.pk),
        str(carla_reg.pk),
    }
    weights = {r.id: r.weight for r in built.problem.requests}
    # must 10 + 2 across the cities; like 5 within Dortmund
    assert weights == {str(cross.pk): 12, str(same.pk): 5}
    # Carla ticked one slot; the others ticked none and are free in all.
    assert built.problem.availability == {str(carla_reg.pk): {str(slots[0].pk)}}
    assert set(built.problem.tables_per_slot.values()) == {2}


def test_run_publish_puts_meetings_on_agendas_with_tables(
    event,
    session,
    slots,
    organiser_scheduled,
    anna_reg,
    bogdan_reg,
    anna,
    bogdan,
    coordinator,
):
    request = accepted(anna_reg, bogdan_reg, anna, bogdan)

    published = run_and_publish(event, coordinator)

    meeting = Meeting.objects.get(request=request)
    assert meeting.state == Meeting.State.SCHEDULED
    assert meeting.table in {1, 2}
    assert meeting.plan_version == 1
    assert published.run.state == PlanRun.State.PUBLISHED
    assert published.run.share_of_bound == 1.0
    assert published.run.idle_gaps == 0
    event.refresh_from_db()
    assert event.plan_version == 1
    # Both participants are told.
    assert {n.user for n in Notification.objects.filter(url__contains="agenda")} >= {
        anna,
        bogdan,
    }


def test_second_publication_of_a_stale_run_is_refused(
    event,
    session,
    slots,
    organiser_scheduled,
    anna_reg,
    bogdan_reg,
    anna,
    bogdan,
    coordinator,
    other_coordinator,
):
    accepted(anna_reg, bogdan_reg, anna, bogdan)
    first = solved(event, coordinator)
    second = PlanRun.objects.create(
        event=event,
        based_on_version=0,
        state=PlanRun.State.FINISHED,
        assignment=first.assignment,
    )
    planning.publish_run(run=first, by=coordinator)

    with pytest.raises(ValidationError) as exc_info:
        planning.publish_run(run=second, by=coordinator)

    assert error_codes(exc_info) == ["plan_outdated"]
    assert Meeting.objects.filter(event=event, state="scheduled").count() == 1


def test_publishing_refuses_a_plan_the_requests_no_longer_fit(
    event,
    session,
    slots,
    organiser_scheduled,
    anna_reg,
    bogdan_reg,
    anna,
    bogdan,
    coordinator,
):
    accepted(anna_reg, bogdan_reg, anna, bogdan)
    run = solved(event, coordinator)
    services.cancel_registration(registration=bogdan_reg, by=bogdan)

    with pytest.raises(ValidationError) as exc_info:
        planning.publish_run(run=run, by=coordinator)

    assert error_codes(exc_info) == ["plan_outdated"]
    assert not Meeting.objects.filter(event=event).exists()


def test_meeting_booked_by_hand_is_kept(
    event,
    session,
    slots,
    anna_reg,
    bogdan_reg,
    carla_reg,
    anna,
    bogdan,
    carla,
    coordinator,
):
    booked = accepted(anna_reg, bogdan_reg, anna, bogdan)
    meeting = services.book_meeting(request=booked, slot=slots[1], by=anna, table=2)
    accepted(carla_reg, bogdan_reg, carla, bogdan)

    published = run_and_publish(event, coordinator)

    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table, meeting.plan_version) == (slots[1], 2, 0)
    assert len(published.added) == 1
    assert published.added[0].slot != slots[1]  # Bogdan meets Carla at another time


def test_replanning_after_a_cancellation_moves_nobody_else(
    event,
    session,
    slots,
    organiser_scheduled,
    anna_reg,
    bogdan_reg,
    carla_reg,
    anna,
    bogdan,
    carla,
    coordinator,
):
    first = accepted(anna_reg, bogdan_reg, anna, bogdan)
    accepted(carla_reg, bogdan_reg, carla, bogdan)
    accepted(anna_reg, carla_reg, anna, carla)
    run_and_publish(event, coordinator)
    before = Meeting.objects.get(request=first)
    services.cancel_registration(registration=carla_reg, by=carla)

    published = run_and_publish(event, coordinator)

    after = Meeting.objects.get(request=first)
    assert (after.slot_id, after.table, after.state) == (
        before.slot_id,
        before.table,
        "scheduled",
    )
    assert published.moved == [] and published.added == []
    assert published.run.moved == 0


def test_start_run_needs_an_organiser_and_a_published_event(
    partnership, dortmund_city, event, anna_reg, anna, coordinator
):
    draft = make_event(by=coordinator, partnership=partnership, city=dortmund_city)
    with pytest.raises(PermissionDenied):
        planning.start_run(event=event, by=anna)
    with pytest.raises(ValidationError) as exc_info:
        planning.start_run(event=draft, by=coordinator)
    assert error_codes(exc_info) == ["event_not_open"]
    planning.start_run(event=event, by=coordinator)
    with pytest.raises(ValidationError) as exc_info:
        planning.start_run(event=event, by=coordinator)
    assert error_codes(exc_info) == ["run_in_progress"]


def test_nothing_to_schedule_is_explained(event, coordinator):
    run = solved(event, coordinator)

    sentences = planning.explain(run)

    assert run.assignment == {}
    assert any("session" in s for s in sentences)
    assert any("accepted meeting requests" in s for s in sentences)


def test_unavailable_pair_is_named(
    event, session, slots, anna_reg, bogdan_reg, anna, bogdan, coordinator
):
    accepted(anna_reg, bogdan_reg, anna, bogdan)
    services.set_availability(registration=anna_reg, slots=slots[:1], by=anna)
    services.set_availability(registration=bogdan_reg, slots=slots[1:], by=bogdan)

    run = solved(event, coordinator)

    assert run.assignment == {}
    [sentence] = planning.explain(run)
    assert str(anna) in sentence and str(bogdan) in sentence


# --- Pages -----------------------------------------------------------------------


def test_plan_pages_run_and_publish(
    client,
    event,
    session,
    slots,
    organiser_scheduled,
    anna_reg,
    bogdan_reg,
    anna,
    bogdan,
    coordinator,
    django_capture_on_commit_callbacks,
):
    request = accepted(anna_reg, bogdan_reg, anna, bogdan)
    client.force_login(coordinator)

    page = client.get(reverse("events:plan", args=[event.pk]))
    assert page.status_code == 200
    assert "Run the scheduler" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:plan_run", args=[event.pk]), {"time_limit_seconds": 5}
        )
    run = PlanRun.objects.get(event=event)
    assert response.url == reverse("events:plan_detail", args=[event.pk, run.pk])
    detail = client.get(response.url).content.decode()
    assert "100.0 %" in detail
    assert str(anna) in detail

    response = client.post(reverse("events:plan_publish", args=[event.pk, run.pk]))
    assert Meeting.objects.get(request=request).state == "scheduled"
    page = client.get(response.url).content.decode()
    assert "The plan is published: 1 new" in page


def test_plan_run_form_rejects_a_bad_time_limit(client, event, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("events:plan_run", args=[event.pk]), {"time_limit_seconds": "0"}
    )
    assert response.status_code == 422
    assert not PlanRun.objects.exists()


def test_participants_cannot_open_the_plan(client, event, anna_reg, anna):
    client.force_login(anna)
    assert client.get(reverse("events:plan", args=[event.pk])).status_code == 403


def test_requests_of_cancelled_registrations_are_not_scheduled(
    event, anna_reg, bogdan_reg, anna, bogdan
):
    accepted(anna_reg, bogdan_reg, anna, bogdan)
    services.cancel_registration(registration=bogdan_reg, by=bogdan)
    assert planning.build_problem(event).problem.requests == []
    assert MeetingRequest.objects.get().state == "cancelled"
    assert Registration.objects.get(pk=bogdan_reg.pk).state == "cancelled"


def test_a_run_whose_worker_is_gone_does_not_block_the_next(event, coordinator):
    stuck = planning.start_run(event=event, by=coordinator, time_limit_seconds=20)
    PlanRun.objects.filter(pk=stuck.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=11)
    )

    planning.start_run(event=event, by=coordinator)

    stuck.refresh_from_db()
    assert stuck.state == PlanRun.State.FAILED


def test_meetings_both_asked_for_weigh_more(event, anna_reg, carla_reg, anna, carla):
    services.request_meeting(requester=anna_reg, invitee=carla_reg, by=anna)
    both = services.request_meeting(requester=carla_reg, invitee=anna_reg, by=carla)

    [request] = planning.build_problem(event).problem.requests

    # like 5 + 3 when both asked; both in Dortmund, so no cross-city bonus
    assert (request.id, request.weight) == (str(both.pk), 8)


def test_the_events_maximum_of_meetings_bounds_the_plan(
    event,
    session,
    slots,
    coordinator,
    anna_reg,
    bogdan_reg,
    carla_reg,
    anna,
    bogdan,
    carla,
):
    services.update_event(event=event, by=coordinator, max_meetings=1)
    accepted(anna_reg, bogdan_reg, anna, bogdan)
    accepted(anna_reg, carla_reg, anna, carla)

    published = run_and_publish(event, coordinator)

    assert planning.build_problem(event).problem.max_meetings == 1
    assert len(published.added) == 1


def test_plan_page_shows_a_few_slots_at_a_time(
    client, event, coordinator, cluj_org, anna_reg, anna
):
    session = services.add_session(
        event=event,
        by=coordinator,
        title="Long morning",
        date=event.starts_on,
        start_time=datetime.time(8, 0),
        slot_minutes=10,
        break_minutes=0,
        slot_count=6,
        tables=1,
    )
    assignment = {}
    for slot in session.slots.order_by("starts_at"):
        other = participant(cluj_org)
        registration = services.register(event=event, by=other, organisation=cluj_org)
        request = accepted(anna_reg, registration, anna, other)
        assignment[str(request.pk)] = [str(slot.pk), 1]
    run = PlanRun.objects.create(
        event=event,
        based_on_version=0,
        state=PlanRun.State.FINISHED,
        assignment=assignment,
        finished_at=timezone.now(),
    )
    client.force_login(coordinator)
    url = reverse("events:plan_detail", args=[event.pk, run.pk])

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()

    assert first.count('<table class="plan-table">') == 4
    assert second.count('<table class="plan-table">') == 2
    assert "Publishing adds 6 meetings" in first


def finished_run(event, places):
    """A finished run placing each request at (slot, table), on today's plan."""
    event.refresh_from_db()
    return PlanRun.objects.create(
        event=event,
        based_on_version=event.plan_version,
        state=PlanRun.State.FINISHED,
        assignment={
            str(request.pk): [str(slot.pk), table]
            for request, (slot, table) in places.items()
        },
    )


def test_publishing_tells_each_participant_what_changed(
    event,
    session,
    slots,
    organiser_scheduled,
    anna_reg,
    bogdan_reg,
    carla_reg,
    anna,
    bogdan,
    carla,
    coordinator,
):
    anna_bogdan = accepted(anna_reg, bogdan_reg, anna, bogdan)
    carla_bogdan = accepted(carla_reg, bogdan_reg, carla, bogdan)
    anna_carla = accepted(anna_reg, carla_reg, anna, carla)
    first_plan = {anna_bogdan: (slots[0], 1), carla_bogdan: (slots[1], 1)}
    planning.publish_run(run=finished_run(event, first_plan), by=coordinator)
    Notification.objects.all().delete()
    second_plan = {anna_bogdan: (slots[2], 1), anna_carla: (slots[0], 2)}

    planning.publish_run(run=finished_run(event, second_plan), by=coordinator)

    told = {
        (
            n.kind,
            n.user_id,
            n.params["person"],
            n.params["starts_at"],
            n.params.get("old_starts_at"),
        )
        for n in Notification.objects.all()
    }
    name = {user.pk: user.get_full_name() for user in (anna, bogdan, carla)}
    first, second, third = (slot.starts_at.isoformat() for slot in slots)
    assert told == {
        ("meeting_moved", anna.pk, name[bogdan.pk], third, first),
        ("meeting_moved", bogdan.pk, name[anna.pk], third, first),
        ("meeting_cancelled", carla.pk, name[bogdan.pk], second, None),
        ("meeting_cancelled", bogdan.pk, name[carla.pk], second, None),
        ("meeting_scheduled", anna.pk, name[carla.pk], first, None),
        ("meeting_scheduled", carla.pk, name[anna.pk], first, None),
    }


@pytest.mark.parametrize("pairs", [1, 6])
def test_publishing_queries_do_not_grow_with_meetings(
    event,
    session,
    slots,
    organiser_scheduled,
    dortmund_org,
    cluj_org,
    coordinator,
    pairs,
    django_assert_max_num_queries,
):
    places = {}
    for index in range(pairs):
        people = [participant(dortmund_org), participant(cluj_org)]
        registrations = [
            services.register(event=event, by=person, organisation=organisation)
            for person, organisation in zip(
                people, (dortmund_org, cluj_org), strict=True
            )
        ]
        request = accepted(*registrations, *people)
        places[request] = (slots[index % 3], index // 3 + 1)
    run = finished_run(event, places)
    Notification.objects.all().delete()

    # Permission 3, locks 2, build_problem 5, meetings 1, event and run 2,
    # notifications 2, savepoints 4, the audit entry and its city 2: none per
    # meeting or participant.
    with django_assert_max_num_queries(21):
        published = planning.publish_run(run=run, by=coordinator)

    assert len(published.added) == pairs
    assert Notification.objects.count() == 2 * pairs
