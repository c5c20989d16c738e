"""The "Before you start" notice is read before anything else, on a phone and on a desktop."""
from __future__ import annotations

import pytest

from widget.browser import open_by_keyboard, wait_for_replies

pytestmark = pytest.mark.browser

NOTICE_IN_VIEW = """() => {
  const root = document.querySelector("signpost-chat").shadowRoot;
  const heading = root.querySelector(".intro h3").getBoundingClientRect();
  const view = root.querySelector(".scroll").getBoundingClientRect();
  return heading.top >= view.top && heading.bottom <= view.bottom;
}"""


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}, {"width": 1366, "height": 768}],
                         ids=["phone", "desktop"])
def test_notice_still_in_view_after_the_first_reply(widget, viewport):
    widget.page.set_viewport_size(viewport)
    widget.open_host()
    widget.page.locator(".launcher").click()
    wait_for_replies(widget.page, 0)
    assert widget.page.evaluate(NOTICE_IN_VIEW)


def test_notice_says_anonymous(widget):
    widget.open_host()
    open_by_keyboard(widget.page)
    assert "anonymous" in widget.page.locator(".intro").text_content()
