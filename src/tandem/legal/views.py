from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tandem.legal.models import LegalText
from tandem.legal.selectors import legal_page


def _page(request: HttpRequest, kind: str) -> HttpResponse:
    context: dict[str, object] = {"page": legal_page(kind=kind)}
    if kind == LegalText.Kind.PRIVACY:
        context["retention"] = {
            "expired_request_days": settings.TANDEM_RETENTION_EXPIRED_REQUEST_DAYS,
            "notification_days": settings.TANDEM_RETENTION_NOTIFICATION_DAYS,
            "event_registration_days": (
                settings.TANDEM_RETENTION_EVENT_REGISTRATION_DAYS
            ),
            "data_export_hours": settings.TANDEM_DATA_EXPORT_HOURS,
        }
    return render(request, "legal/legal_text.html", context)


def imprint(request: HttpRequest) -> HttpResponse:
    return _page(request, LegalText.Kind.IMPRINT)


def privacy(request: HttpRequest) -> HttpResponse:
    return _page(request, LegalText.Kind.PRIVACY)


def accessibility(request: HttpRequest) -> HttpResponse:
    return _page(request, LegalText.Kind.ACCESSIBILITY)
