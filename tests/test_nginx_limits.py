"""Per-client limits in deploy/nginx.conf (issue 15, M2), against real nginx and Signpost on loopback.

deploy/nginx.conf exempts 127.0.0.1 (health checks, benchmarks on the machine), so the clients here
connect from other loopback addresses: the flood from 127.0.0.2, a person from 127.0.0.3. The app's
own limiter is off (tests/servers.py), so every 429 comes from nginx.
"""
from __future__ import annotations

import http.client
import json
import ssl
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from signpost.tools.bench import harness
from tests.servers import start_signpost
from tests.support import payloads

pytestmark = pytest.mark.slow

FLOODER, PERSON = "127.0.0.2", "127.0.0.3"
FLOOD_REQUESTS, FLOOD_CONNECTIONS = 150, 10   # under limit_conn (20): the 429s are limit_req's


@pytest.fixture(scope="module")
def proxied(built, tmp_path_factory):
    root = tmp_path_factory.mktemp("nginx-limits")
    signpost = start_signpost(root / "logs")
    nginx = None
    try:
        nginx = harness.Nginx(root / "nginx", [signpost.servers.port])
        yield nginx
    finally:
        if nginx:
            nginx.stop()
        signpost.servers.stop()


def turn(nginx: harness.Nginx, source: str, sender: str, message: str,
         context: ssl.SSLContext) -> tuple[int, object]:
    connection = http.client.HTTPSConnection("127.0.0.1", nginx.https_port, context=context, timeout=30,
                                             source_address=(source, 0))
    try:
        body = json.dumps({"sender": sender, "message": message, "metadata": {"locale": "en"}})
        connection.request("POST", "/webhooks/rest/webhook", body=body,
                           headers={"Content-Type": "application/json"})
        answer = connection.getresponse()
        raw = answer.read()
        return answer.status, (json.loads(raw) if answer.status == 200 else raw)
    finally:
        connection.close()


def test_a_flood_from_one_client_is_cut_off_while_a_person_carries_on(proxied):
    site = proxied.site.read_text()
    assert "limit_req zone=signpost_turns" in site and "limit_conn signpost_conns" in site
    context = proxied.ssl_context()
    statuses: Counter = Counter()
    lock = threading.Lock()
    flooding = threading.Event()

    def flood_one(_: int) -> None:
        flooding.set()
        status, _answer = turn(proxied, FLOODER, f"flood-{uuid.uuid4().hex}", "hello", context)
        with lock:
            statuses[status] += 1

    person_answers: list[tuple[int, object]] = []

    def person() -> None:
        flooding.wait(10)
        sender = f"person-{uuid.uuid4().hex}"
        for message in ("hello", "/need_report_images", "deutschland", "/end_chat"):
            person_answers.append(turn(proxied, PERSON, sender, message, context))
            time.sleep(0.5)   # a person's pace, well under 5 turns a second

    began = time.monotonic()
    talking = threading.Thread(target=person)
    talking.start()
    with ThreadPoolExecutor(max_workers=FLOOD_CONNECTIONS) as pool:
        list(pool.map(flood_one, range(FLOOD_REQUESTS)))
    talking.join(120)
    assert not talking.is_alive()
    assert time.monotonic() - began < 120

    # The flood: most requests refused by nginx (limit_req: 5 a second, burst 20), none failed otherwise.
    assert set(statuses) <= {200, 429, 503}, statuses
    refused = statuses[429] + statuses[503]
    assert refused >= FLOOD_REQUESTS // 2, statuses
    assert statuses[200] >= 1, statuses   # limited, not banned
    # The person, from another address at the same time: every turn answered, state kept.
    assert [status for status, _ in person_answers] == [200, 200, 200, 200], person_answers
    assert '/choose_country{"country":"GB"}' in payloads(person_answers[1][1])
    assert "Germany" in json.dumps(person_answers[2][1], ensure_ascii=False)
    # The limit is per client: once the flood stops, the flooding address is served again.
    time.sleep(1.5)
    status, answer = turn(proxied, FLOODER, f"flood-{uuid.uuid4().hex}", "hello", context)
    assert status == 200 and "/need_own_thoughts" in payloads(answer)
