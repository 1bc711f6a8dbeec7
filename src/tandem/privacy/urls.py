from django.urls import path

from tandem.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.data, name="data"),
    path("export/", views.export_request, name="export_request"),
    path("export/<str:key>/", views.export_download, name="export_download"),
    path("delete/", views.account_delete, name="account_delete"),
]
