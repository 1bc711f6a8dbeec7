from django.urls import URLPattern, URLResolver, path
from django.views.generic import RedirectView

from tandem.collaboration import views

app_name = "collaboration"
urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "",
        RedirectView.as_view(pattern_name="collaboration:received"),
        name="index",
    ),
    path("received/", views.request_list, {"box": "received"}, name="received"),
    path("sent/", views.request_list, {"box": "sent"}, name="sent"),
    path("new/<slug:slug>/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/answer/", views.request_answer, name="request_answer"),
    path(
        "requests/<int:pk>/withdraw/", views.request_withdraw, name="request_withdraw"
    ),
    path("conversations/", views.conversation_list, name="conversation_list"),
    path(
        "conversations/<int:pk>/",
        views.conversation_detail,
        name="conversation_detail",
    ),
    path(
        "conversations/<int:pk>/messages/",
        views.message_create,
        name="message_create",
    ),
    path(
        "conversations/<int:pk>/block/",
        views.conversation_block,
        name="conversation_block",
    ),
    path("messages/<int:pk>/report/", views.message_report, name="message_report"),
    path("card/", views.contact_card, name="contact_card"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/<int:pk>/resolve/", views.report_resolve, name="report_resolve"),
]
