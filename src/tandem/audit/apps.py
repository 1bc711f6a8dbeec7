from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "tandem.audit"
    verbose_name = _("Audit trail")
    default = True

    def ready(self) -> None:
        from tandem.audit import actions
        from tandem.audit.audit_actions import ACTIONS

        actions.register(*ACTIONS)


class AuditedAdminConfig(admin_apps.AdminConfig):
    """Django's admin site, whose every add, change and delete goes to the
    audit trail (``tandem.audit.admin_site``): in ``INSTALLED_APPS`` instead
    of ``django.contrib.admin``."""

    default = False
    default_site = "tandem.audit.admin_site.AuditedAdminSite"
