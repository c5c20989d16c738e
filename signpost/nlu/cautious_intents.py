"""Intents whose effect cannot be undone need more certainty than the rest.

"End chat" deletes the conversation. A typed message the model reads as `end_chat` with low
confidence (gibberish often lands there) is treated as not understood instead; the End chat button
sends `/end_chat`, which Rasa maps directly and which never passes through here.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CautiousIntents(GraphComponent, IntentClassifier):
    def __init__(self, config: Dict[Text, Any]) -> None:
        self._minimum = {str(k): float(v) for k, v in (config.get("minimum_confidence") or {}).items()}

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"minimum_confidence": {"end_chat": 0.6}}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "CautiousIntents":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            minimum = self._minimum.get(intent.get("name"))
            if minimum is None or (message.get(TEXT) or "").startswith("/"):
                continue
            if intent.get("confidence", 0.0) < minimum:
                fallback = {"name": "nlu_fallback", "confidence": intent.get("confidence", 0.0)}
                message.set(INTENT, fallback, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [fallback] + (message.get(INTENT_RANKING_KEY) or []),
                            add_to_output=True)
        return messages
