"""While a reply is on its way: said to screen readers, and a message sent meanwhile is not lost."""
from __future__ import annotations

import pytest

from widget.browser import open_by_keyboard, wait_for_replies

pytestmark = pytest.mark.browser


def test_waiting_is_a_status_message_and_messages_queue(widget):
    widget.open_host()
    page = widget.page
    open_by_keyboard(page)
    held = []
    page.route("**/webhooks/rest/webhook", lambda route: held.append(route))
    page.locator("#message").fill("hello")
    page.keyboard.press("Enter")
    waiting = page.locator(".waiting")
    page.wait_for_function("() => document.querySelector('signpost-chat').shadowRoot.querySelector('.waiting').textContent")
    assert waiting.get_attribute("role") == "status" and waiting.get_attribute("aria-hidden") is None
    assert waiting.text_content() == "Waiting for a reply"
    page.locator("#message").fill("thank you")
    page.keyboard.press("Enter")  # sent while waiting
    assert "thank you" in page.locator(".log").text_content()
    page.unroute("**/webhooks/rest/webhook")
    for _ in range(50):
        while held:
            held.pop(0).continue_()
        if len([r for r in widget.requests if r.method == "POST"]) >= 3:
            break
        page.wait_for_timeout(100)
    posts = [r.post_data_json["message"] for r in widget.requests if r.method == "POST"]
    assert posts[-2:] == ["hello", "thank you"], "both sent, in order"
    wait_for_replies(page, 0)


def test_a_long_message_is_sent_whole_and_one_too_long_is_said_and_kept(widget):
    """Someone who typed for an hour is read whole: nothing is cut, and over the server's limit
    (SIGNPOST_MAX_MESSAGE_CHARS) the widget says so and keeps the text."""
    from signpost.settings import load

    limit = load().max_message_chars
    widget.open_host()
    page = widget.page
    open_by_keyboard(page)
    page.locator("#message").fill("x" * (limit + 1))
    page.keyboard.press("Enter")
    assert "Too long" in page.locator(".status-line").text_content()
    assert len(page.locator("#message").input_value()) == limit + 1, "nothing is cut"
    long = "i have been thinking about everything for a long time. " * 80 + "tonight i want to kill myself"
    page.locator("#message").fill(long)
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('signpost-chat').shadowRoot.querySelector('.waiting').textContent === ''")
    sent = [r.post_data_json["message"] for r in widget.requests if r.method == "POST"]
    assert sent[-1] == long and len(long) > 4000
