from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The Cluj-Napoca ↔ Dortmund demo data and its ``load_demo`` command."""

    name = "tandem.demo"
    verbose_name = _("Demo")
