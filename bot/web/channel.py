"""Serves the widget (/widget/<file>) and the demo page (/demo/) from the Rasa server itself, so a
charity runs one server and the widget talks only to its own origin.

It is a Rasa input channel only so that Rasa mounts it on its app; it receives no messages.
"""
from __future__ import annotations

import mimetypes
import re
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.exceptions import NotFound
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import paths

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")


def _file(name: str, suffix: str = "") -> HTTPResponse:
    if not SAFE_NAME.match(name):
        raise NotFound("not found")
    path = paths.STATIC_DIR / f"{name}{suffix}"
    if not path.is_file():
        raise NotFound("not found")
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if content_type.startswith("text/") or content_type.endswith("javascript"):
        content_type += "; charset=utf-8"
    return response.raw(path.read_bytes(), content_type=content_type)


class WebChannel(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "web"

    def url_prefix(self) -> Text:
        return "/"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        web = Blueprint("signpost_web", __name__)

        @web.route("/widget/<name>", methods=["GET"])
        async def widget_file(_: Request, name: str) -> HTTPResponse:
            return _file(name)

        @web.route("/demo/", methods=["GET"], strict_slashes=True)
        async def demo(_: Request) -> HTTPResponse:
            return _file("demo", ".html")

        @web.route("/demo/<name>", methods=["GET"])
        async def demo_page(_: Request, name: str) -> HTTPResponse:
            return _file(name, ".html")

        return web
