from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tandem.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from tandem.accounts import steps
        from tandem.accounts.second_factor import SECOND_FACTOR_STEP

        steps.register(SECOND_FACTOR_STEP)
