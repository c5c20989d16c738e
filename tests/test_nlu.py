"""How well the model understands free text (issue: languages).

Loads the trained model in-process (no servers): held-out F1 per locale, and what happens to
keyboard mash, which must be "not understood" rather than a guess.
"""
from __future__ import annotations

import random
import string
from collections import Counter

import pytest

from signpost.tools.nlu_quality import intents_of, load_model, nlu_quality

KEYBOARDS = ("asdfghjkl", "qwertyuiop", "zxcvbnm", "qwrtzplmkonjib", string.ascii_lowercase)


@pytest.fixture(scope="module")
def agent(built):
    return load_model()


def keyboard_mash(rng: random.Random) -> str:
    keys = rng.choice(KEYBOARDS)
    return " ".join("".join(rng.choice(keys) for _ in range(rng.randint(3, 7)))
                    for _ in range(rng.randint(1, 3)))


# 0.90 was measured while 83 training examples nearly copied held-out ones (removed since, see
# tests/test_evaluation.py); without them the weakest locales were at 0.85-0.87. The lower crisis
# threshold of 2026-12-07 (a missed crisis costs more than a false one) sends one more Finnish
# held-out line to crisis ("en jaksa enää jutella, moikka": "can't go on chatting, bye", where
# "en jaksa enää" is how Finns say "I can't go on"): Finnish is at 0.843 (docs/nlu-quality.md).
MIN_F1 = 0.84


def test_held_out_f1_is_at_least_0_84_in_every_locale(agent):
    results = nlu_quality(agent)
    assert len(results) >= 12
    below = {locale: round(r["f1_weighted"], 3) for locale, r in results.items() if r["f1_weighted"] < MIN_F1}
    assert below == {}, f"held-out F1 below {MIN_F1}: {below} (see docs/nlu-quality.md)"


def test_keyboard_mash_is_not_understood_and_never_escalated(agent):
    rng = random.Random(20261121)
    texts = [keyboard_mash(rng) for _ in range(300)]

    got = Counter(intents_of(agent, texts))
    assert got["nlu_fallback"] >= 0.8 * len(texts), got
    assert got["crisis"] + got["child_in_danger"] == 0, got
