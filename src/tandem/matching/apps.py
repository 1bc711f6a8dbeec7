from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "tandem.matching"
    verbose_name = _("Partner matching")

    def ready(self) -> None:
        from tandem.directory.selectors import set_meaning_search
        from tandem.directory.signals import profile_changed
        from tandem.matching.selectors import organisations_by_meaning
        from tandem.matching.tasks import encode_changed_profile

        profile_changed.connect(
            encode_changed_profile, dispatch_uid="matching.encode_changed_profile"
        )
        set_meaning_search(organisations_by_meaning)
