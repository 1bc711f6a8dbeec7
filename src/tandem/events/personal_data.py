"""The events app's part of "Download my data": registrations with their
availability, meeting requests sent and received (with ratings given), and
the personal calendar feed."""

from typing import Any

from django.db.models import Q

from tandem.accounts.models import User
from tandem.events.models import CalendarFeedKey, Meeting, MeetingRequest, Registration


def export(user: User) -> dict[str, Any]:
    registrations = (
        Registration.objects.filter(user=user)
        .select_related("event", "organisation")
        .prefetch_related("availabilities__slot")
        .order_by("pk")
    )
    requests = (
        MeetingRequest.objects.filter(Q(requester__user=user) | Q(invitee__user=user))
        .select_related("event", "requester__organisation", "invitee__organisation")
        .order_by("pk")
    )
    meetings = (
        Meeting.objects.filter(
            Q(request__requester__user=user) | Q(request__invitee__user=user)
        )
        .select_related("request__requester", "slot")
        .order_by("pk")
    )
    feed = CalendarFeedKey.objects.filter(user=user).first()
    return {
        "registrations": [
            {
                "event": r.event.title,
                "organisation": r.organisation.name,
                "offer": r.offer,
                "seek": r.seek,
                "languages": r.languages,
                "attendance": r.attendance,
                "state": r.state,
                "created_at": r.created_at,
                "decided_at": r.decided_at,
                "availability": [
                    {"starts_at": a.slot.starts_at, "ends_at": a.slot.ends_at}
                    for a in r.availabilities.all()
                ],
            }
            for r in registrations
        ],
        "meeting_requests": [
            {
                "event": m.event.title,
                "sent_by_me": m.requester.user_id == user.pk,
                "from": m.requester.organisation.name,
                "to": m.invitee.organisation.name,
                "priority": m.priority,
                "state": m.state,
                "message": m.message if m.requester.user_id == user.pk else "",
                "created_at": m.created_at,
                "answered_at": m.answered_at,
            }
            for m in requests
        ],
        "meetings": [
            {
                "starts_at": m.slot.starts_at,
                "state": m.state,
                "my_rating": m.requester_rating
                if m.request.requester.user_id == user.pk
                else m.invitee_rating,
            }
            for m in meetings
        ],
        "calendar_feed": None
        if feed is None
        else {"generation": feed.generation, "renewed_at": feed.renewed_at},
    }
