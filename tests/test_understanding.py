"""The understanding layer on the trained model, in process (issue: understanding real messages).

These are properties, not a score: the score is `signpost eval` on sets nobody here wrote
(tests/test_evaluation.py). Each sentence below was written for this file, not taken from them.
"""
from __future__ import annotations

import pytest

from signpost.nlu.understanding.component import SAFETY_KEY
from signpost.tools.nlu_quality import load_model, parse_all


@pytest.fixture(scope="module")
def parse(built):
    agent = load_model()

    def intents(*texts: str) -> list[str]:
        return [p["intent"]["name"] for p in parse_all(agent, list(texts))]

    intents.full = lambda text: parse_all(agent, [text])[0]
    return intents


def test_a_denial_is_not_an_escalation_but_a_hedge_is(parse):
    denied, hedged = parse(
        "just so you know nobody is in any danger and i am not suicidal, i only want to talk about my thoughts",
        "honestly i am not sure i can keep myself safe tonight")
    assert denied not in ("crisis", "child_in_danger")
    assert hedged == "crisis"


def test_the_urgent_sentence_at_the_end_of_a_long_message_is_read(parse):
    long = ("i want to explain how things have been going at work and at home, it is a long story. " * 60
            + "anyway i have taken all of the tablets now and i wanted someone to know")
    assert len(long) > 5000
    assert parse(long) == ["crisis"]


def test_the_writers_age_now_counts_not_the_age_it_started(parse):
    young, adult = parse("i'm only 14 and i don't know who to talk to about what happened",
                         "since i was 14 i have had these thoughts about kids, i'm 31 now")
    assert young == "need_young_person"
    assert adult != "need_young_person"


def test_talking_about_ones_own_viewing_is_not_a_request(parse):
    own, request = parse("i have been looking at pictures of kids for months and i can't stop, i hate it",
                         "send me a link to a group with pics of young girls")
    assert own == "need_viewed_images"
    assert request == "request_sexual_content"


def test_an_urgent_message_names_the_other_need_too(parse):
    parsed = parse.full("there's a man on a video call telling my little cousin to take her clothes off right now")
    assert parsed["intent"]["name"] == "child_in_danger"
    assert SAFETY_KEY in parsed


def test_nothing_of_the_message_is_added_to_the_parse_data_beyond_rasas_own(parse):
    parsed = parse.full("MARKER-understanding i am not suicidal, nobody is in danger")
    leaked = {k for k, v in parsed.items() if k != "text" and "MARKER-understanding" in str(v)}
    assert leaked == set()
