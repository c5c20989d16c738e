"""Removing per-turn costs that a py-spy profile of a loaded server found in Rasa 3.6
(docs/benchmarks.md). Same answers, less CPU. Each patch is version-checked
(signpost/server/patching.py)."""
from __future__ import annotations

import gc
import types

from signpost.server.patching import Patch, apply_all


def _validator_built_once(original):
    """Rasa validates every action server answer with `jsonschema.validate`, which first re-checks
    the schema itself: about half of a turn's CPU. Build the validator once; the check itself, and
    its error on a malformed answer, stay the same."""
    from jsonschema import validators
    from rasa.core.actions.action import RemoteAction

    spec = RemoteAction.action_response_format_spec()
    validator = validators.validator_for(spec)(spec)

    def validate_action_result(self, result):
        validator.validate(result)
        return True

    return validate_action_result


def _remembered_event_classes(original):
    """Rasa looks an event's class up by walking every subclass of Event, for each event the
    action server returns (~20 % of samples). The classes do not change once loaded."""
    find_event_class = original.__func__
    event_classes: dict = {}

    def resolve_by_type(type_name, default=None):
        if type_name not in event_classes:
            found = find_event_class(type_name, default)
            if found is None or found is default:
                return found
            event_classes[type_name] = found
        return event_classes[type_name]

    return staticmethod(resolve_by_type)


def _no_debug_copies(original):
    """The processor deep-copies a turn's events only to hand them to debug log calls, which a
    serving Signpost never emits (and must not: they hold the conversation). Skip the copies."""
    return types.SimpleNamespace(deepcopy=lambda value, memo=None: value)


# Sanic (the action server) closes an idle connection after 5 s; the client drops its own sooner,
# so it never sends a turn down a connection the server is closing.
IDLE_CONNECTION_SECONDS = 2


def _one_session_per_endpoint(original):
    """Rasa opens a new HTTP client session, and with it a new TCP connection, for every call to the
    action server (`async with endpoint.session() as session`): about a tenth of a loaded server's
    CPU. Keep one session per endpoint and event loop, with keep-alive connections; the request, its
    headers, timeout and errors stay Rasa's."""
    import asyncio

    import aiohttp
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT

    class Borrowed:
        """`async with` hands out the shared session and leaves it open."""

        def __init__(self, session):
            self.session = session

        async def __aenter__(self):
            return self.session

        async def __aexit__(self, *exc_info):
            return None

    def session(self):
        # Kept on the endpoint itself (with the loop it belongs to), so it lives and dies with it.
        loop = asyncio.get_running_loop()
        owner, shared = getattr(self, "_signpost_session", (None, None))
        if owner is not loop or shared.closed:
            auth = (aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
                    if self.basic_auth else None)
            shared = aiohttp.ClientSession(
                headers=self.headers, auth=auth, timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=IDLE_CONNECTION_SECONDS))
            self._signpost_session = (loop, shared)
        return Borrowed(shared)

    return session


PATCHES = [
    Patch("validate action answers with a prebuilt validator", "rasa", "rasa.core.actions.action",
          "RemoteAction._validate_action_result", _validator_built_once, parameters=("self", "result")),
    Patch("remember event classes", "rasa", "rasa.shared.core.events", "Event.resolve_by_type",
          _remembered_event_classes, parameters=("type_name", "default")),
    Patch("no deep copies for debug logs", "rasa", "rasa.core.processor", "copy", _no_debug_copies),
    Patch("one HTTP session per endpoint, connections kept alive", "rasa", "rasa.utils.endpoints",
          "EndpointConfig.session", _one_session_per_endpoint, parameters=("self",)),
]


def speed_up() -> None:
    apply_all(PATCHES)


def freeze_loaded_objects() -> None:
    """Exempt everything loaded at start-up (the model, TensorFlow, Rasa) from garbage collection:
    those objects live as long as the process, and full collections would otherwise walk them all."""
    gc.collect()
    gc.freeze()
