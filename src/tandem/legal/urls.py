from django.urls import path

from tandem.legal import views

app_name = "legal"
urlpatterns = [
    path("imprint/", views.imprint, name="imprint"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
