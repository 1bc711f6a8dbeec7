import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tandem.directory import notification_kinds as directory_kinds
from tandem.directory.services import notify_expiring_opportunities, review_organisation
from tandem.notifications.models import Notification
from tests.factories import CoordinatorRoleFactory, OpportunityFactory


def test_review_organisation_notifies_members(
    org, member_de, member_ro, django_capture_on_commit_callbacks
):
    coordinator = CoordinatorRoleFactory(city=org.city).user

    with django_capture_on_commit_callbacks(execute=True):
        review_organisation(
            organisation=org, by=coordinator, decision="rejected", reason="Unclear"
        )

    rows = Notification.objects.order_by("user_id")
    assert [(n.user, n.kind, n.params) for n in rows] == [
        (
            user,
            directory_kinds.ORGANISATION_REVIEWED,
            {"organisation": org.name, "decision": "rejected", "reason": "Unclear"},
        )
        for user in sorted([member_de, member_ro], key=lambda u: u.pk)
    ]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [member_de.email, member_ro.email]
    )


def _expiring(org, days):
    return OpportunityFactory(
        organisation=org,
        title="Soil sensors",
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )


def test_expiring_opportunity_notified_once(org, member_de):
    opportunity = _expiring(org, 20)

    call_command("notify_expiring_opportunities", stdout=io.StringIO())
    call_command("notify_expiring_opportunities", stdout=io.StringIO())

    [notification] = Notification.objects.all()
    assert notification.user == member_de
    assert notification.kind == directory_kinds.OPPORTUNITY_EXPIRING
    assert notification.params == {
        "title": "Soil sensors",
        "expires_on": timezone.localdate(opportunity.expires_at).isoformat(),
    }


def test_expiring_opportunity_renewed_is_notified_again(org, member_de):
    opportunity = _expiring(org, 20)
    notify_expiring_opportunities()
    opportunity.expires_at += datetime.timedelta(days=5)
    opportunity.save(update_fields=["expires_at"])

    assert notify_expiring_opportunities() == 1
    assert Notification.objects.count() == 2


def test_expiring_opportunity_far_or_unpublished_not_notified(org, member_de):
    _expiring(org, 45)
    OpportunityFactory(
        organisation=org,
        status="draft",
        expires_at=timezone.now() + datetime.timedelta(days=10),
    )

    assert notify_expiring_opportunities() == 0


def test_send_digests_command(org, member_de):
    _expiring(org, 10)
    notify_expiring_opportunities()

    call_command("send_digests", stdout=io.StringIO())
    call_command("send_digests", stdout=io.StringIO())

    assert [m.to for m in mail.outbox] == [[member_de.email]]
