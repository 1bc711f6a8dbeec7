"""Display helpers for the public pages: user text in the reader's language, names of codes."""

from django import template
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from tandem.directory.models import Opportunity, Organisation, OrganisationKind

register = template.Library()

COUNTRY_NAMES = {"DE": _("Germany"), "RO": _("Romania")}


@register.simple_tag
def reader_description(organisation: Organisation) -> tuple[str, str]:
    """(text, language) of the organisation's description for the reader."""
    text, language = organisation.description_for_reader()
    return text, language


@register.filter
def language_name(code: str) -> str:
    """The name of a language code in the reader's language; the code if unknown."""
    names = dict(settings.LANGUAGES)
    if code in names:
        return str(names[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


@register.filter
def country_name(code: str) -> str:
    return str(COUNTRY_NAMES.get(code.upper(), code))


@register.filter
def organisation_kind(value: str) -> str:
    """The display name of an organisation kind; the value if unknown."""
    try:
        return str(OrganisationKind(value).label)
    except ValueError:
        return value


@register.filter
def external_url(url: str) -> str:
    """The URL if it is a web address, else nothing: user URLs never run script."""
    return url if url.lower().startswith(("http://", "https://")) else ""


@register.simple_tag
def opportunity_state(opportunity: Opportunity) -> tuple[str, str] | None:
    """(status, label) when the opportunity is not public, else None."""
    if opportunity.is_public:
        return None
    status = opportunity.status
    if status == Opportunity.Status.PUBLISHED and opportunity.organisation.is_public:
        # Past its expiry date, not yet swept by expire_opportunities.
        status = Opportunity.Status.EXPIRED
    elif status == Opportunity.Status.PUBLISHED:
        return "pending", str(_("Not public: the organisation is not verified"))
    return status, str(Opportunity.Status(status).label)
