"""How Tandem shows a person to others: by their name, never by their e-mail
address (contact details stay private until the person chooses to share them).

A person without a name is shown as a member of their organisation where the
page knows it, else as a Tandem member; they are asked for a name at their next
sign-in (the ``accounts.name`` step).
"""

from django.utils.translation import gettext

from tandem.accounts.models import FORMER_MEMBER, User


def has_name(user: User) -> bool:
    return bool(user.get_full_name().strip())


def person_name(user: User | None, organisation: str = "") -> str:
    """The person's name; without one, "a member of ``organisation``" or
    "a Tandem member"; "a former member" once the account is deleted (``None``:
    the row itself is gone)."""
    if user is None or user.deleted_at is not None:
        return str(FORMER_MEMBER)
    name = user.get_full_name().strip()
    if name:
        return name
    if organisation:
        # Translators: stands for a person who gave no name, e.g. as the
        # author of a message.
        return gettext("a member of %(organisation)s") % {"organisation": organisation}
    # Translators: stands for a person who gave no name.
    return gettext("a Tandem member")
