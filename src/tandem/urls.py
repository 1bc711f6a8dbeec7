from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from tandem import views
from tandem.api.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", views.favicon),
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("me/", views.dashboard, name="dashboard"),
    path("me/", include("tandem.accounts.urls")),
    # Matching first: its suggestions pages sit below the directory's
    # addresses, some of which end in a catch-all action.
    path("", include("tandem.matching.urls")),
    path("", include("tandem.directory.urls")),
    path("notifications/", include("tandem.notifications.urls")),
    path("contacts/", include("tandem.collaboration.urls")),
    path("projects/", include("tandem.projects.urls")),
    path("events/", include("tandem.events.urls")),
    path("legal/", include("tandem.legal.urls")),
    prefix_default_language=True,
)

handler403 = "tandem.views.permission_denied"
handler404 = "tandem.views.page_not_found"
handler500 = "tandem.views.server_error"
