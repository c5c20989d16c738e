"""The routing evaluation, run in CI against the real bot (issue: understanding real messages).

Same as `signpost eval`: each labelled message of evaluation/safety/<set>/ (never trained on) is the
first message of a new conversation. The measurement sets must stay apart from what the bot learns
from: no training example, held-out example or safety pattern may copy or closely paraphrase one.
"""
from __future__ import annotations

import pytest
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from signpost.nlu.safety_patterns import load_patterns
from signpost.nlu.text import normalise
from signpost.tools.evaluation import FLOORS, SETS, below_floor, evaluate, load_set, render, verdict
from signpost.tools.nlu_quality import heldout_examples, training_examples

# How alike two sentences may be (rapidfuzz's normalised edit similarity, 0-100) before one counts as a
# copy or a close paraphrase; greetings and other sentences under 12 characters may coincide.
TOO_SIMILAR = 90
MIN_CHARS = 12


@pytest.mark.parametrize("name", SETS)
def test_routing_is_no_worse_than_it_was(signpost_server, name):
    """Each set through the real bot holds the figures it reached (FLOORS). The targets themselves
    (100% danger and crisis recall in every locale) are not met yet: `verdict` lists what is missing,
    printed here and written to docs/safety.md by `signpost eval --update-docs`."""
    messages = load_set(name)
    assert len({m["locale"] for m in messages}) >= 12 and len(messages) >= 380
    summary = evaluate(signpost_server.base_url, messages)
    print(render(summary))
    print("Against the targets:", verdict(summary) or "met")
    assert below_floor(summary, FLOORS[name]) == []


def _measured(sets=SETS, heldout=True) -> dict[str, list[str]]:
    by_locale: dict[str, list[str]] = {}
    for name in sets:
        for m in load_set(name):
            by_locale.setdefault(m["locale"], []).append(normalise(m["text"]))
    for locale, examples in (heldout_examples() if heldout else {}).items():
        by_locale.setdefault(locale, []).extend(normalise(text) for text, _ in examples)
    return by_locale


def test_measurement_sets_are_kept_apart_from_training():
    """A sentence the model was trained on measures memory, not understanding: no training example
    may equal, or nearly equal, a measured sentence of its language."""
    measured = _measured()
    leaks = []
    for locale, examples in training_examples().items():
        trained = sorted({normalise(text) for text, _ in examples if len(normalise(text)) >= MIN_CHARS})
        against = sorted({text for text in measured.get(locale, []) if len(text) >= MIN_CHARS})
        scores = cdist(trained, against, scorer=fuzz.ratio, score_cutoff=TOO_SIMILAR, workers=1)
        leaks += [(locale, trained[row], against[col]) for row, col in zip(*scores.nonzero())]
    assert leaks == [], f"{len(leaks)} training examples copy measured sentences: {leaks[:10]}"


def test_no_safety_pattern_is_an_independent_evaluation_sentence():
    """(The team set was written by the pattern writers themselves: it is not independent.)"""
    measured = {text for texts in _measured(("report", "tune"), heldout=False).values() for text in texts}
    copied = [p.source for p in load_patterns() if len(p.words) >= 5 and " ".join(p.words) in measured]
    assert copied == []
