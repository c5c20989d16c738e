"""Regenerate the widget's pictures in docs/img/widget-*.png from the real widget and server:

    python -m widget.screenshots

Starts a Signpost of its own on loopback (built if stale), drives Debian's Chromium through each
state the docs show, and writes one PNG per state. A tool, not a test: it rewrites committed files.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from signpost import paths
from signpost.tools.local import running_signpost
from widget.browser import choose, launch_chromium, open_by_keyboard, wait_for_replies, widget_tab

IMG = paths.ROOT / "docs" / "img"
DESKTOP = {"width": 1024, "height": 720}
OWN_THOUGHTS = re.compile(r"^/need_own_thoughts$")


def shoot(page, name: str, out: Path = IMG) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)  # let the panel's short entry animation finish
    path = out / f"widget-{name}.png"
    page.screenshot(path=str(path))
    return path


def closed_and_open(w) -> list[Path]:
    w.open_demo()
    shots = [shoot(w.page, "closed")]
    w.page.locator(".launcher").click()
    wait_for_replies(w.page, 0)
    w.page.locator(".scroll").evaluate("(el) => el.scrollTop = 0")
    return shots + [shoot(w.page, "open-notice")]


def service_card(w) -> list[Path]:
    w.open_host()
    open_by_keyboard(w.page)
    choose(w.page, OWN_THOUGHTS)
    return [shoot(w.page, "service-card")]


def arabic(w) -> list[Path]:
    w.open_host(locale="ar", country="GB", lang="ar", dir="rtl")
    w.page.locator(".launcher").click()
    wait_for_replies(w.page, 0)
    return [shoot(w.page, "arabic-rtl")]


def small_screen(w) -> list[Path]:
    w.page.set_viewport_size({"width": 320, "height": 640})
    w.open_host()
    open_by_keyboard(w.page)
    choose(w.page, OWN_THOUGHTS)
    return [shoot(w.page, "320px")]


def server_down(w) -> list[Path]:
    w.page.route("**/webhooks/rest/webhook", lambda route: route.abort())
    w.open_host()
    w.page.locator(".launcher").click()
    w.page.locator(".log .notice").wait_for()
    w.page.locator(".log .notice").scroll_into_view_if_needed()  # the first reply leaves the notice in view
    return [shoot(w.page, "server-down")]


def shift_count(w) -> list[Path]:
    w.open_host()
    w.page.keyboard.press("Shift")
    return [shoot(w.page, "shift-status")]


STATES = (closed_and_open, service_card, arabic, small_screen, server_down, shift_count)


def main() -> int:
    from playwright.sync_api import sync_playwright

    with running_signpost() as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for state in STATES:
                with widget_tab(browser, base_url, DESKTOP) as w:
                    for path in state(w):
                        print(f"wrote {path.relative_to(paths.ROOT)}")
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
