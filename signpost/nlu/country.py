"""Recognises the person's country in free text ("Germany", "deutschland", "DE", "ألمانيا").

Country names come from the Unicode CLDR data shipped with Babel, in every supported language, plus
a few everyday aliases. The component adds a `country` entity (ISO 3166-1 alpha-2) and, when the
message is little more than a country, sets the intent to `choose_country`.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from babel import Locale
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from signpost.directory import covered_countries
from signpost.languages import babel_code, supported_locales
from signpost.nlu.text import normalise

# Country names in every language Signpost speaks, and in those of covered countries it does not.
EXTRA_LANGUAGES = ("da", "no")
ALIASES = {
    "uk": "GB", "u k": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "britain": "GB",
    "great britain": "GB", "northern ireland": "GB", "united kingdom": "GB",
    "usa": "US", "u s a": "US", "us": "US", "america": "US", "united states": "US", "the states": "US",
    "holland": "NL", "the netherlands": "NL", "nz": "NZ", "aotearoa": "NZ", "oz": "AU",
    "deutschland": "DE", "osterreich": "AT", "schweiz": "CH", "suisse": "CH", "svizzera": "CH",
    "belgie": "BE", "belgique": "BE", "suomi": "FI", "sverige": "SE", "norge": "NO", "danmark": "DK",
    "polska": "PL", "eire": "IE", "turkiye": "TR",
}
# Intents a bare country name may override: a clear need or an escalation always wins.
OVERRIDABLE = {"choose_country", "nlu_fallback", "greet", "start", "country_unknown", "choose_language"}
SHORT_MESSAGE_TOKENS = 6
# Below this confidence the model's reading of a short message naming a country gives way.
UNSURE = 0.5


def build_gazetteer() -> dict[str, str]:
    names: dict[str, str] = {}
    for language in (*supported_locales(), *EXTRA_LANGUAGES):
        for code, name in Locale.parse(babel_code(language)).territories.items():
            if len(code) == 2 and code.isalpha() and code not in ("ZZ", "EU", "EZ", "UN", "QO"):
                names.setdefault(normalise(name), code)
    for alias, code in ALIASES.items():
        names[normalise(alias)] = code
    return names


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class CountryExtractor(GraphComponent, EntityExtractorMixin):
    """Gazetteer-based country recognition for every supported language."""

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._names = build_gazetteer()
        self._longest = max(len(n.split()) for n in self._names)
        # Inside a longer sentence only the countries Signpost covers count (files in directory/).
        self._covered = set(covered_countries())

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "CountryExtractor":
        return cls(config)

    def find(self, text: str) -> Optional[str]:
        """The country a message names, or None. Bare ISO codes count only as the whole message."""
        words = normalise(text).split()
        bare = text.strip()
        # A bare ISO code counts only when written in capitals: "NO" is Norway, "no" is an answer.
        if len(bare) == 2 and bare.isalpha() and bare.isupper() and bare in self._all_codes():
            return bare
        short = len(words) <= SHORT_MESSAGE_TOKENS
        for size in range(min(self._longest, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start:start + size])
                if size == 1 and len(phrase) <= 2 and len(words) > 1:
                    continue  # "in", "de", "us" inside a sentence are words, not countries
                code = self._names.get(phrase)
                if code and (short or code in self._covered):
                    return code
        return None

    def _all_codes(self) -> set[str]:
        return set(self._names.values())

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue
            code = self.find(text)
            if code is None:
                continue
            entity = {"entity": "country", "value": code, "start": 0, "end": len(text),
                      "extractor": "CountryExtractor", "confidence_entity": 1.0}
            message.set(ENTITIES, (message.get(ENTITIES) or []) + [entity], add_to_output=True)
            model = message.get(INTENT) or {}
            bare_code = len(text.strip()) == 2
            unsure = model.get("name") in OVERRIDABLE or model.get("confidence", 0) < UNSURE
            if bare_code or (len(text.split()) <= SHORT_MESSAGE_TOKENS and unsure):
                hit = {"name": "choose_country", "confidence": 1.0}
                ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != "choose_country"]
                message.set(INTENT, hit, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [hit] + ranking, add_to_output=True)
        return messages
