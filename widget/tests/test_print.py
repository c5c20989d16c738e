"""Printing the page never prints the conversation."""
from __future__ import annotations

import re

import pytest

from widget.browser import choose, open_by_keyboard

pytestmark = pytest.mark.browser


def test_print_hides_the_chat(widget):
    widget.open_host()
    page = widget.page
    open_by_keyboard(page)
    choose(page, re.compile(r"^/need_own_thoughts$"))
    page.emulate_media(media="print")
    assert page.locator(".panel").is_hidden()
    assert page.locator(".launcher").is_hidden()
    assert page.locator("h1").is_visible(), "the host page still prints"
