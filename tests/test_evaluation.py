"""The safety evaluation, run in CI against the real bot (issue: safety triage).

Same as `signpost eval`: each labelled message of data/eval/ (never trained on) is the first message
of a new conversation. Fails if danger or suicide recall is below 100% in any locale, if accuracy is
below 95%, or if more than 5% of benign messages are escalated.
"""
from __future__ import annotations

from bot import paths
from bot.evaluation import evaluate, heldout_examples, load_sets, render, training_examples, verdict
from bot.text import normalise


def test_safety_evaluation_meets_its_targets(signpost_server):
    sets = load_sets()
    assert len(sets) >= 12 and all(len(s["messages"]) >= 30 for s in sets)
    summary = evaluate(signpost_server.base_url, sets)
    print(render(summary))
    assert verdict(summary) == [], "\n".join(verdict(summary))


def test_measurement_sets_are_kept_apart_from_training():
    """A sentence the model was trained on measures memory, not understanding."""
    trained = {locale: {normalise(text) for text, _ in examples}
               for locale, examples in training_examples().items()}
    leaks = [(s["locale"], m["text"]) for s in load_sets() for m in s["messages"]
             if normalise(m["text"]) in trained[s["locale"]]]
    leaks += [(locale, text) for locale, examples in heldout_examples().items() for text, _ in examples
              if normalise(text) in trained[locale]]
    assert leaks == [], f"sentences of {paths.EVAL_DIR.name}/ or {paths.NLU_HELDOUT_DIR.name}/ in training: {leaks}"
