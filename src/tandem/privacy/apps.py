from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """People's own data: download it, delete the account, retention.

    It sits above every app (it hands organisations over, cancels
    registrations, notifies and audits); the apps below tell it what they hold
    about a person through ``tandem.accounts.personal_data``.
    """

    name = "tandem.privacy"
    verbose_name = _("Personal data")

    def ready(self) -> None:
        from tandem.accounts.personal_data import register as register_data
        from tandem.audit.actions import register as register_actions
        from tandem.notifications.kinds import register as register_kinds
        from tandem.privacy import personal_data
        from tandem.privacy.audit_actions import ACTIONS
        from tandem.privacy.notification_kinds import KINDS

        register_kinds(*KINDS)
        register_actions(*ACTIONS)
        register_data("audit", personal_data.export)
