from django.urls import path

from tandem.matching import views

app_name = "matching"
urlpatterns = [
    path(
        "organisations/<slug:slug>/suggestions/feedback/",
        views.feedback,
        name="feedback",
    ),
]
