"""API v1: open data of the partnership, and writes for members with a token.

Swagger UI's assets are ninja's static files, served by Tandem itself.
"""

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from tandem.api.common import (
    AnonymousRateThrottle,
    TokenUserRateThrottle,
    install_error_handlers,
)
from tandem.collaboration.api import router as collaboration_router
from tandem.directory.api import router as directory_router
from tandem.events.api import router as events_router
from tandem.matching.api import router as matching_router
from tandem.notifications.api import router as notifications_router
from tandem.partnerships.api import router as partnerships_router
from tandem.projects.api import router as projects_router

api = NinjaAPI(
    title="Tandem API",
    version="1",
    urls_namespace="api-v1",
    description=(
        "Open data and member writes for the Tandem partnership platform. "
        "Reads need no token. Writes need a personal API token, created on "
        "the page “API tokens” of your account and sent as "
        "`Authorization: Bearer <token>`. A token expires (after a year at "
        "most) and is revoked when its owner's password changes; a read-only "
        "token answers writes with 403 `token_read_only`. Too many calls answer "
        "429 `throttled`, with `Retry-After` in seconds."
    ),
    # No call to swagger.io's online validator: the docs work offline.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    # Too many calls answer 429 with Retry-After: TANDEM_API_ANONYMOUS_RATE per
    # address without a token, TANDEM_API_USER_RATE per person with one.
    throttle=[AnonymousRateThrottle(), TokenUserRateThrottle()],
)
install_error_handlers(api)
api.add_router("", partnerships_router)
api.add_router("", directory_router)
api.add_router("", matching_router)
api.add_router("", collaboration_router)
api.add_router("", projects_router)
api.add_router("", events_router)
api.add_router("", notifications_router)
