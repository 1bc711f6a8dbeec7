"""Personal API tokens: ``Authorization: Bearer <token>``.

The API is stateless: a session cookie does not authenticate it, so no request
needs a CSRF token.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer

from tandem.accounts.models import User, Viewer
from tandem.accounts.services import authenticate_api_token
from tandem.api.common import ReadOnlyToken

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    """A valid token is required (known, unrevoked, unexpired); the token's
    user is the actor. A read-only token may only read: a write with it is
    refused (403 ``token_read_only``)."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        api_token = authenticate_api_token(key=token)
        if api_token is None:
            return None
        if api_token.read_only and request.method not in SAFE_METHODS:
            raise ReadOnlyToken
        request.user = api_token.user
        return api_token.user


class OptionalTokenAuth(TokenAuth):
    """Reads: anonymous without a token, the token's user with a valid one.

    A token that is sent but unknown, revoked or expired is refused (401), so a client
    does not silently read as anonymous.
    """

    def __call__(self, request: HttpRequest) -> Viewer | None:
        if not request.headers.get(self.header):
            request.user = AnonymousUser()
            return request.user
        return super().__call__(request)


token_auth = TokenAuth()
optional_token_auth = OptionalTokenAuth()
