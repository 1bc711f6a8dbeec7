"""handle_form: the one shape of a form page."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from tandem.errors import PermissionDenied, ValidationError, field_error
from tandem.http import handle_form, posted

TEMPLATE = "page.html"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.locmem.Loader",
                            {
                                TEMPLATE: (
                                    "<html>{{ title }}{% partialdef form inline %}"
                                    "<form>{{ form.errors }}</form>"
                                    "{% endpartialdef %}</html>"
                                )
                            },
                        )
                    ],
                )
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]


class NameForm(forms.Form):
    name = forms.CharField(max_length=20)


@pytest.fixture(autouse=True)
def _templates(settings):
    settings.TEMPLATES = TEMPLATES


def _request(data=None, *, htmx: bool = False):
    headers = {"HX-Request": "true"} if htmx else {}
    factory = RequestFactory()
    request = (
        factory.post("/", data, headers=headers)
        if data is not None
        else factory.get("/", headers=headers)
    )
    request.session = {}
    request._messages = FallbackStorage(request)
    request.htmx = HtmxDetails(request)
    return request


def _page(request, save, **kwargs):
    return handle_form(
        request,
        NameForm(posted(request)),
        save=save,
        url=kwargs.pop("url", "/done/"),
        success=kwargs.pop("success", "Saved."),
        template=TEMPLATE,
        context={"title": "Title"},
    )


def _not_called():
    raise AssertionError("the service must not be called")


def test_get_shows_the_unbound_form():
    response = _page(_request(), _not_called)
    assert response.status_code == 200
    assert b"<html>Title" in response.content


def test_invalid_form_comes_again_with_422_without_calling_the_service():
    response = _page(_request({"name": ""}), _not_called)
    assert response.status_code == 422
    assert b"This field is required." in response.content


def test_success_says_the_message_and_goes_to_the_url_from_the_result():
    request = _request({"name": "Anna"})
    response = _page(request, lambda: 7, url=lambda pk: f"/things/{pk}/")
    assert (response.status_code, response["Location"]) == (302, "/things/7/")
    assert [str(m) for m in get_messages(request)] == ["Saved."]


def test_service_field_error_goes_next_to_the_field_with_422():
    def save():
        raise field_error("name", "Taken.", code="taken")

    request = _request({"name": "Anna"})
    response = _page(request, save)
    assert response.status_code == 422
    assert b"Taken." in response.content
    assert list(get_messages(request)) == []


def test_service_error_of_another_key_goes_on_the_whole_form():
    def save():
        raise ValidationError({"slug": ValidationError("Slug taken.", code="x")})

    response = _page(_request({"name": "Anna"}), save)
    assert response.status_code == 422
    assert b"Slug taken." in response.content


def test_htmx_gets_the_form_partial_and_a_client_redirect():
    invalid = _page(_request({"name": ""}, htmx=True), _not_called)
    valid = _page(_request({"name": "Anna"}, htmx=True), lambda: None)
    assert invalid.status_code == 422
    assert invalid.content.startswith(b"<form>")
    assert (valid.status_code, valid["HX-Redirect"]) == (200, "/done/")


def test_permission_denied_is_not_caught():
    def save():
        raise PermissionDenied

    with pytest.raises(PermissionDenied):
        _page(_request({"name": "Anna"}), save)


def test_a_context_function_is_read_only_when_the_page_comes_again():
    calls = []

    def context():
        calls.append(1)
        return {"title": "Listed"}

    def page(data, save):
        return handle_form(
            _request(data),
            NameForm(data),
            save=save,
            url="/done/",
            success=None,
            template=TEMPLATE,
            context=context,
        )

    saved = page({"name": "Anna"}, lambda: None)
    refused = page({"name": ""}, _not_called)

    assert saved.status_code == 302
    assert refused.status_code == 422 and b"Listed" in refused.content
    assert calls == [1]
