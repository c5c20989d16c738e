"""Screenshots of each widget state for docs/embedding.md (docs/img/widget-*.png).

Skipped in normal runs, so tests never rewrite committed files. Regenerate with
`python -m tests.browser.screenshots`.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .helpers import choose, open_by_keyboard, wait_for_replies

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.environ.get("SIGNPOST_SCREENSHOTS"), reason="run python -m tests.browser.screenshots"),
]

IMG = Path(__file__).resolve().parents[2] / "docs" / "img"


def shoot(page, name: str) -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)  # let the panel's short entry animation finish
    page.screenshot(path=str(IMG / f"widget-{name}.png"))


def test_closed_and_open(widget):
    widget.page.set_viewport_size({"width": 1024, "height": 720})
    widget.open_demo()
    shoot(widget.page, "closed")
    widget.page.locator(".launcher").click()
    wait_for_replies(widget.page, 0)
    widget.page.locator(".scroll").evaluate("(el) => el.scrollTop = 0")
    shoot(widget.page, "open-notice")


def test_conversation_with_card(widget):
    widget.page.set_viewport_size({"width": 1024, "height": 720})
    widget.open_host()
    open_by_keyboard(widget.page)
    choose(widget.page, re.compile(r"^/need_own_thoughts$"))
    shoot(widget.page, "service-card")


def test_arabic(widget):
    widget.page.set_viewport_size({"width": 1024, "height": 720})
    widget.open_host(locale="ar", country="GB", lang="ar", dir="rtl")
    widget.page.locator(".launcher").click()
    wait_for_replies(widget.page, 0)
    shoot(widget.page, "arabic-rtl")


def test_small_screen(widget):
    widget.page.set_viewport_size({"width": 320, "height": 640})
    widget.open_host()
    open_by_keyboard(widget.page)
    choose(widget.page, re.compile(r"^/need_own_thoughts$"))
    shoot(widget.page, "320px")


def test_server_down(widget):
    widget.page.set_viewport_size({"width": 1024, "height": 720})
    widget.page.route("**/webhooks/rest/webhook", lambda route: route.abort())
    widget.open_host()
    widget.page.locator(".launcher").click()
    widget.page.locator(".log .notice").wait_for()
    shoot(widget.page, "server-down")


def test_shift_count(widget):
    widget.page.set_viewport_size({"width": 1024, "height": 720})
    widget.open_host()
    widget.page.keyboard.press("Shift")
    shoot(widget.page, "shift-status")
