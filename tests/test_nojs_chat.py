"""The no-JavaScript chat (/chat/) in Debian's Chromium with JavaScript disabled, against the real
Signpost server: what Tor Browser's "Safest" setting gets (issue: no-JS chat and onion service)."""
from __future__ import annotations

import html
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from signpost.directory import emergency_table
from signpost.languages import supported_locales
from signpost.server.nojs_channel import CONVERSATION_ID
from tests.support import locale_strings
from widget.browser import axe_violations, launch_chromium

pytestmark = pytest.mark.browser

EN = locale_strings("en")


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


class Tab:
    """A JavaScript-disabled tab that records every response it gets."""

    def __init__(self, browser, base_url: str):
        self.base_url = base_url
        self.context = browser.new_context(java_script_enabled=False)
        self.page = self.context.new_page()
        self.page.set_default_timeout(20000)
        self.responses = []
        self.page.on("response", lambda response: self.responses.append(response))

    def open(self, query: str = "locale=en"):
        return self.page.goto(f"{self.base_url}/chat/?{query}")

    def choose_country(self, label: str) -> None:
        """The page's own GET form: select elements and a submit button, no script."""
        self.page.select_option("#country", label=label)
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=EN["nojs.apply"]).click()

    def say(self, text: str) -> None:
        self.page.fill("#text", text)
        with self.page.expect_navigation():
            self.page.press("#text", "Enter")   # Enter sends the text, not a topic button

    def press(self, title: str) -> None:
        with self.page.expect_navigation():
            self.page.locator("button", has_text=title).first.click()

    def transcript(self) -> str:
        return self.page.locator(".transcript").inner_text()

    def conversation_id(self) -> str:
        return self.page.locator("input[name=conversation]").first.get_attribute("value")


@pytest.fixture
def tab(chromium, signpost_server):
    opened = Tab(chromium, signpost_server.base_url)
    yield opened
    opened.context.close()


def post_form(base_url: str, path: str, fields: dict) -> str:
    request = urllib.request.Request(f"{base_url}{path}", data=urllib.parse.urlencode(fields).encode(),
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.read().decode("utf-8")


def test_javascript_really_is_off(tab):
    """The tabs here run no script at all: a probe page's inline script leaves its text alone."""
    probe = f"{tab.base_url}/test-probe"
    tab.page.route(probe, lambda route: route.fulfill(
        status=200, content_type="text/html",
        body='<p id="x">off</p><script>document.getElementById("x").textContent = "on";</script>'))
    tab.page.goto(probe)
    assert tab.page.locator("#x").inner_text() == "off"
    tab.open()
    assert tab.page.locator("script").count() == 0


def test_first_page_headers_notice_and_quick_exit(tab):
    answer = tab.open("locale=en&country=GB")
    headers = answer.headers
    csp = headers["content-security-policy"]
    for directive in ("script-src 'none'", "default-src 'none'", "style-src 'self'", "form-action 'self'",
                      "frame-ancestors 'none'", "base-uri 'none'"):
        assert directive in csp
    assert headers["cache-control"] == "no-store"
    assert headers["referrer-policy"] == "no-referrer"
    assert "set-cookie" not in headers

    page = tab.page
    assert page.locator("html").get_attribute("lang") == "en"
    notice = page.locator(".notice").inner_text()
    for key in ("notice_automated", "notice_saved", "notice_identify", "notice_leave"):
        assert EN[f"nojs.{key}"] in notice
    hrefs = [a.get_attribute("href") for a in page.locator(".notice a").all()]
    assert hrefs == [n["href"] for n in emergency_table()["GB"]]          # 999 or 112, as tel: links
    assert page.locator("#country option[selected]").get_attribute("value") == "GB"
    assert page.locator("button[name=message]").count() == 7              # the seven topics
    assert CONVERSATION_ID.fullmatch(tab.conversation_id())

    leave = page.locator("a.leave")
    assert leave.inner_text() == EN["nojs.leave_now"]
    # First in the keyboard order, and a plain link to a neutral page.
    page.keyboard.press("Tab")
    assert page.locator("a.leave:focus").count() == 1
    with page.expect_navigation():
        leave.click()
    assert page.title() == EN["nojs.neutral_title"]
    assert "chat" not in page.url


def test_crisis_from_the_uk_is_answered_with_116_123(tab):
    tab.open()
    tab.choose_country("United Kingdom")
    tab.say("I want to kill myself")
    page = tab.page
    card = page.locator(".card[data-kind=crisis_line]")
    assert card.locator("a[href='tel:116123']").is_visible()
    assert "116 123" in card.inner_text()
    assert "I want to kill myself" in tab.transcript()                     # their own words, on their page
    assert page.locator("#reply").count() == 1                             # the page opens at the reply
    assert tab.context.cookies() == []


def test_a_second_turn_keeps_the_context(tab):
    tab.open()
    tab.press(EN["topics.own_thoughts"])
    page = tab.page
    assert EN["country.question"] in tab.transcript()                      # no country yet: asked
    tab.press("United Kingdom")
    transcript = tab.transcript()
    # The need from the first turn was remembered: the second answers it for the chosen country.
    assert EN["topics.own_thoughts"] in transcript and EN["country.question"] in transcript
    assert page.locator(".card[data-kind=prevention_service]").count() >= 1
    assert "Stop It Now" in page.locator(".card").first.inner_text()


def test_end_chat_forgets_the_transcript(tab, signpost_server):
    tab.open("locale=en&country=GB")
    tab.say("I want to kill myself")
    conversation = tab.conversation_id()
    page = tab.page
    with page.expect_navigation():
        page.locator("form[action='/chat/end'] button").click()   # the page's own End chat
    assert EN["ended"] in page.locator("main").inner_text()
    assert page.locator(".transcript").count() == 0
    assert "kill myself" not in page.content()
    # The same id again: nothing of the conversation is left on the server.
    again = post_form(signpost_server.base_url, "/chat/", {"conversation": conversation, "locale": "en", "text": ""})
    assert "kill myself" not in again and "Samaritans" not in again
    assert tab.context.cookies() == []


def test_the_bots_own_end_chat_button_forgets_too(tab):
    tab.open("locale=en&country=GB")
    tab.press(EN["topics.crisis"])
    tab.press(EN["followups.end_chat"])
    assert EN["ended"] in tab.page.locator("main").inner_text()
    assert tab.page.locator(".transcript").count() == 0


def test_no_cookies_no_storage_and_every_answer_uncached(tab):
    tab.open()
    tab.press(EN["topics.report_images"])
    tab.say("hello")
    assert tab.context.cookies() == []
    assert tab.context.storage_state()["origins"] == []
    for response in tab.responses:
        assert "set-cookie" not in response.headers, response.url
        assert response.headers.get("cache-control") == "no-store", response.url


def test_arabic_is_right_to_left(tab):
    tab.open("locale=ar&country=GB")
    page = tab.page
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    ar = locale_strings("ar")
    tab.press(ar["topics.crisis"])
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert ar["topics.crisis"] in tab.transcript()
    assert page.locator(".card a[href='tel:116123'] bdi[dir=ltr]").count() == 1


def test_everything_is_escaped(tab):
    tab.open()
    tab.say('<b id="injected">bold</b> "quoted"')
    assert tab.page.locator("#injected").count() == 0
    assert '<b id="injected">bold</b>' in tab.transcript()


@pytest.fixture
def axe_tab(chromium, signpost_server):
    """axe-core is a script: it runs in a tab of its own with scripts on (the CSP bypassed for it)."""
    context = chromium.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(20000)
    yield page
    context.close()


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_axe_no_violations(axe_tab, signpost_server, locale):
    page = axe_tab
    page.goto(f"{signpost_server.base_url}/chat/?locale={locale}&country=GB")
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.locator("button[name=message][value='/crisis']").click()
    assert page.locator(".card").count() >= 1
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.locator("form[action='/chat/end'] button").click()
    assert axe_violations(page) == []
    page.goto(f"{signpost_server.base_url}/weather?locale={locale}")
    assert axe_violations(page) == []


def test_bad_conversation_ids_get_a_fresh_start_not_an_error(signpost_server):
    for bad in ("", "short", "G" * 32, "../" * 20):
        request = urllib.request.Request(
            f"{signpost_server.base_url}/chat/",
            data=urllib.parse.urlencode({"conversation": bad, "text": "I want to kill myself"}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(request, timeout=30)
        body = error.value.read().decode()
        assert error.value.code == 400
        assert EN["error.turn_failed"].replace("'", "&#x27;") in body       # never a dead end
        assert re.search(r'name="conversation" value="[0-9a-f]{32}"', body)
        assert "kill myself" not in body


def test_hostile_posts_never_fail_or_echo(signpost_server):
    """Odd bodies get a page (or a fixed 4xx), never a 5xx, and never repeat what was sent."""
    conversation = "0123456789abcdef" * 2
    bodies = [
        ("application/x-www-form-urlencoded", f"conversation={conversation}&locale=ECHO1&text=%ff%fe%00ECHO2"),
        ("application/x-www-form-urlencoded", f"conversation={conversation}&conversation=ECHO3&message=/ECHO4&message=/x"),
        ("application/x-www-form-urlencoded", f"conversation={conversation}&country=ECHO5&text=" + "a" * 3000),
        ("application/json", '{"conversation": "ECHO6", "text": "ECHO7"}'),
        ("text/plain", "ECHO8"),
        ("application/x-www-form-urlencoded", ""),
    ]
    for content_type, body in bodies:
        for path in ("/chat/", "/chat/end"):
            request = urllib.request.Request(f"{signpost_server.base_url}{path}", data=body.encode(),
                                             headers={"Content-Type": content_type})
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:
                    status, text = answer.status, answer.read().decode()
            except urllib.error.HTTPError as error:
                status, text = error.code, error.read().decode()
            assert status < 500, (path, body[:40])
            echoed = [m for m in ("ECHO1", "ECHO3", "ECHO5", "ECHO6", "ECHO7", "ECHO8") if m in text]
            assert echoed == [], (path, body[:40])


@pytest.mark.parametrize("locale", supported_locales())
def test_the_first_page_speaks_every_locale(signpost_server, locale):
    with urllib.request.urlopen(f"{signpost_server.base_url}/chat/?locale={locale}&country=DE", timeout=30) as answer:
        text = answer.read().decode()
    strings = locale_strings(locale)
    assert f'<html lang="{locale}" dir="{"rtl" if locale == "ar" else "ltr"}">' in text
    for key in ("nojs.notice_heading", "nojs.send", "nojs.leave_now", "nojs.country_label"):
        assert html.escape(strings[key]) in text, key
    assert html.escape(strings["topics.crisis"]) in text
