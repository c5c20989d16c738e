"""Driving the widget in Debian's Chromium with Playwright: used by the widget's browser tests
(widget/tests/) and by the screenshot tool (widget/screenshots.py).

Host pages other than the demo are answered by Playwright on the server's own origin
(`<base>/test-host/...`), with the demo's strict CSP, so every variant (locale, country, exit
address) stays on loopback and loads the real widget file and the real chat API.
"""
from __future__ import annotations

import html
from contextlib import contextmanager
from dataclasses import dataclass, field

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


@dataclass
class Widget:
    """One browser tab with a host page, plus what the tests observe about it."""

    page: object
    base_url: str
    requests: list = field(default_factory=list)
    console: list = field(default_factory=list)
    pages: dict = field(default_factory=dict)  # URL -> HTML answered by Playwright

    def host_url(self, name: str = "page") -> str:
        return f"{self.base_url}/test-host/{name}"

    def open_host(self, locale="en", country="GB", exit_url=None, lang="en", dir="ltr", script="signpost.js",
                  **data) -> None:
        """Load a host page whose script tag carries the given data-* options."""
        data = {"locale": locale, "country": country, "exit-url": exit_url or f"{self.base_url}/demo/neutral", **data}
        attrs = " ".join(f'data-{k}="{html.escape(str(v))}"' for k, v in data.items() if v is not None)
        self.pages[self.host_url()] = HOST_PAGE.format(lang=lang, dir=dir, attrs=attrs, script=script)
        self.page.goto(self.host_url())
        self.page.wait_for_function("() => customElements.get('signpost-chat') && document.querySelector('signpost-chat')")

    def open_demo(self) -> None:
        self.page.goto(f"{self.base_url}/demo/")
        self.page.wait_for_function("() => document.querySelector('signpost-chat')")


HOST_PAGE = """<!DOCTYPE html>
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host page</title>
<script src="/widget/{script}" defer {attrs}></script>
</head>
<body>
<main>
<h1>A charity's page</h1>
<p>Some text with <a href="#top">a link</a>.</p>
</main>
</body>
</html>
"""

# Reports Content-Security-Policy violations to the console, where the tests
# collect them. Added before any page script runs.
INIT_SCRIPT = """
addEventListener("securitypolicyviolation", (e) => console.error("csp-violation " + e.violatedDirective));
"""



def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@contextmanager
def widget_tab(browser, base_url: str, viewport: dict | None = None):
    """A new browser context and tab, with host pages answered on the server's origin."""
    base_url = base_url.rstrip("/")
    context = browser.new_context(viewport=viewport or {"width": 1024, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.add_init_script(INIT_SCRIPT)
    w = Widget(page=page, base_url=base_url)
    page.route(
        f"{base_url}/test-host/**",
        lambda route: route.fulfill(
            status=200,
            headers={"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": STRICT_CSP},
            body=w.pages[route.request.url],
        ),
    )
    page.on("request", lambda request: w.requests.append(request))
    page.on("console", lambda message: w.console.append(message.text))
    try:
        yield w
    finally:
        context.close()


# --- keyboard, shadow DOM and axe ------------------------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# The element focused inside the widget, described for assertions.
ACTIVE = """() => {
  const host = document.querySelector("signpost-chat");
  const el = host && document.activeElement === host ? host.shadowRoot.activeElement : null;
  if (!el) return null;
  return {tag: el.tagName.toLowerCase(), cls: el.className, id: el.id,
          payload: el.dataset.payload || "", text: el.textContent.trim()};
}"""

LOG_SIZE = """() => document.querySelector("signpost-chat").shadowRoot.querySelector("[role=log]").children.length"""


def active(page) -> dict | None:
    return page.evaluate(ACTIVE)


def tab_to(page, matches, backwards: bool = False, limit: int = 60) -> dict:
    """Press Tab (or Shift+Tab) until `matches(active element)` holds."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = active(page)
        if focused and matches(focused):
            return focused
    raise AssertionError("could not reach the element with the keyboard")


def log_size(page) -> int:
    return page.evaluate(LOG_SIZE)


def wait_for_replies(page, before: int) -> None:
    """Wait until the bot has answered: the log grew past `before` and nothing is pending."""
    page.wait_for_function(
        """(before) => {
          const root = document.querySelector("signpost-chat").shadowRoot;
          return root.querySelector("[role=log]").children.length > before
            && !root.querySelector(".waiting").textContent;
        }""",
        arg=before,
    )


def open_by_keyboard(page) -> None:
    """From the top of the page: Tab to the launcher, press Enter, wait for the opening message."""
    tab_to(page, lambda el: "launcher" in el["cls"])
    page.keyboard.press("Enter")
    wait_for_replies(page, 0)


def type_message(page, text: str) -> None:
    before = log_size(page)
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    wait_for_replies(page, before + 1)


def choose(page, payload_pattern) -> str:
    """Shift+Tab back from the input to the reply button whose payload matches; press Enter."""
    before = log_size(page)
    button = tab_to(page, lambda el: el["tag"] == "button" and payload_pattern.search(el["payload"]), backwards=True)
    page.keyboard.press("Enter")
    wait_for_replies(page, before + 1)
    return button["text"]


def axe_violations(page) -> list:
    """Run axe-core (bundled by the axe-playwright-python package) on the whole page."""
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
    return page.evaluate(
        """async (tags) => {
          const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
          return result.violations.map((v) => ({
            id: v.id, impact: v.impact,
            nodes: v.nodes.map((n) => JSON.stringify(n.target) + ": " + n.failureSummary),
          }));
        }""",
        AXE_TAGS,
    )
