"""What another person relies on outlives a user row deleted outright (by
staff in the admin): every relation to the user model is CASCADE for the
person's own rows and SET_NULL for shared ones (docs/personal-data.md)."""

import pytest

from tandem.accounts.services import create_api_token
from tandem.events.models import Meeting, Registration
from tests.factories import MeetingFactory, MembershipFactory, MessageFactory

pytestmark = pytest.mark.django_db


def test_a_deleted_user_row_leaves_the_other_participants_meetings():
    meeting = MeetingFactory()
    requester = meeting.request.requester

    requester.user.delete()

    assert Meeting.objects.filter(pk=meeting.pk).exists()
    registration = Registration.objects.get(pk=requester.pk)
    assert registration.user is None
    assert registration.public_name.startswith("A participant of")


def test_the_api_names_a_message_of_a_deleted_row_a_former_member(client):
    message = MessageFactory(body="Bis morgen.")
    reader = MembershipFactory(organisation=message.conversation.organisation_b).user
    _token, key = create_api_token(by=reader, name="Sync")
    message.author.delete()

    response = client.get(
        f"/api/v1/conversations/{message.conversation.pk}/messages",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )

    assert response.status_code == 200
    assert [m["author"] for m in response.json()["items"]] == ["a former member"]
