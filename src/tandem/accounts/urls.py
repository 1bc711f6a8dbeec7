from django.urls import path

from tandem.accounts import token_views, views

app_name = "accounts"
urlpatterns = [
    path("settings/", views.profile_settings, name="settings"),
    path("privacy-notice/", views.privacy_notice, name="privacy_notice"),
    path("name/", views.name_step, name="name"),
    path("api-tokens/", token_views.api_tokens, name="api_tokens"),
    path(
        "api-tokens/<int:pk>/revoke/",
        token_views.api_token_revoke,
        name="api_token_revoke",
    ),
]
