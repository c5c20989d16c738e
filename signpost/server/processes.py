"""Starts the two servers exactly as `signpost run` does: the action server, then the Rasa server.

Used by the CLI, the tools and the tests, so the tests exercise the real start-up path.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from signpost import paths
from signpost.model_file import require_loadable
from signpost.settings import Settings


LOCK_LIFETIME_SECONDS = 5


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def wait_for(ready: Callable[[], bool], process: subprocess.Popen, timeout: float, what: str) -> None:
    """Poll `ready()` until it is true; fail early if `process` exits, or after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with code {process.returncode} before it was ready")
        try:
            if ready():
                return
        except Exception:  # noqa: BLE001 - not up yet (refused, reset, timed out)
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{what} was not ready after {timeout:.0f} s")


def wait_until_ready(url: str, process: subprocess.Popen, timeout: float = 180) -> None:
    """Wait until `url` answers 200."""
    def ready() -> bool:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return answer.status == 200

    wait_for(ready, process, timeout, url)


@dataclass
class Servers:
    host: str
    port: int
    action_port: int
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def stop(self, timeout: float = 15) -> None:
        stop_processes(self.processes, timeout)


def stop_processes(processes: list[subprocess.Popen], timeout: float = 15) -> None:
    """SIGTERM all (last started first), then wait; kill whatever has not exited after `timeout`."""
    for process in reversed(processes):
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in reversed(processes):
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def redis_environment(url: str) -> dict:
    """redis://:password@host:port/db -> the SIGNPOST_REDIS_* variables endpoints.redis.yml reads.
    Conversations go to database `db`, conversation locks to `db + 1`."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme != "redis" or not parts.hostname:
        raise ValueError("SIGNPOST_REDIS_URL must look like redis://:password@host:port/db")
    db = int(parts.path.strip("/") or 0)
    return {
        "SIGNPOST_REDIS_HOST": parts.hostname,
        "SIGNPOST_REDIS_PORT": str(parts.port or 6379),
        "SIGNPOST_REDIS_PASSWORD": unquote(parts.password or ""),
        "SIGNPOST_REDIS_DB": str(db),
        "SIGNPOST_REDIS_LOCK_DB": str(db + 1),
    }


def server_command(*args: str) -> list[str]:
    """A command run through Signpost's privacy-hardened entry point (signpost/server/__main__.py)."""
    return [sys.executable, "-m", "signpost.server", *args]


def endpoints_for(settings: Settings, action_port: int) -> Path:
    """Redis (several workers) when SIGNPOST_REDIS_URL is set, else the in-memory store. The
    in-memory file names the action server's port, so it is copied into build/ with this one."""
    if settings.redis_url:
        return paths.ENDPOINTS_REDIS
    text = paths.ENDPOINTS.read_text(encoding="utf-8")
    default = "http://127.0.0.1:5055/webhook"
    if default not in text:
        raise ValueError(f"{paths.ENDPOINTS} must name the action server as {default}")
    target = paths.BUILD_DIR / "endpoints" / f"endpoints-{action_port}.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text.replace(default, f"http://127.0.0.1:{action_port}/webhook"), encoding="utf-8")
    return target


def server_environment(settings: Settings, action_port: int, extra: Optional[dict] = None) -> dict:
    env = dict(os.environ)
    env.update({
        "SIGNPOST_ACTION_URL": f"http://127.0.0.1:{action_port}/webhook",   # endpoints.redis.yml
        "SIGNPOST_TTL_SECONDS": str(settings.ttl_seconds),
        "SIGNPOST_MAX_CONVERSATIONS": str(settings.max_conversations),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(paths.ROOT), env.get("PYTHONPATH")])),
    })
    if settings.redis_url:
        env.update(redis_environment(settings.redis_url))
        env["SANIC_WORKERS"] = "1"  # one process per worker; run more workers on more ports
        # A turn holds its conversation's lock at most this long: if a worker dies mid-turn, the
        # retried turn on another worker waits for this, not Rasa's default 60 s. The same value
        # as deploy/signpost.env.example (tests/test_supervision.py checks they agree).
        env.setdefault("TICKET_LOCK_LIFETIME", str(LOCK_LIFETIME_SECONDS))
    env.update(extra or {})
    return env


def start_worker(
    settings: Settings,
    action_port: int,
    host: str = "127.0.0.1",
    port: int = 5005,
    stdout=None,
    stderr=None,
    extra_env: Optional[dict] = None,
    endpoints: Optional[Path] = None,
    timeout: float = 120,
) -> subprocess.Popen:
    """Start one Rasa server using the action server on `action_port`; wait until it answers.
    With Redis (SIGNPOST_REDIS_URL) several workers on different ports share the conversations.
    Refuses (ModelUnreadable, naming the file) when the model file is truncated or corrupt."""
    require_loadable(paths.MODEL_FILE)
    env = server_environment(settings, action_port, extra_env)
    command = [
        "run", "--model", str(paths.MODEL_FILE), "--endpoints", str(endpoints or endpoints_for(settings, action_port)),
        "--credentials", str(paths.CREDENTIALS), "--interface", host, "--port", str(port), "--quiet",
    ]
    if settings.cors_origins:
        command += ["--cors", *settings.cors_origins]
    rasa = subprocess.Popen(server_command("rasa", *command), cwd=paths.ROOT, env=env, stdout=stdout, stderr=stderr)
    return _once_ready(rasa, f"http://{host}:{port}/webhooks/rest/", timeout)


def start_actions(settings: Settings, action_port: int, stdout=None, stderr=None, extra_env: Optional[dict] = None,
                  timeout: float = 120) -> subprocess.Popen:
    """Start the action server on loopback `action_port`; wait until it answers."""
    env = server_environment(settings, action_port, extra_env)
    actions = subprocess.Popen(server_command("actions", "--port", str(action_port)), cwd=paths.ROOT, env=env,
                               stdout=stdout, stderr=stderr)
    return _once_ready(actions, f"http://127.0.0.1:{action_port}/health", timeout)


def _once_ready(process: subprocess.Popen, url: str, timeout: float) -> subprocess.Popen:
    """`process` once `url` answers; killed (never left behind) if it does not in time."""
    try:
        wait_until_ready(url, process, timeout)
    except BaseException:
        process.kill()
        process.wait()
        raise
    return process


def start(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 5005,
    action_port: Optional[int] = None,
    stdout=None,
    stderr=None,
    extra_env: Optional[dict] = None,
    endpoints: Optional[Path] = None,
    timeout: float = 120,
) -> Servers:
    """Start the action server, then the Rasa server, and wait until both answer.
    `endpoints` defaults to the in-memory store, or Redis when SIGNPOST_REDIS_URL is set."""
    action_port = action_port or free_port()
    require_loadable(paths.MODEL_FILE)
    servers = Servers(host, port, action_port)
    try:
        servers.processes.append(start_actions(settings, action_port, stdout, stderr, extra_env, timeout))
        servers.processes.append(start_worker(settings, action_port, host, port, stdout, stderr, extra_env,
                                              endpoints, timeout))
    except BaseException:
        servers.stop()
        raise
    return servers
