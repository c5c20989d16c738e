"""Starts Rasa and the action server with every known leak path closed.

Rasa 3.6 can write message text, sender ids or IP addresses to its output in several ways that
survive `--quiet` (see docs/privacy.md). This module closes them before Rasa is imported, then hands
over to Rasa's own command line:

    python -m bot.launcher rasa run --model ... --quiet    # the Rasa server
    python -m bot.launcher rasa train ...                  # any other rasa command, same protections
    python -m bot.launcher actions --port 5055             # the action server, loopback only
"""
from __future__ import annotations

import gc
import logging
import os
import sys
import warnings

# Set before Rasa, Sanic or TensorFlow are imported: several are read at import time.
QUIET_ENVIRONMENT = {
    "RASA_TELEMETRY_ENABLED": "false",
    "LOG_LEVEL_LIBRARIES": "ERROR",
    "SANIC_ACCESS_LOG": "false",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "PYTHONWARNINGS": "ignore",
}
for _name, _value in QUIET_ENVIRONMENT.items():
    os.environ[_name] = _value

WITHHELD = "details withheld for privacy"


def is_own_logger(name: str) -> bool:
    """Signpost's own loggers; "botocore" and the like are libraries, not ours."""
    return name in ("bot", "actions") or name.startswith(("bot.", "actions."))


class WithholdDetails(logging.Filter):
    """Once serving, log records from libraries keep their level and source but lose their text,
    arguments and tracebacks: any of them could hold a message, a sender id or an address.
    Signpost's own loggers (bot.*, actions.*) are written never to include such data."""

    serving = False

    def filter(self, record: logging.LogRecord) -> bool:
        if self.serving and not is_own_logger(record.name):
            record.msg = f"{record.name}: {WITHHELD}"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True


PRIVACY_FILTER = WithholdDetails()


def _install_log_filter() -> None:
    root = logging.getLogger()
    root.addFilter(PRIVACY_FILTER)
    for handler in root.handlers:
        handler.addFilter(PRIVACY_FILTER)
    # Filters on a logger do not apply to records propagated from its children: wrap the factory
    # so every record, whichever logger made it, passes through the filter.
    original_factory = logging.getLogRecordFactory()

    def factory(*args, **kwargs):
        record = original_factory(*args, **kwargs)
        PRIVACY_FILTER.filter(record)
        return record

    logging.setLogRecordFactory(factory)


def _silence_warnings() -> None:
    # Rasa re-adds "once" filters, and its warnings quote "/..." messages verbatim.
    warnings.showwarning = lambda *args, **kwargs: None
    warnings.simplefilter("ignore")


def _close_rasa_leaks() -> None:
    import pluggy
    import structlog.processors
    from structlog.tracebacks import ExceptionDictTransformer

    import rasa.telemetry

    # Telemetry: off, and no ~/.config/rasa/global.yml with an id written "to be ready".
    rasa.telemetry.initialize_telemetry = lambda: False

    # Non-TTY structlog renders exceptions with frame locals (sender ids, texts): drop locals.
    structlog.processors.dict_tracebacks = structlog.processors.ExceptionRenderer(
        ExceptionDictTransformer(show_locals=False)
    )

    # Rasa's own redaction hook for structlog events (text, slots, events, ...).
    from rasa.plugin import plugin_manager

    hookimpl = pluggy.HookimplMarker("rasa")

    class Redactor:
        def log_run(self, value):  # rasa/utils/log_utils.py calls this for sensitive keys
            return "[redacted]"

        def run(self, body):  # rasa/core/processor.py calls this after every message
            return None

    class RedactionPlugin:
        @hookimpl
        def get_anonymization_pipeline(self):
            return Redactor()

    if plugin_manager().get_plugin("signpost-redaction") is None:
        plugin_manager().register(RedactionPlugin(), name="signpost-redaction")


def _speed_up_action_calls() -> None:
    """Rasa validates every action server answer with `jsonschema.validate`, which first re-checks
    the schema itself: about half of a turn's CPU in a profile (docs/benchmarks.md). Build the
    validator once; the check itself, and its error on a malformed answer, stay the same."""
    from jsonschema import validators

    from rasa.core.actions.action import RemoteAction

    spec = RemoteAction.action_response_format_spec()
    validator = validators.validator_for(spec)(spec)

    def validate_action_result(self, result):
        validator.validate(result)
        return True

    RemoteAction._validate_action_result = validate_action_result


def _speed_up_turns() -> None:
    """Three costs a py-spy profile of a loaded server found in every turn (docs/benchmarks.md):

    - Rasa looks an event's class up by walking every subclass of Event, for each event the action
      server returns (~20 % of samples). The classes do not change once loaded: remember them.
    - The logistic-regression model multiplies each message by its weight matrix transposed; stored
      row-major, that transpose is copied on every call (1.2 ms for 21 x 90 815 weights). Stored
      column-major, it is a view (0.04 ms). Same numbers, same answers.
    - The processor deep-copies a turn's events only to hand them to debug log calls, which a
      serving Signpost never emits (and must not: they hold the conversation). Skip the copies.
    """
    import types

    import numpy
    import rasa.core.processor
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
    from rasa.shared.core.events import Event

    find_event_class = Event.resolve_by_type
    event_classes: dict = {}

    def resolve_by_type(type_name, default=None):
        if type_name not in event_classes:
            found = find_event_class(type_name, default)
            if found is None or found is default:
                return found
            event_classes[type_name] = found
        return event_classes[type_name]

    Event.resolve_by_type = staticmethod(resolve_by_type)

    load_classifier = LogisticRegressionClassifier.load.__func__

    def load(cls, *args, **kwargs):
        component = load_classifier(cls, *args, **kwargs)
        if hasattr(component.clf, "coef_"):
            component.clf.coef_ = numpy.asfortranarray(component.clf.coef_)
        return component

    LogisticRegressionClassifier.load = classmethod(load)
    rasa.core.processor.copy = types.SimpleNamespace(deepcopy=lambda value, memo=None: value)


def _freeze_loaded_objects() -> None:
    """Exempt everything loaded at start-up (the model, TensorFlow, Rasa) from garbage collection:
    those objects live as long as the process, and full collections would otherwise walk them all."""
    gc.collect()
    gc.freeze()


def _harden_server() -> None:
    """Wrap Rasa's app factory: our HTTP hardening, and a check that the forgetting store is in use."""
    import rasa.core.run

    from bot.hardening import harden
    from bot.settings import load

    original = rasa.core.run.configure_app

    def configure_app(*args, **kwargs):
        app = original(*args, **kwargs)
        harden(app, load())

        @app.listener("after_server_start")
        async def verify_and_go_quiet(app, _loop):
            from bot.stores import ExpiringInMemoryTrackerStore, RedisExpiringTrackerStore

            store = app.ctx.agent.tracker_store
            store = getattr(store, "_tracker_store", store)  # unwrap Rasa's awaitable adapter
            if not isinstance(store, (ExpiringInMemoryTrackerStore, RedisExpiringTrackerStore)):
                logging.getLogger("bot.launcher").critical(
                    "Refusing to serve: the tracker store is %s, not one that forgets.",
                    type(store).__name__,
                )
                os._exit(78)  # EX_CONFIG
            PRIVACY_FILTER.serving = True
            _freeze_loaded_objects()
            logging.getLogger("bot.launcher").warning("Signpost is serving.")

        return app

    rasa.core.run.configure_app = configure_app


def run_rasa(argv: list[str]) -> int:
    _silence_warnings()
    _install_log_filter()
    _close_rasa_leaks()
    if argv[:1] == ["run"]:
        _harden_server()
        _speed_up_action_calls()
        _speed_up_turns()
    from rasa.__main__ import main

    sys.argv = ["rasa", *argv]
    main()
    return 0


def run_actions(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="signpost-actions")
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args(argv)

    _silence_warnings()
    _install_log_filter()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for name in ("rasa_sdk", "sanic", "sanic.access", "sanic.error", "sanic.root"):
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("sanic.access").disabled = True

    from rasa_sdk.endpoint import create_app

    from bot.hardening import QuietErrorHandler

    app = create_app("actions", cors_origins=None)
    # Replaces rasa-sdk's handler, whose 500 answer contains the whole request (the conversation).
    app.error_handler = QuietErrorHandler()
    app.config.ACCESS_LOG = False

    @app.listener("after_server_start")
    async def go_quiet(app, _loop):
        PRIVACY_FILTER.serving = True
        _freeze_loaded_objects()

    # Loopback only: the action server receives whole conversations and must never be reachable.
    app.run(host="127.0.0.1", port=args.port, access_log=False, workers=1, motd=False)
    return 0


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("rasa", "actions"):
        print(__doc__, file=sys.stderr)
        return 2
    command, argv = sys.argv[1], sys.argv[2:]
    return run_rasa(argv) if command == "rasa" else run_actions(argv)


if __name__ == "__main__":
    sys.exit(main())
