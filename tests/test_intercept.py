"""The platform intercept (issue 18), against the real servers: GET /intercept in every locale, the
chat it leads into, the counting redirect, the funnel, and the HTML page in Chromium without
JavaScript."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode, urljoin

import pytest

from signpost import paths
from signpost.counters import Counters
from signpost.intercept import REASONS
from signpost.languages import supported_locales
from tests.servers import start_signpost
from tests.support import cards, from_locale, locale_strings

EXPECTED = {   # (locale, country) -> the prevention service the directory ranks first
    ("en", "GB"): "stop-it-now-uk-ie",
    ("de", "DE"): "kein-taeter-werden-de",
    ("nl", "NL"): "stop-it-now-nl",
    ("en", "US"): "stop-it-now-us",
    ("ar", "GB"): "stop-it-now-uk-ie",
}
EMERGENCY = {"GB": "999", "DE": "112", "NL": "112", "US": "911"}
HOSTILE = '<script>alert("x")</script>HOSTILE'


def get(base_url: str, path: str, headers: dict | None = None, follow: bool = True):
    """(status, headers, body text); redirects are not followed when follow=False."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(*([] if follow else [NoRedirect()]))
    request = urllib.request.Request(base_url + path, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as answer:
            return answer.status, answer.headers, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def intercept_json(base_url: str, **query) -> dict:
    status, headers, body = get(base_url, "/intercept?" + urlencode({**query, "format": "json"}))
    assert status == 200 and headers["Cache-Control"] == "no-store"
    return json.loads(body)


@pytest.fixture(scope="module")
def counted(built, tmp_path_factory):
    """A server of its own, with its own counters database."""
    var = tmp_path_factory.mktemp("intercept-var")
    running = start_signpost(tmp_path_factory.mktemp("intercept-logs"), extra_env={"SIGNPOST_VAR_DIR": str(var)})
    yield running, var / "stats.db"
    running.servers.stop()


@pytest.mark.parametrize("locale, country", sorted(EXPECTED))
def test_the_right_service_for_the_persons_country(signpost_server, locale, country):
    content = intercept_json(signpost_server.base_url, locale=locale, country=country, reason="search")
    assert content["service"]["id"] == EXPECTED[(locale, country)]
    assert content["service"]["kind"] == "prevention_service"
    assert content["service"]["verified_on"] and content["service"]["source_url"]
    assert content["locale"] == locale and content["dir"] == ("rtl" if locale == "ar" else "ltr")
    assert content["emergency"]["display"] == EMERGENCY[country]
    assert content["crisis"]["href"].startswith("tel:")
    assert content["chat"]["first_message"] == "/need_viewed_images"
    assert content["chat"]["metadata"] == {"locale": locale, "country": country, "intercept": "search"}
    assert content["chat"]["url"].startswith("/intercept/chat?")


@pytest.mark.parametrize("locale", supported_locales())
def test_every_locale_answers_in_its_own_words(signpost_server, locale):
    strings = set(locale_strings(locale).values())
    for reason in REASONS:
        content = intercept_json(signpost_server.base_url, locale=locale, country="GB", reason=reason)
        assert content["locale"] == locale
        assert content["warning"]["heading"] == locale_strings(locale)[f"intercept.heading.{reason}"]
        for text in (*content["warning"]["paragraphs"], content["chat"]["label"], content["chat"]["text"],
                     content["service_heading"], content["leave"]["label"]):
            assert text in strings, text
        for key in ("emergency", "crisis"):
            assert from_locale(content[key]["text"], locale), content[key]["text"]
        assert from_locale(content["service"]["description"], locale)
    status, headers, body = get(signpost_server.base_url, f"/intercept?locale={locale}&country=GB&reason=search")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert f'<html lang="{locale}" dir="{"rtl" if locale == "ar" else "ltr"}">' in body
    assert "<script" not in body


def test_the_warning_says_illegal_ai_harm_help_and_nothing_recorded(signpost_server):
    text = " ".join(intercept_json(signpost_server.base_url, locale="en", country="GB")["warning"]["paragraphs"])
    for words in ("illegal", "made with AI", "harm children", "confidential help", "Nothing on this page is recorded"):
        assert words in text


def test_accept_header_chooses_json_and_accept_language_the_locale(signpost_server):
    status, headers, body = get(signpost_server.base_url, "/intercept?country=DE&reason=prompt",
                                headers={"Accept": "application/json", "Accept-Language": "de-AT,de;q=0.9"})
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    content = json.loads(body)
    assert content["locale"] == "de" and content["service"]["id"] == "kein-taeter-werden-de"


def test_a_hostile_reason_is_read_as_other_and_never_echoed(signpost_server):
    query = urlencode({"locale": HOSTILE, "country": HOSTILE, "reason": HOSTILE})
    for extra, accept in (("", "text/html"), ("&format=json", "application/json")):
        status, headers, body = get(signpost_server.base_url, f"/intercept?{query}{extra}",
                                    headers={"Accept": accept, "Accept-Language": HOSTILE})
        assert status == 200 and headers["Cache-Control"] == "no-store"
        assert "HOSTILE" not in body and "alert" not in body
    content = intercept_json(signpost_server.base_url, reason=HOSTILE)
    assert content["reason"] == "other" and content["locale"] == "en" and content["country"] is None
    assert content["warning"]["heading"] == "This is blocked"
    assert content["emergency"]["text"].startswith("If a child is in danger right now, call your local")


def test_without_a_country_international_services_and_general_numbers(signpost_server):
    content = intercept_json(signpost_server.base_url, locale="en", reason="upload")
    assert content["service"]["id"] in {"redirection", "troubled-desire"}
    assert "display" not in content["emergency"] and "crisis line" in content["crisis"]["text"]


def test_the_counting_redirect_goes_only_to_the_shown_services_own_address(signpost_server):
    content = intercept_json(signpost_server.base_url, locale="en", country="GB", reason="search")
    web = [c for c in content["service"]["channels"] if c.get("go")]
    assert web and all(c["type"] in ("web", "chat") for c in web)
    status, headers, _ = get(signpost_server.base_url, web[0]["go"], follow=False)
    assert status == 302 and headers["Location"] == web[0]["href"]
    assert headers["Cache-Control"] == "no-store"
    phone = next(i for i, c in enumerate(content["service"]["channels"]) if c["type"] == "phone")
    for query in ("to=stop-it-now-uk-ie&channel=99", f"to=stop-it-now-uk-ie&channel={phone}",
                  "to=https://evil.example&channel=0", "to=samaritans&channel=0", "to=x&channel=-1"):
        status, headers, body = get(signpost_server.base_url,
                                    f"/intercept/go?locale=en&country=GB&reason=search&{query}", follow=False)
        assert status == 303 and headers["Location"] == "/intercept?locale=en&country=GB&reason=search", query
        assert "evil" not in headers["Location"] + body


def test_the_chat_opens_on_the_viewed_images_route(signpost_server):
    content = intercept_json(signpost_server.base_url, locale="nl", country="NL", reason="upload")
    chat = signpost_server.chat(locale="nl", country="NL")
    answer = chat.say(content["chat"]["first_message"], **content["chat"]["metadata"])
    assert cards(answer)[0]["id"] == "stop-it-now-nl"
    status, headers, page = get(signpost_server.base_url, content["chat"]["url"])
    assert status == 200 and 'data-intercept="upload"' in page and 'data-open="true"' in page
    assert "script-src 'self'" in headers["Content-Security-Policy"]


def test_the_funnel_is_counted_and_reported(counted, tmp_path):
    running, db = counted
    base = running.base_url
    for _ in range(12):
        content = intercept_json(base, locale="en", country="GB", reason="search")
    for _ in range(11):
        running.chat(country="GB").say("/need_viewed_images", intercept="search")
    for _ in range(10):
        get(base, content["service"]["channels"][2]["go"], follow=False)
    get(base, "/intercept?reason=unknown")
    expected = {("warning_shown", "search"): 12, ("warning_shown", "other"): 1,
                ("chat_opened", "search"): 11, ("contact_chosen", "search"): 10}
    for _ in range(50):   # the counters are written off the reply path, a moment later
        with sqlite3.connect(db) as conn:
            counts = {(e, d): n for e, d, n in conn.execute(
                "SELECT event, detail, SUM(count) FROM daily_counts WHERE event IN "
                "('warning_shown', 'chat_opened', 'contact_chosen') GROUP BY event, detail")}
        if counts == expected:
            break
        time.sleep(0.1)
    assert counts == {("warning_shown", "search"): 12, ("warning_shown", "other"): 1,
                      ("chat_opened", "search"): 11, ("contact_chosen", "search"): 10}
    env = {**os.environ, "SIGNPOST_VAR_DIR": str(db.parent)}
    table = subprocess.run([sys.executable, "-m", "signpost.cli", "stats"], env=env, capture_output=True,
                           text=True, check=True, cwd=paths.ROOT).stdout
    assert "intercept's funnel" in table
    assert any(line.split()[:8] == ["en", "GB", "search", "12", "11", "10", "91.7%", "83.3%"]
               for line in table.splitlines()), table
    report = tmp_path / "funnel.html"
    subprocess.run([sys.executable, "-m", "signpost.cli", "stats", "--html", str(report)], env=env, check=True,
                   capture_output=True, cwd=paths.ROOT)
    html = report.read_text(encoding="utf-8")
    assert "<svg" in html and "<rect" in html and "<script" not in html.lower()
    assert "src=" not in html and "href=" not in html   # nothing loaded from anywhere
    assert "&lt;10" not in html and "<td>other</td>" not in html   # the lone "other" warning is left out


def test_an_older_counters_table_accepts_the_new_events(tmp_path):
    from signpost.counters import SCHEMA

    db = tmp_path / "stats.db"
    with sqlite3.connect(db) as conn:
        conn.execute(SCHEMA.replace(", 'warning_shown', 'chat_opened', 'contact_chosen'", ""))
        conn.execute("INSERT INTO daily_counts VALUES ('2026-01-01', 'en', 'GB', 'exit', '', 4)")
    counters = Counters(db, flush_seconds=0)
    counters.record("warning_shown", "en", "GB", "search")
    counters.flush()
    with sqlite3.connect(db) as conn:
        assert sorted(conn.execute("SELECT event, count FROM daily_counts")) == [("exit", 4), ("warning_shown", 1)]


# --- In Chromium ----------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("locale, country", [("en", "GB"), ("ar", "GB"), ("de", "DE")])
def test_the_html_page_works_without_javascript(signpost_server, locale, country):
    from playwright.sync_api import sync_playwright

    from widget.browser import axe_violations, launch_chromium

    url = f"{signpost_server.base_url}/intercept?locale={locale}&country={country}&reason=search"
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 740})
            page = context.new_page()
            console: list[str] = []
            page.on("console", lambda message: console.append(message.text))
            page.goto(url)
            assert page.locator("h1").inner_text() == locale_strings(locale)["intercept.heading.search"]
            assert page.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
            card = page.locator(f"article[data-service='{EXPECTED[(locale, country)]}']")
            assert card.is_visible()
            assert page.locator(f"a[href='tel:{EMERGENCY[country]}']").is_visible()
            # No horizontal scrolling on a small phone (WCAG reflow).
            assert page.evaluate("document.documentElement.scrollWidth") <= 320
            # Following the web link goes through the counter to the service itself.
            go = card.locator("a[href^='/intercept/go']").first.get_attribute("href")
            status, headers, _ = get(signpost_server.base_url, go, follow=False)
            assert status == 302 and headers["Location"].startswith("https://")
            chat = page.locator("a.chat")
            if locale == "en":
                assert chat.inner_text() == "Chat anonymously"
            assert urljoin(url, chat.get_attribute("href")).startswith(signpost_server.base_url + "/intercept/chat?")
            assert not [m for m in console if "csp" in m.lower() or "refused" in m.lower()]
            context.close()
            # WCAG 2.2 AA, checked by axe (which needs JavaScript to run, in a second context).
            context = browser.new_context(bypass_csp=True)
            page = context.new_page()
            page.goto(url)
            assert axe_violations(page) == []
            context.close()
        finally:
            browser.close()


@pytest.mark.browser
def test_the_widget_opens_with_the_warning_first(signpost_server):
    from playwright.sync_api import sync_playwright

    from widget.browser import launch_chromium, log_size, wait_for_replies, widget_tab

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            with widget_tab(browser, signpost_server.base_url) as w:
                w.open_host(locale="de", country="DE", script="signpost-platform.js")
                w.page.evaluate("Signpost.intercept({reason: 'prompt'})")
                root = "document.querySelector('signpost-chat').shadowRoot"
                w.page.wait_for_function(f"() => {root}.querySelector('.card')")
                first = w.page.evaluate(f"() => {root}.querySelector('[role=log] .msg h3').textContent")
                assert first == locale_strings("de")["intercept.heading.prompt"]
                hrefs = w.page.evaluate(f"() => Array.from({root}.querySelectorAll('.card a')).map(a => a.href)")
                assert any("/intercept/go?" in h and "to=kein-taeter-werden-de" in h for h in hrefs)
                before = log_size(w.page)
                w.page.evaluate(f"() => {root}.querySelector('.choices button').click()")
                wait_for_replies(w.page, before + 1)
                bodies = [r.post_data for r in w.requests if r.url.endswith("/webhooks/rest/webhook")]
                assert json.loads(bodies[-1])["metadata"]["intercept"] == "prompt"
                assert json.loads(bodies[-1])["message"] == "/need_viewed_images"
                assert not [m for m in w.console if "csp-violation" in m]
        finally:
            browser.close()
