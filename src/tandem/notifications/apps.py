from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "tandem.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from tandem.accounts.personal_data import register
        from tandem.notifications.personal_data import export

        register("notifications", export)
