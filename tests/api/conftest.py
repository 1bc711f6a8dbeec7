import pytest
from django.test import Client

from tandem.accounts.services import create_api_token
from tandem.partnerships.models import Area


@pytest.fixture
def api_client():
    return Client()


@pytest.fixture
def owner_token(owner):
    _token, key = create_api_token(by=owner, name="Sync")
    return key


@pytest.fixture
def auth(owner_token):
    return {"HTTP_AUTHORIZATION": f"Bearer {owner_token}"}


@pytest.fixture
def areas(db):
    """The agreement's areas, seeded by a migration."""
    return {
        "tech": Area.objects.get(slug="new-technologies"),
        "ai": Area.objects.get(slug="ai-data"),
        "agri": Area.objects.get(slug="agriculture"),
    }
