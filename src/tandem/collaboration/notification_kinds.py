"""The notification kinds of the collaboration app.

Contact requests, messages and reports of messages.

Registered with ``tandem.notifications.kinds`` when the app is ready; texts
are rendered in the reader's language from the parameters stored with each
notification."""

from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from tandem.notifications.kinds import DIGEST, IMMEDIATE, Kind, Params

CONTACT_REQUEST_RECEIVED = "contact_request_received"
CONTACT_REQUEST_ANSWERED = "contact_request_answered"
MESSAGE_RECEIVED = "message_received"
MESSAGE_REPORTED = "message_reported"


def _contact_request_received(p: Params) -> str:
    if p.get("opportunity"):
        return gettext(
            "%(sender)s sent %(recipient)s a contact request about “%(opportunity)s”."
        ) % {
            "sender": p.get("sender", ""),
            "recipient": p.get("recipient", ""),
            "opportunity": p["opportunity"],
        }
    return gettext("%(sender)s sent %(recipient)s a contact request.") % {
        "sender": p.get("sender", ""),
        "recipient": p.get("recipient", ""),
    }


def _contact_request_answered(p: Params) -> str:
    values = {"sender": p.get("sender", ""), "recipient": p.get("recipient", "")}
    if p.get("accepted"):
        return (
            gettext("%(recipient)s accepted the contact request of %(sender)s.")
            % values
        )
    return gettext("%(recipient)s declined the contact request of %(sender)s.") % values


def _message_received(p: Params) -> str:
    return gettext("%(sender)s wrote to %(recipient)s: “%(excerpt)s”") % {
        "sender": p.get("sender", ""),
        "recipient": p.get("recipient", ""),
        "excerpt": p.get("excerpt", ""),
    }


def _message_reported(p: Params) -> str:
    # Translators: read by the city's coordinators, who review reports;
    # both names are organisations of one conversation.
    return gettext("%(reporter)s reported a message from %(sender)s for review.") % {
        "reporter": p.get("reporter", ""),
        "sender": p.get("sender", ""),
    }


def _link(name: str, pk: object) -> str:
    """The page of the object whose id the params hold; none without it."""
    return reverse(name, kwargs={"pk": pk}) if pk else ""


def _contact_request_link(p: Params) -> str:
    return _link("collaboration:request_detail", p.get("contact_request_id"))


def _conversation_link(p: Params) -> str:
    return _link("collaboration:conversation_detail", p.get("conversation_id"))


def _report_list_link(p: Params) -> str:
    return reverse("collaboration:report_list")


KINDS = [
    Kind(
        key=CONTACT_REQUEST_RECEIVED,
        label=gettext_lazy("A contact request arrives"),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("New contact request"),
        text=_contact_request_received,
        link=_contact_request_link,
    ),
    Kind(
        key=CONTACT_REQUEST_ANSWERED,
        label=gettext_lazy("A contact request is answered"),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("Your contact request was answered"),
        text=_contact_request_answered,
        link=_contact_request_link,
    ),
    Kind(
        key=MESSAGE_RECEIVED,
        label=gettext_lazy("A new message arrives"),
        default_channel=DIGEST,
        subject=gettext_lazy("New message"),
        text=_message_received,
        link=_conversation_link,
    ),
    Kind(
        key=MESSAGE_REPORTED,
        label=gettext_lazy("A message is reported to the coordinators"),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("A message was reported"),
        text=_message_reported,
        link=_report_list_link,
    ),
]
