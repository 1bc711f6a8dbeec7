"""Personal API tokens: ``Authorization: Bearer <token>``.

The API is stateless: a session cookie does not authenticate it, so no request
needs a CSRF token.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer

from tandem.accounts.models import User, Viewer
from tandem.accounts.services import authenticate_api_token


class TokenAuth(HttpBearer):
    """A valid, unrevoked token is required; the token's user is the actor."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = authenticate_api_token(key=token)
        if user is not None:
            request.user = user
        return user


class OptionalTokenAuth(TokenAuth):
    """Reads: anonymous without a token, the token's user with a valid one.

    A token that is sent but unknown or revoked is refused (401), so a client
    does not silently read as anonymous.
    """

    def __call__(self, request: HttpRequest) -> Viewer | None:
        if not request.headers.get(self.header):
            request.user = AnonymousUser()
            return request.user
        return super().__call__(request)


token_auth = TokenAuth()
optional_token_auth = OptionalTokenAuth()
