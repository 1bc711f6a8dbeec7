"""What a new password ends: the API tokens made while the old one held."""

from typing import Any

from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.accounts.services import revoke_all_api_tokens


class RevokeApiTokensOnPasswordChange:
    """Listed in ``AUTH_PASSWORD_VALIDATORS`` for its ``password_changed``, not
    to check anything.

    Django calls it after a user's new password is saved, whichever way it was
    set: allauth's change, reset and set, the admin, ``manage.py
    changepassword``, the shell. A mere rehash with a newer hasher (at login)
    is not a change and does not call it.
    """

    def validate(self, password: str, user: Any = None) -> None:
        return None

    def password_changed(self, password: str, user: Any = None) -> None:
        if isinstance(user, User) and user.pk is not None:
            revoke_all_api_tokens(user=user)

    def get_help_text(self) -> str:
        return _("A new password revokes your API tokens.")
