"""Serves the built widget (/widget/<file>) and the demo page (/demo/) from the Rasa server itself,
so a charity runs one server and the widget talks only to its own origin. Files come from
build/widget/, which `signpost run` builds from widget/ (widget/build.py).

It is a Rasa input channel only so that Rasa mounts it on its app; it receives no messages.
"""
from __future__ import annotations

import gzip
import mimetypes
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.exceptions import NotFound
from sanic.request import Request
from sanic.response import HTTPResponse

from signpost import __version__, paths

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")


@lru_cache(maxsize=64)
def _compressed(path: Path, mtime: float) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)


def _file(name: str, suffix: str = "", request: Optional[Request] = None) -> HTTPResponse:
    if not SAFE_NAME.match(name):
        raise NotFound("not found")
    path = paths.WIDGET_BUILD_DIR / f"{name}{suffix}"
    if not path.is_file():
        raise NotFound("not found")
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    textual = content_type.startswith("text/") or content_type.endswith("javascript")
    if textual:
        content_type += "; charset=utf-8"
    # Weight matters on a slow phone: text files go out gzipped to clients that accept it.
    if textual and request is not None and "gzip" in request.headers.get("accept-encoding", ""):
        return response.raw(_compressed(path, path.stat().st_mtime), content_type=content_type,
                            headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
    return response.raw(path.read_bytes(), content_type=content_type)


class StaticFilesChannel(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "web"

    def url_prefix(self) -> Text:
        return "/"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        web = Blueprint("signpost_web", __name__)

        @web.route("/widget/<name>", methods=["GET"])
        async def widget_file(request: Request, name: str) -> HTTPResponse:
            return _file(name, request=request)

        @web.route("/widget/<version>/<name>", methods=["GET"])
        async def versioned_widget_file(request: Request, version: str, name: str) -> HTTPResponse:
            # A versioned URL never changes content, so browsers may keep it for a year.
            if version != f"v{__version__}":
                raise NotFound("not found")
            return _file(name, request=request)

        @web.route("/demo/", methods=["GET"], strict_slashes=True)
        async def demo(request: Request) -> HTTPResponse:
            return _file("demo", ".html", request)

        @web.route("/demo/<name>", methods=["GET"])
        async def demo_page(request: Request, name: str) -> HTTPResponse:
            return _file(name, ".html", request)

        return web
