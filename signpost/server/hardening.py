"""HTTP hardening applied to the Rasa server's Sanic app (APP_PATCH wraps Rasa's app factory).

- Every response says `Cache-Control: no-store` (widget files: long-lived, immutable) and
  `Referrer-Policy: no-referrer`; the demo page also gets a strict Content-Security-Policy.
- Widget files are public and use no credentials: `Access-Control-Allow-Origin: *`, so any host page
  can load them with `integrity` + `crossorigin`. The chat API keeps Rasa's CORS, limited to
  SIGNPOST_CORS_ORIGINS; its preflights get a numeric `Access-Control-Max-Age`, so browsers cache
  them instead of asking before every message (Rasa leaves it as "None").
- Every error answer is a fixed JSON body: Sanic's default pages repeat the requested URL.
- Request bodies over SIGNPOST_MAX_BODY_BYTES are refused by Sanic itself (REQUEST_MAX_SIZE), and
  a client that takes longer than SIGNPOST_REQUEST_TIMEOUT_SECONDS to send its request is cut off.
- `GET /` answers 404 (Rasa's says "Hello from Rasa" and its version); no response allows
  credentials in CORS (Rasa's default does).
- The server refuses to serve when its model did not load (Rasa would answer every turn with an
  error), naming the file.
- With SIGNPOST_ONION_LOCATION set, HTML pages carry an Onion-Location header (onion.py).
"""
from __future__ import annotations

import logging
import os
import sys

from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.handlers import ErrorHandler
from sanic_cors.core import SANIC_CORS_EVALUATED

from signpost.server.onion import onion_location_middleware, onion_origin
from signpost.server.patching import Patch
from signpost.settings import Settings
from signpost.settings import load as load_settings

logger = logging.getLogger(__name__)

WIDGET_PREFIX = "/widget/"
DEMO_PREFIX = "/demo"
DEMO_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


# Seconds a browser may cache a preflight (Chromium caps it at 7200).
PREFLIGHT_MAX_AGE = "7200"

ERROR_PHRASES = {400: "bad request", 404: "not found", 405: "method not allowed", 408: "request timeout",
                 413: "request too large", 415: "unsupported media type", 429: "too many requests",
                 503: "unavailable"}


class QuietErrorHandler(ErrorHandler):
    """Answers every error with its status and a fixed phrase; logs only the status."""

    def log(self, request, exception) -> None:
        # Sanic's own log line quotes the URL; `default` logs what is safe instead.
        return None

    def default(self, request, exception):
        status = exception.status_code if isinstance(exception, SanicException) else 500
        if status >= 500:
            logger.error("Request failed with %s (%s).", status, type(exception).__name__)
        phrase = ERROR_PHRASES.get(status, "error")
        return response.json({"error": phrase}, status=status)


async def _no_banner(request):
    if request.path == "/":
        return response.json({"error": ERROR_PHRASES[404]}, status=404)
    return None


async def _security_headers(request, resp) -> None:
    path = request.path
    if path.startswith(WIDGET_PREFIX + "v") and resp.status == 200:
        resp.headers["Cache-Control"] = "public, max-age=31536000, immutable"   # versioned: never changes
    elif path.startswith(WIDGET_PREFIX) and resp.status == 200:
        resp.headers["Cache-Control"] = "public, max-age=86400"                  # may change on upgrade
    else:
        resp.headers["Cache-Control"] = "no-store"
    if path.startswith(WIDGET_PREFIX):
        resp.headers["Access-Control-Allow-Origin"] = "*"
        # Sanic-CORS's response middleware runs after this one: without the flag it would add a
        # second Access-Control-Allow-Origin for a listed origin, and browsers refuse two.
        setattr(request.ctx, SANIC_CORS_EVALUATED, "1")
    elif request.method == "OPTIONS" and "Access-Control-Allow-Origin" in resp.headers:
        resp.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    resp.headers["Referrer-Policy"] = "no-referrer"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    if path.startswith(DEMO_PREFIX):
        resp.headers["Content-Security-Policy"] = DEMO_CSP


def _model_argument() -> str:
    """The --model path this server was started with (the launcher always passes one)."""
    argv = sys.argv
    for flag in ("--model", "-m"):
        if flag in argv[:-1]:
            return argv[argv.index(flag) + 1]
    return "file"


def harden(app: Sanic, settings: Settings) -> Sanic:
    app.config.REQUEST_MAX_SIZE = settings.max_body_bytes
    app.config.REQUEST_TIMEOUT = settings.request_timeout_seconds
    # Rasa's CORS set-up allows credentials; sanic-cors reads this when the server starts.
    app.config.CORS_SUPPORTS_CREDENTIALS = False
    app.config.ACCESS_LOG = False
    app.register_middleware(_no_banner, "request")

    @app.signal("http.lifecycle.request")
    async def refuse_bad_lengths(request, **_):
        # Sanic takes `Content-Length: -1` as given and then waits for ever for the body.
        value = request.headers.get("content-length")
        if value is not None and not value.strip().isdigit():
            from sanic.exceptions import InvalidUsage

            raise InvalidUsage("bad request")
    app.error_handler = QuietErrorHandler()
    app.register_middleware(_security_headers, "response")
    onion = onion_origin(settings.onion_location)
    if onion:
        app.register_middleware(onion_location_middleware(onion), "response")
    return app


def _hardened_app_factory(original):
    """Wrap Rasa's app factory: our HTTP hardening, and a check that a forgetting store is in use."""

    def configure_app(*args, **kwargs):
        app = original(*args, **kwargs)
        harden(app, load_settings())

        @app.listener("after_server_start")
        async def verify_and_go_quiet(app, _loop):
            from signpost.server.privacy import PRIVACY_FILTER
            from signpost.server.speed import freeze_loaded_objects
            from signpost.server.stores import FORGETTING_STORES

            store = app.ctx.agent.tracker_store
            store = getattr(store, "_tracker_store", store)  # unwrap Rasa's awaitable adapter
            if not isinstance(store, FORGETTING_STORES):
                logger.critical("Refusing to serve: the tracker store is %s, not one that forgets.",
                                type(store).__name__)
                os._exit(78)  # EX_CONFIG
            agent = app.ctx.agent
            if not agent.is_ready():
                # Rasa logs why (withheld once serving); this names the file.
                logger.critical("Refusing to serve: the model %s did not load. Rebuild it with "
                                "`signpost train --force`.", _model_argument())
                os._exit(78)  # EX_CONFIG
            # The widget sends no credentials, so no page may ask for them (Rasa allows it).
            for _, options in getattr(getattr(app.ctx, "sanic_cors", None), "resources", ()):
                options["supports_credentials"] = False
            PRIVACY_FILTER.serving = True
            freeze_loaded_objects()
            logger.warning("Signpost is serving.")

        return app

    return configure_app


def _body_with_deadline(original):
    """Sanic reads a request's body before any middleware, under the response timeout (Rasa sets
    it to an hour): a client trickling its body would hold the connection that long. The body
    must arrive within the request timeout too."""
    import asyncio

    from sanic.exceptions import RequestTimeout

    async def receive_body(self):
        try:
            await asyncio.wait_for(original(self), timeout=self.app.config.REQUEST_TIMEOUT)
        except asyncio.TimeoutError:
            if self.stream is not None:
                # Answer 408, then close: without this Sanic waits for the rest of the body.
                self.stream.keep_alive = False
                self.stream.request_body = None
            raise RequestTimeout("request timeout") from None

    return receive_body


BODY_PATCH = Patch("request bodies must arrive within the request timeout", "sanic", "sanic.request",
                   "Request.receive_body", _body_with_deadline, parameters=("self",))

APP_PATCH = Patch("hardened HTTP app, forgetting store required", "rasa", "rasa.core.run", "configure_app",
                  _hardened_app_factory, parameters=(
                      "input_channels", "cors", "auth_token", "enable_api", "response_timeout", "jwt_secret",
                      "jwt_private_key", "jwt_method", "route", "port", "endpoints", "log_file",
                      "conversation_id", "use_syslog", "syslog_address", "syslog_port", "syslog_protocol",
                      "request_timeout", "server_listeners", "use_uvloop", "keep_alive_timeout"))
