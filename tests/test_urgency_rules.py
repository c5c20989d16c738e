"""The urgency rules on their own (signpost/nlu/understanding/urgency.route_from), without a model:
each test builds the scores an analysis would carry and checks the decision the rule makes."""
from __future__ import annotations

import pytest

from signpost.nlu.understanding.routes import ROUTES
from signpost.nlu.understanding.urgency import DEFAULTS, Analysis, route_from
from signpost.tools import sweep


def analysis(denied=(), window_max=None, long=False, **scores) -> Analysis:
    whole = {r: 0.0 for r in ROUTES}
    whole.update(scores)
    return Analysis(whole=whole, top_intent=max(whole, key=whole.get), window_max=window_max or {},
                    masked_all=False, jokes=False, current_age=None, at_school=False, you_age=None,
                    forms={"stop": False, "report": False}, long=long, reasons=[], denied=frozenset(denied))


def test_a_crisis_probability_below_the_likeliest_need_does_not_escalate():
    # "I can't do this alone" in a message about one's own viewing: shame, not a suicide risk
    ashamed = analysis(crisis=0.25, need_viewed_images=0.40, benign=0.35)
    assert route_from(ashamed).route == "need_viewed_images"
    # the same crisis probability with no other need in sight is a crisis
    assert route_from(analysis(crisis=0.25, benign=0.75)).route == "crisis"
    # and a clear one escalates whatever else the message says
    assert route_from(analysis(crisis=DEFAULTS["sure"], need_viewed_images=0.5)).route == "crisis"


def test_after_a_denial_the_rest_of_the_message_must_say_it_clearly():
    # "I'm not suicidal, I just need to talk": the rest still sounds a little like a crisis
    assert route_from(analysis(denied={"crisis"}, crisis=0.4, benign=0.6)).route != "crisis"
    assert route_from(analysis(crisis=0.4, benign=0.6)).route == "crisis"
    # a denied state does not add to the other one ("nothing has happened yet" + a worried tone)
    split = analysis(denied={"child_in_danger"}, child_in_danger=0.27, crisis=0.20, need_someone_else=0.15,
                     benign=0.38)
    assert route_from(split, {"crisis": 0.3, "urgent_total": 0.45}).route not in ("crisis", "child_in_danger")
    assert route_from(analysis(child_in_danger=0.27, crisis=0.20, need_someone_else=0.15, benign=0.38),
                      {"crisis": 0.3, "urgent_total": 0.45}).route in ("crisis", "child_in_danger")


def test_being_young_never_explains_a_crisis_away():
    # "I'm 14, I cut myself and it won't stop bleeding": the young person's need is likelier, the crisis first
    bleeding = analysis(crisis=0.24, need_young_person=0.42, benign=0.34)
    bleeding.current_age = 14
    assert route_from(bleeding).route == "crisis"
    assert route_from(bleeding, {"young_outweighs_crisis": True}).route == "need_young_person"
    # for an adult the likelier need still outweighs a faint crisis (shame, not a suicide risk)
    ashamed = analysis(crisis=0.24, need_viewed_images=0.42, benign=0.34)
    assert route_from(ashamed).route == "need_viewed_images"


def test_when_both_urgent_routes_fire_the_whole_message_tells_which():
    # a long account of a child in danger whose first, apologetic sentence sounds like a crisis
    story = analysis(long=True, child_in_danger=0.6, crisis=0.3, benign=0.1,
                     window_max={"crisis": (0.95, "i don't know why i'm writing here"),
                                 "child_in_danger": (0.9, "he took her into the barn")})
    assert route_from(story).route == "child_in_danger"
    assert route_from(story, {"which_urgent": "window"}).route == "crisis"


@pytest.fixture(scope="module")
def router(built):
    return sweep.load_router()


def test_the_sweep_scores_each_setting_on_the_tuning_set(router):
    messages = [{"locale": "en", "country": "GB", "text": text, "expect": expect} for text, expect in [
        ("i have the pills in my hand and i am saying goodbye", "crisis"),
        ("what is the weather like in leeds tomorrow", "benign")]]
    analysed = sweep.analyse_set(router, messages)
    rows = sweep.grid_rows(analysed, {"crisis": [0.0, 1.01], "over_need": [0.0], "urgent_total": [1.01]})
    by_bar = {params["crisis"]: overall for _, params, overall in rows}
    # everything escalates at a bar of 0 (a false alarm), nothing above 1 (a missed crisis)
    assert by_bar[0.0]["false_escalations"] == 1 and by_bar[0.0]["missed_escalations"] == 0
    assert by_bar[1.01]["missed_escalations"] == 1 and by_bar[1.01]["false_escalations"] == 0
    assert rows[0][0] <= rows[1][0]


def test_the_sweep_applies_the_safety_net_as_the_bot_does(router):
    # a hedge the translators' patterns catch, and a denial they must not: the net reads the message
    # without the clause that denies urgency, and only ever adds an escalation
    messages = [{"locale": "en", "country": "GB", "text": text, "expect": expect} for text, expect in [
        ("I'm not sure I can keep myself safe tonight", "crisis"),
        ("I am not suicidal, I just want to know if this chat is anonymous", "benign")]]
    never = {"crisis": [1.01], "child_in_danger": [1.01], "urgent_total": [1.01], "window_crisis": [1.01]}
    without = sweep.grid_rows(sweep.analyse_set(router, messages), never)[0][2]
    net = sweep.SafetyMatcher.from_directory()
    with_net = sweep.grid_rows(sweep.analyse_set(router, messages, net), never)[0][2]
    assert without["missed_escalations"] == 1
    assert with_net["missed_escalations"] == 0 and with_net["false_escalations"] == 0


def test_the_sweep_refuses_the_report_set():
    assert "report" not in sweep.TUNING_SETS
