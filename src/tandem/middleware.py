import zoneinfo
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from tandem.i18n import current_language


class ReaderTimeZoneMiddleware:
    """Show times in the reader's city: their organisation's city, else their language's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        zone = settings.TANDEM_LANGUAGE_TIME_ZONES.get(current_language(), "UTC")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            zone = _city_zone(user) or zone
        timezone.activate(zoneinfo.ZoneInfo(zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def _city_zone(user: Any) -> str | None:
    """The time zone of the user's first organisation's city, else of the city they coordinate."""
    membership = (
        user.memberships.filter(state="active")
        .select_related("organisation__city")
        .order_by("pk")
        .first()
    )
    if membership is not None:
        return str(membership.organisation.city.time_zone)
    role = user.coordinator_roles.select_related("city").order_by("pk").first()
    return str(role.city.time_zone) if role is not None else None


# Device features no page of Tandem uses, switched off for every page and for
# anything a page might embed; passkeys (WebAuthn) stay open to Tandem itself.
PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "autoplay": "()",
    "camera": "()",
    "display-capture": "()",
    "encrypted-media": "()",
    "fullscreen": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "magnetometer": "()",
    "microphone": "()",
    "midi": "()",
    "payment": "()",
    "picture-in-picture": "()",
    "publickey-credentials-create": "(self)",
    "publickey-credentials-get": "(self)",
    "screen-wake-lock": "()",
    "serial": "()",
    "usb": "()",
    "xr-spatial-tracking": "()",
}


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header to every response that has none."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = ", ".join(f"{k}={v}" for k, v in PERMISSIONS_POLICY.items())

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
