"""Nobody is shown by e-mail address: a person without a name appears as a
member of their organisation, on pages, in the API and in coordinators' reports."""

import pytest
from django.urls import reverse

from tandem.accounts.models import User
from tandem.accounts.services import create_api_token
from tandem.collaboration import services
from tandem.collaboration.models import ContactCard

pytestmark = pytest.mark.django_db


def nameless(user: User) -> User:
    User.objects.filter(pk=user.pk).update(first_name="", last_name="")
    user.refresh_from_db()
    return user


def test_a_nameless_senders_request_page_does_not_show_their_email(
    client, world, notified
):
    author = nameless(world.sender_owner)
    contact = services.request_contact(
        sender=world.sender, recipient=world.recipient, message="Hallo", by=author
    )
    client.force_login(world.recipient_owner)

    page = client.get(
        reverse("collaboration:request_detail", kwargs={"pk": contact.pk})
    )

    assert page.status_code == 200
    html = page.content.decode()
    assert author.email not in html
    assert "a member of Sensorik Dortmund" in html


def test_a_nameless_authors_message_does_not_show_their_email(
    client, world, conversation, notified
):
    author = nameless(world.sender_editor)
    services.post_message(conversation=conversation, by=author, body="Hallo")
    client.force_login(world.recipient_owner)

    page = client.get(
        reverse("collaboration:conversation_detail", kwargs={"pk": conversation.pk})
    )

    assert page.status_code == 200
    assert author.email not in page.content.decode()
    assert "a member of Sensorik Dortmund" in page.content.decode()


def test_the_api_names_a_nameless_author_by_organisation(
    client, world, conversation, notified
):
    author = nameless(world.sender_editor)
    services.post_message(conversation=conversation, by=author, body="Hallo")
    _token, key = create_api_token(by=world.recipient_owner, name="Test")

    response = client.get(
        f"/api/v1/conversations/{conversation.pk}/messages",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )

    assert response.status_code == 200
    assert author.email not in response.content.decode()
    assert response.json()["items"][0]["author"] == "a member of Sensorik Dortmund"


def test_a_coordinators_report_page_does_not_show_the_authors_email(
    client, world, conversation, notified
):
    author = nameless(world.sender_editor)
    message = services.post_message(conversation=conversation, by=author, body="Spam")
    services.report_message(message=message, by=world.recipient_owner, reason="Spam")
    client.force_login(world.cluj_coordinator)

    page = client.get(reverse("collaboration:report_list"))

    assert page.status_code == 200
    assert author.email not in page.content.decode()
    assert "a member of Sensorik Dortmund" in page.content.decode()


def test_revealed_contacts_hide_an_email_that_was_not_shared(
    client, world, conversation
):
    person = nameless(world.sender_editor)
    ContactCard.objects.create(user=person, phone="+49 231 0", share_phone=True)
    client.force_login(world.recipient_owner)

    page = client.get(
        reverse("collaboration:conversation_detail", kwargs={"pk": conversation.pk})
    )

    assert page.status_code == 200
    assert person.email not in page.content.decode()
    assert "+49 231 0" in page.content.decode()
