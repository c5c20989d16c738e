"""A phone: the open panel fills the screen and is modal; large text never overlaps."""
from __future__ import annotations

import pytest

from widget.browser import active, wait_for_replies

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}

# "panel", "page" (an element of the host page behind the panel) or "browser" (focus on the
# browser's own controls, which a modal dialog allows so that it is no keyboard trap).
WHERE = """() => {
  const host = document.querySelector("signpost-chat");
  if (document.activeElement === host) return host.shadowRoot.querySelector(".panel").contains(
    host.shadowRoot.activeElement) ? "panel" : "widget";
  return !document.activeElement || document.activeElement === document.body ? "browser" : "page";
}"""


def open_on_phone(widget):
    widget.page.set_viewport_size(PHONE)
    widget.open_host()
    widget.page.locator(".launcher").focus()
    widget.page.keyboard.press("Enter")
    wait_for_replies(widget.page, 0)


def test_focus_goes_to_the_first_reply_not_the_text_box(widget):
    open_on_phone(widget)
    focused = active(widget.page)
    assert focused["tag"] == "button" and focused["payload"], focused


def test_tab_stays_in_the_full_screen_panel(widget):
    open_on_phone(widget)
    page = widget.page
    seen = []
    for key in ["Tab"] * 30 + ["Shift+Tab"] * 10:
        page.keyboard.press(key)
        seen.append(page.evaluate(WHERE))
    assert "page" not in seen and "widget" not in seen, "Tab reached the page hidden behind the panel"
    assert seen.count("panel") >= len(seen) - 4, seen


def boxes_overlap(a, b):
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def test_large_text_header_does_not_overflow(widget):
    widget.page.context.new_cdp_session(widget.page).send(
        "Page.setFontSizes", {"fontSizes": {"standard": 24, "fixed": 20}})
    open_on_phone(widget)
    page = widget.page
    title, minimise, leave = (page.locator(f".panel .head {s}").bounding_box() for s in ("h2", ".min", ".exit"))
    assert not boxes_overlap(title, minimise) and not boxes_overlap(title, leave)
    assert page.locator(".panel .head h2").evaluate("(el) => el.scrollWidth <= el.clientWidth")


def test_shift_message_does_not_cover_send(widget):
    open_on_phone(widget)
    page = widget.page
    page.keyboard.press("Shift")
    status = page.locator(".status-line")
    assert status.text_content() == "Shift, press 2 more times to leave."
    assert not boxes_overlap(status.bounding_box(), page.locator("form .primary").bounding_box())
