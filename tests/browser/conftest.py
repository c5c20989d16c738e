"""Fixtures for the widget's browser tests: Debian's Chromium driven by Playwright.

The tests run against the real Signpost server (the `signpost_server` fixture in
tests/conftest.py). Host pages other than the demo are answered by Playwright
on the server's own origin (`<base>/test-host/...`), with the demo's strict CSP,
so every variant (locale, country, exit address) stays on loopback and loads
the real widget file and the real chat API.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Chromium against the Signpost server")


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Widget:
    """One browser tab with a host page, plus what the tests observe about it."""

    page: object
    base_url: str
    requests: list = field(default_factory=list)
    console: list = field(default_factory=list)
    pages: dict = field(default_factory=dict)  # URL -> HTML answered by Playwright

    def host_url(self, name: str = "page") -> str:
        return f"{self.base_url}/test-host/{name}"

    def open_host(self, locale="en", country="GB", exit_url=None, lang="en", dir="ltr", **data) -> None:
        """Load a host page whose script tag carries the given data-* options."""
        data = {"locale": locale, "country": country, "exit-url": exit_url or f"{self.base_url}/demo/neutral", **data}
        attrs = " ".join(f'data-{k}="{html.escape(str(v))}"' for k, v in data.items() if v is not None)
        self.pages[self.host_url()] = HOST_PAGE.format(lang=lang, dir=dir, attrs=attrs)
        self.page.goto(self.host_url())
        self.page.wait_for_function("() => customElements.get('signpost-chat') && document.querySelector('signpost-chat')")

    def open_demo(self) -> None:
        self.page.goto(f"{self.base_url}/demo/")
        self.page.wait_for_function("() => document.querySelector('signpost-chat')")


HOST_PAGE = """<!DOCTYPE html>
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host page</title>
<script src="/widget/signpost.js" defer {attrs}></script>
</head>
<body>
<main>
<h1>A charity's page</h1>
<p>Some text with <a href="#top">a link</a>.</p>
</main>
</body>
</html>
"""

# Reports Content-Security-Policy violations to the console, where the tests
# collect them. Added before any page script runs.
INIT_SCRIPT = """
addEventListener("securitypolicyviolation", (e) => console.error("csp-violation " + e.violatedDirective));
"""


@pytest.fixture
def widget(chromium, signpost_server):
    base_url = signpost_server.base_url.rstrip("/")
    context = chromium.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.add_init_script(INIT_SCRIPT)
    w = Widget(page=page, base_url=base_url)
    page.route(
        f"{base_url}/test-host/**",
        lambda route: route.fulfill(
            status=200,
            headers={"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": STRICT_CSP},
            body=w.pages[route.request.url],
        ),
    )
    page.on("request", lambda request: w.requests.append(request))
    page.on("console", lambda message: w.console.append(message.text))
    yield w
    context.close()
