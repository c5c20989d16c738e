"""The running server survives 10,000+ hostile inputs (issue: non-logging, proven).

Random and malformed bodies, wrong JSON types, control characters, mixed scripts, 1 MB strings and
"/" payloads with broken JSON. Every answer must be a valid reply (a JSON list of messages with
text) or a 4xx whose body does not repeat the input; never a 5xx. A fixed seed makes any failure
reproducible; the requests run on a bounded pool of 8 connections and the loop stops by itself.
"""
from __future__ import annotations

import json
import random
import string
from concurrent.futures import ThreadPoolExecutor

import pytest

from signpost.server.rest_channel import REASONS
from signpost.server.hardening import ERROR_PHRASES
from signpost.settings import Settings
from tests.support import post

INPUTS = 10_000
SEED = 20261121
SCRIPTS = ["hello", "Grüße", "привет", "مرحبا", "你好", "שלום", "नमस्ते", "😀🔥", "ÅÄÖ", "çãõ", "ğüşı"]
INTENTS = ["need_own_thoughts", "choose_country", "choose_language", "greet", "crisis", "end_chat", "x"]


def _text(rng: random.Random) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        return "".join(rng.choice(string.printable) for _ in range(rng.randrange(0, 60)))
    if kind == 1:
        return "".join(chr(rng.randrange(0, 32)) for _ in range(rng.randrange(1, 20)))
    if kind == 2:
        return " ".join(rng.choice(SCRIPTS) for _ in range(rng.randrange(1, 8)))
    if kind == 3:
        intent = rng.choice(INTENTS)
        broken = rng.choice(['{"country": ', '{"country": "DE"', '{country: DE}', '{"locale": [1,2]}',
                             '{"a": {"b": {"c": ', '{}}}', '{"country": null}', '[', '{"\\u0000": 1}'])
        return f"/{intent}{broken}"
    if kind == 4:
        return "".join(chr(rng.randrange(32, 0x2FFFF)) for _ in range(rng.randrange(1, 30)))
    return rng.choice(["", " ", "/", "//", "/ /", "\u202e", "\ufeff", "\\", "%s%n", "{{x}}", "${HOME}"])


def _value(rng: random.Random, depth: int = 0):
    choice = rng.randrange(8 if depth < 2 else 5)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice([True, False])
    if choice == 2:
        return rng.randrange(-2**40, 2**40)
    if choice == 3:
        return rng.random() * 1e6
    if choice == 4:
        return _text(rng)
    if choice == 5:
        return [_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))]
    return {_text(rng)[:10]: _value(rng, depth + 1) for _ in range(rng.randrange(0, 4))}


def _body(rng: random.Random, index: int) -> bytes:
    kind = index % 10
    sender = f"fuzz-{index % 400}"
    if kind in (0, 1, 2, 3):   # well-formed turns with hostile text and metadata
        metadata = rng.choice([{}, {"locale": _value(rng), "country": _value(rng)},
                               {"locale": rng.choice(["de-AT", "ar", "pt_BR", "xx", ""]), "country": "GB"},
                               _value(rng)])
        return json.dumps({"sender": sender, "message": _text(rng), "metadata": metadata}).encode()
    if kind == 4:              # wrong JSON types for every field
        return json.dumps({"sender": _value(rng), "message": _value(rng), "metadata": _value(rng)}).encode()
    if kind == 5:              # any JSON value at all
        return json.dumps(_value(rng)).encode()
    if kind == 6:              # not JSON
        raw = _text(rng).encode("utf-8", "surrogatepass")
        return raw if rng.random() < 0.5 else bytes(rng.randrange(256) for _ in range(rng.randrange(1, 80)))
    if kind == 7:              # truncated JSON
        whole = json.dumps({"sender": sender, "message": _text(rng)})
        return whole[: rng.randrange(1, len(whole))].encode()
    if kind == 8:              # long strings (1 MB now and then; over the body limit)
        size = 1_000_000 if index % 500 == 8 else rng.randrange(1_000, 20_000)
        return json.dumps({"sender": sender, "message": "ü" * size}).encode()
    return json.dumps({"sender": sender, "message": _text(rng), "metadata": {"locale": "en"},
                       "extra": _value(rng)}).encode()


BODY_LIMIT = Settings().max_body_bytes
FIXED_ERRORS = set(REASONS) | set(ERROR_PHRASES.values()) | {"error"}


def _check(base_url: str, index: int, body: bytes) -> str | None:
    try:
        status, answer = post(base_url, body, timeout=60)
    except Exception as error:  # noqa: BLE001 - a dropped connection is a failure to report
        if len(body) > BODY_LIMIT:
            # Sanic answers 413 as soon as it reads Content-Length and closes the connection, so a
            # client still sending a megabyte may see the close before the answer. Both refuse it.
            return None
        return f"#{index}: no answer ({type(error).__name__})"
    if len(body) > BODY_LIMIT and status != 413:
        return f"#{index}: oversized body answered {status}"
    if status >= 500:
        return f"#{index}: status {status}"
    if status == 200:
        if not isinstance(answer, list) or not answer or not all(
                isinstance(m, dict) and isinstance(m.get("text"), str) and m["text"] for m in answer):
            return f"#{index}: invalid reply {str(answer)[:200]}"
        return None
    if not 400 <= status < 500:
        return f"#{index}: unexpected status {status}"
    if not (isinstance(answer, dict) and list(answer) == ["error"] and answer["error"] in FIXED_ERRORS):
        return f"#{index}: the error is not one of the fixed answers: {str(answer)[:100]}"
    return None


@pytest.mark.slow
def test_ten_thousand_hostile_inputs(signpost_server):
    rng = random.Random(SEED)
    bodies = [_body(rng, i) for i in range(INPUTS)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        failures = [f for f in pool.map(lambda ib: _check(signpost_server.base_url, *ib), enumerate(bodies)) if f]
    assert failures == [], failures[:20]
    # Still up and answering normally.
    status, answer = post(signpost_server.base_url, json.dumps({"sender": "after-fuzz-" + "0" * 16, "message": "hi"}).encode())
    assert status == 200 and answer
