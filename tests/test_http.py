import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from tandem.errors import PermissionDenied, ValidationError
from tandem.http import act


def _request(*, htmx: bool = False):
    headers = {"HX-Request": "true"} if htmx else {}
    request = RequestFactory().post("/", headers=headers)
    request.session = {}
    request._messages = FallbackStorage(request)
    request.htmx = HtmxDetails(request)
    return request


def _messages(request) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(request)]


def test_act_success_says_the_message_and_redirects():
    request = _request()
    response = act(request, "/next/", lambda: None, "Done.")
    assert (response.status_code, response["Location"]) == (302, "/next/")
    assert _messages(request) == [("success", "Done.")]


def test_act_success_message_is_made_from_the_result():
    request = _request()
    act(request, "/next/", lambda: 3, lambda count: f"{count} done.")
    assert _messages(request) == [("success", "3 done.")]


def test_act_validation_error_says_its_messages_and_redirects():
    def action() -> None:
        raise ValidationError(["First.", "Second."])

    request = _request()
    response = act(request, "/next/", action, "Done.")
    assert (response.status_code, response["Location"]) == (302, "/next/")
    assert _messages(request) == [("error", "First. Second.")]


def test_act_answers_htmx_with_a_client_redirect():
    request = _request(htmx=True)
    response = act(request, "/next/", lambda: None, "Done.")
    assert (response.status_code, response["HX-Redirect"]) == (200, "/next/")


def test_act_lets_permission_denied_through():
    def action() -> None:
        raise PermissionDenied

    request = _request()
    with pytest.raises(PermissionDenied):
        act(request, "/next/", action, "Done.")
    assert _messages(request) == []


@pytest.mark.parametrize(
    ("going", "expected"),
    [
        ("/en/events/", "/en/events/"),
        ("https://elsewhere.example.org/", "/fallback/"),
        ("//elsewhere.example.org/", "/fallback/"),
        ("", "/fallback/"),
    ],
)
def test_safe_next_keeps_people_on_this_site(rf, going, expected):
    from tandem.http import safe_next

    assert safe_next(rf.get("/", {"next": going}), "/fallback/") == expected
    assert safe_next(rf.post("/", {"next": going}), "/fallback/") == expected
