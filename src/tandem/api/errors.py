"""JSON errors of API v1 (STYLE §4): 400 with field messages, 401, 403, 404."""

from typing import Any

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    ObjectDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError


def validation_error_body(exc: ValidationError) -> dict[str, Any]:
    """``{"detail", "code", "fields"}``; ``message_dict`` exists only for field errors."""
    if hasattr(exc, "error_dict"):
        fields = exc.message_dict
        non_field = fields.pop(NON_FIELD_ERRORS, [])
        codes = [
            error.code
            for errors in exc.error_dict.values()
            for error in errors
            if error.code
        ]
        detail = " ".join(non_field) or _("Some fields are not valid.")
    else:
        fields = {}
        codes = [error.code for error in exc.error_list if error.code]
        detail = " ".join(exc.messages)
    return {
        "detail": detail,
        "code": codes[0] if codes else "invalid",
        "fields": fields,
    }


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def bad_request(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, validation_error_body(exc), status=400)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        body = {"detail": _("You may not do this."), "code": "permission_denied"}
        return api.create_response(request, body, status=403)

    @api.exception_handler(ObjectDoesNotExist)
    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        body = {"detail": _("Not found."), "code": "not_found"}
        return api.create_response(request, body, status=404)

    @api.exception_handler(AuthenticationError)
    def unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        body = {
            "detail": _("Send a valid API token: Authorization: Bearer <token>."),
            "code": "not_authenticated",
        }
        response = api.create_response(request, body, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response
