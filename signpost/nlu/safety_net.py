"""The safety net, after the understanding layer: phrase patterns kept by translators
(locales/safety/<locale>.yml) that catch a child in danger or a suicide risk the model may miss.
A backstop only: it can add an escalation, never take one away, and it reads the message without
the clauses the understanding layer found to deny urgency ("I'm not suicidal"), so a denial does
not escalate. It runs on every message, the first included, in every language at once.

Measured on the tuning split (docs/safety.md): the layer alone misses as many urgent messages as
with the net; the net catches phrasings from the older team-written set that the layer misses.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from signpost.nlu.safety_patterns import SafetyMatcher
from signpost.nlu.understanding.component import PAYLOAD, SAFETY_KEY, UNDENIED_KEY
from signpost.vocabulary import CATEGORY_INTENT, ESCALATION_INTENTS, NEED_INTENTS

URGENT_CATEGORIES = tuple(c for c, intent in CATEGORY_INTENT.items() if intent in ESCALATION_INTENTS)


def urgent_intent(matcher: SafetyMatcher, undenied: str) -> Optional[str]:
    """The escalation the phrase patterns find in the message without its denials, if any.
    (Also what `signpost sweep` applies, so thresholds are chosen for the bot as it runs.)"""
    urgent = next((c for c in matcher.check(undenied).categories if c in URGENT_CATEGORIES), None)
    return CATEGORY_INTENT[urgent] if urgent else None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyNet(GraphComponent, IntentClassifier):
    def __init__(self, matcher: SafetyMatcher) -> None:
        self._matcher = matcher

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SafetyNet":
        # Patterns are read from locales/safety/ when the server starts: no retraining needed.
        return cls(SafetyMatcher.from_directory())

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if PAYLOAD.match(text.strip()):
                continue
            model = message.get(INTENT) or {}
            if model.get("name") in ESCALATION_INTENTS:
                continue
            undenied = message.get(UNDENIED_KEY)
            intent = urgent_intent(self._matcher, text if undenied is None else undenied)
            if intent is None:
                continue
            also = model.get("name") if model.get("name") in NEED_INTENTS else None
            hit = {"name": intent, "confidence": 1.0}
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
            message.set(INTENT, hit, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [hit] + ranking, add_to_output=True)
            message.set(SAFETY_KEY, {"categories": [intent], "also": also}, add_to_output=True)
        return messages
