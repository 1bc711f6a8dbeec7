from django.urls import URLPattern, URLResolver, path

from tandem.projects import views

app_name = "projects"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.project_list, name="project_list"),
    path("new/", views.project_create, name="project_create"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path(
        "of/<slug:slug>/",
        views.organisation_projects,
        name="organisation_projects",
    ),
    path("<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("<int:pk>/invite/", views.partner_invite, name="partner_invite"),
    path("<int:pk>/status/", views.project_status, name="project_status"),
    path(
        "<int:pk>/partners/<int:partner_pk>/leave/",
        views.partner_leave,
        name="partner_leave",
    ),
    path(
        "<int:pk>/partners/<int:partner_pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("<int:pk>/milestones/new/", views.milestone_create, name="milestone_create"),
    path(
        "<int:pk>/milestones/<int:item_pk>/",
        views.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "<int:pk>/milestones/<int:item_pk>/delete/",
        views.milestone_delete,
        name="milestone_delete",
    ),
    path("<int:pk>/outcomes/new/", views.outcome_create, name="outcome_create"),
    path(
        "<int:pk>/outcomes/<int:item_pk>/",
        views.outcome_edit,
        name="outcome_edit",
    ),
    path(
        "<int:pk>/outcomes/<int:item_pk>/delete/",
        views.outcome_delete,
        name="outcome_delete",
    ),
    path(
        "invitations/<int:pk>/answer/",
        views.invitation_answer,
        name="invitation_answer",
    ),
]
