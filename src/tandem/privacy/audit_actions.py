"""The audited acts on people's own data."""

from django.utils.translation import gettext_lazy

from tandem.audit.actions import Action

DATA_EXPORTED = "privacy.data_exported"
ACCOUNT_DELETED = "privacy.account_deleted"

ACTIONS = [
    Action(key=DATA_EXPORTED, label=gettext_lazy("Downloaded their own data")),
    Action(key=ACCOUNT_DELETED, label=gettext_lazy("Deleted their own account")),
]
