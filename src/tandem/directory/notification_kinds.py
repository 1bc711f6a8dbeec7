"""The notification kinds of the directory app.

Opportunities that expire soon and decisions on organisations.

Registered with ``tandem.notifications.kinds`` when the app is ready; texts
are rendered in the reader's language from the parameters stored with each
notification."""

from django.utils.translation import gettext, gettext_lazy

from tandem.notifications.kinds import DIGEST, IMMEDIATE, Kind, Params, format_date

OPPORTUNITY_EXPIRING = "opportunity_expiring"
ORGANISATION_REVIEWED = "organisation_reviewed"
ORGANISATION_CHANGES_PROPOSED = "organisation_changes_proposed"
ORGANISATION_CHANGES_REVIEWED = "organisation_changes_reviewed"


def _opportunity_expiring(p: Params) -> str:
    return gettext("The opportunity “%(title)s” expires on %(expires_on)s.") % {
        "title": p.get("title", ""),
        "expires_on": format_date(p.get("expires_on", "")),
    }


def _organisation_reviewed(p: Params) -> str:
    values = {"organisation": p.get("organisation", "")}
    decision = p.get("decision")
    if decision == "verified":
        return gettext("%(organisation)s has been verified.") % values
    if decision == "rejected":
        return gettext("%(organisation)s was not verified.") % values
    return gettext("Changes were requested for %(organisation)s.") % values


def _organisation_changes_proposed(p: Params) -> str:
    # Translators: read by the city's coordinators.
    return gettext(
        "%(organisation)s, a verified organisation, wants to change its name, "
        "kind or website. The change waits for your review."
    ) % {"organisation": p.get("organisation", "")}


def _organisation_changes_reviewed(p: Params) -> str:
    values = {"organisation": p.get("organisation", ""), "reason": p.get("reason", "")}
    if p.get("decision") == "approved":
        return (
            gettext(
                "The coordinators approved the new name, kind or website of "
                "%(organisation)s; it is shown now."
            )
            % values
        )
    return (
        gettext(
            "The coordinators did not approve the new name, kind or website of "
            "%(organisation)s: %(reason)s"
        )
        % values
    )


KINDS = [
    Kind(
        key=OPPORTUNITY_EXPIRING,
        label=gettext_lazy("An opportunity expires in 30 days"),
        default_channel=DIGEST,
        subject=gettext_lazy("An opportunity expires soon"),
        text=_opportunity_expiring,
    ),
    Kind(
        key=ORGANISATION_REVIEWED,
        label=gettext_lazy("An organisation is verified or rejected"),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("Your organisation was reviewed"),
        text=_organisation_reviewed,
    ),
    Kind(
        key=ORGANISATION_CHANGES_PROPOSED,
        label=gettext_lazy(
            "A verified organisation of your city wants to change its name, "
            "kind or website"
        ),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("An organisation's change waits for your review"),
        text=_organisation_changes_proposed,
    ),
    Kind(
        key=ORGANISATION_CHANGES_REVIEWED,
        label=gettext_lazy(
            "The coordinators decided on your organisation's new name, kind or website"
        ),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("Your organisation's change was reviewed"),
        text=_organisation_changes_reviewed,
    ),
]
