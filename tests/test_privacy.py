"""Nothing of a conversation persists (issue: non-logging, proven).

The canary test starts Signpost exactly as `signpost run` does, sends unique marker strings through
every way into the system, and searches everything the servers could have written: their captured
output, every file created or changed under the repository, $HOME and the temp directory, and the
SQLite databases. It must find nothing.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from signpost import paths
from signpost.counters import TABLE, Counters, rows
from tests.servers import start_signpost
from tests.support import Chat, payloads, post

MARKER = f"CANARY{uuid.uuid4().hex[:12].upper()}"
# Forms a marker could take on the way: as sent, lower-cased, JSON-escaped inside a bigger string.
FORMS = [MARKER, MARKER.lower(), MARKER[6:]]


def _files_changed_since(root: Path, since: float, skip: tuple[str, ...] = ()) -> list[Path]:
    found = []
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in skip and not d.startswith("pytest-of")]
        for name in filenames:
            path = Path(directory) / name
            try:
                if path.is_file() and not path.is_symlink() and path.stat().st_mtime >= since:
                    found.append(path)
            except OSError:
                continue
    return found


def _hits(data: bytes) -> list[str]:
    return [form for form in FORMS if form.encode() in data]


@pytest.fixture(scope="module")
def canary(built, tmp_path_factory):
    started = time.time() - 1
    log_dir = tmp_path_factory.mktemp("canary-logs")
    running = start_signpost(log_dir)
    yield running, started, log_dir
    running.servers.stop()


def _send_markers(base_url: str, action_server) -> None:
    marker_sender = f"{MARKER}-sender"
    # 1. As message text, in several forms of conversation.
    chat = Chat(base_url, country="GB")
    for text in (f"my name is {MARKER}", f"I'm worried about my thoughts {MARKER}",
                 f"i want to kill myself {MARKER}", f"/{MARKER}", f"/need_own_thoughts {MARKER}",
                 f"{MARKER} Germany", f"/greet{{\"x\": \"{MARKER}\"", "/end_chat"):
        chat.say(text)
    # 2. As sender id.
    Chat(base_url, sender=marker_sender).say("hello")
    Chat(base_url, sender=marker_sender).say("/need_report_images")
    # 3. In metadata: known keys with marker values, and unknown keys.
    Chat(base_url).say("hello", locale=MARKER, country=MARKER, client=MARKER, extra=MARKER)
    # 4. Inside an /intent payload's entities.
    Chat(base_url).say(f'/choose_country{{"country": "{MARKER}"}}')
    Chat(base_url).say(f'/choose_language{{"locale": "{MARKER}"}}')
    # 5. Malformed JSON.
    for body in (f'{{"sender": "{MARKER}", "message": "{MARKER}"', f"[{MARKER}]", f'{{"{MARKER}": 1}}',
                 f'["{MARKER}"]', f'{{"sender": 1, "message": "{MARKER}"}}'):
        status, answer = post(base_url, body.encode())
        assert 400 <= status < 500 and MARKER not in json.dumps(answer)
    # 6. An oversized body.
    status, answer = post(base_url, json.dumps({"sender": "x" * 16, "message": MARKER * 50_000}).encode())
    assert status == 413 and MARKER not in json.dumps(answer)
    # 7. Through the no-JavaScript chat (/chat/): as message text, button payload, conversation id
    #    and form fields. Only the answer to the person's own post may show their words back.
    _send_markers_through_nojs_chat(base_url)
    # 8. A custom-action failure: the action server goes away mid-conversation.
    action_server.kill()
    action_server.wait()
    for text in (f"i'm worried about my thoughts {MARKER}", f"a child is in danger {MARKER}"):
        answer = Chat(base_url, sender=f"{MARKER}-late").say(text)
        # recipient_id is the client's own id, returned as in Rasa's contract; nothing else may carry it.
        assert MARKER not in json.dumps([{k: v for k, v in m.items() if k != "recipient_id"} for m in answer])
        assert answer and answer[0]["custom"]["kind"] == "failure" and "emergency" in answer[0]["text"]
    # The no-JavaScript chat's failure page: the way to urgent help, nothing of what was written.
    status, page = _post_form(f"{base_url}/chat/", {"conversation": uuid.uuid4().hex, "locale": "en",
                                                   "country": "GB", "text": f"a child is in danger {MARKER}"})
    assert status == 200 and MARKER not in page and 'href="tel:999"' in page
    # 9. The platform intercept: markers in every query parameter and in the request headers.
    query = f"locale={MARKER}&country={MARKER}&reason={MARKER}&format=json&{MARKER}={MARKER}"
    headers = {"Accept-Language": MARKER, "User-Agent": MARKER, "X-Forwarded-For": MARKER, "Referer": MARKER,
               "Cookie": f"id={MARKER}", f"X-{MARKER}": MARKER}
    for path in (f"/intercept?{query}", f"/intercept?{query.replace('format=json', 'format=html')}",
                 f"/intercept/chat?{query}", f"/intercept/go?{query}&to={MARKER}&channel={MARKER}",
                 f"/intercept/{MARKER}"):
        request = urllib.request.Request(base_url + path, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                redirected_to = answer.url if answer.url != base_url + path else ""   # where /go sent us
                seen = answer.read().decode() + str(answer.headers) + redirected_to
        except urllib.error.HTTPError as error:
            seen = error.read().decode() + str(error.headers)
        assert not _hits(seen.encode()), path
    Chat(base_url).say("/need_viewed_images", intercept=MARKER)
    # Unknown paths carry the marker too.
    for url in (f"{base_url}/{MARKER}", f"{base_url}/webhooks/rest/webhook?{MARKER}=1",
                f"{base_url}/widget/{MARKER}.js", f"{base_url}/demo/{MARKER}"):
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                assert MARKER not in answer.read().decode()
        except urllib.error.HTTPError as error:
            assert MARKER not in error.read().decode()


def _post_form(url: str, fields: dict) -> tuple[int, str]:
    request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(),
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _send_markers_through_nojs_chat(base_url: str) -> None:
    chat, end = f"{base_url}/chat/", f"{base_url}/chat/end"
    conversation = uuid.uuid4().hex
    own = {"conversation": conversation, "locale": "en", "country": "GB"}
    for text in (f"my name is {MARKER}", f"i want to kill myself {MARKER}", f"<b>{MARKER}</b>"):
        status, page = _post_form(chat, {**own, "text": text})
        assert status == 200 and "CANARY" in page          # their own transcript, on their own page
    status, page = _post_form(chat, {**own, "message": f"/{MARKER}"})
    assert status == 200
    _post_form(end, own)
    status, page = _post_form(chat, {**own, "text": ""})   # after End chat: nothing left to show
    assert MARKER not in page
    for fields in ({"conversation": MARKER, "text": "hello"}, {"conversation": f"{MARKER}{'a' * 32}", "text": MARKER},
                   {**own, "locale": MARKER, "country": MARKER, "text": ""}, {"conversation": MARKER}):
        status, page = _post_form(chat, fields)
        assert MARKER not in page, fields
        status, page = _post_form(end, fields)
        assert MARKER not in page, fields
    for url in (f"{chat}?locale={MARKER}&country={MARKER}", f"{base_url}/weather?locale={MARKER}",
                f"{chat}{MARKER}"):
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                assert MARKER not in answer.read().decode()
        except urllib.error.HTTPError as error:
            assert MARKER not in error.read().decode()


def test_canary_markers_are_found_nowhere(canary):
    running, started, log_dir = canary
    _send_markers(running.base_url, running.servers.processes[0])
    running.servers.stop()  # flush and close everything the servers write

    hits: dict[str, list[str]] = {}
    for path in sorted(log_dir.glob("*.log")):
        found = _hits(path.read_bytes())
        if found:
            hits[str(path)] = found
    assert (log_dir / "stderr.log").stat().st_size < 20_000, "unexpectedly chatty output"

    roots = [paths.ROOT, Path.home(), Path(tempfile.gettempdir())]
    for root in roots:
        for path in _files_changed_since(root, started, skip=(".git", "node_modules")):
            if log_dir in path.parents:
                continue
            try:
                found = _hits(path.read_bytes())
            except OSError:
                continue
            if found:
                hits[str(path)] = found
    for db_path in (paths.STATS_DB, paths.DIRECTORY_DB):
        if db_path.exists():
            with sqlite3.connect(db_path) as conn:
                dump = "\n".join(conn.iterdump()).encode()
            if _hits(dump):
                hits[str(db_path)] = _hits(dump)
    assert hits == {}


def test_no_telemetry_identity_file_is_written(canary):
    """Rasa writes ~/.config/rasa/global.yml with a random id on first run; the launcher prevents it."""
    global_config = Path.home() / ".config" / "rasa" / "global.yml"
    assert not global_config.exists() or global_config.stat().st_mtime < canary[1]


def test_responses_forbid_caching_and_referrers(signpost_server):
    import urllib.request

    request = urllib.request.Request(
        f"{signpost_server.base_url}/webhooks/rest/webhook",
        data=json.dumps({"sender": "headers-" + uuid.uuid4().hex, "message": "hi"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request) as answer:
        assert answer.headers["Cache-Control"] == "no-store"
        assert answer.headers["Referrer-Policy"] == "no-referrer"
    with urllib.request.urlopen(f"{signpost_server.base_url}/demo/") as answer:
        csp = answer.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_action_server_listens_on_loopback_only(signpost_server):
    """The kernel's own table of listening sockets: the action server's is bound to 127.0.0.1."""
    port = signpost_server.servers.action_port
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, local_port = local.rsplit(":", 1)
            if state == "0A" and int(local_port, 16) == port:   # 0A = LISTEN
                listening.append(address)
    assert listening == ["0100007F"], listening                 # 127.0.0.1, little-endian hex


def test_the_api_endpoints_are_not_enabled(signpost_server):
    import urllib.error
    import urllib.request

    for path in ("/status", "/conversations/x/tracker", "/model/parse", "/domain"):
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(f"{signpost_server.base_url}{path}", timeout=5)
        assert error.value.code in (404, 405)


# --- Conversations expire -------------------------------------------------------------------------

def test_a_conversation_is_forgotten_after_its_ttl(built, tmp_path):
    from signpost.settings import Settings

    running = start_signpost(tmp_path / "logs", Settings(ttl_seconds=2))
    try:
        chat = running.chat()
        chat.say('/choose_country{"country":"GB"}')
        remembered = chat.say("/need_own_thoughts")
        assert "/country_unknown" not in payloads(remembered)  # the country is remembered
        time.sleep(3.5)
        forgotten = chat.say("/need_own_thoughts")
        assert "/country_unknown" in payloads(forgotten)       # asked again: nothing survived
    finally:
        running.servers.stop()


def test_end_chat_forgets_the_conversation_at_once(chat):
    conversation = chat()
    conversation.say('/choose_country{"country":"GB"}')
    conversation.say("/end_chat")
    assert "/country_unknown" in payloads(conversation.say("/need_own_thoughts"))


# --- Aggregate counters -----------------------------------------------------------------------------

def test_counters_table_cannot_hold_text_or_identifiers(tmp_path):
    db = tmp_path / "stats.db"
    Counters(db, flush_seconds=0).record("need_chosen", "en", "GB", "own_thoughts")
    with sqlite3.connect(db) as conn:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({TABLE})")]
        assert columns == ["day", "locale", "country", "event", "detail", "count"]
        bad_rows = [
            ("2026-01-01 10:32", "en", "GB", "exit", "", 1),              # finer than a day
            ("2026-01-01", "english please", "GB", "exit", "", 1),        # text as locale
            ("2026-01-01", "en", MARKER, "exit", "", 1),                  # text as country
            ("2026-01-01", "en", "GB", "i want to die", "", 1),           # text as event
            ("2026-01-01", "en", "GB", "exit", "my name is Sam", 1),      # text as detail
            ("2026-01-01", "en", "GB", "exit", str(uuid.uuid4()).upper(), 1),  # an id as detail
        ]
        for row in bad_rows:
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute(f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?, ?, ?)", row)


def test_stats_suppresses_small_cells(tmp_path):
    var = tmp_path / "var"
    counters = Counters(var / "stats.db", flush_seconds=3600)
    for _ in range(12):
        counters.record("conversation_started", "en", "GB")
    for _ in range(3):
        counters.record("escalation", "de", "DE", "crisis")
    counters.flush()
    env = {**os.environ, "SIGNPOST_VAR_DIR": str(var)}
    table = subprocess.run([sys.executable, "-m", "signpost.cli", "stats"], env=env, capture_output=True,
                           text=True, check=True, cwd=paths.ROOT).stdout
    assert "conversation_started" in table and " 12" in table
    # A small cell is left out entirely: even "<10" would prove at least one event.
    assert "<10" not in table and "escalation" not in table
    csv_out = subprocess.run([sys.executable, "-m", "signpost.cli", "stats", "--format", "csv"], env=env,
                             capture_output=True, text=True, check=True, cwd=paths.ROOT).stdout
    assert "escalation" not in csv_out and "<10" not in csv_out
    assert [r["count"] for r in rows(var / "stats.db")] == [12]


def test_counters_can_be_switched_off(tmp_path):
    Counters(tmp_path / "stats.db", enabled=False).record("exit", "en", "GB")
    assert not (tmp_path / "stats.db").exists()


def test_once_serving_library_log_records_lose_their_details():
    import logging

    from signpost.server.privacy import WithholdDetails

    gate = WithholdDetails()
    gate.serving = True

    def record(name: str) -> logging.LogRecord:
        return logging.LogRecord(name, logging.ERROR, __file__, 1, "text %s", (MARKER,), None)

    for library in ("rasa.core.processor", "botocore.client", "sanic.error", "actionsxyz"):
        withheld = record(library)
        gate.filter(withheld)
        assert MARKER not in withheld.getMessage(), library
    for own in ("signpost.server.hardening", "actions", "signpost"):
        kept = record(own)
        gate.filter(kept)
        assert MARKER in kept.getMessage(), own
