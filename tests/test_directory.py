"""The services directory: validated, sourced, never showing low-confidence facts (issue: directory)."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from signpost import paths
from signpost.directory import covered_countries

COVERED_COUNTRIES = covered_countries()
from signpost.directory.hours import status
from signpost.directory.lookup import Directory
from signpost.vocabulary import NEEDS
from signpost.directory.reader import read_directory
from signpost.directory.schema import is_shown
from tests.support import cards

CONTACTS, _ = read_directory(paths.DIRECTORY_DIR)
HIDDEN_IDS = {c.id for c in CONTACTS if not is_shown(c.confidence)}
HIDDEN_NUMBERS = {ch.display for c in CONTACTS for ch in c.channels
                  if ch.display and (not is_shown(c.confidence) or not is_shown(ch.confidence))}
SHOWN_NUMBERS = {ch.display for c in CONTACTS for ch in c.channels
                 if ch.display and is_shown(c.confidence) and is_shown(ch.confidence)}
LANGUAGE = {"GB": "en", "IE": "en", "US": "en", "CA": "en", "AU": "en", "NZ": "en", "DE": "de", "AT": "de",
            "CH": "de", "NL": "nl", "BE": "nl", "FR": "fr", "ES": "es", "IT": "it", "PT": "pt", "PL": "pl",
            "SE": "sv", "FI": "fi", "DK": "en", "NO": "en"}


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "signpost.cli", "directory", *args], capture_output=True,
                          text=True, cwd=paths.ROOT)


def test_directory_check_passes_on_the_shipped_data():
    result = _cli("check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("breakage, expected", [
    (lambda s: s.replace('number: "+448081000900"', 'number: "+44808100090"', 1), r"gb\.yaml:\d+: .*not a valid number"),
    (lambda s: s.replace("https://www.stopitnow.org.uk", "http://www.stopitnow.org.uk", 1), r"gb\.yaml:\d+: .*must use https"),
    (lambda s: s.replace("id: gb-crisis-samaritans", "id: gb-emergency", 1), r"gb\.yaml:\d+: gb-emergency: duplicate id"),
    (lambda s: s.replace("kind: crisis_line", "kind: crisis_lines", 1), r"gb\.yaml:\d+: `kind: crisis_lines` is not one of"),
    (lambda s: s.replace("\n    confidence: high\n", "\n    confidence: high\n    colour: blue\n", 1), r"gb\.yaml:\d+: unknown key `colour`"),
    (lambda s: s.replace("kind: emergency_number", "kind: crisis_line"), r"gb\.yaml:1: GB has no shown .*emergency number"),
    (lambda s: s + "\n  - [unclosed\n", r"gb\.yaml:\d+: not valid YAML"),
])
def test_directory_check_fails_with_file_and_line_on_a_broken_copy(tmp_path, breakage, expected):
    copy = tmp_path / "directory"
    shutil.copytree(paths.DIRECTORY_DIR, copy)
    gb = copy / "gb.yaml"
    broken = breakage(gb.read_text(encoding="utf-8"))
    assert broken != gb.read_text(encoding="utf-8"), "the breakage did not apply"
    gb.write_text(broken, encoding="utf-8")
    result = _cli("check", str(copy))
    assert result.returncode == 1
    assert re.search(expected, result.stderr), result.stderr


def test_every_shown_contact_has_a_source_and_a_date():
    for contact in CONTACTS:
        if is_shown(contact.confidence):
            assert contact.source_url.startswith(("https://", "http://")), contact.id
            dates = contact.provenance
            assert (dates.seen_on and dates.seen_on > dt.date(2000, 1, 1)) or dates.published_on, contact.id


def test_twenty_countries_each_with_an_emergency_route():
    from signpost.directory.build import ensure_built

    ensure_built()
    directory = Directory.load()
    assert len(COVERED_COUNTRIES) == 20
    for country in COVERED_COUNTRIES:
        assert directory.emergency(country) is not None, country


@pytest.mark.parametrize("country", COVERED_COUNTRIES)
def test_child_in_danger_answer_contains_the_countrys_emergency_number(chat, country):
    expected = Directory.load().emergency(country).channels[0].display
    messages = chat(country=country).say("a child is in danger right now")
    assert f" {expected} " in messages[0]["text"], messages[0]["text"]
    assert cards(messages)[0]["kind"] == "emergency_number"


@pytest.mark.parametrize("country", COVERED_COUNTRIES)
def test_worried_about_thoughts_gets_a_prevention_service_in_the_persons_language(chat, country):
    locale = LANGUAGE[country]
    directory = Directory.load()
    available = directory.services_for("own_thoughts", country, locale)
    messages = chat(locale=locale, country=country).say("/need_own_thoughts")
    shown = cards(messages)
    assert shown and shown[0]["kind"] == "prevention_service"
    in_language = [s for s in available if locale in s.languages]
    if in_language:
        assert shown[0]["id"] == in_language[0].id


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(country=st.sampled_from([*COVERED_COUNTRIES, None, "BR", "JP"]), need=st.sampled_from(sorted(NEEDS)),
       locale=st.sampled_from(["en", "de", "fr", "es", "nl", "it", "pt", "pl", "sv", "fi", "tr", "ar"]))
def test_no_low_confidence_contact_or_channel_is_ever_offered(country, need, locale):
    for service in Directory.load().services_for(need, country, locale):
        assert service.id not in HIDDEN_IDS
        for channel in service.channels:
            if channel.display:
                assert channel.display in SHOWN_NUMBERS


def test_no_low_confidence_number_appears_in_any_reply(chat):
    """Every country × need through the real bot: only shown numbers and services appear."""
    risky = {n for n in HIDDEN_NUMBERS - SHOWN_NUMBERS if len(re.sub(r"\D", "", n)) >= 5}
    for country in COVERED_COUNTRIES:
        conversation = chat(country=country)
        for need in NEEDS:
            intent = {"own_thoughts": "need_own_thoughts", "viewed_images": "need_viewed_images",
                      "someone_else": "need_someone_else", "young_person": "need_young_person",
                      "report_images": "need_report_images"}.get(need, need)
            for messages in (conversation.say(f"/{intent}"), conversation.say("/other_options")):
                for card in cards(messages):
                    assert card["id"] not in HIDDEN_IDS, (country, need, card["id"])
                text = "\n".join(m.get("text", "") for m in messages)
                assert not [n for n in risky if n in text], (country, need)


# --- Opening hours ---------------------------------------------------------------------------------

HOURS = {"timezone": "Europe/London", "always_open": False,
         "weekly": {"mon": ["09:00-21:00"], "fri": ["09:00-17:00"]}}


def test_open_now_in_the_services_time_zone():
    monday_noon_london = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)
    assert status(HOURS, monday_noon_london).state == "open"


def test_closed_says_when_it_opens_next():
    monday_late = dt.datetime(2026, 11, 23, 22, 0, tzinfo=dt.timezone.utc)
    found = status(HOURS, monday_late)
    assert (found.state, found.opens_weekday, found.opens_at) == ("closed", 4, "09:00")


def test_time_zone_shifts_are_honoured():
    # 08:30 UTC in summer is 09:30 in London (BST): open.
    assert status(HOURS, dt.datetime(2026, 6, 1, 8, 30, tzinfo=dt.timezone.utc)).state == "open"
    assert status({"timezone": "Europe/London", "always_open": True}).state == "always"
    assert status(None).state == "unknown"


def test_directory_database_is_rebuilt_when_the_yaml_changes(tmp_path):
    from signpost.directory.build import ensure_built, is_stale

    copy = tmp_path / "directory"
    shutil.copytree(paths.DIRECTORY_DIR, copy)
    db = tmp_path / "directory.db"
    assert ensure_built(db, copy) is True
    assert ensure_built(db, copy) is False
    (copy / "ie.yaml").write_text((copy / "ie.yaml").read_text() + "\n# a reviewed comment\n")
    assert is_stale(db, copy)


def test_the_coverage_table_in_the_docs_is_current():
    from signpost.directory.report import coverage_table
    from signpost.tools.docs import generated

    assert generated(paths.ROOT / "docs" / "directory.md", "coverage") == coverage_table(paths.DIRECTORY_DIR).strip(), \
        "run `signpost directory report --update-docs`"
