"""Every way of ending a chat clears the transcript, and the "Chat ended" message covers nothing."""
from __future__ import annotations

import re

import pytest

from widget.browser import choose, log_size, open_by_keyboard, wait_for_replies

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def overlaps(a: dict, b: dict) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def to_follow_ups(widget) -> None:
    widget.open_host()
    open_by_keyboard(widget.page)
    choose(widget.page, re.compile(r"^/need_own_thoughts$"))
    widget.page.locator(".choices button[data-payload='/end_chat']").wait_for()


def test_end_chat_reply_button_clears_the_transcript(widget):
    to_follow_ups(widget)
    page = widget.page
    page.locator(".choices button[data-payload='/end_chat']").click()
    assert log_size(page) == 0
    assert page.locator(".panel").is_hidden()
    assert page.locator(".toast").text_content().startswith("Chat ended")


def test_typed_goodbye_clears_the_transcript(widget):
    widget.open_host()
    page = widget.page
    open_by_keyboard(page)
    page.keyboard.type("end chat")
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.querySelector('signpost-chat').shadowRoot.querySelector('.panel').open")
    assert log_size(page) == 0


def test_ended_message_covers_nothing_and_clears(widget):
    widget.page.set_viewport_size(PHONE)
    widget.open_host()
    page = widget.page
    page.locator(".launcher").click()
    wait_for_replies(page, 0)
    page.locator(".panel .secondary").click()
    toast = page.locator(".toast")
    assert toast.is_visible()
    for button in page.locator(".bar button").all():
        assert not overlaps(toast.bounding_box(), button.bounding_box()), button.text_content()
    page.wait_for_function("() => !document.querySelector('signpost-chat').shadowRoot.querySelector('.toast').textContent",
                           timeout=12000)
    page.locator(".launcher").click()  # a new chat without reloading the page
    wait_for_replies(page, 0)
    assert log_size(page) > 0
