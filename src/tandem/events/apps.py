from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "tandem.events"
    verbose_name = _("Matchmaking events")

    def ready(self) -> None:
        from tandem.audit import actions, links
        from tandem.events.audit_actions import ACTIONS, LINKS
        from tandem.events.notification_kinds import KINDS
        from tandem.notifications.kinds import register

        register(*KINDS)
        actions.register(*ACTIONS)
        for target_type, resolve in LINKS.items():
            links.register(target_type, resolve)

        from tandem.accounts.personal_data import register as register_data
        from tandem.events.personal_data import export

        register_data("events", export)
