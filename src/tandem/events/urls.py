from django.urls import URLPattern, URLResolver, path

from tandem.events.views import (
    agenda,
    calendar,
    manage,
    organisers,
    participants,
    planning,
    public,
    registration,
    requests,
)

app_name = "events"
urlpatterns: list[URLPattern | URLResolver] = [
    # Public pages
    path("", public.event_list, name="event_list"),
    path("<int:pk>/", public.event_detail, name="event_detail"),
    # Participants
    path("<int:pk>/register/", registration.register, name="register"),
    path(
        "<int:pk>/registration/cancel/",
        registration.registration_cancel,
        name="registration_cancel",
    ),
    path("<int:pk>/availability/", registration.availability, name="availability"),
    path("<int:pk>/participants/", participants.participant_list, name="participants"),
    path(
        "<int:pk>/participants/<int:registration_pk>/request/",
        participants.meeting_request_create,
        name="meeting_request_create",
    ),
    path("<int:pk>/requests/", requests.request_list, name="requests"),
    path(
        "<int:pk>/requests/<int:request_pk>/answer/",
        requests.request_answer,
        name="request_answer",
    ),
    path(
        "<int:pk>/requests/<int:request_pk>/book/",
        requests.request_book,
        name="request_book",
    ),
    path("<int:pk>/agenda/", agenda.agenda, name="agenda"),
    path(
        "<int:pk>/meetings/<int:meeting_pk>/held/",
        agenda.meeting_held,
        name="meeting_held",
    ),
    path(
        "<int:pk>/meetings/<int:meeting_pk>/rate/",
        agenda.meeting_rate,
        name="meeting_rate",
    ),
    path(
        "<int:pk>/meetings/<int:meeting_pk>/follow-up/",
        agenda.meeting_follow_up,
        name="meeting_follow_up",
    ),
    # Organisers
    path("new/", manage.event_create, name="event_create"),
    path("organisers/", organisers.organiser_list, name="organisers"),
    path(
        "organisers/<slug:slug>/withdraw/",
        organisers.organiser_withdraw,
        name="organiser_withdraw",
    ),
    path("<int:pk>/edit/", manage.event_edit, name="event_edit"),
    path("<int:pk>/publish/", manage.event_publish, name="event_publish"),
    path("<int:pk>/cancel/", manage.event_cancel, name="event_cancel"),
    path("<int:pk>/manage/", manage.event_manage, name="event_manage"),
    path("<int:pk>/sessions/new/", manage.session_create, name="session_create"),
    path(
        "<int:pk>/sessions/<int:session_pk>/delete/",
        manage.session_delete,
        name="session_delete",
    ),
    path("<int:pk>/programme/new/", manage.programme_create, name="programme_create"),
    path(
        "<int:pk>/programme/<int:item_pk>/delete/",
        manage.programme_delete,
        name="programme_delete",
    ),
    path(
        "<int:pk>/registrations/<int:registration_pk>/approve/",
        manage.registration_approve,
        name="registration_approve",
    ),
    path(
        "<int:pk>/registrations/<int:registration_pk>/cancel/",
        manage.registration_cancel_by_organiser,
        name="registration_cancel_by_organiser",
    ),
    path(
        "<int:pk>/requests/new/",
        manage.organiser_request_create,
        name="organiser_request_create",
    ),
    path(
        "<int:pk>/registrations.csv",
        manage.registrations_download,
        name="registrations_download",
    ),
    path("<int:pk>/print/agendas/", manage.print_agendas, name="print_agendas"),
    path("<int:pk>/print/tables/", manage.print_tables, name="print_tables"),
    # The scheduler
    path("<int:pk>/plan/", planning.plan, name="plan"),
    path("<int:pk>/plan/run/", planning.plan_run, name="plan_run"),
    path("<int:pk>/plan/<int:run_pk>/", planning.plan_detail, name="plan_detail"),
    path(
        "<int:pk>/plan/<int:run_pk>/publish/",
        planning.plan_publish,
        name="plan_publish",
    ),
    # Calendars
    path("<int:pk>/agenda.ics", calendar.agenda_ics, name="agenda_ics"),
    path("<int:pk>/calendar.ics", calendar.event_ics, name="event_ics"),
    path("feeds/<str:token>.ics", calendar.personal_feed, name="personal_feed"),
    path("<int:pk>/feeds/renew/", calendar.feeds_renew, name="feeds_renew"),
]
