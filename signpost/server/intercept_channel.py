"""The platform intercept over HTTP, served by the Rasa server itself (docs/platforms.md):

    GET /intercept?locale=de&country=DE&reason=search    the warning: HTML, or JSON (format=json or
                                                         Accept: application/json)
    GET /intercept/chat?locale=...&country=...&reason=... the chat, opened on the intercept's route
    GET /intercept/go?...&to=<service id>&channel=<n>    counts "contact chosen", then 302 to that
                                                         service's own web address (nothing else)

Only normalised values are ever used (signpost.intercept.Request), so nothing the platform sends
reaches a response, a log or a file; the funnel is three aggregate counters with the reason as
detail. Every response is `Cache-Control: no-store` (also set by signpost.server.hardening).

It is a Rasa input channel only so that Rasa mounts it on its app; it receives no messages.
"""
from __future__ import annotations

import os
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from signpost import intercept
from signpost.intercept.page import CHAT_CSP, PAGE_CSP, chat_page, page

# The server's address as platforms reach it (https://help.example.org), for absolute links in the
# JSON; unset, links are paths on this server. Never taken from the request's Host header.
PUBLIC_URL = os.environ.get("SIGNPOST_PUBLIC_URL", "").rstrip("/")
NO_STORE = {"Cache-Control": "no-store", "Vary": "Accept, Accept-Language"}


def _services():
    # The action server's directory (reloaded when rebuilt) and counters, shared in this process.
    from actions.services import counters, directory

    return directory(), counters()


def read(request: Request) -> intercept.Request:
    args = request.args
    return intercept.Request.read(args.get("locale"), args.get("country"), args.get("reason"),
                                  request.headers.get("accept-language"))


def wants_json(request: Request) -> bool:
    chosen = request.args.get("format")
    if chosen in ("json", "html"):
        return chosen == "json"
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _html(body: str, csp: str) -> HTTPResponse:
    return response.html(body, headers={**NO_STORE, "Content-Security-Policy": csp})


class InterceptChannel(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "intercept"

    def url_prefix(self) -> Text:
        return "/intercept"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = Blueprint("signpost_intercept", __name__)

        @blueprint.route("/", methods=["GET"], strict_slashes=False)
        async def warning(request: Request) -> HTTPResponse:
            directory, counters = _services()
            asked = read(request)
            content = intercept.content(directory, asked, PUBLIC_URL if wants_json(request) else "")
            counters.record("warning_shown", asked.locale, asked.country, asked.reason)
            if wants_json(request):
                return response.json(content, headers=NO_STORE, ensure_ascii=False)
            return _html(page(content), PAGE_CSP)

        @blueprint.route("/chat", methods=["GET"])
        async def chat(request: Request) -> HTTPResponse:
            # "Chat opened" is counted when the conversation starts (its first message carries
            # metadata.intercept), not here: a page load is not a conversation.
            directory, _ = _services()
            return _html(chat_page(intercept.content(directory, read(request))), CHAT_CSP)

        @blueprint.route("/go", methods=["GET"])
        async def go(request: Request) -> HTTPResponse:
            directory, counters = _services()
            asked = read(request)
            target = intercept.link_target(directory, asked, request.args.get("to"), request.args.get("channel"))
            if target is None:
                # Never a dead end, never an open redirect: back to the warning and its numbers.
                return response.redirect(f"/intercept?{asked.query()}", status=303, headers=NO_STORE)
            counters.record("contact_chosen", asked.locale, asked.country, asked.reason)
            return response.redirect(target, status=302, headers=NO_STORE)

        return blueprint
