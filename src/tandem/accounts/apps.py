from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tandem.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from tandem.accounts import (
            personal_data,
            receivers,  # noqa: F401  (connects them)
            steps,
        )
        from tandem.accounts.audit_actions import ACTIONS
        from tandem.accounts.names import has_name
        from tandem.accounts.second_factor import SECOND_FACTOR_STEP
        from tandem.audit import actions
        from tandem.legal.selectors import privacy_notice_version

        actions.register(*ACTIONS)
        personal_data.register("account", personal_data.export)
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
            ),
            SECOND_FACTOR_STEP,
            steps.Step(
                key="accounts.name",
                # Accounts from before sign-up asked for a name.
                needed=lambda user: not has_name(user),
                url_name="accounts:name",
            ),
        )
