import pytest

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_where_browsers_look(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/tandem/favicon.ico"


def test_pages_link_the_svg_favicon_and_show_the_wordmark(client):
    html = client.get("/en/").content.decode()

    assert (
        '<link rel="icon" href="/static/tandem/favicon.svg" type="image/svg+xml">'
        in html
    )
    assert (
        '<a class="brand__home" href="/en/"><img src="/static/tandem/wordmark.svg" '
        'alt="Tandem" width="160" height="40"></a>'
    ) in html
