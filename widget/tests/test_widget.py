"""The embeddable widget in a real browser, against the real Signpost server."""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from widget.browser import (
    active,
    axe_violations,
    choose,
    log_size,
    open_by_keyboard,
    tab_to,
    type_message,
    wait_for_replies,
)

pytestmark = pytest.mark.browser

# Each route: how the person gets there, and what must then be on screen.
# Steps are ("choose", payload pattern) for a reply button or ("type", text).
ROUTES = {
    "own_thoughts": {
        "steps": [("choose", r"^/need_own_thoughts$")],
        "expect": ".card[data-kind=prevention_service]",
    },
    "child_in_danger": {
        "steps": [("choose", r"^/child_in_danger$")],
        "expect": ".card[data-kind=emergency_number] a[href='tel:999']",
    },
    "crisis": {
        "steps": [("type", "I want to kill myself")],
        "expect": ".card[data-kind=crisis_line] a[href^='tel:']",
    },
    "found_imagery": {
        "steps": [("choose", r"^/need_report_images$")],
        "expect": ".card[data-kind=reporting_hotline]",
    },
}


def emergency_hrefs(country: str) -> list[str]:
    from signpost.directory import emergency_table

    return [number["href"] for number in emergency_table()[country]]


def shadow_js(body: str) -> str:
    return "() => { const root = document.querySelector('signpost-chat').shadowRoot; " + body + " }"


def transcript_text(page) -> str:
    return page.evaluate(shadow_js("return root.querySelector('[role=log]').textContent;"))


def start_conversation(widget, **options) -> None:
    widget.open_host(**options)
    open_by_keyboard(widget.page)


def to_own_thoughts_card(widget) -> None:
    start_conversation(widget)
    choose(widget.page, re.compile(ROUTES["own_thoughts"]["steps"][0][1]))
    widget.page.locator(".card").first.wait_for()


# --- structure -----------------------------------------------------------------


def test_open_shadow_root_lang_dir_and_empty_log(widget):
    widget.open_host(locale="de", country="DE")
    page = widget.page
    host = page.locator("signpost-chat")
    assert host.get_attribute("lang") == "de"
    assert host.get_attribute("dir") == "ltr"
    assert page.evaluate("() => document.querySelector('signpost-chat').shadowRoot.mode") == "open"
    # The live region exists, empty, before anything is said.
    assert page.evaluate(shadow_js("const log = root.querySelector('[role=log]'); return log && log.children.length;")) == 0
    assert page.evaluate(shadow_js("return root.adoptedStyleSheets.length;")) == 1


def test_notice_before_first_message(widget):
    widget.open_host(country="DE")
    page = widget.page
    page.locator(".launcher").click()
    intro = page.locator(".intro")
    assert intro.is_visible()
    text = intro.text_content()
    for phrase in ("automated", "not a person", "Nothing you type is saved", "identify", "Shift key 3 times", "browser history"):
        assert phrase in text
    assert [a.get_attribute("href") for a in intro.locator("a").all()] == emergency_hrefs("DE")
    assert intro.locator("a bdi[dir=ltr]").count() == len(emergency_hrefs("DE"))


# --- conversations by keyboard -------------------------------------------------


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_route_by_keyboard_only(widget, route):
    start_conversation(widget)
    page = widget.page
    assert active(page)["id"] == "message", "opening the chat puts focus in the input"
    for kind, value in ROUTES[route]["steps"]:
        if kind == "choose":
            shown = choose(page, re.compile(value))
            assert shown in transcript_text(page), "the button's words appear as the person's message"
        else:
            type_message(page, value)
        assert active(page)["id"] == "message", "focus stays in the input"
    expected = page.locator(ROUTES[route]["expect"]).first
    expected.wait_for()
    assert expected.is_visible()
    # End the chat by keyboard: from the input, Tab to "End chat".
    page.locator("#message").focus()
    tab_to(page, lambda el: "secondary" in el["cls"])
    page.keyboard.press("Enter")
    assert "launcher" in active(page)["cls"], "ending the chat returns focus to the launcher"
    assert log_size(page) == 0
    assert page.locator(".toast").text_content().startswith("Chat ended")


def test_service_card_links_are_safe(widget):
    to_own_thoughts_card(widget)
    page = widget.page
    card = page.locator(".card").first
    assert card.locator("a[href^='tel:']").count() >= 1
    assert card.locator("a[href^='tel:'] bdi[dir=ltr]").count() >= 1
    for link in card.locator("a[href^='http']").all():
        assert link.get_attribute("target") == "_blank"
        assert link.get_attribute("rel") == "noreferrer noopener"


def test_escape_minimises_and_focus_returns_to_launcher(widget):
    start_conversation(widget)
    page = widget.page
    page.keyboard.press("Escape")
    assert page.locator(".panel").is_hidden()
    assert "launcher" in active(page)["cls"]
    assert page.locator(".launcher").get_attribute("aria-expanded") == "false"
    assert log_size(page) > 0, "minimising keeps the conversation"
    page.keyboard.press("Enter")
    assert active(page)["id"] == "message"


def test_keyboard_can_leave_the_widget(widget):
    start_conversation(widget)
    page = widget.page
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.tagName !== 'SIGNPOST-CHAT' "
                         "&& document.activeElement !== document.body"):
            return
    pytest.fail("Tab never left the widget: keyboard trap")


# --- quick exit ----------------------------------------------------------------


def press_shift_three_times(page) -> None:
    for _ in range(3):
        page.keyboard.press("Shift")


# Reports what the widget holds the moment the exit cover appears, which is
# after the wipe and the call to location.replace() but before the page goes.
WATCH_EXIT = shadow_js(
    "new MutationObserver(() => { if (!root.querySelector('.cover')) return;"
    " console.log('leaving ' + JSON.stringify({messages: root.querySelector('[role=log]').children.length,"
    " panel_open: root.querySelector('.panel').open, text: root.textContent})); })"
    ".observe(root, {childList: true, subtree: true});"
)

EXIT_TRIGGERS = {
    "button": lambda page: page.locator(".panel .exit").click(no_wait_after=True),
    "shift": press_shift_three_times,
    # The link is first in the widget: Shift+Tab back to it from the input.
    "link": lambda page: (tab_to(page, lambda el: "skip" in el["cls"], backwards=True), page.keyboard.press("Enter")),
}


@pytest.mark.parametrize("trigger", sorted(EXIT_TRIGGERS))
def test_quick_exit_replaces_history_and_leaves_no_transcript(widget, trigger):
    page = widget.page
    neutral = f"{widget.base_url}/demo/neutral"
    page.goto(neutral)  # an earlier history entry, so Back has somewhere to go
    to_own_thoughts_card(widget)
    length = page.evaluate("history.length")
    service_name = page.locator(".card h3").first.text_content()
    # Hold the request for the neutral page so the report is not lost in the unload.
    held = []
    page.route(neutral, lambda route: held.append(route))
    page.evaluate(WATCH_EXIT)
    EXIT_TRIGGERS[trigger](page)
    for _ in range(100):
        if held and any(line.startswith("leaving ") for line in widget.console):
            break
        page.wait_for_timeout(50)
    assert held, "the exit goes to the configured neutral page"
    with page.expect_navigation(url=neutral):
        held[0].continue_()
    page.unroute(neutral)
    assert page.evaluate("history.length") == length, "location.replace() adds no history entry"
    state = json.loads(next(line for line in widget.console if line.startswith("leaving "))[len("leaving "):])
    assert state["messages"] == 0 and not state["panel_open"], state
    assert service_name not in state["text"], "no trace of the conversation is left in the widget"
    assert page.evaluate("document.referrer") == "", "the neutral site is not told where the person was"
    page.go_back()
    assert page.url != widget.host_url(), "Back does not lead straight to the chat page"


def test_shift_counting_follows_govuk(widget):
    widget.open_host()
    page = widget.page
    toast = page.locator(".toast")
    page.keyboard.press("Shift")
    assert toast.text_content() == "Shift, press 2 more times to leave."
    page.keyboard.press("a")  # any other key resets
    assert toast.text_content() == ""
    page.keyboard.press("Shift+A")  # Shift used as a modifier does not count
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert toast.text_content() == "Shift, press 1 more time to leave."
    assert page.url == widget.host_url()


def test_shift_window_expires(widget):
    widget.open_host()
    page = widget.page
    page.keyboard.press("Shift")
    page.wait_for_timeout(5300)
    assert page.locator(".toast").text_content() == "Leaving with the Shift key timed out."
    press_shift_three_times(page)  # a fresh count of three still works
    page.wait_for_url(f"{widget.base_url}/demo/neutral")


def test_shift_left_to_govuk_exit_this_page(widget):
    widget.open_host()
    page = widget.page
    page.evaluate("() => { document.body.dataset.govukFrontendExitThisPageKeypress = 'true'; }")
    press_shift_three_times(page)
    page.wait_for_timeout(300)
    assert page.url == widget.host_url()


def test_back_forward_cache_restore_shows_fresh_closed_widget(widget):
    to_own_thoughts_card(widget)
    page = widget.page
    page.evaluate("() => dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert page.locator(".panel").is_hidden()
    assert log_size(page) == 0


# --- privacy -------------------------------------------------------------------


def test_no_storage_or_cookies_after_conversation(widget):
    to_own_thoughts_card(widget)
    page = widget.page
    type_message(page, "thank you")
    stored = page.evaluate(
        """async () => ({
          local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
          idb: (await indexedDB.databases()).length, caches: (await caches.keys()).length,
        })"""
    )
    assert stored == {"local": 0, "session": 0, "cookie": "", "idb": 0, "caches": 0}
    assert page.context.cookies() == []


def test_every_request_goes_to_the_signpost_origin(widget):
    to_own_thoughts_card(widget)
    origin = urlsplit(widget.base_url)[:2]
    assert widget.requests
    for request in widget.requests:
        assert urlsplit(request.url)[:2] == origin, request.url
    api = [r for r in widget.requests if r.method == "POST"]
    assert api and all(urlsplit(r.url).path == "/webhooks/rest/webhook" and not urlsplit(r.url).query for r in api)
    for request in api:
        headers = request.all_headers()
        assert "referer" not in headers and "cookie" not in headers
        body = request.post_data_json
        assert body["metadata"] == {"locale": "en", "country": "GB", "client": "widget"}
        assert re.fullmatch(r"[0-9a-f]{32}", body["sender"])
    assert len({r.post_data_json["sender"] for r in api}) == 1


def test_sender_id_changes_after_end_chat(widget):
    start_conversation(widget)
    page = widget.page
    page.locator(".panel .secondary").click()
    page.locator(".launcher").click()
    wait_for_replies(page, 0)
    senders = [r.post_data_json["sender"] for r in widget.requests if r.method == "POST"]
    assert len(set(senders)) == 2


def test_no_csp_violations_on_demo_page(widget):
    widget.open_demo()
    page = widget.page
    page.locator(".launcher").click()
    wait_for_replies(page, 0)
    assert not [line for line in widget.console if "csp-violation" in line]


# --- server down ---------------------------------------------------------------


def test_server_down_still_shows_emergency_number(widget):
    page = widget.page
    page.route("**/webhooks/rest/webhook", lambda route: route.abort())
    widget.open_host(locale="de", country="DE")
    page.locator(".launcher").click()
    notice = page.locator(".log .notice")
    notice.wait_for()
    assert "nicht verfügbar" in notice.text_content(), "the message is in the person's language"
    emergency_line = notice.locator("p").nth(1)
    assert [a.get_attribute("href") for a in emergency_line.locator("a").all()] == emergency_hrefs("DE")


# --- accessibility -------------------------------------------------------------


def assert_no_axe_violations(page) -> None:
    violations = axe_violations(page)
    assert violations == [], violations


def test_axe_closed(widget):
    widget.open_demo()
    assert_no_axe_violations(widget.page)


def test_axe_open_with_notice(widget):
    widget.open_demo()
    widget.page.locator(".launcher").click()
    wait_for_replies(widget.page, 0)
    assert_no_axe_violations(widget.page)


def test_axe_mid_conversation_with_cards(widget):
    to_own_thoughts_card(widget)
    assert_no_axe_violations(widget.page)


def test_axe_arabic_rtl(widget):
    widget.open_host(locale="ar", country="GB")
    page = widget.page
    assert page.locator("signpost-chat").get_attribute("dir") == "rtl"
    launcher = page.locator(".launcher").bounding_box()
    assert launcher["x"] < 1024 / 2, "the launcher sits on the left in a right-to-left language"
    page.locator(".launcher").click()
    wait_for_replies(page, 0)
    assert_no_axe_violations(page)


def test_axe_320_px_wide(widget):
    page = widget.page
    page.set_viewport_size({"width": 320, "height": 640})
    to_own_thoughts_card(widget)
    panel = page.locator(".panel").bounding_box()
    assert panel["width"] == 320, "full-screen panel on small screens"
    assert page.evaluate(shadow_js("const s = root.querySelector('.scroll'); return s.scrollWidth <= s.clientWidth;"))
    assert_no_axe_violations(page)


def test_reduced_motion_disables_animation(widget):
    widget.page.emulate_media(reduced_motion="reduce")
    widget.open_host()
    widget.page.locator(".launcher").click()
    assert widget.page.locator(".panel").evaluate("(el) => getComputedStyle(el).animationName") == "none"


def test_targets_at_least_44px(widget):
    to_own_thoughts_card(widget)
    page = widget.page
    for button in page.locator("button:visible").all():
        box = button.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, button.text_content()


# --- serving -------------------------------------------------------------------


def test_widget_file_headers_and_sri(widget):
    from signpost.paths import WIDGET_BUILD_DIR
    from widget.build import sri_hash

    from signpost import __version__

    response = widget.page.request.get(f"{widget.base_url}/widget/v{__version__}/signpost.js")
    assert response.ok
    assert "immutable" in response.headers["cache-control"]
    assert response.headers.get("content-encoding") == "gzip"
    plain = widget.page.request.get(f"{widget.base_url}/widget/signpost.js")
    assert plain.headers["cache-control"] == "public, max-age=86400"
    assert not widget.page.request.get(f"{widget.base_url}/widget/v0.0.0/signpost.js").ok
    assert response.body() == (WIDGET_BUILD_DIR / "signpost.js").read_bytes()
    demo = (WIDGET_BUILD_DIR / "demo.html").read_text(encoding="utf-8")
    assert demo.count(sri_hash(response.body())) == 2, "demo script tag and snippet carry the current hash"
