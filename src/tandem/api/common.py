"""What every app's API router shares: pagination, id types, error answers
(STYLE §4: 400 with field messages, 401, 403, 404) and input types.

This module knows no app; the routers live in the apps (``<app>/api.py``) and
``tandem.api.api`` mounts them.
"""

import threading
import time
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any, TypeVar

from django.conf import settings
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    ObjectDoesNotExist,
    PermissionDenied,
    RequestDataTooBig,
    ValidationError,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Path, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.pagination import LimitOffsetPagination
from ninja.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle
from pydantic import AfterValidator, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from tandem.i18n import language_codes

MAX_PAGE_SIZE = 100
# Keeps OFFSET inside a 64-bit integer on every database.
MAX_OFFSET = 1_000_000_000
PK = Annotated[int, Path(ge=1, le=2**63 - 1)]


class ErrorOut(Schema):
    detail: str
    code: str | None = None
    fields: dict[str, list[str]] = Field(default_factory=dict)


class SchemaErrorOut(Schema):
    """422: the request does not match the document (ninja's own answer)."""

    detail: list[dict[str, Any]]


# The answers every operation may give besides its own: 401 for a token that is
# not valid, 413 for a body past DATA_UPLOAD_MAX_MEMORY_SIZE, 422 for a request
# the document does not allow, 429 for too many requests.
LIST_ERRORS: dict[int, Any] = {401: ErrorOut, 422: SchemaErrorOut, 429: ErrorOut}
READ_ERRORS: dict[int, Any] = {**LIST_ERRORS, 404: ErrorOut}
ERRORS: dict[int, Any] = {
    **READ_ERRORS,
    400: ErrorOut,
    403: ErrorOut,
    413: ErrorOut,
}


class PageIn(LimitOffsetPagination.Input):
    limit: int = Field(20, ge=1, description=f"At most {MAX_PAGE_SIZE}.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class ReadOnlyToken(Exception):
    """A read-only API token was sent with a write (POST, PUT, PATCH, DELETE)."""


def _token_user(request: HttpRequest) -> Any:
    """The user of the token sent, or None (anonymous, or no token taken)."""
    auth = getattr(request, "auth", None)
    return auth if getattr(auth, "is_authenticated", False) else None


class _RateFromSettings(SimpleRateThrottle):
    """The rate comes from a Django setting, read at each call (not at import),
    so a deployment or a test may change it; the counts live in Django's cache
    (Redis when ``CACHE_URL`` says so, shared by every web node).

    One instance serves every thread of the server: ninja's own throttles keep
    a call's key and history on the instance, where another thread's call can
    overwrite them before they are saved (counting one caller's call for
    another). Here they stay local; only the wait, which ninja asks for right
    after a refusal on the same thread, is kept per thread.
    """

    setting = ""

    def __init__(self) -> None:
        self.rate = None
        self._refused = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        self._refused.wait = None
        key = self.get_cache_key(request)
        if key is None:
            return True
        num_requests, duration = self.parse_rate(getattr(settings, self.setting))
        assert num_requests is not None and duration is not None
        now = time.time()
        # Newest first, as ninja keeps it: the last is the oldest in the window.
        history = [t for t in self.cache.get(key, []) if t > now - duration]
        if len(history) >= num_requests:
            self._refused.wait = duration - (now - history[-1])
            return False
        self.cache.set(key, [now, *history], duration)
        return True

    def wait(self) -> float | None:
        wait: float | None = getattr(self._refused, "wait", None)
        return wait


class AnonymousRateThrottle(_RateFromSettings, AnonRateThrottle):
    """Calls without a token, counted per address: ``REMOTE_ADDR``, or behind
    ``NINJA_NUM_PROXIES`` proxies the address the outermost one saw."""

    setting = "TANDEM_API_ANONYMOUS_RATE"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        # Reads with an optional token mark the anonymous with AnonymousUser,
        # which ninja's AnonRateThrottle would take for a token user.
        if _token_user(request) is not None:
            return None
        return self.cache_format % {"scope": "anon", "ident": self.get_ident(request)}


class TokenUserRateThrottle(_RateFromSettings, UserRateThrottle):
    """Calls with a token, counted per person (all their tokens together)."""

    setting = "TANDEM_API_USER_RATE"

    def get_cache_key(self, request: HttpRequest) -> str | None:  # type: ignore[override]  # None: not a token call
        user = _token_user(request)
        if user is None:
            return None
        return self.cache_format % {"scope": "user", "ident": user.pk}


class Pagination(LimitOffsetPagination):
    """``limit`` (default 20, at most 100) and ``offset``."""

    Input = PageIn

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_PAGE_SIZE, **kwargs)


def _no_nul(value: str) -> str:
    # PostgreSQL refuses NUL characters in text: reject them as bad input.
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed.")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]


def refuse_null(value: Any) -> Any:
    """A PATCH schema's validator: ``null`` is refused where a value is required.

    Runs only on values sent: leaving a field out of a PATCH keeps it.
    """
    if value is None:
        raise ValueError("This field cannot be null.")
    return value


class _OwnComponent:
    """Names a choices enum after its model in the OpenAPI document.

    Pydantic names an enum's component after the class alone, so ``Project.Status``
    and ``Event.Status`` both became ``Status`` and ninja kept only one of them:
    generated clients then read a project's status as an event's. Here each enum is
    its own component, named by its qualified name (``ProjectStatus``).
    """

    def __get_pydantic_core_schema__(
        self, source: type[Enum], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        name = source.__qualname__.replace(".", "")

        def titled(
            schema: CoreSchema, handler: GetJsonSchemaHandler
        ) -> JsonSchemaValue:
            json_schema = handler(schema)
            handler.resolve_ref_schema(json_schema)["title"] = name
            return json_schema

        js_functions: list[Callable[..., Any]] = [titled]
        return core_schema.enum_schema(
            source,
            list(source.__members__.values()),
            sub_type="str",
            ref=f"{source.__module__}.{name}:{id(source)}",
            metadata={"pydantic_js_functions": js_functions},
        )


ChoiceT = TypeVar("ChoiceT", bound=Enum)
# A model's choices in a schema: ``status: Choice[Project.Status]``.
Choice = Annotated[ChoiceT, _OwnComponent()]


class Translated(Schema):
    de: str
    ro: str
    en: str


def translated(obj: Any, field: str) -> dict[str, str]:
    """A text kept in every language, as ``{"de", "ro", "en"}``."""
    texts = getattr(obj, f"{field}_translations") or {}
    return {code: str(texts.get(code, "")) for code in language_codes()}


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

    @api.exception_handler(ReadOnlyToken)
    def read_only_token(request: HttpRequest, exc: ReadOnlyToken) -> HttpResponse:
        body = {
            "detail": _(
                "This API token may only read. Create a token that may read and "
                "write to change data."
            ),
            "code": "token_read_only",
            "fields": {},
        }
        return api.create_response(request, body, status=403)

    @api.exception_handler(ObjectDoesNotExist)
    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        body = {"detail": _("Not found."), "code": "not_found"}
        return api.create_response(request, body, status=404)

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        # ninja adds the Retry-After header to this answer.
        body = {
            "detail": _("Too many requests. Please wait a moment and try again."),
            "code": "throttled",
            "fields": {},
        }
        return api.create_response(request, body, status=429)

    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        # Django would answer its HTML 400 page; the API's callers read JSON.
        body = {"detail": _("The request body is too large."), "code": "too_large"}
        return api.create_response(request, body, status=413)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # Ninja raises HttpError(400) for a body it cannot parse as JSON.
        if exc.status_code == 400:
            body = {
                "detail": _("The request body is not valid JSON."),
                "code": "malformed",
            }
        else:
            body = {"detail": str(exc)}
        return api.create_response(request, body, status=exc.status_code)

    @api.exception_handler(AuthenticationError)
    def unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        body = {
            "detail": _("Send a valid API token: Authorization: Bearer <token>."),
            "code": "not_authenticated",
        }
        response = api.create_response(request, body, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response
