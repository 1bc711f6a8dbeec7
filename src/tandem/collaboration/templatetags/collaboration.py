from django import template
from django.template import Context

from tandem.collaboration.selectors import (
    DashboardPanel,
    acting_organisations,
    dashboard_panel,
)
from tandem.directory.models import Organisation
from tandem.partnerships.selectors import partner_cities

register = template.Library()


@register.simple_tag(takes_context=True)
def contacts_panel(context: Context) -> DashboardPanel | None:
    """The dashboard's contact requests and conversations of the logged-in user."""
    user = context["request"].user
    return dashboard_panel(viewer=user) if user.is_authenticated else None


@register.simple_tag(takes_context=True)
def can_contact(context: Context, organisation: Organisation) -> bool:
    """The logged-in user may send ``organisation`` a contact request: it is
    public and they act for an organisation of a partner city."""
    user = context["request"].user
    if not user.is_authenticated or not organisation.is_public:
        return False
    cities = partner_cities(city=organisation.city).values("pk")
    return acting_organisations(viewer=user).filter(city_id__in=cities).exists()
