"""The privileged acts on accounts that the audit trail records."""

from django.utils.translation import gettext_lazy as _

from tandem.audit.actions import Action

API_TOKEN_CREATED = Action(
    key="accounts.api_token_created", label=_("API token created")
)
API_TOKEN_REVOKED = Action(
    key="accounts.api_token_revoked", label=_("API token revoked")
)
API_TOKENS_REVOKED_ON_PASSWORD_CHANGE = Action(
    key="accounts.api_tokens_revoked_on_password_change",
    label=_("API tokens revoked because the password changed"),
)

ACTIONS = (API_TOKEN_CREATED, API_TOKEN_REVOKED, API_TOKENS_REVOKED_ON_PASSWORD_CHANGE)
