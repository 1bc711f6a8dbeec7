from django.urls import path

from tandem.matching import views

app_name = "matching"
urlpatterns = [
    path(
        "organisations/<slug:slug>/suggestions/",
        views.organisation_suggestions,
        name="organisation_suggestions",
    ),
    path(
        "opportunities/<int:pk>/suggestions/",
        views.opportunity_suggestions,
        name="opportunity_suggestions",
    ),
    path(
        "organisations/<slug:slug>/suggestions/feedback/",
        views.feedback,
        name="feedback",
    ),
]
