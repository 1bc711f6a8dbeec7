from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tandem.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from tandem.accounts import (
            personal_data,
            receivers,  # noqa: F401  (connects them)
        )
        from tandem.accounts.audit_actions import ACTIONS
        from tandem.audit import actions

        actions.register(*ACTIONS)
        personal_data.register("account", personal_data.export)
