"""The NLU components and the REST channel's input check, in process: no servers, no model."""
from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from signpost.nlu.cautious_intents import CautiousIntents
from signpost.nlu.country import CountryExtractor
from signpost.nlu.safety_net import SAFETY_KEY, SafetyNet
from signpost.nlu.safety_patterns import SafetyMatcher
from signpost.server.rest_channel import BAD_METADATA, BAD_SENDER, NOT_OBJECT, TOO_LONG, read_turn


def message(text: str, intent: str = "nlu_fallback", confidence: float = 0.3) -> Message:
    parsed = Message({TEXT: text})
    parsed.set(INTENT, {"name": intent, "confidence": confidence})
    parsed.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": confidence}])
    return parsed


@pytest.fixture(scope="module")
def countries() -> CountryExtractor:
    return CountryExtractor({})


@pytest.mark.parametrize("text, code", [
    ("Germany", "DE"), ("deutschland", "DE"), ("ألمانيا", "DE"), ("I am in the United Kingdom", "GB"), ("NO", "NO"),
    ("ich bin übrigens in Österreich", "AT"), ("Suomi", "FI"),
])
def test_country_names_in_every_language(countries, text, code):
    assert countries.find(text) == code


@pytest.mark.parametrize("text", ["no", "in", "i want to talk to someone", "de"])
def test_words_that_look_like_codes_are_not_countries(countries, text):
    assert countries.find(text) is None


def test_a_bare_country_becomes_choose_country(countries):
    [parsed] = countries.process([message("France")])
    assert parsed.get(INTENT)["name"] == "choose_country"
    assert parsed.get(ENTITIES)[0]["value"] == "FR"


def test_a_clear_need_is_not_overridden_by_a_country_in_it(countries):
    [parsed] = countries.process([message("in Germany, someone is hurting a child", "child_in_danger", 0.9)])
    assert parsed.get(INTENT)["name"] == "child_in_danger"
    assert parsed.get(ENTITIES)[0]["value"] == "DE"


def test_a_typed_end_chat_needs_confidence_but_the_button_does_not():
    gate = CautiousIntents({"minimum_confidence": {"end_chat": 0.6}})
    [unsure] = gate.process([message("bye?", "end_chat", 0.5)])
    assert unsure.get(INTENT)["name"] == "nlu_fallback"
    [button] = gate.process([message("/end_chat", "end_chat", 0.5)])
    assert button.get(INTENT)["name"] == "end_chat"


def test_the_safety_net_overrides_the_model_and_names_a_second_need():
    net = SafetyNet(SafetyMatcher.from_directory())
    [parsed] = net.process([message("i want to kill myself", "need_own_thoughts", 0.7)])
    assert parsed.get(INTENT) == {"name": "crisis", "confidence": 1.0}
    assert parsed.get(SAFETY_KEY)["also"] == "need_own_thoughts"


@pytest.mark.parametrize("body, error", [
    ([], NOT_OBJECT), ({"sender": "", "message": "hi"}, BAD_SENDER), ({"sender": "a\n", "message": "hi"}, BAD_SENDER),
    ({"sender": "abc" * 6, "message": "x" * 20001}, TOO_LONG),
    ({"sender": "abc" * 6, "message": "hi", "metadata": "x"}, BAD_METADATA),
    ({"sender": "a" * 15, "message": "hi"}, BAD_SENDER), ({"sender": "a" * 16 + "\n", "message": "hi"}, BAD_SENDER),
])
def test_read_turn_refuses_with_fixed_reasons(body, error):
    assert read_turn(body) == (None, error)


def test_read_turn_keeps_only_the_metadata_signpost_understands():
    turn, error = read_turn({"sender": "s-" + "a" * 30, "message": "hi",
                             "metadata": {"locale": "de-AT", "country": "at", "client": "widget", "ip": "1.2.3.4"}})
    assert error is None
    assert turn["metadata"] == {"locale": "de", "country": "AT", "client": "widget"}
