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


PATCHES = [
    Patch("validate action answers with a prebuilt validator", "rasa", "rasa.core.actions.action",
          "RemoteAction._validate_action_result", _validator_built_once, parameters=("self", "result")),
    Patch("remember event classes", "rasa", "rasa.shared.core.events", "Event.resolve_by_type",
          _remembered_event_classes, parameters=("type_name", "default")),
    Patch("no deep copies for debug logs", "rasa", "rasa.core.processor", "copy", _no_debug_copies),
]


def speed_up() -> None:
    apply_all(PATCHES)


def freeze_loaded_objects() -> None:
    """Exempt everything loaded at start-up (the model, TensorFlow, Rasa) from garbage collection:
    those objects live as long as the process, and full collections would otherwise walk them all."""
    gc.collect()
    gc.freeze()
