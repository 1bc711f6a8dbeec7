from django.urls import path

from tandem.directory.views import manage, public

app_name = "directory"
urlpatterns = [
    path("organisations/", public.organisation_list, name="organisation_list"),
    path("organisations/new/", manage.organisation_create, name="organisation_create"),
    path(
        "organisations/<slug:slug>/",
        public.organisation_detail,
        name="organisation_detail",
    ),
    path(
        "organisations/<slug:slug>/edit/",
        manage.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisations/<slug:slug>/join/",
        manage.organisation_join,
        name="organisation_join",
    ),
    path(
        "organisations/<slug:slug>/members/",
        manage.organisation_members,
        name="organisation_members",
    ),
    path(
        "organisations/<slug:slug>/members/<int:pk>/",
        manage.membership_update,
        name="membership_update",
    ),
    path(
        "organisations/<slug:slug>/opportunities/new/",
        manage.opportunity_create,
        name="opportunity_create",
    ),
    path("opportunities/", public.opportunity_list, name="opportunity_list"),
    path(
        "opportunities/<int:pk>/",
        public.opportunity_detail,
        name="opportunity_detail",
    ),
    path(
        "opportunities/<int:pk>/edit/",
        manage.opportunity_edit,
        name="opportunity_edit",
    ),
    path(
        "opportunities/<int:pk>/<str:action>/",
        manage.opportunity_action,
        name="opportunity_action",
    ),
    path("review/", manage.review_queue, name="review_queue"),
    path(
        "review/organisations/<slug:slug>/",
        manage.organisation_review,
        name="organisation_review",
    ),
    path(
        "review/organisations/<slug:slug>/changes/",
        manage.organisation_changes_review,
        name="organisation_changes_review",
    ),
    path(
        "review/opportunities/<int:pk>/",
        manage.opportunity_review,
        name="opportunity_review",
    ),
]
