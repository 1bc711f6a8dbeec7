"""The notification kinds of the projects app.

Invitations to joint projects.

Registered with ``tandem.notifications.kinds`` when the app is ready; texts
are rendered in the reader's language from the parameters stored with each
notification."""

from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from tandem.notifications.kinds import IMMEDIATE, Kind, Params

PROJECT_INVITATION = "project_invitation"


def _project_invitation(p: Params) -> str:
    return gettext(
        "%(by_organisation)s invited %(organisation)s to the joint project "
        "“%(project)s”."
    ) % {
        "by_organisation": p.get("by_organisation", ""),
        "organisation": p.get("organisation", ""),
        "project": p.get("project", ""),
    }


def _project_link(p: Params) -> str:
    """The project's page; none for a notification without the project's id."""
    pk = p.get("project_id")
    return reverse("projects:project_detail", kwargs={"pk": pk}) if pk else ""


KINDS = [
    Kind(
        key=PROJECT_INVITATION,
        label=gettext_lazy("An invitation to a joint project"),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("Invitation to a joint project"),
        text=_project_invitation,
        link=_project_link,
    ),
]
