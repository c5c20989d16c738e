"""The safety net as a Rasa NLU component. It runs last in the pipeline, so it overrides the
statistical model (and its fallback) at any turn, including the very first message and messages
beginning with "/" that are not valid button payloads.

It adds `signpost_safety` to the parse data: the matched categories, and `also`, a second need the
message mentions (from a second pattern or from the model), so the answer can offer it after the
urgent one.
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

from signpost.nlu.safety_patterns import SafetyMatcher
from signpost.vocabulary import CATEGORY_INTENT, NEED_INTENTS

SAFETY_KEY = "signpost_safety"
# How sure the model must be before its own reading counts as a second need.
SECOND_NEED_CONFIDENCE = 0.3


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyNet(GraphComponent, IntentClassifier):
    def __init__(self, matcher: SafetyMatcher) -> None:
        self._matcher = matcher

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SafetyNet":
        # Patterns are read from locales/safety/ when the server starts, so translators' changes
        # take effect on restart without retraining.
        return cls(SafetyMatcher.from_directory())

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            verdict = self._matcher.check(message.get(TEXT) or "")
            if verdict.intent is None:
                continue
            model = message.get(INTENT) or {}
            also = None
            if len(verdict.categories) > 1:
                also = CATEGORY_INTENT[verdict.categories[1]]
            elif (model.get("name") in NEED_INTENTS and model.get("name") != verdict.intent
                  and model.get("confidence", 0) >= SECOND_NEED_CONFIDENCE):
                also = model["name"]
            hit = {"name": verdict.intent, "confidence": 1.0}
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != verdict.intent]
            message.set(INTENT, hit, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [hit] + ranking, add_to_output=True)
            message.set(SAFETY_KEY, {"categories": list(verdict.categories), "also": also}, add_to_output=True)
        return messages
