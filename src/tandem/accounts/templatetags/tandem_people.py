from django import template

from tandem.accounts.models import User
from tandem.accounts.names import person_name

register = template.Library()


@register.filter(name="person")
def person(user: User | None, organisation: object = "") -> str:
    """``{{ message.author|person:message.sender.name }}``: the person's name,
    never their e-mail address (``tandem.accounts.names.person_name``)."""
    return person_name(user, str(organisation or ""))
