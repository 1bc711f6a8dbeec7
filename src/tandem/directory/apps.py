from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "tandem.directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from tandem.audit import actions
        from tandem.directory.audit_actions import ACTIONS
        from tandem.directory.notification_kinds import KINDS
        from tandem.notifications.kinds import register

        register(*KINDS)
        actions.register(*ACTIONS)
