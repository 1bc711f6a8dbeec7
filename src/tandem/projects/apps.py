from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "tandem.projects"
    verbose_name = _("Joint projects")

    def ready(self) -> None:
        from tandem.notifications.kinds import register
        from tandem.projects.notification_kinds import KINDS

        register(*KINDS)
