"""Service cards on a phone: the main action first as a large button, details folded below."""
from __future__ import annotations

import re

import pytest

from widget.browser import axe_violations, choose, open_by_keyboard, type_message

pytestmark = pytest.mark.browser


def own_thoughts_cards(widget, viewport):
    widget.page.set_viewport_size(viewport)
    widget.open_host()
    open_by_keyboard(widget.page)
    widget.page.locator("#message").focus()
    choose(widget.page, re.compile(r"^/need_own_thoughts$"))
    widget.page.locator(".card").first.wait_for()


def test_card_is_compact_with_the_main_action_first(widget):
    own_thoughts_cards(widget, {"width": 360, "height": 740})
    card = widget.page.locator(".card").first
    action = card.locator(".main a")
    box = action.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 200, box
    assert card.locator("details").get_attribute("open") is None
    assert card.bounding_box()["height"] <= 740 / 2, "a card takes at most half a phone screen"


def test_open_all_day_is_said_once(widget):
    widget.open_host()
    open_by_keyboard(widget.page)
    type_message(widget.page, "I want to kill myself")  # Samaritans: open 24 hours
    widget.page.locator(".card .status.always").first.wait_for()
    for line in widget.page.locator(".card .status.always").all():
        text = line.text_content()
        assert line.locator("xpath=..").text_content().count(text) == 1


def test_axe_with_cards_and_details_open(widget):
    own_thoughts_cards(widget, {"width": 360, "height": 740})
    widget.page.evaluate("() => document.querySelector('signpost-chat').shadowRoot"
                         ".querySelectorAll('details').forEach((d) => d.open = true)")
    assert axe_violations(widget.page) == []
