"""The understanding layer as a Rasa NLU component: trained with the model (`rasa train`), it gives
each typed message its intent ranking and, for first-message routing, the route the urgency rules
decide (a child in danger now and a suicide risk first, negation, age, own use vs request).

It adds `signpost_safety` to the parse data ({"categories": [...], "also": second need}), which the
actions read to answer the urgent need first and offer the other one.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from signpost import paths
from signpost.nlu.text import normalise
from signpost.nlu.understanding.router import Router
from signpost.nlu.understanding.routes import BENIGN, URGENT
from signpost.nlu.understanding.urgency import decide
from signpost.tools.nlu_data import examples_per_locale

SAFETY_KEY = "signpost_safety"
# The message without the clauses that deny urgency, for the safety net; never part of the output.
UNDENIED_KEY = "signpost_undenied"
MODEL_FILE = "router.npz"
RANKING_LENGTH = 10
# A button's payload ("/need_own_thoughts", '/choose_country{"country":"DE"}') is Rasa's to read.
PAYLOAD = re.compile(r"^/\w+(\{.*\})?$", re.S)
PLACEHOLDER = "nlu_fallback"
# How sure a decided route is: the urgency rules have already weighed the evidence.
DECIDED = 1.0


def locale_of_examples() -> dict[str, str]:
    """Normalised training text -> the locale of the file it is written in (data/nlu/<locale>.yml):
    the router learns which language a message is in from them."""
    return {normalise(text): locale for locale, examples in examples_per_locale(paths.NLU_DIR).items()
            for text, _ in examples}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class Understanding(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"encoder": "use"}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 router: Optional[Router] = None) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._router = router

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "Understanding":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        locales = locale_of_examples()
        examples = [(m.get(TEXT), m.get(INTENT), locales.get(normalise(m.get(TEXT)), "xx"))
                    for m in training_data.intent_examples if m.get(TEXT) and m.get(INTENT)]
        self._router = Router(encoder=self._config.get("encoder") or None).fit(examples)
        with self._model_storage.write_to(self._resource) as directory:
            self._router.save(str(directory / MODEL_FILE))
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "Understanding":
        with model_storage.read_from(resource) as directory:
            router = Router.load(str(directory / MODEL_FILE))
        return cls(config, model_storage, resource, router)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if self._router is None or PAYLOAD.match(text.strip()):
                # A button's payload: Rasa's RegexMessageHandler sets its intent after the pipeline;
                # until then the components after this one need an intent to read.
                message.set(INTENT, {"name": PLACEHOLDER, "confidence": 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
                continue
            self.understand(message, text)
        return messages

    def understand(self, message: Message, text: str) -> None:
        route = decide(self._router, text)
        # The ranking the decision was made from: the models run once per message.
        ranking = [{"name": name, "confidence": score} for name, score in (route.ranking or self._router.predict(text))]
        if route.route != BENIGN:
            top = {"name": route.route, "confidence": DECIDED}
        else:
            score = next((r["confidence"] for r in ranking if r["name"] == route.intent), 0.0)
            top = {"name": route.intent, "confidence": score}
        ranking = [top] + [r for r in ranking if r["name"] != top["name"]][:RANKING_LENGTH - 1]
        message.set(INTENT, top, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        message.set(UNDENIED_KEY, route.undenied)
        if route.route in URGENT or route.also:
            message.set(SAFETY_KEY, {"categories": [route.route], "also": route.also}, add_to_output=True)
