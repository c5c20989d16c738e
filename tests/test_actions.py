"""The custom actions in process, with rasa-sdk's own Tracker and CollectingDispatcher: no servers.

Each test builds the conversation state an action would receive from Rasa and checks what the
action sends and which slots it sets. The tests against the running servers are in
test_conversation.py and test_safety.py.
"""
from __future__ import annotations

import asyncio
from typing import Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher

from actions import answers, language, needs, session
from actions.base import SignpostAction
from signpost.i18n import t


@pytest.fixture(autouse=True, scope="module")
def directory_built():
    from signpost.directory.build import ensure_built

    ensure_built()


@pytest.fixture(autouse=True)
def no_counters(monkeypatch):
    """Unit tests count nothing: the counters are replaced by a recorder."""
    recorded = []

    class Recorder:
        def record(self, *args):
            recorded.append(args)

    for module in (needs, session):
        monkeypatch.setattr(module, "counters", lambda: Recorder())
    monkeypatch.setattr("actions.base.counters", lambda: Recorder())
    return recorded


def tracker(intent: str, text: Optional[str] = None, slots: Optional[dict] = None, locale: str = "en",
            country: Optional[str] = None, entities: Optional[list] = None, **parse) -> Tracker:
    metadata = {"locale": locale, **({"country": country} if country else {})}
    latest = {"intent": {"name": intent, "confidence": 1.0}, "text": text or f"/{intent}",
              "entities": entities or [], "metadata": metadata, **parse}
    return Tracker("unit-test-sender", slots or {}, latest, [], False, None, None, "action_listen")


def run(action: SignpostAction, conversation: Tracker) -> tuple[list[dict], dict]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, conversation, {}))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def test_crisis_in_the_uk_gives_999_and_a_crisis_line_first():
    messages, slots = run(needs.AnswerNeed(), tracker("crisis", "i want to end it all", country="GB"))
    assert messages[0]["text"] == t("needs.crisis", "en", number="999")
    assert messages[0]["custom"]["route"] == "crisis"
    shown = [m["custom"]["service"] for m in messages if m["custom"]["kind"] == "service"]
    assert shown and all(s["kind"] == "crisis_line" for s in shown)
    assert slots["last_need"] == "crisis"


def test_a_child_in_danger_with_no_country_is_answered_at_once_then_the_country_is_asked():
    messages, slots = run(needs.AnswerNeed(), tracker("child_in_danger", "someone is hurting a child"))
    assert messages[0]["text"] == t("needs.child_in_danger_unknown", "en")
    assert messages[-1]["text"] == t("country.question", "en")
    assert slots["pending_need"] == "child_in_danger"


def test_a_need_waits_for_the_country_and_is_answered_once_it_is_given():
    messages, slots = run(needs.AnswerNeed(), tracker("need_own_thoughts"))
    assert [m["text"] for m in messages] == [t("country.question", "en")]
    assert slots["pending_need"] == "own_thoughts"

    answered, slots = run(needs.SetCountry(), tracker(
        "choose_country", "/choose_country", slots={"pending_need": "own_thoughts", "country": None},
        entities=[{"entity": "country", "value": "DE"}], locale="de"))
    names = [m["custom"]["service"]["name"] for m in answered if m["custom"]["kind"] == "service"]
    assert any("Kein Täter werden" in name for name in names)
    assert slots["country"] == "DE" and slots["last_need"] == "own_thoughts"


def test_a_country_named_in_the_message_is_used():
    messages, slots = run(needs.AnswerNeed(), tracker(
        "crisis", "ich bin in österreich und will nicht mehr", locale="de",
        entities=[{"entity": "country", "value": "AT"}]))
    assert slots["country"] == "AT"
    assert "112" in messages[0]["text"] or "144" in messages[0]["text"]


def test_a_request_for_sexual_content_is_refused_without_echo():
    messages, _ = run(needs.RefuseContent(), tracker("request_sexual_content", "MARKER-unit write me a story",
                                                     country="GB"))
    assert messages[0]["text"] == t("refusal", "en")
    assert messages[0]["custom"]["route"] == "request_sexual_content"
    assert all("MARKER-unit" not in (m.get("text") or "") for m in messages)


def test_the_refusal_shows_the_countrys_prevention_service():
    for country, locale, expected in (("GB", "en", "Stop It Now"), ("DE", "de", "Kein Täter werden"), (None, "en", "")):
        messages, _ = run(needs.RefuseContent(), tracker("request_sexual_content", "send pics", country=country,
                                                         locale=locale))
        shown = [m["custom"]["service"] for m in messages if m["custom"]["kind"] == "service"]
        assert len(shown) == 1 and shown[0]["kind"] == "prevention_service", country
        assert expected in shown[0]["name"], (country, shown[0]["name"])


def test_the_opening_for_an_api_client_carries_the_notice_and_the_topics():
    messages, slots = run(session.OpenConversation(), tracker("greet", "hello", country="GB"))
    assert messages[0]["custom"]["kind"] == "notice" and "999" in messages[0]["text"]
    assert len(messages[-1]["buttons"]) == 7
    assert slots["started"] is True


def test_not_understood_twice_offers_another_language():
    _, slots = run(session.NotUnderstood(), tracker("nlu_fallback", "qwerty"))
    assert slots["misunderstood"] == 1
    messages, slots = run(session.NotUnderstood(), tracker("nlu_fallback", "asdf", slots={"misunderstood": 1}))
    assert slots["misunderstood"] == 2
    assert any(b["payload"] == "/change_language" for b in messages[-1]["buttons"])


def test_end_chat_says_nothing_is_kept():
    messages, _ = run(session.EndChat(), tracker("end_chat"))
    assert messages[-1]["text"] == t("ended", "en")


def test_the_ai_law_answer_offers_help():
    messages, _ = run(answers.ExplainAiLaw(), tracker("ask_ai_legal", country="GB"))
    assert any(b["payload"] == "/need_viewed_images" for b in messages[-1]["buttons"])


def test_a_language_named_in_words_switches_the_conversation():
    messages, slots = run(language.SetLanguage(), tracker("choose_language", "auf deutsch bitte"))
    assert slots["locale"] == "de"
    assert messages[0]["custom"]["locale"] == "de"


def test_a_failing_action_answers_with_the_safety_answer(monkeypatch):
    from signpost.safety_answer import safety_text

    def broken(self, conversation, reply):
        raise RuntimeError("MARKER-unit secret")

    monkeypatch.setattr(needs.AnswerNeed, "respond", broken)
    messages, _ = run(needs.AnswerNeed(), tracker("crisis", "MARKER-unit", country="GB"))
    assert len(messages) == 1 and "MARKER-unit" not in messages[0]["text"]
    assert messages[0]["text"] == safety_text("en", "GB")
    assert "999" in messages[0]["text"] and "116 123" in messages[0]["text"]
    assert messages[0]["custom"]["kind"] == "failure"


def test_rasa_sdk_registers_every_action_by_name_and_not_the_abstract_base():
    executor = ActionExecutor()
    executor.register_package("actions")
    names = set(executor.actions)
    assert "" not in names
    assert {"action_answer_need", "action_set_country", "action_end_chat", "action_refuse_content",
            "action_not_understood", "action_set_language"} <= names
