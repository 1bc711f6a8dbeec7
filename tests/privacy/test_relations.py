"""What another person relies on outlives a user row deleted outright (by
staff in the admin): every relation to the user model is CASCADE for the
person's own rows and SET_NULL for shared ones (docs/personal-data.md)."""

import pytest

from tandem.events.models import Meeting, Registration
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_deleted_user_row_leaves_the_other_participants_meetings():
    meeting = MeetingFactory()
    requester = meeting.request.requester

    requester.user.delete()

    assert Meeting.objects.filter(pk=meeting.pk).exists()
    registration = Registration.objects.get(pk=requester.pk)
    assert registration.user is None
    assert registration.public_name.startswith("A participant of")
