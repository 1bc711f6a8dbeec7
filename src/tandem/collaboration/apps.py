from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "tandem.collaboration"
    verbose_name = _("Contacts and conversations")

    def ready(self) -> None:
        from tandem.collaboration.notification_kinds import KINDS
        from tandem.notifications.kinds import register

        register(*KINDS)

        from tandem.accounts.personal_data import register as register_data
        from tandem.collaboration.personal_data import export

        register_data("contacts", export)
