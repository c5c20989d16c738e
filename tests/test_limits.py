"""Abuse limits that log nothing (issue 15: H5, M2, L1, L5, L6). Against the real servers."""
from __future__ import annotations

import json
import socket
import statistics
import time
import uuid

import pytest

from signpost.safety_answer import FAILURE_KIND
from tests.servers import start_signpost
from tests.support import Chat, post

MAX_CONVERSATIONS = 10
NEW_PER_MINUTE = 30


@pytest.fixture(scope="module")
def running(built, tmp_path_factory):
    signpost = start_signpost(tmp_path_factory.mktemp("limits-logs"), extra_env={
        "SIGNPOST_RATE_LIMIT": "on", "SIGNPOST_NEW_CONVERSATIONS_PER_MINUTE": str(NEW_PER_MINUTE),
        "SIGNPOST_NEW_CONVERSATIONS_BURST": str(NEW_PER_MINUTE),
        "SIGNPOST_TURNS_PER_MINUTE": "100000", "SIGNPOST_MAX_CONVERSATIONS": str(MAX_CONVERSATIONS),
        "SIGNPOST_MAX_TURNS_KEPT": "10", "SIGNPOST_REQUEST_TIMEOUT_SECONDS": "2", "SIGNPOST_COUNTERS": "off"})
    yield signpost
    signpost.servers.stop()


def turn(base_url: str, sender: str, message: str, **metadata) -> tuple[int, object]:
    body = {"sender": sender, "message": message, "metadata": {"locale": "en", **metadata}}
    return post(base_url, json.dumps(body).encode())


def test_sender_ids_must_be_long_and_match_whole(running):
    """L1/L5: one-character ids were accepted, and an id with a trailing newline."""
    for bad in ("a", "a-random-id", "x" * 15, "y" * 20 + "\n", "z" * 20 + " "):
        status, answer = turn(running.base_url, bad, "hello")
        assert status == 400 and answer == {"error": "sender must be 16-128 letters, digits or ._:-"}
    status, _ = turn(running.base_url, uuid.uuid4().hex, "hello")
    assert status == 200


def test_a_long_conversation_stays_fast_and_keeps_its_slots(running):
    """H5: each turn reloaded the whole history (43 ms at turn 0, ~1 s at turn 490)."""
    chat = Chat(running.base_url, country=None)
    chat.say('/choose_country{"country":"GB"}')
    latencies = []
    for n in range(120):
        started = time.monotonic()
        chat.say(f"turn {n} " + "x" * 1990)
        latencies.append(time.monotonic() - started)
    early, late = statistics.median(latencies[5:20]), statistics.median(latencies[-15:])
    assert late < 3 * early + 0.03, (early, late)
    # Old turns were dropped, the country was kept.
    answer = chat.say("/need_report_images")
    assert any((m.get("custom") or {}).get("kind") == "service" and "GB" in m["custom"]["service"].get("countries", ["GB"])
               for m in answer), answer


def test_a_flood_of_new_conversations_is_limited_and_evicts_no_active_one(running):
    """M2: 10,100 new sender ids at 110/s pushed every live conversation out of memory."""
    time.sleep(60 * 2 / NEW_PER_MINUTE)   # a little budget back after the tests above
    active = Chat(running.base_url, country=None)
    active.say("/need_report_images")
    active.say('/choose_country{"country":"DE"}')           # two turns: under way
    statuses = []
    for _ in range(3 * NEW_PER_MINUTE):
        status, answer = turn(running.base_url, uuid.uuid4().hex, "hello")
        statuses.append(status)
        if status == 429:
            assert answer[0]["custom"]["kind"] == FAILURE_KIND and "112" in answer[0]["text"]
    assert statuses.count(429) >= NEW_PER_MINUTE, "the flood was not limited"
    assert statuses.count(200) > MAX_CONVERSATIONS, "enough got through to fill the store"
    # The person mid-conversation still has their context: the answer is for Germany.
    answer = active.say("/need_own_thoughts")
    assert "Germany" in json.dumps(answer) or "DE" in json.dumps(answer), answer


def _raw(port: int, data: bytes, wait: float) -> tuple[bytes, float]:
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(data)
        received = b""
        try:
            while True:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                received += chunk
        except socket.timeout:
            pass
    return received, time.monotonic() - started


def test_slow_bodies_and_negative_lengths_are_cut_off(running):
    """L6: slow connections were never closed; `Content-Length: -1` hung."""
    port = running.servers.port
    head = (b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n")
    received, seconds = _raw(port, head % 100 + b'{"sender":', wait=15)
    assert seconds < 10, "a body that never arrives must not hold the connection"
    received, seconds = _raw(port, head.replace(b"%d", b"-1") + b"{}", wait=15)
    assert seconds < 10 and (received == b"" or received.startswith(b"HTTP/1.1 4"))


def test_a_5000_character_message_fits_the_body_limit(running):
    """The body limit leaves room for ~10,000 characters (issue 13 sets the message limit)."""
    body = json.dumps({"sender": uuid.uuid4().hex, "message": "é" * 5000}).encode()   # 30 KB escaped
    status, _ = post(running.base_url, body)
    assert status != 413
