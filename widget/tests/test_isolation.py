"""The widget and the host page keep to themselves: host CSS does not leak in, the widget does not
take the host's first Tab stops or add landmarks."""
from __future__ import annotations

import pytest

from widget.browser import ACTIVE, wait_for_replies

pytestmark = pytest.mark.browser

HOSTILE_CSS = ("body * { text-transform: uppercase !important; font-family: serif !important;"
               " color: purple !important; text-align: center !important; letter-spacing: 3px !important;"
               " font-style: italic !important; direction: rtl !important; }")

STYLES = """() => {
  const root = document.querySelector("signpost-chat").shadowRoot;
  return [".launcher", ".intro li", ".log .msg p", "h2"].map((selector) => {
    const s = getComputedStyle(root.querySelector(selector));
    return {selector, transform: s.textTransform, family: s.fontFamily, color: s.color, align: s.textAlign,
            spacing: s.letterSpacing, style: s.fontStyle, direction: s.direction};
  });
}"""


def add_host_css(page) -> None:
    # A constructable sheet: the host page's CSP forbids inline <style>.
    page.evaluate("""(css) => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
                                document.adoptedStyleSheets = [sheet]; }""", HOSTILE_CSS)


def test_host_css_does_not_leak_in(widget):
    widget.open_host()
    page = widget.page
    add_host_css(page)
    page.locator(".launcher").click()
    wait_for_replies(page, 0)
    for style in page.evaluate(STYLES):
        assert style["transform"] == "none", style
        assert "serif" not in style["family"].replace("sans-serif", ""), style
        assert style["color"] != "rgb(128, 0, 128)", style
        if style["selector"] != ".launcher":  # buttons centre their text anyway
            assert style["align"] in ("start", "left"), style
        assert style["spacing"] == "normal" and style["style"] == "normal", style
        assert style["direction"] == "ltr", style


def test_exit_cover_ignores_host_css(widget):
    widget.open_host()
    page = widget.page
    add_host_css(page)
    page.route(f"{widget.base_url}/demo/neutral", lambda route: None)  # hold the exit, keep the cover
    page.evaluate("""() => { const root = document.querySelector("signpost-chat").shadowRoot;
      new MutationObserver(() => { const cover = root.querySelector(".cover");
        if (cover) console.log("cover " + getComputedStyle(cover).textTransform + " " + getComputedStyle(cover).color);
      }).observe(root, {childList: true, subtree: true}); }""")
    page.locator(".bar .exit").click(no_wait_after=True)
    for _ in range(50):
        if any(line.startswith("cover ") for line in widget.console):
            break
        page.wait_for_timeout(50)
    line = next(line for line in widget.console if line.startswith("cover "))
    assert "none" in line and "128, 0, 128" not in line, line


def test_widget_is_appended_and_host_skip_link_comes_first(widget):
    widget.open_host()
    page = widget.page
    page.evaluate("""() => {
      const skip = Object.assign(document.createElement("a"), {href: "#main", textContent: "Skip to content"});
      document.body.prepend(skip);
    }""")
    assert page.evaluate("() => document.body.lastElementChild.tagName") == "SIGNPOST-CHAT"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to content"
    assert page.evaluate(ACTIVE) is None, "the widget does not take the first Tab stop"


def test_no_extra_banner_or_contentinfo(widget):
    widget.open_host()
    page = widget.page
    page.evaluate("""() => {
      document.body.prepend(Object.assign(document.createElement("header"), {textContent: "Host header"}));
      document.querySelector("main").after(Object.assign(document.createElement("footer"), {textContent: "Host footer"}));
    }""")
    page.locator(".launcher").click()
    wait_for_replies(page, 0)
    session = page.context.new_cdp_session(page)
    roles = [node.get("role", {}).get("value") for node in session.send("Accessibility.getFullAXTree")["nodes"]]
    assert roles.count("banner") == 1 and roles.count("contentinfo") == 1, "only the host's own"
