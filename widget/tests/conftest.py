"""Fixtures for the widget's browser tests: Debian's Chromium driven by Playwright (widget/browser.py),
against the real Signpost server (the `signpost_server` fixture in tests/servers.py)."""
from __future__ import annotations

import pytest

from widget.browser import launch_chromium, widget_tab


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Chromium against the Signpost server")


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def widget(chromium, signpost_server):
    with widget_tab(chromium, signpost_server.base_url) as w:
        yield w
