"""The action server (rasa-sdk) as Signpost runs it: quiet, loopback only, and with an error
handler that never answers with the request (rasa-sdk's own 500 answer contains the whole
conversation)."""
from __future__ import annotations

import argparse
import logging

from signpost.server.privacy import PRIVACY_FILTER, install_log_filter, silence_warnings
from signpost.server.speed import freeze_loaded_objects


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="signpost-actions")
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args(argv)

    silence_warnings()
    install_log_filter()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for name in ("rasa_sdk", "sanic", "sanic.access", "sanic.error", "sanic.root"):
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("sanic.access").disabled = True

    from rasa_sdk.endpoint import create_app

    from signpost.server.hardening import QuietErrorHandler

    app = create_app("actions", cors_origins=None)
    app.error_handler = QuietErrorHandler()
    app.config.ACCESS_LOG = False

    @app.listener("after_server_start")
    async def go_quiet(app, _loop):
        PRIVACY_FILTER.serving = True
        freeze_loaded_objects()

    # Loopback only: the action server receives whole conversations and must never be reachable.
    app.run(host="127.0.0.1", port=args.port, access_log=False, workers=1, motd=False)
    return 0
