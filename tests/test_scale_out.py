"""Scale-out on Redis (issue: scale-out and benchmark), against real redis-server and nginx on loopback.

One cluster for the module: Redis (deploy/redis.conf, password, no persistence), worker A started by
`processes.start` with SIGNPOST_REDIS_URL set (action server + Rasa), worker B started from the exact
ExecStart of deploy/systemd/signpost-worker@.service sharing that action server (through a test-only
proxy that can hold one of B's action calls, so that a turn is known to be in flight on B when it is
killed), and nginx running deploy/nginx.conf (TLS, access_log off, proxy_next_upstream) in front of both.
"""
from __future__ import annotations

import asyncio
import json
import os
import shlex
import signal
import ssl
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from signpost.tools.bench import harness, load
from signpost import paths
from signpost.server import processes
from signpost.settings import Settings
from tests.support import cards, payloads, texts

pytestmark = pytest.mark.slow

TTL = 8           # seconds a conversation (and a lock) lives in Redis after its last turn
# A dead worker's turn, retried on the other, waits at most this for the lock: the runner's value,
# which is deploy/signpost.env.example's too (tests/test_supervision.py).
LOCK_LIFETIME = processes.LOCK_LIFETIME_SECONDS
INSTALL_PREFIX = "/opt/signpost"


def unit(name: str) -> dict[str, list[str]]:
    """A systemd unit's [Service] keys (repeated keys kept in order)."""
    keys: dict[str, list[str]] = {}
    section = None
    for line in (paths.ROOT / "deploy" / "systemd" / name).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "Service":
            key, _, value = line.partition("=")
            keys.setdefault(key, []).append(value)
    return keys


def local(value: str, instance: str = "") -> str:
    return value.replace("%i", instance).replace(INSTALL_PREFIX, str(paths.ROOT))


def unit_environment(keys: dict, env_file_values: dict, instance: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    env.update(env_file_values)
    for assignment in keys.get("Environment", []):
        for pair in shlex.split(local(assignment, instance)):
            key, _, value = pair.partition("=")
            env[key] = value
    return env


def read_env_file(path: Path) -> dict:
    values = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


class HoldingActionProxy:
    """Worker B's way to the action server (loopback). Passes everything through, except that once
    `hold` is set it keeps the next action call (`POST /webhook`) unanswered until `release`: that
    turn is then in flight on worker B, its conversation locked by B in Redis."""

    def __init__(self, action_port: int):
        self.target = f"http://127.0.0.1:{action_port}"
        self.hold, self.held, self.release = threading.Event(), threading.Event(), threading.Event()
        self.held_sender: str | None = None
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:   # nothing of a conversation is printed
                pass

            def do_GET(self) -> None:
                self.forward(None)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path == "/webhook" and proxy.take(body):
                    proxy.release.wait(60)
                    self.close_connection = True   # never answered: its worker is dead by now
                    return
                self.forward(body)

            def forward(self, body: bytes | None) -> None:
                request = urllib.request.Request(self.target_url(), data=body, method=self.command,
                                                 headers={"Content-Type": self.headers.get(
                                                     "Content-Type", "application/json")})
                try:
                    with urllib.request.urlopen(request, timeout=60) as answer:
                        status, payload = answer.status, answer.read()
                except urllib.error.HTTPError as error:
                    status, payload = error.code, error.read()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def target_url(self) -> str:
                return proxy.target + self.path

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/webhook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def take(self, body: bytes) -> bool:
        """True for the one action call to hold (the first after `hold` was set)."""
        with self._lock:
            if not self.hold.is_set() or self.held.is_set():
                return False
            self.held_sender = json.loads(body)["sender_id"]
            self.held.set()
            return True

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


class Cluster:
    def __init__(self, root: Path):
        self.root = root
        self.redis = harness.Redis(root / "redis-data")
        self.logs = open(root / "servers.log", "w")
        self.settings = Settings(redis_url=self.redis.url, ttl_seconds=TTL)
        extra = {"TICKET_LOCK_LIFETIME": str(LOCK_LIFETIME), "SIGNPOST_COUNTER_FLUSH_SECONDS": "0"}
        self.servers = processes.start(self.settings, port=processes.free_port(), stdout=self.logs, stderr=self.logs,
                                    extra_env=extra)
        self.port_a = self.servers.port
        self.worker_a = self.servers.processes[1]
        self.worker_b, self.port_b = None, None
        self.nginx = None
        self.action_proxy = HoldingActionProxy(self.servers.action_port)
        self.worker_b, self.port_b = self.start_unit_worker()
        self.nginx = harness.Nginx(root / "nginx", [self.port_a, self.port_b])

    def start_unit_worker(self):
        """Worker B: the systemd unit's ExecStart, run as systemd would (environment file + Environment=)."""
        keys = unit("signpost-worker@.service")
        port = processes.free_port()
        env_file = read_env_file(paths.ROOT / "deploy" / "signpost.env.example")
        env_file.update(processes.redis_environment(self.redis.url))
        env_file.update({"SIGNPOST_TTL_SECONDS": str(TTL), "TICKET_LOCK_LIFETIME": str(LOCK_LIFETIME),
                         "SIGNPOST_ACTION_URL": self.action_proxy.url,
                         "SIGNPOST_COUNTER_FLUSH_SECONDS": "0"})
        env = unit_environment(keys, env_file, str(port))
        command = shlex.split(local(keys["ExecStart"][0], str(port)))
        process = subprocess.Popen(command, cwd=local(keys["WorkingDirectory"][0]), env=env,
                                   stdout=self.logs, stderr=self.logs)
        try:
            processes.wait_until_ready(f"http://127.0.0.1:{port}/webhooks/rest/", process, 120)
        except BaseException:
            process.kill()
            process.wait()
            raise
        return process, port

    def url(self, port: int) -> str:
        return f"http://127.0.0.1:{port}"

    def keys(self) -> list[str]:
        return self.redis.client(0).keys("*") + self.redis.client(1).keys("*")

    def stop(self) -> None:
        for stop in (lambda: self.nginx and self.nginx.stop(),
                     lambda: self.worker_b and processes.stop_processes([self.worker_b]),
                     lambda: self.action_proxy.stop(), self.servers.stop, self.redis.stop, self.logs.close):
            try:
                stop()
            except Exception:  # noqa: BLE001 - stop everything else regardless
                pass


@pytest.fixture(scope="module")
def cluster(built, tmp_path_factory):
    root = tmp_path_factory.mktemp("scale-out")
    made = None
    try:
        made = Cluster(root)
        yield made
    finally:
        if made:
            made.stop()


def say(base_url: str, sender: str, message: str, context: ssl.SSLContext | None = None,
        country: str | None = None) -> list:
    metadata = {"locale": "en", **({"country": country} if country else {})}
    request = urllib.request.Request(
        f"{base_url}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": message, "metadata": metadata}).encode(),
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30, context=context) as answer:
        assert answer.status == 200
        return json.loads(answer.read())


def test_turns_alternating_between_two_workers_keep_the_conversation(cluster):
    sender = f"test-{uuid.uuid4().hex}"
    a, b = cluster.url(cluster.port_a), cluster.url(cluster.port_b)
    assert "/need_own_thoughts" in payloads(say(a, sender, "hello"))
    asked = say(b, sender, "/need_report_images")
    assert '/choose_country{"country":"GB"}' in payloads(asked)
    # Free text answers the question worker B asked: only possible if A sees B's state.
    answer = say(a, sender, "deutschland")
    assert "Germany" in texts(answer)
    assert cards(answer) and cards(answer)[0]["kind"] == "reporting_hotline"
    # The tracker in Redis holds all three turns, and its key expires after the idle TTL.
    key = f"signpost:tracker:{sender}"
    stored = json.loads(cluster.redis.client(0).get(key))
    assert [e["text"] for e in stored["events"] if e["event"] == "user"] == [
        "hello", "/need_report_images", "deutschland"]
    assert 0 < cluster.redis.client(0).ttl(key) <= TTL
    say(b, sender, "/need_own_thoughts")
    say(a, sender, "/end_chat")


def test_through_nginx_over_tls_with_no_access_log(cluster):
    site = cluster.nginx.site.read_text()
    assert "access_log off;" in site and "proxy_next_upstream error timeout" in site
    context = cluster.nginx.ssl_context()
    sender = f"test-{uuid.uuid4().hex}"
    for _ in range(3):  # least_conn spreads consecutive turns over both workers
        assert say(cluster.nginx.base_url, sender, "hello", context)
    answer = say(cluster.nginx.base_url, sender, "/need_own_thoughts", context, country="GB")
    assert cards(answer)
    say(cluster.nginx.base_url, sender, "/end_chat", context)
    # Plain HTTP only redirects to HTTPS.
    request = urllib.request.Request(f"http://127.0.0.1:{cluster.nginx.http_port}/webhooks/rest/webhook")
    opener = urllib.request.build_opener(type("NoRedirect", (urllib.request.HTTPRedirectHandler,),
                                              {"redirect_request": lambda *a, **k: None}))
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=10)
    assert redirect.value.code == 301
    assert not list(cluster.nginx.workdir.glob("*access*"))


def test_end_chat_leaves_no_key_in_redis(cluster):
    sender = f"test-{uuid.uuid4().hex}"
    a, b = cluster.url(cluster.port_a), cluster.url(cluster.port_b)
    say(a, sender, "hello")
    say(b, sender, "/need_own_thoughts", country="GB")
    assert any(sender in key for key in cluster.keys())
    say(a, sender, "/end_chat")
    assert not [key for key in cluster.keys() if sender in key]


def test_keys_vanish_after_the_ttl_and_redis_writes_nothing(cluster):
    sender = f"test-{uuid.uuid4().hex}"
    say(cluster.url(cluster.port_b), sender, "hello")
    say(cluster.url(cluster.port_a), sender, "/need_viewed_images")
    key = f"signpost:tracker:{sender}"
    assert cluster.redis.client(0).exists(key)
    deadline = time.monotonic() + TTL + 5
    while cluster.redis.client(0).exists(key) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not [k for k in cluster.keys() if sender in k]
    # A new turn after the TTL starts afresh (the country question is not remembered).
    assert "/need_own_thoughts" in payloads(say(cluster.url(cluster.port_a), sender, "hello"))
    say(cluster.url(cluster.port_a), sender, "/end_chat")
    # Nothing on disk: no dump.rdb, no appendonly file, and the slow log is off.
    assert list((cluster.root / "redis-data").iterdir()) == []
    info = cluster.redis.client(0).info("persistence")
    assert info["aof_enabled"] == 0 and info["rdb_bgsave_in_progress"] == 0
    assert cluster.redis.client(0).slowlog_len() == 0


def test_the_systemd_units_start_what_the_runner_starts(built):
    actions = unit("signpost-actions.service")
    command = shlex.split(local(actions["ExecStart"][0]))
    assert command[1:] == processes.server_command("actions", "--port", "5055")[1:]
    worker = shlex.split(local(unit("signpost-worker@.service")["ExecStart"][0], "5005"))
    assert worker[1:5] == ["-m", "signpost.server", "rasa", "run"]
    assert worker[worker.index("--endpoints") + 1] == "endpoints.redis.yml"
    assert worker[worker.index("--interface") + 1] == "127.0.0.1"
    # The ExecStartPre build step runs here as it would under systemd (a no-op when built).
    pre = shlex.split(local(actions["ExecStartPre"][0]))
    subprocess.run(pre, cwd=paths.ROOT, check=True, timeout=600,
                   env={**os.environ, "PYTHONPATH": str(paths.ROOT)})


def test_kill_9_of_a_worker_under_load_loses_no_turn(cluster):
    """Runs last. Under load, worker B is killed while one of its turns is in flight (held in its call
    to the action server, its conversation locked in Redis); nginx sends that turn to worker A, which
    answers it once B's lock has expired. Every conversation carries on through worker A."""
    proxy = cluster.action_proxy
    killed_at: list[float] = []

    def hold_once(turns: int) -> None:
        if turns >= 60:
            proxy.hold.set()

    def kill_when_held() -> None:
        if proxy.held.wait(90):
            os.kill(cluster.worker_b.pid, signal.SIGKILL)
            killed_at.append(time.monotonic())
        proxy.release.set()

    killer = threading.Thread(target=kill_when_held, daemon=True)
    killer.start()
    # In a thread of its own: the browser tests' Playwright keeps an event loop in the main thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(asyncio.run, load.drive(
            cluster.nginx.base_url, load.signpost_conversation, concurrency=10, max_conversations=60,
            max_seconds=60, ssl_context=cluster.nginx.ssl_context(), on_turn=hold_once, timeout=45)).result()
    proxy.release.set()
    killer.join(5)
    # A turn was in flight on B when it died: B had taken it and was waiting for the action server.
    assert proxy.held.is_set() and proxy.held_sender and proxy.held_sender.startswith("bench-"), result.summary()
    assert killed_at, "worker B was never killed"
    assert cluster.worker_b.wait(5) == -signal.SIGKILL
    # The client sent every turn once and got every answer, right (each turn's check passed), the held
    # one included: B never answered it, so nginx retried it on A. A waited for the lock B held on
    # that conversation (TICKET_LOCK_LIFETIME), so one turn took about that long.
    assert result.errors == [], result.errors[:5]
    assert result.conversations == 60 and result.turns == 60 * len(load.signpost_conversation())
    assert max(result.latencies_ms) >= (LOCK_LIFETIME - 1) * 1000, result.summary()
    # Every conversation ended with "End chat"; no lock or tracker outlived it, even the ones
    # whose turn was in flight on the killed worker.
    deadline = time.monotonic() + LOCK_LIFETIME + 2
    while cluster.keys() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert cluster.keys() == []


def test_bench_statistics():
    assert load.percentile([], 50) == 0.0
    values = [float(v) for v in range(1, 101)]
    assert (load.percentile(values, 50), load.percentile(values, 95), load.percentile(values, 99)) == (
        50.0, 95.0, 99.0)
    assert load.percentile([7.0], 99) == 7.0
    result = load.LoadResult(latencies_ms=[1.0, 2.0, 3.0, 4.0], errors=["x"], seconds=2.0)
    summary = result.summary()
    assert summary["turns"] == 4 and summary["turns_per_s"] == 2.0 and summary["errors"] == 1
    assert load.rss_mb(os.getpid()) > 0
    assert load.expect("Germany")([{"text": "Germany"}]) is None
    assert load.expect("Germany")([{"text": "France"}])
    assert load.answered([])


def test_redis_url_is_split_for_the_endpoints_file():
    env = processes.redis_environment("redis://:s%40cret@10.0.0.5:6380/2")
    assert env == {"SIGNPOST_REDIS_HOST": "10.0.0.5", "SIGNPOST_REDIS_PORT": "6380",
                   "SIGNPOST_REDIS_PASSWORD": "s@cret", "SIGNPOST_REDIS_DB": "2", "SIGNPOST_REDIS_LOCK_DB": "3"}
    assert processes.endpoints_for(Settings(redis_url="redis://:x@h:1/0"), 5055) == paths.ENDPOINTS_REDIS
    in_memory = processes.endpoints_for(Settings(redis_url=""), 6123)
    assert "http://127.0.0.1:6123/webhook" in in_memory.read_text() and in_memory.is_relative_to(paths.BUILD_DIR)
    with pytest.raises(ValueError):
        processes.redis_environment("http://example.org")
