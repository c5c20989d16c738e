"""Never a dead end (issue 15: H3, M1, M3, L3): whatever fails, the answer carries the country's
emergency number and crisis line, rendered by the Rasa server itself; nothing optional can discard
a reply. Against the real servers."""
from __future__ import annotations

import json
import sqlite3
import time
import urllib.error
import urllib.request
import uuid

import pytest

from signpost.safety_answer import FAILURE_KIND, safety_text
from tests.servers import start_signpost
from tests.support import Chat, cards, post

GB_EMERGENCY, GB_CRISIS = "999", "116 123"


@pytest.fixture(scope="module")
def running(built, tmp_path_factory):
    var = tmp_path_factory.mktemp("failures-var")
    signpost = start_signpost(tmp_path_factory.mktemp("failures-logs"), extra_env={"SIGNPOST_VAR_DIR": str(var)})
    signpost.var = var
    yield signpost
    signpost.servers.stop()


def sender() -> str:
    return f"test-{uuid.uuid4().hex}"


def raw_turn(base_url: str, body: str) -> list:
    status, answer = post(base_url, body.encode("utf-8"))
    assert status == 200, (status, answer)
    return answer


def test_a_lone_surrogate_still_gets_the_crisis_answer(running):
    """M3: the JSON escape of half an emoji crashed language detection and discarded the reply."""
    body = ('{"sender": "%s", "message": "i want to kill myself tonight \\ud83d", '
            '"metadata": {"locale": "en", "country": "GB"}}' % sender())
    answer = raw_turn(running.base_url, body)
    assert answer[0]["custom"]["route"] == "crisis", answer
    assert GB_EMERGENCY in answer[0]["text"]
    assert any(card["kind"] == "crisis_line" for card in cards(answer))


def test_a_locked_stats_database_delays_no_turn(running):
    """M1: counters were written inside the reply; a locked database made crisis turns fail after ~5 s."""
    Chat(running.base_url, country="GB").say("hello")   # the database exists
    lock = sqlite3.connect(running.var / "stats.db", timeout=1)
    lock.execute("BEGIN EXCLUSIVE")
    try:
        for _ in range(3):
            started = time.monotonic()
            answer = Chat(running.base_url, country="GB").say("i want to kill myself")
            assert time.monotonic() - started < 2.0
            assert answer[0]["custom"]["route"] == "crisis", answer
    finally:
        lock.rollback()
        lock.close()
    # The counts were kept and written once the database was free again.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with sqlite3.connect(running.var / "stats.db") as conn:
            crisis = conn.execute("SELECT SUM(count) FROM daily_counts WHERE detail = 'crisis'").fetchone()[0]
        if (crisis or 0) >= 3:
            break
        time.sleep(0.3)
    assert crisis >= 3


def test_no_banner_no_cors_credentials_and_turns_only_as_json(running):
    """L3: GET / named Rasa and its version; every response allowed credentials; forms were turns."""
    with pytest.raises(urllib.error.HTTPError) as banner:
        urllib.request.urlopen(f"{running.base_url}/", timeout=10)
    assert banner.value.code == 404 and b"Rasa" not in banner.value.read()
    request = urllib.request.Request(f"{running.base_url}/webhooks/rest/webhook", method="OPTIONS", headers={
        "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert "Access-Control-Allow-Credentials" not in answer.headers
    body = json.dumps({"sender": sender(), "message": "hello"}).encode()
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"):
        status, answer = post(running.base_url, body, content_type=content_type)
        assert status == 415 and answer == {"error": "body must be JSON (Content-Type: application/json)"}
    status, _ = post(running.base_url, body, content_type="application/json; charset=utf-8")
    assert status == 200


def test_with_the_action_server_gone_every_turn_gets_the_numbers(running):
    """H3: the failure reply said only "call your local emergency number". Runs last: kills the
    action server of this module's Signpost."""
    chose_germany = Chat(running.base_url, country=None)
    chose_germany.say('/choose_country{"country":"DE"}')
    actions = running.servers.processes[0]
    actions.kill()
    actions.wait()
    answer = Chat(running.base_url, country="GB").say("i want to kill myself")
    assert [m["custom"]["kind"] for m in answer] == [FAILURE_KIND]
    assert answer[0]["text"] == safety_text("en", "GB")
    assert GB_EMERGENCY in answer[0]["text"] and GB_CRISIS in answer[0]["text"]
    # The country chosen earlier in the conversation counts too, not only the client's metadata.
    answer = chose_germany.say("i want to kill myself")
    assert answer[0]["text"] == safety_text("en", "DE") and "0800 111 0 111" in answer[0]["text"]
    # Unknown country, another language: the general text, which still names the common numbers.
    answer = Chat(running.base_url, locale="de", country=None).say("ich will nicht mehr leben")
    assert answer[0]["custom"] == {"kind": FAILURE_KIND, "locale": "de", "dir": "ltr", "route": "failure"}
    assert "112" in answer[0]["text"] and "999" in answer[0]["text"]
    time.sleep(1.1)   # the health check caches for a second
    with pytest.raises(urllib.error.HTTPError) as failing:
        urllib.request.urlopen(f"{running.base_url}/webhooks/rest/", timeout=10)
    assert failing.value.code == 503
    assert json.loads(failing.value.read()) == {"status": "failing", "model": "ok", "actions": "down"}
