"""Embedding on a charity's own site: another origin than the Signpost server's.

A second Signpost is started that lists one host origin in SIGNPOST_CORS_ORIGINS, and a small host
site on another loopback port serves the documented snippet (versioned address, integrity and
crossorigin). The host site is reached as http://localhost:<port> (listed) and as
http://127.0.0.1:<port> (the same site under an origin that is not listed).
"""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from signpost import __version__
from signpost.paths import WIDGET_BUILD_DIR
from signpost.server import processes
from signpost.settings import Settings
from widget.browser import STRICT_CSP, wait_for_replies, widget_tab
from widget.build import sri_hash

pytestmark = pytest.mark.browser

SNIPPET_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A charity</title>
<script src="{base}/widget/v{version}/signpost.js" integrity="{integrity}" crossorigin="anonymous"
        referrerpolicy="no-referrer" defer data-locale="en" data-country="GB"
        data-exit-url="{base}/demo/neutral"></script>
</head><body><main><h1>A charity's page</h1></main></body></html>
"""


def host_site(base: str, port: int) -> ThreadingHTTPServer:
    """The charity's site on 127.0.0.1:<port>: every path answers the snippet page, under a strict CSP."""
    page = SNIPPET_PAGE.format(base=base, version=__version__,
                               integrity=sri_hash((WIDGET_BUILD_DIR / "signpost.js").read_bytes())).encode()
    csp = STRICT_CSP.replace("script-src 'self'", f"script-src {base}").replace(
        "connect-src 'self'", f"connect-src {base}")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Security-Policy", csp)
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass  # nothing of the test traffic is logged

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def embedding_server(built, tmp_path_factory):
    """(Signpost base URL, host site port); the host site's localhost origin is the listed one."""
    site_port = processes.free_port()
    logs = tmp_path_factory.mktemp("embedding-logs")
    with open(logs / "stdout.log", "w") as out, open(logs / "stderr.log", "w") as err:
        servers = processes.start(Settings(cors_origins=(f"http://localhost:{site_port}",)),
                                  port=processes.free_port(), stdout=out, stderr=err,
                                  extra_env={"SIGNPOST_COUNTER_FLUSH_SECONDS": "0"})
        try:
            site = host_site(servers.base_url, site_port)
            try:
                yield servers.base_url, site_port
            finally:
                site.shutdown()
                site.server_close()
        finally:
            servers.stop()


@pytest.fixture
def host(chromium, embedding_server):
    """open("listed" | "unlisted"): a tab showing the snippet on the host site."""
    base, port = embedding_server
    with widget_tab(chromium, base, viewport={"width": 1024, "height": 800}) as w:
        def open_page(which: str):
            w.page.goto(f"http://{'localhost' if which == 'listed' else '127.0.0.1'}:{port}/")
            w.page.locator("signpost-chat .launcher").wait_for()
            return w
        yield open_page


def test_widget_file_is_public_to_any_origin(host, embedding_server):
    """Also for a listed origin: one Access-Control-Allow-Origin header, never two."""
    base, _ = embedding_server
    w = host("unlisted")
    response = w.page.request.get(f"{base}/widget/v{__version__}/signpost.js",
                                  headers={"Origin": "http://unlisted.example"})
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers


def test_unlisted_origin_gets_the_widget_and_the_fallback_numbers(host):
    w = host("unlisted")
    page = w.page
    assert page.locator(".bar .exit").is_visible(), "Leave now is there even though the API refuses this origin"
    page.locator(".launcher").click()
    notice = page.locator(".log .notice")
    notice.wait_for()
    hrefs = [a.get_attribute("href") for a in notice.locator("a").all()]
    assert hrefs[:2] == ["tel:999", "tel:112"], "emergency numbers first"
    assert "tel:116123" in hrefs, "the crisis line (Samaritans)"
    assert "tel:+448081000900" in hrefs, "the prevention helpline (Stop It Now)"
    assert notice.locator("button.retry").is_visible()


def test_retry_sends_the_message_again(host):
    w = host("unlisted")
    page = w.page
    page.locator(".launcher").click()
    page.locator(".log .notice").wait_for()
    posts = len([r for r in w.requests if r.method == "POST"])
    page.locator("button.retry").click()
    page.wait_for_function("() => document.querySelector('signpost-chat').shadowRoot"
                           ".querySelectorAll('.log .notice').length === 1 && !document.querySelector('signpost-chat')"
                           ".shadowRoot.querySelector('.waiting').textContent")
    assert len([r for r in w.requests if r.method == "POST"]) > posts


def test_listed_origin_chats_and_preflight_is_cacheable(host, embedding_server):
    base, port = embedding_server
    w = host("listed")
    page = w.page
    page.locator(".launcher").click()
    wait_for_replies(page, 0)
    assert page.locator(".log .notice").count() == 0, "a listed origin gets real replies"
    preflight = page.request.fetch(f"{base}/webhooks/rest/webhook", method="OPTIONS", headers={
        "Origin": f"http://localhost:{port}", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.headers["access-control-allow-origin"] == f"http://localhost:{port}"
    assert preflight.headers["access-control-max-age"].isdigit(), preflight.headers


def test_no_storage_on_either_origin(host):
    w = host("listed")
    page = w.page
    page.locator(".launcher").click()
    wait_for_replies(page, 0)
    assert page.context.storage_state() == {"cookies": [], "origins": []}


def test_listed_origin_gets_one_allow_origin_header_for_the_widget(host, embedding_server):
    base, port = embedding_server
    w = host("listed")
    response = w.page.request.get(f"{base}/widget/v{__version__}/signpost.js",
                                  headers={"Origin": f"http://localhost:{port}"})
    values = [h["value"] for h in response.headers_array if h["name"].lower() == "access-control-allow-origin"]
    assert values == ["*"]
