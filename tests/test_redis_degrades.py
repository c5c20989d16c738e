"""Redis mode degrades instead of failing (issue 15, M5), against a real redis-server on loopback.

Redis stopped, then frozen (SIGSTOP): a crisis turn is still answered within seconds with the crisis
line (not only the failure text), and health says "degraded". Once Redis is back, conversations
keep their state in Redis again.
"""
from __future__ import annotations

import json
import signal
import subprocess
import time
import urllib.request

import pytest

from signpost.safety_answer import FAILURE_KIND
from signpost.settings import Settings
from signpost.tools.bench import harness
from tests.servers import start_signpost
from tests.support import Chat, cards, payloads, texts

pytestmark = pytest.mark.slow

GB_CRISIS = "116 123"
PROMPT_SECONDS = 5.0   # "within a few seconds": Redis commands time out after 1 s (SIGNPOST_REDIS_TIMEOUT_SECONDS)


@pytest.fixture(scope="module")
def running(built, tmp_path_factory):
    root = tmp_path_factory.mktemp("redis-degrades")
    redis = harness.Redis(root / "redis-data")
    signpost = None
    try:
        signpost = start_signpost(root / "logs", settings=Settings(redis_url=redis.url, ttl_seconds=60))
        signpost.redis = redis
        yield signpost
    finally:
        if signpost:
            signpost.servers.stop()
        try:
            redis.process.send_signal(signal.SIGCONT)
        except ProcessLookupError:
            pass
        redis.stop()


def health(base_url: str) -> dict:
    with urllib.request.urlopen(f"{base_url}/webhooks/rest/", timeout=10) as answer:
        assert answer.status == 200
        return json.loads(answer.read())


def wait_for_health(base_url: str, status: str, seconds: float = 15) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        report = health(base_url)
        if report["status"] == status or time.monotonic() > deadline:
            return report
        time.sleep(0.3)


def assert_crisis_answered_promptly(base_url: str) -> None:
    started = time.monotonic()
    answer = Chat(base_url, country="GB").say("i want to kill myself")
    took = time.monotonic() - started
    assert took < PROMPT_SECONDS, took
    kinds = [(m.get("custom") or {}).get("kind") for m in answer]
    assert FAILURE_KIND not in kinds, answer
    assert answer[0]["custom"]["route"] == "crisis", answer
    assert any(card["kind"] == "crisis_line" for card in cards(answer)), answer
    assert GB_CRISIS in json.dumps(answer, ensure_ascii=False)


def assert_state_kept_in_redis(running, seconds: float = 20) -> None:
    """A three-turn conversation whose third turn answers the second's question (state carried over),
    stored in Redis. Retried with a new conversation while the worker is still skipping Redis."""
    deadline = time.monotonic() + seconds
    while True:
        chat = Chat(running.base_url)
        chat.say("hello")
        assert '/choose_country{"country":"GB"}' in payloads(chat.say("/need_report_images"))
        answer = chat.say("deutschland")
        stored = running.redis.client(0).get(f"signpost:tracker:{chat.sender}")
        if stored and "Germany" in texts(answer):
            users = [e["text"] for e in json.loads(stored)["events"] if e["event"] == "user"]
            assert users == ["hello", "/need_report_images", "deutschland"]
            chat.say("/end_chat")
            return
        assert time.monotonic() < deadline, "conversations never went back to Redis"
        time.sleep(1)


def restart(redis: harness.Redis) -> None:
    """The same redis-server again: same port, password and options (its data was never persisted)."""
    redis.process = subprocess.Popen(redis.process.args, stdout=redis.log, stderr=subprocess.STDOUT)
    harness.wait_for(lambda: redis.client().ping(), redis.process, 15, "redis-server")


def test_with_redis_up_health_is_ok_and_state_lives_in_redis(running):
    assert wait_for_health(running.base_url, "ok") == {"status": "ok", "model": "ok", "actions": "ok",
                                                       "redis": "ok"}
    assert_state_kept_in_redis(running)


def test_redis_stopped_crisis_answered_with_the_crisis_line_then_back(running):
    redis = running.redis
    redis.process.terminate()
    assert redis.process.wait(10) is not None
    for _ in range(3):   # the first turn meets the refused connection, the next ones skip Redis
        assert_crisis_answered_promptly(running.base_url)
    assert wait_for_health(running.base_url, "degraded") == {
        "status": "degraded", "model": "ok", "actions": "ok", "redis": "unreachable"}
    restart(redis)
    assert wait_for_health(running.base_url, "ok")["status"] == "ok"
    assert_state_kept_in_redis(running)
    assert_crisis_answered_promptly(running.base_url)


def test_redis_frozen_crisis_answered_with_the_crisis_line_then_back(running):
    redis = running.redis
    redis.process.send_signal(signal.SIGSTOP)
    try:
        for _ in range(3):   # each turn waits at most one Redis timeout, then skips Redis
            assert_crisis_answered_promptly(running.base_url)
        assert wait_for_health(running.base_url, "degraded") == {
            "status": "degraded", "model": "ok", "actions": "ok", "redis": "unreachable"}
    finally:
        redis.process.send_signal(signal.SIGCONT)
    assert wait_for_health(running.base_url, "ok")["status"] == "ok"
    assert_state_kept_in_redis(running)
    assert_crisis_answered_promptly(running.base_url)
