"""The questions people ask next, through the real Rasa server and action server (issue 14).

Each follow-up intent in every locale, asked in that language after a need was answered; the law
card as a first message; a country or a language named later; "I'm 16" after another route.
"""
from __future__ import annotations

import pytest

from signpost.client import route
from signpost.i18n import t
from tests.support import cards, texts

# The country each locale's conversation happens in (Turkish and Arabic: two countries where many speak them).
COUNTRY = {"en": "GB", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL", "pt": "PT", "pl": "PL",
           "sv": "SE", "fi": "FI", "tr": "DE", "ar": "GB"}

QUESTIONS = {   # (locale, route): what a person types
    "en": {"answer_cost": "Do they cost money?", "answer_hours": "are they open now",
           "answer_languages": "do they have interpreters?", "answer_reporting": "will they report me to the police?",
           "answer_anonymous": "can i stay anonymous", "answer_real_person": "are you a real person?"},
    "de": {"answer_cost": "kostet das was?", "answer_hours": "haben die jetzt offen?",
           "answer_languages": "gibt es dolmetscher?", "answer_reporting": "zeigen die mich an?",
           "answer_anonymous": "kann ich anonym bleiben?", "answer_real_person": "bist du ein echter mensch?"},
    "fr": {"answer_cost": "c'est gratuit ?", "answer_hours": "c'est ouvert la nuit ?",
           "answer_languages": "il y a des interprètes ?", "answer_reporting": "ils vont prévenir la police ?",
           "answer_anonymous": "je peux rester anonyme ?", "answer_real_person": "c'est un bot ?"},
    "es": {"answer_cost": "¿es gratis?", "answer_hours": "¿están abiertos ahora?",
           "answer_languages": "¿tienen intérpretes?", "answer_reporting": "¿me van a denunciar?",
           "answer_anonymous": "¿puedo ser anónimo?", "answer_real_person": "¿eres una persona real?"},
    "it": {"answer_cost": "è gratis?", "answer_hours": "sono aperti adesso?",
           "answer_languages": "hanno interpreti?", "answer_reporting": "lo diranno alla polizia?",
           "answer_anonymous": "posso restare anonimo?", "answer_real_person": "sei una persona vera?"},
    "nl": {"answer_cost": "is het gratis?", "answer_hours": "zijn ze nu open?",
           "answer_languages": "hebben ze tolken?", "answer_reporting": "gaan ze me aangeven?",
           "answer_anonymous": "kan ik anoniem blijven?", "answer_real_person": "is dit een bot?"},
    "pt": {"answer_cost": "é grátis?", "answer_hours": "estão abertos agora?",
           "answer_languages": "têm intérpretes?", "answer_reporting": "vão contar à polícia?",
           "answer_anonymous": "posso ficar anónimo?", "answer_real_person": "és uma pessoa real?"},
    "pl": {"answer_cost": "czy to kosztuje?", "answer_hours": "czy są teraz czynni?",
           "answer_languages": "czy mają tłumaczy?", "answer_reporting": "czy powiedzą policji?",
           "answer_anonymous": "czy mogę pozostać anonimowy?", "answer_real_person": "czy to bot?"},
    "sv": {"answer_cost": "är det gratis?", "answer_hours": "har de öppet nu?",
           "answer_languages": "har de tolk?", "answer_reporting": "säger de det till polisen?",
           "answer_anonymous": "kan jag vara anonym?", "answer_real_person": "är du en riktig person?"},
    "fi": {"answer_cost": "maksaako se jotain?", "answer_hours": "ovatko he auki nyt?",
           "answer_languages": "onko heillä tulkkeja?", "answer_reporting": "kertovatko he poliisille?",
           "answer_anonymous": "voinko pysyä nimettömänä?", "answer_real_person": "oletko oikea ihminen?"},
    "tr": {"answer_cost": "ücretli mi?", "answer_hours": "şu an açıklar mı?",
           "answer_languages": "tercüman var mı?", "answer_reporting": "polise söylerler mi?",
           "answer_anonymous": "anonim kalabilir miyim?", "answer_real_person": "bu bir bot mu?"},
    "ar": {"answer_cost": "هل هي مجانية", "answer_hours": "هل هم مفتوحون الآن؟",
           "answer_languages": "هل لديهم مترجمون", "answer_reporting": "هل سيخبرون الشرطة؟",
           "answer_anonymous": "هل يمكنني البقاء مجهول الهوية؟", "answer_real_person": "هل أنت شخص حقيقي؟"},
}
CASES = [(locale, answer, question) for locale, items in QUESTIONS.items() for answer, question in items.items()]


@pytest.mark.parametrize("locale, expected, question", CASES)
def test_each_follow_up_in_every_locale_is_answered_about_the_services_shown(chat, locale, expected, question):
    conversation = chat(locale=locale, country=COUNTRY[locale])
    shown = cards(conversation.say("/need_own_thoughts"))
    messages = conversation.say(question)
    assert route(messages) == expected, (question, texts(messages))
    text = texts(messages)
    assert t("topics.question", locale) not in text
    if expected != "answer_real_person":
        assert shown and shown[0]["name"] in text


def test_is_this_legal_in_turkish_gets_the_law_answer(chat):
    conversation = chat(locale="tr", country="DE")
    conversation.say("/need_viewed_images")
    messages = conversation.say("bu yasal mı?")
    assert route(messages) == "explain_ai_law"
    assert "§ 184b StGB" in texts(messages)


FIRST_MESSAGE = {   # country: (locale, "Is AI-generated ... illegal here?" in the country's language, the cite)
    "GB": ("en", "Is AI-generated imagery of children illegal here?", "Protection of Children Act 1978"),
    "US": ("en", "Is AI-generated imagery of children illegal here?", "1466A"),
    "DE": ("de", "Sind KI-generierte Bilder von Kindern hier illegal?", "§ 184b StGB"),
    "FR": ("fr", "Les images d'enfants générées par IA sont-elles illégales ici ?", "227-23"),
    "NL": ("nl", "Zijn door AI gemaakte beelden van kinderen hier illegaal?", "art. 252 Sr"),
    "SE": ("sv", "Är AI-genererade bilder av barn olagliga här?", "16 kap. 10 a § BrB"),
    "IT": ("it", "Le immagini di minori generate con l'IA sono illegali qui?", "600-quater"),
    "PL": ("pl", "Czy obrazy dzieci generowane przez AI są tu nielegalne?", "art. 202"),
}


@pytest.mark.parametrize("country", sorted(FIRST_MESSAGE))
def test_is_ai_generated_imagery_illegal_here_as_a_first_message_cites_the_statute(chat, country):
    locale, question, cite = FIRST_MESSAGE[country]
    messages = chat(locale=locale, country=country).say(question)
    assert route(messages) == "explain_ai_law", texts(messages)
    text = texts(messages)
    assert cite in text
    assert "/need_own_thoughts" in [b["payload"] for m in messages for b in m.get("buttons") or []]


def test_a_country_named_later_re_answers_a_crisis_for_the_new_country(chat):
    conversation = chat(locale="de", country="DE")
    first = conversation.say("ich will nicht mehr leben")
    assert route(first) == "crisis"
    messages = conversation.say("ich bin übrigens in Österreich")
    shown = cards(messages)
    assert shown and all(card["id"].startswith("at-") for card in shown), texts(messages)
    assert t("topics.question", "de") not in texts(messages)


def test_im_16_after_another_route_switches_to_young_peoples_services(chat):
    conversation = chat(country="GB")
    conversation.say("/need_someone_else")
    shown = cards(conversation.say("I'm 16"))
    assert shown and shown[0]["kind"] == "child_helpline"


def test_cards_say_only_what_is_true_about_their_dates(chat):
    shown = cards(chat(country="DE").say("/need_own_thoughts"))
    assert shown and all("not yet checked by a person" in card["verified_text"] for card in shown)
