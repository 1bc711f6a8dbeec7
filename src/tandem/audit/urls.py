from django.urls import path

from tandem.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.audit_trail, name="trail"),
    path("audit-trail.csv", views.audit_trail_csv, name="trail_csv"),
]
