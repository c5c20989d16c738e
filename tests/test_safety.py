"""Safety triage in every language (issue: safety)."""
from __future__ import annotations

import pytest
import yaml

from signpost import paths
from signpost.nlu.safety_patterns import Pattern, SafetyMatcher
from tests.support import assert_rendered_from_locale, cards, payloads, texts

EMERGENCY = {"en": ("GB", "999"), "de": ("DE", "112"), "fr": ("FR", "112"), "es": ("ES", "112"),
             "nl": ("NL", "112"), "it": ("IT", "112"), "pt": ("PT", "112"), "pl": ("PL", "112"),
             "sv": ("SE", "112"), "fi": ("FI", "112"), "tr": ("DE", "112"), "ar": ("GB", "999")}


def _eval_messages(locale: str, label: str) -> list[str]:
    document = yaml.safe_load((paths.EVAL_DIR / "team" / f"{locale}.yml").read_text(encoding="utf-8"))
    return [m["text"] for m in document["messages"] if m["expect"] == label]


@pytest.mark.parametrize("locale", sorted(EMERGENCY))
def test_first_message_about_a_child_in_danger_gets_the_countrys_number(chat, locale):
    country, number = EMERGENCY[locale]
    for text in _eval_messages(locale, "child_in_danger")[:2]:
        messages = chat(locale=locale, country=country).say(text)
        assert messages[0]["custom"]["route"] == "child_in_danger", text
        assert number in messages[0]["text"], (text, messages[0]["text"])
        assert_rendered_from_locale(messages, locale)


@pytest.mark.parametrize("locale", sorted(EMERGENCY))
def test_first_message_about_suicide_gets_the_crisis_answer(chat, locale):
    country, number = EMERGENCY[locale]
    text = _eval_messages(locale, "crisis")[0]
    messages = chat(locale=locale, country=country).say(text)
    assert messages[0]["custom"]["route"] == "crisis", text
    assert number in messages[0]["text"]


@pytest.mark.parametrize("locale", sorted(EMERGENCY))
def test_content_requests_are_refused_in_every_locale(chat, locale):
    country, _ = EMERGENCY[locale]
    for text in _eval_messages(locale, "request_sexual_content")[:2]:
        messages = chat(locale=locale, country=country).say(text)
        assert messages[0]["custom"]["route"] == "request_sexual_content", text
        assert [c["kind"] for c in cards(messages)] == ["prevention_service"], "the refusal shows where help is"
        assert "/need_own_thoughts" in payloads(messages)
        assert_rendered_from_locale(messages, locale)


def test_reply_language_is_the_conversations_even_when_the_message_is_not(chat):
    messages = chat(locale="en", country="GB").say("ich will mich umbringen")
    assert messages[0]["custom"]["route"] == "crisis"
    assert "call 999 now" in messages[0]["text"]


def test_a_message_with_two_needs_answers_the_urgent_one_first_then_offers_the_other(chat):
    messages = chat(locale="en", country="GB").say(
        "i want to kill myself because of my sexual thoughts about children")
    assert messages[0]["custom"]["route"] == "crisis"
    assert "call 999 now" in messages[0]["text"]
    assert "/need_own_thoughts" in payloads(messages)
    assert "I can also help with this" in texts(messages)


def test_a_slash_message_that_is_not_a_button_is_still_checked(chat):
    messages = chat(locale="en", country="US").say("/greet someone is abusing a child right now")
    assert messages[0]["custom"]["route"] == "child_in_danger"
    assert "911" in messages[0]["text"]


def test_two_misunderstood_messages_show_the_topic_buttons(chat):
    conversation = chat(locale="en", country="GB")
    conversation.say("blorp zintak")
    second = conversation.say("quiffle marn")
    assert {"/need_own_thoughts", "/child_in_danger", "/crisis"} <= set(payloads(second))


# --- The matcher itself -----------------------------------------------------------------------------

def test_patterns_tolerate_case_accents_typos_and_missing_spaces():
    matcher = SafetyMatcher([Pattern.parse("kill myself", "en", "crisis"),
                             Pattern.parse("suicid*", "en", "crisis"),
                             Pattern.parse("want ... die", "en", "crisis")])
    for text in ("I want to KILL MYSELF", "i want to kil myself", "iwanttokillmyself",
                 "feeling suicdal", "i want to just die", "I wnat to die"):
        assert matcher.check(text).top == "crisis", text
    for text in ("I want to dine out", "kill time", "my self esteem"):
        assert matcher.check(text).top is None, text


def test_priority_child_in_danger_over_crisis_over_the_rest():
    matcher = SafetyMatcher.from_directory()
    verdict = matcher.check("a child is in danger right now and i want to kill myself")
    assert verdict.categories[:2] == ("child_in_danger", "crisis")


# Everyday idioms with death or killing words: escalating these would frighten and lose the person.
IDIOMS = ["my boss will kill me if i'm late", "mon patron va me tuer si je suis en retard",
          "ma mère va me tuer", "je suis mort de rire", "mein chef bringt mich um",
          "mi madre me va a matar", "this job is killing me", "i nearly died laughing"]


@pytest.mark.parametrize("text", IDIOMS)
def test_everyday_idioms_are_not_escalated(text):
    assert SafetyMatcher.from_directory().check(text).top is None


def test_saying_you_will_kill_yourself_is_still_a_crisis():
    matcher = SafetyMatcher.from_directory()
    for text in ("je vais me tuer", "j'ai envie de me tuer", "i am going to kill myself", "ich bringe mich um"):
        assert matcher.check(text).top == "crisis", text


def test_every_locale_has_patterns_for_every_category():
    from signpost.nlu.safety_patterns import CATEGORIES, load_patterns

    patterns = load_patterns()
    for locale in EMERGENCY:
        for category in CATEGORIES:
            assert any(p.locale == locale and p.category == category for p in patterns), (locale, category)
