from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tandem.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from tandem.accounts import steps
        from tandem.accounts.names import has_name

        steps.register(
            steps.Step(
                key="accounts.name",
                # Accounts from before sign-up asked for a name.
                needed=lambda user: not has_name(user),
                url_name="accounts:name",
            )
        )
