"""Closing the paths by which Rasa 3.6 could write a conversation to its output.

Rasa can write message text, sender ids or IP addresses to its output in several ways that survive
`--quiet` (docs/privacy.md lists each one). `quiet_environment()` runs before Rasa, Sanic or
TensorFlow are imported (several read their settings at import time); `close_leaks()` then patches
what remains. Each patch is version-checked (signpost/server/patching.py).
"""
from __future__ import annotations

import logging
import os
import warnings

from signpost.server.patching import Patch, apply_all

QUIET_ENVIRONMENT = {
    "RASA_TELEMETRY_ENABLED": "false",
    "LOG_LEVEL_LIBRARIES": "ERROR",
    "SANIC_ACCESS_LOG": "false",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "PYTHONWARNINGS": "ignore",
}
WITHHELD = "details withheld for privacy"
OWN_PACKAGES = ("signpost", "actions")


def quiet_environment() -> None:
    os.environ.update(QUIET_ENVIRONMENT)


def no_core_dumps() -> None:
    """A crash must not write the process's memory (conversations) to disk."""
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def is_own_logger(name: str) -> bool:
    """Signpost's own loggers; "botocore" and the like are libraries, not ours."""
    return name in OWN_PACKAGES or name.startswith(tuple(f"{p}." for p in OWN_PACKAGES))


class WithholdDetails(logging.Filter):
    """Once serving, log records from libraries keep their level and source but lose their text,
    arguments and tracebacks: any of them could hold a message, a sender id or an address.
    Signpost's own loggers (signpost.*, actions.*) are written never to include such data."""

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


def install_log_filter() -> None:
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


def silence_warnings() -> None:
    # Rasa re-adds "once" filters, and its warnings quote "/..." messages verbatim.
    warnings.showwarning = lambda *args, **kwargs: None
    warnings.simplefilter("ignore")


def _no_telemetry(original):
    # Telemetry: off, and no ~/.config/rasa/global.yml with an id written "to be ready".
    return lambda: False


def _tracebacks_without_locals(original):
    # Non-TTY structlog renders exceptions with frame locals (sender ids, texts): drop locals.
    import structlog.processors
    from structlog.tracebacks import ExceptionDictTransformer

    return structlog.processors.ExceptionRenderer(ExceptionDictTransformer(show_locals=False))


PATCHES = [
    Patch("no telemetry, no global.yml", "rasa", "rasa.telemetry", "initialize_telemetry", _no_telemetry,
          parameters=()),
    Patch("exception logs without frame locals", "structlog", "structlog.processors", "dict_tracebacks",
          _tracebacks_without_locals),
]


def register_redaction_plugin() -> None:
    """Rasa's own redaction hook for structlog events (text, slots, events, ...), through its
    documented plugin interface."""
    import pluggy
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


def close_leaks() -> None:
    silence_warnings()
    install_log_filter()
    apply_all(PATCHES)
    register_redaction_plugin()
