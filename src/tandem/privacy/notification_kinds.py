"""The notification kinds of people's own data."""

from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from tandem.notifications.kinds import IMMEDIATE, Kind, Params

DATA_EXPORT_READY = "data_export_ready"
ORGANISATION_HANDED_OVER = "organisation_handed_over"


def _data_export_ready(p: Params) -> str:
    return gettext(
        "Your data is ready to download for %(hours)s hours. Only you can download it."
    ) % {"hours": p.get("hours", "")}


def _data_link(p: Params) -> str:
    return reverse("privacy:data")


def _organisation_handed_over(p: Params) -> str:
    # Translators: read by the city's coordinators, who now manage the organisation.
    return gettext(
        "The last administrator of %(organisation)s deleted their account and "
        "handed the organisation over to the city's coordinators: you now manage it."
    ) % {"organisation": p.get("organisation", "")}


def _members_link(p: Params) -> str:
    slug = p.get("slug")
    return (
        reverse("directory:organisation_members", kwargs={"slug": slug}) if slug else ""
    )


KINDS = [
    Kind(
        key=DATA_EXPORT_READY,
        label=gettext_lazy("Your data is ready to download"),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("Your data is ready to download"),
        text=_data_export_ready,
        link=_data_link,
    ),
    Kind(
        key=ORGANISATION_HANDED_OVER,
        label=gettext_lazy("An organisation is handed over to the coordinators"),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("An organisation was handed over to you"),
        text=_organisation_handed_over,
        link=_members_link,
    ),
]
