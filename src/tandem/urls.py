from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from tandem import views
from tandem.accounts import second_factor
from tandem.api.api import api

# The admin signs people in through allauth's page: one throttle for every
# sign-in, and the second factor asked there.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", views.favicon),
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    # allauth's second-factor set-up, carrying where the person was going
    # (same addresses and names as allauth's, found first).
    path(
        "accounts/2fa/totp/activate/",
        second_factor.activate_totp,
        name="mfa_activate_totp",
    ),
    path(
        "accounts/2fa/recovery-codes/",
        second_factor.view_recovery_codes,
        name="mfa_view_recovery_codes",
    ),
    path("accounts/", include("allauth.urls")),
    path("me/", views.dashboard, name="dashboard"),
    path("me/", include("tandem.accounts.urls")),
    path("me/data/", include("tandem.privacy.urls")),
    # Matching first: its suggestions pages sit below the directory's
    # addresses, some of which end in a catch-all action.
    path("", include("tandem.matching.urls")),
    path("", include("tandem.directory.urls")),
    path("notifications/", include("tandem.notifications.urls")),
    path("contacts/", include("tandem.collaboration.urls")),
    path("projects/", include("tandem.projects.urls")),
    path("events/", include("tandem.events.urls")),
    path("audit/", include("tandem.audit.urls")),
    path("legal/", include("tandem.legal.urls")),
    prefix_default_language=True,
)

handler403 = "tandem.views.permission_denied"
handler404 = "tandem.views.page_not_found"
handler500 = "tandem.views.server_error"
