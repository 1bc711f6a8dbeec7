from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tandem.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from tandem.accounts import steps
        from tandem.legal.selectors import privacy_notice_version

        steps.register(
            steps.Step(
                key="accounts.privacy_notice",
                needed=lambda user: (
                    user.privacy_notice_version < privacy_notice_version()
                ),
                url_name="accounts:privacy_notice",
                also_allowed=(
                    "legal:privacy",
                    "legal:imprint",
                    "legal:accessibility",
                ),
            )
        )
