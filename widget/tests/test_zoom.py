"""400% zoom on a 1366 by 768 screen is a 341 by 192 CSS pixel viewport (WCAG 1.4.10 reflow)."""
from __future__ import annotations

import pytest

from widget.browser import active, wait_for_replies

pytestmark = pytest.mark.browser

ZOOMED = {"width": 341, "height": 192}

FOCUSED_IN_VIEW = """() => {
  const el = document.querySelector("signpost-chat").shadowRoot.activeElement;
  const box = el.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= innerHeight + 1 && box.left >= 0 && box.right <= innerWidth + 1;
}"""


def test_everything_reachable_at_400_percent(widget):
    widget.page.set_viewport_size(ZOOMED)
    widget.open_host()
    page = widget.page
    page.locator(".launcher").click()
    wait_for_replies(page, 0)
    seen = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = active(page)
        if not focused:
            continue  # the browser's own controls, between the last and the first element
        assert page.evaluate(FOCUSED_IN_VIEW), focused
        seen.add(focused["cls"] or focused["id"] or focused["tag"])
    assert {"secondary", "message", "exit"} <= seen, seen  # End chat, the message box, Leave now
    assert page.locator(".panel").evaluate("(el) => el.scrollWidth <= el.clientWidth"), "no sideways scrolling"
    # The conversation is not squeezed into a slit: it scrolls with the whole panel.
    assert page.locator(".scroll").bounding_box()["height"] >= ZOOMED["height"]
