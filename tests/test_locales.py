"""Every locale, through the real servers (issue: languages)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from signpost import paths
from signpost.languages import supported_locales
from signpost.tools.locales_tool import check, new_locale
from tests.support import assert_rendered_from_locale, cards, payloads

# A country where each language is spoken and Signpost has local services.
HOME_COUNTRY = {"en": "GB", "de": "DE", "fr": "FR", "es": "ES", "nl": "NL", "it": "IT", "pt": "PT",
                "pl": "PL", "sv": "SE", "fi": "FI", "tr": "DE", "ar": "GB"}
ROUTES = ["/need_own_thoughts", "/need_viewed_images", "/need_someone_else", "/need_young_person",
          "/need_report_images", "/child_in_danger", "/crisis", "/ask_what_happens", "/ask_ai_legal",
          "/other_options", "/start_again", "qwxz vbnm", "/end_chat"]


def test_at_least_twelve_locales_including_arabic():
    assert {"en", "de", "fr", "es", "nl", "it", "pt", "pl", "sv", "fi", "tr", "ar"} <= set(supported_locales())


def test_locales_check_passes_on_the_shipped_translations():
    result = subprocess.run([sys.executable, "-m", "signpost.cli", "locales", "check"], capture_output=True,
                            text=True, cwd=paths.ROOT)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def project_copy(tmp_path) -> Path:
    for part in ("locales", "data/nlu"):
        shutil.copytree(paths.ROOT / part, tmp_path / part)
    return tmp_path


def _edit(path: Path, locale: str, change) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document[locale])
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")


def test_locales_check_fails_on_a_missing_key(project_copy):
    _edit(project_copy / "locales" / "de.yml", "de", lambda d: d["opening"].pop("privacy"))
    findings = [str(f) for f in check(project_copy)]
    assert any("de.yml: opening.privacy: missing" in f for f in findings), findings


def test_locales_check_fails_on_a_placeholder_mismatch(project_copy):
    _edit(project_copy / "locales" / "fr.yml", "fr",
          lambda d: d["opening"].__setitem__("emergency", "Appelez le %{numero}."))
    findings = [str(f) for f in check(project_copy)]
    assert any("fr.yml: opening.emergency: placeholders" in f for f in findings), findings


def test_locales_check_fails_on_broken_yaml_extra_keys_and_untranslated_text(project_copy):
    (project_copy / "locales" / "it.yml").write_text("it:\n  meta: [unclosed\n", encoding="utf-8")
    _edit(project_copy / "locales" / "es.yml", "es", lambda d: d.__setitem__("surplus", "texto"))
    english = yaml.safe_load((paths.LOCALES_DIR / "en.yml").read_text())["en"]["refusal"]
    _edit(project_copy / "locales" / "pt.yml", "pt", lambda d: d.__setitem__("refusal", english))
    findings = "\n".join(str(f) for f in check(project_copy))
    assert "it.yml: broken YAML" in findings
    assert "es.yml: surplus: extra key" in findings
    assert "pt.yml: refusal: identical to English" in findings


def test_new_locale_is_scaffolded_with_todo_markers(project_copy):
    (project_copy / "data" / "eval").mkdir(parents=True)
    created = new_locale("ro", project_copy)
    assert {p.relative_to(project_copy).as_posix() for p in created} >= {
        "locales/ro.yml", "locales/widget/ro.yml", "locales/safety/ro.yml", "data/nlu/ro.yml"}
    findings = [str(f) for f in check(project_copy)]
    assert any("ro.yml: opening.intro: still marked TODO" in f for f in findings)


@pytest.mark.parametrize("locale", sorted(HOME_COUNTRY))
def test_every_route_answers_in_the_conversation_language(chat, locale):
    conversation = chat(locale=locale, country=HOME_COUNTRY[locale])
    opening = conversation.say("/greet")
    assert_rendered_from_locale(opening, locale)
    for route in ROUTES:
        messages = conversation.say(route)
        assert messages, route
        assert_rendered_from_locale(messages, locale)
        expected_dir = "rtl" if locale == "ar" else "ltr"
        assert all(m["custom"]["dir"] == expected_dir for m in messages if m["custom"]["kind"] != "language_offer")


def test_arabic_replies_are_marked_right_to_left(chat):
    messages = chat(locale="ar", country="GB").say("/need_own_thoughts")
    assert messages and all(m["custom"]["dir"] == "rtl" and m["custom"]["locale"] == "ar" for m in messages)
    assert cards(messages)  # service names and numbers stay as published


@pytest.mark.parametrize("tag, expected", [("de-AT", "de"), ("pt-BR", "pt"), ("ar-EG", "ar"), ("xx", "en"),
                                           ("sv_SE", "sv")])
def test_locale_tags_are_read_with_a_sensible_fallback(chat, tag, expected):
    messages = chat(locale=tag).say("/greet")
    assert all(m["custom"]["locale"] == expected for m in messages)


def test_mid_conversation_language_switch(chat):
    conversation = chat(locale="en", country="DE")
    conversation.say("/greet")
    offered = conversation.say("/change_language")
    assert '/choose_language{"locale":"de"}' in payloads(offered)
    switched = conversation.say('/choose_language{"locale":"de"}')
    assert all(m["custom"]["locale"] == "de" for m in switched)
    # The page keeps sending locale "en"; the person's own choice stands.
    after = conversation.say("/need_own_thoughts")
    assert_rendered_from_locale(after, "de")


def test_a_new_locale_from_the_client_switches_the_language(chat):
    conversation = chat(locale="en", country="FR")
    conversation.say("/greet")
    assert_rendered_from_locale(conversation.say("/need_own_thoughts", locale="fr"), "fr")


def test_writing_in_another_language_offers_to_switch(chat):
    conversation = chat(locale="en", country="DE")
    messages = conversation.say("ich mache mir große sorgen wegen meiner gedanken über kinder")
    offers = [m for m in messages if m["custom"]["kind"] == "language_offer"]
    assert offers and offers[0]["custom"]["locale"] == "de"
    assert offers[0]["buttons"][0]["payload"] == '/choose_language{"locale":"de"}'
    assert all(m["custom"]["locale"] == "en" for m in messages if m["custom"]["kind"] != "language_offer")
