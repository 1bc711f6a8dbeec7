"""Browser tests: Debian's Chromium driven by Playwright against Django's live server."""

import importlib
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# A request still running this long after its page closed is a hung request.
REQUEST_GRACE_SECONDS = 30
SCREENSHOTS = (
    Path(os.environ.get("TANDEM_SCREENSHOTS", ""))
    if os.environ.get("TANDEM_SCREENSHOTS")
    else None
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
        ],
    }


def _live_server_request_threads() -> list[threading.Thread]:
    # Django's live server serves each browser connection in a thread running
    # process_request_thread; Python names a thread after its target.
    return [
        thread
        for thread in threading.enumerate()
        if thread.name.endswith("(process_request_thread)")
    ]


@pytest.fixture(autouse=True)
def _browser_done(transactional_db: None, browser: Browser) -> Iterator[None]:
    """Ends each browser test with its pages closed and the live server idle.

    A page a test opens itself (`browser.new_context()`, `browser.new_page()`)
    would otherwise stay open until the session ends, keeping connections whose
    server threads outlive the test: they would still serve requests while the
    next test flushes the database, and on SQLite they close the in-memory
    connection, which the server shares with the tests, after the session-scoped
    live server has stopped sharing it. Depending on `transactional_db` puts
    this teardown before the flush.
    """
    yield
    for context in browser.contexts:
        context.close()
    # Closing a page drops its connections; their threads end a moment later.
    deadline = time.monotonic() + REQUEST_GRACE_SECONDS
    for thread in _live_server_request_threads():
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    busy = _live_server_request_threads()
    assert busy == [], f"the live server still serves requests: {busy}"


@pytest.fixture
def policy_violations() -> list[str]:
    """The Content-Security-Policy violations seen so far; a test that causes
    one on purpose clears this list after checking it."""
    return []


@pytest.fixture(autouse=True)
def _no_policy_violations(
    browser: Browser, monkeypatch: pytest.MonkeyPatch, policy_violations: list[str]
) -> Iterator[None]:
    """Fails a browser test when a page broke the Content-Security-Policy.

    Chromium reports every blocked script, style, image or frame on the page's
    console ("… violates the following Content Security Policy directive …");
    every context the test opens, through the `page` fixture or
    `browser.new_context()` / `browser.new_page()`, is listened to.
    """
    violations = policy_violations

    def listen(context: BrowserContext) -> BrowserContext:
        def on_console(message: ConsoleMessage) -> None:
            if "Content Security Policy" in message.text:
                violations.append(
                    f"{message.page and message.page.url}: {message.text}"
                )

        context.on("console", on_console)
        return context

    new_context, new_page = browser.new_context, browser.new_page
    monkeypatch.setattr(browser, "new_context", lambda **kw: listen(new_context(**kw)))

    def open_page(**kw: Any) -> Any:
        page = new_page(**kw)
        listen(page.context)
        return page

    monkeypatch.setattr(browser, "new_page", open_page)
    yield
    assert violations == [], "\n".join(violations)


@pytest.fixture
def check_accessibility():
    """Fails on any serious or critical axe-core violation of the page."""
    axe = Axe()

    def check(page: Any, name: str) -> None:
        if SCREENSHOTS:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        results = axe.run(page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(str(n["target"]) for n in v["nodes"][:3])
            for v in results.response["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        assert serious == [], f"{name}: {serious}"

    return check


@pytest.fixture
def areas(transactional_db: None) -> None:
    """The area taxonomy: live-server tests flush the rows its migration created."""
    from tandem.partnerships.models import Area

    migration = importlib.import_module("tandem.partnerships.migrations.0002_areas")
    by_slug: dict[str, Area] = {}
    for position, (slug, parent, en, de, ro) in enumerate(migration.AREAS):
        by_slug[slug], _created = Area.objects.update_or_create(
            slug=slug,
            defaults={
                "parent": by_slug.get(parent),
                "name_translations": {"en": en, "de": de, "ro": ro},
                "position": position,
            },
        )
