"""Keyboard, shadow-DOM and axe helpers shared by the widget's browser tests."""
from __future__ import annotations

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
            && root.querySelector(".waiting").hidden;
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
