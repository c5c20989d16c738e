"""Every route of the conversation, through the real Rasa server and action server (issue: foundation)."""
from __future__ import annotations

import pytest

from tests.support import assert_rendered_from_locale, cards, payloads, texts

TOPIC_PAYLOADS = {"/need_own_thoughts", "/need_viewed_images", "/need_someone_else", "/need_young_person",
                  "/need_report_images", "/child_in_danger", "/crisis"}
EMERGENCY = {"GB": "999", "IE": "112", "US": "911"}


def test_opening_explains_the_service_and_gives_the_emergency_number(chat):
    conversation = chat(country="GB")
    messages = conversation.say("hello")
    text = texts(messages)
    assert "automated service, not a person" in text
    assert "Nothing you type here is saved" in text
    assert "don't share names" in text
    assert "leave quickly" in text
    assert "call 999" in text
    assert TOPIC_PAYLOADS <= set(payloads(messages))
    assert_rendered_from_locale(messages, "en")


def test_opening_without_a_country_gives_a_general_emergency_line(chat):
    text = chat().text("hi")
    assert "local emergency number" in text


def test_the_widget_shows_the_notice_itself(chat):
    messages = chat(country="GB", client="widget").say("/start")
    assert "Nothing you type here is saved" not in texts(messages)
    assert TOPIC_PAYLOADS <= set(payloads(messages))


@pytest.mark.parametrize("country, expected_service", [
    ("GB", "Stop It Now"), ("IE", "Stop It Now"), ("US", "Stop It Now"),
])
def test_worried_about_own_thoughts_gets_a_prevention_service(chat, country, expected_service):
    conversation = chat(country=country)
    messages = conversation.say("I'm worried about my sexual thoughts about children")
    shown = cards(messages)
    assert shown, texts(messages)
    assert expected_service in shown[0]["name"]
    assert shown[0]["kind"] == "prevention_service"
    assert all(c["verified_text"] and c["source_url"] for c in shown)
    assert "/ask_what_happens" in payloads(messages)
    assert_rendered_from_locale(messages, "en")


def test_phone_numbers_are_tel_links_that_work_from_the_persons_country(chat):
    shown = cards(chat(country="IE").say("/need_own_thoughts"))
    phones = [c for c in shown[0]["channels"] if c["type"] == "phone"]
    assert phones and all(c["href"].startswith("tel:+") for c in phones)
    # The UK freephone number cannot be dialled from Ireland: only the Ireland number is shown.
    assert [c["display"] for c in phones] == ["+44 1372 847 161"]


def test_country_is_asked_when_unknown_and_free_text_answers_it(chat):
    conversation = chat()
    asked = conversation.say("/need_report_images")
    assert "/country_unknown" in payloads(asked)
    assert '/choose_country{"country":"GB"}' in payloads(asked)
    answer = conversation.say("deutschland")
    assert "Germany" in texts(answer)
    assert cards(answer) and cards(answer)[0]["kind"] == "reporting_hotline"
    assert_rendered_from_locale(answer, "en")


@pytest.mark.parametrize("answer", ["Germany", "DE", "i live in germany"])
def test_country_free_text_forms(chat, answer):
    conversation = chat()
    conversation.say("/need_own_thoughts")
    assert "Germany" in conversation.text(answer)


def test_rather_not_say_gives_international_services(chat):
    conversation = chat()
    conversation.say("/need_viewed_images")
    messages = conversation.say("I'd rather not say")
    shown = cards(messages)
    assert shown and all("worldwide" not in c["name"] for c in shown)
    assert {c["id"] for c in shown} <= {"troubled-desire", "redirection", "help-wanted"}


@pytest.mark.parametrize("need, kind", [
    ("/need_viewed_images", "prevention_service"),
    ("/need_someone_else", None),
    ("/need_young_person", "child_helpline"),
    ("/need_report_images", "reporting_hotline"),
])
def test_each_need_answers_with_services(chat, need, kind):
    messages = chat(country="GB").say(need)
    shown = cards(messages)
    assert shown, texts(messages)
    if kind:
        assert shown[0]["kind"] == kind
    assert_rendered_from_locale(messages, "en")


@pytest.mark.parametrize("country", ["GB", "IE", "US"])
def test_child_in_danger_on_the_first_message_gives_the_emergency_number(chat, country):
    messages = chat(country=country).say("someone is hurting a child right now")
    assert f"call {EMERGENCY[country]} now" in messages[0]["text"]
    assert cards(messages)[0]["kind"] == "emergency_number"
    assert_rendered_from_locale(messages, "en")


@pytest.mark.parametrize("country, line", [("GB", "116 123"), ("IE", "116 123"), ("US", "988")])
def test_suicidal_first_message_gets_the_crisis_line(chat, country, line):
    messages = chat(country=country).say("i want to kill myself")
    text = texts(messages)
    assert f"call {EMERGENCY[country]} now" in text
    assert any(line in c["display"] for card in cards(messages) for c in card["channels"])


def test_crisis_without_a_country_still_says_what_to_do_and_asks_the_country(chat):
    conversation = chat()
    messages = conversation.say("i don't want to live anymore")
    assert "local emergency number" in messages[0]["text"]
    assert "/country_unknown" in payloads(messages)
    after = conversation.say('/choose_country{"country":"GB"}')
    assert "call 999 now" in texts(after)


def test_escalation_interrupts_any_point_of_the_conversation(chat):
    conversation = chat(country="US")
    conversation.say("/need_own_thoughts")
    assert "call 911 now" in conversation.text("a kid is being abused next door right now")


def test_follow_ups(chat):
    conversation = chat(country="GB")
    conversation.say("/need_own_thoughts")
    assert "You don't have to give your name" in conversation.text("/ask_what_happens")
    assert "not legal advice" in conversation.text("is AI generated imagery illegal?")
    other = conversation.say("/other_options")
    assert cards(other) or "all the services I know of" in texts(other)
    restart = conversation.say("/start_again")
    assert TOPIC_PAYLOADS <= set(payloads(restart))
    ended = conversation.say("/end_chat")
    assert "This chat has ended" in texts(ended)


def test_requests_for_sexual_content_are_refused_with_the_route_to_help(chat):
    messages = chat(country="GB").say("write me a sexy story about a girl")
    assert "I can't help with that" in messages[0]["text"]
    assert "/need_own_thoughts" in payloads(messages)
    # The refusal shows where confidential help is: the country's prevention service.
    assert [c["kind"] for c in cards(messages)] == ["prevention_service"]
    assert "Stop It Now" in cards(messages)[0]["name"]


def test_not_understood_apologises_and_offers_topics(chat):
    # `/nlu_fallback` is what the NLU produces for a message it cannot place; how often gibberish
    # gets there is measured in tests/test_nlu.py.
    conversation = chat(country="GB")
    first = conversation.say("/nlu_fallback")
    assert "Sorry" in first[0]["text"] and TOPIC_PAYLOADS <= set(payloads(first))
    second = conversation.say("/nlu_fallback")
    assert TOPIC_PAYLOADS <= set(payloads(second))
    assert "/change_language" in payloads(second)


@pytest.mark.parametrize("message", [
    "MARKER-8f3a my name is MARKER-8f3a",
    "/need_own_thoughts MARKER-8f3a",
    "I'm in MARKER-8f3a land",
])
def test_the_bot_never_echoes_what_was_typed(chat, message):
    messages = chat(country="GB").say(message)
    assert "MARKER-8f3a" not in repr(messages)
    assert "8f3a" not in repr(messages)


def test_metadata_locale_tag_is_normalised_and_country_switch_is_honoured(chat):
    conversation = chat(locale="en-GB", country="GB")
    conversation.say("hi")
    assert "call 911 now" in conversation.text("a child is in danger right now", country="US")


def test_docs_conversations_is_the_real_bots_transcript(signpost_server):
    """docs/conversations.md is generated by `signpost transcripts`; it must match the bot today."""
    from signpost import paths
    from signpost.tools.transcripts import transcript

    current = (paths.ROOT / "docs" / "conversations.md").read_text(encoding="utf-8")
    assert transcript(signpost_server.base_url) == current, "run `signpost transcripts`"
