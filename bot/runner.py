"""Builds what is stale and starts the two servers exactly as `signpost run` does.

Used by the CLI and by the tests, so the tests exercise the real start-up path.
"""
from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from bot import paths
from bot.settings import Settings

# Scale-out: conversations and locks in Redis (docs/operations.md).
ENDPOINTS_REDIS = paths.BOT_DIR / "endpoints.redis.yml"
MODEL_INPUTS = (paths.CONFIG, paths.DOMAIN, paths.NLU_DIR, paths.DIALOGUE_DIR, paths.BOT_DIR / "components")


def _files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
        if path.is_dir() else [path]


def model_fingerprint() -> str:
    import rasa

    digest = hashlib.sha256(rasa.__version__.encode())
    for source in MODEL_INPUTS:
        for path in _files(source):
            digest.update(str(path.relative_to(paths.ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def model_is_stale() -> bool:
    if not paths.MODEL_FILE.exists() or not paths.MODEL_FINGERPRINT.exists():
        return True
    return paths.MODEL_FINGERPRINT.read_text().strip() != model_fingerprint()


def launcher(*args: str) -> list[str]:
    return [sys.executable, "-m", "bot.launcher", *args]


def train(force: bool = False) -> bool:
    """Train the model if its inputs changed. Returns True when it trained."""
    if not force and not model_is_stale():
        return False
    fingerprint = model_fingerprint()
    paths.MODELS_DIR.mkdir(parents=True, exist_ok=True)
    command = launcher(
        "rasa", "train", "--config", str(paths.CONFIG), "--domain", str(paths.DOMAIN),
        "--data", *map(str, paths.training_data()), "--out", str(paths.MODELS_DIR),
        "--fixed-model-name", paths.MODEL_FILE.name.removesuffix(".tar.gz"), "--quiet",
    )
    subprocess.run(command, check=True, cwd=paths.ROOT)
    paths.MODEL_FINGERPRINT.write_text(fingerprint)
    return True


def build_stale(log=print) -> None:
    """Directory database, widget bundle and model: each rebuilt only when its sources changed."""
    from bot.directory.build import ensure_built

    if ensure_built():
        log("Built the services directory.")
    try:
        from bot.web.widget_build import ensure_built as ensure_widget
    except ImportError:  # the widget build is optional for API-only deployments
        ensure_widget = None
    if ensure_widget and ensure_widget():
        log("Built the widget.")
    if model_is_stale():
        log("Training the model (first start, or the training data changed)...")
        train(force=True)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise TimeoutError(f"{url} was not ready after {timeout:.0f} s")


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
    """redis://:password@host:port/db -> the SIGNPOST_REDIS_* variables bot/endpoints.redis.yml reads.
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


def endpoints_for(settings: Settings) -> Path:
    """Redis (several workers) when SIGNPOST_REDIS_URL is set, else the in-memory store."""
    return ENDPOINTS_REDIS if settings.redis_url else paths.ENDPOINTS


def server_environment(settings: Settings, action_port: int, extra: Optional[dict] = None) -> dict:
    env = dict(os.environ)
    env.update({
        "SIGNPOST_ACTION_URL": f"http://127.0.0.1:{action_port}/webhook",
        "SIGNPOST_TTL_SECONDS": str(settings.ttl_seconds),
        "SIGNPOST_MAX_CONVERSATIONS": str(settings.max_conversations),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(paths.ROOT), env.get("PYTHONPATH")])),
    })
    if settings.redis_url:
        env.update(redis_environment(settings.redis_url))
        env["SANIC_WORKERS"] = "1"  # one process per worker; run more workers on more ports
        # A turn holds its conversation's lock at most this long: if a worker dies mid-turn, the
        # retried turn on another worker waits for this, not Rasa's default 60 s.
        env.setdefault("TICKET_LOCK_LIFETIME", "10")
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
    With Redis (SIGNPOST_REDIS_URL) several workers on different ports share the conversations."""
    env = server_environment(settings, action_port, extra_env)
    command = [
        "run", "--model", str(paths.MODEL_FILE), "--endpoints", str(endpoints or endpoints_for(settings)),
        "--credentials", str(paths.CREDENTIALS), "--interface", host, "--port", str(port), "--quiet",
    ]
    if settings.cors_origins:
        command += ["--cors", *settings.cors_origins]
    rasa = subprocess.Popen(launcher("rasa", *command), cwd=paths.ROOT, env=env, stdout=stdout, stderr=stderr)
    try:
        _wait_for(f"http://{host}:{port}/webhooks/rest/", rasa, timeout)
    except BaseException:
        rasa.kill()
        rasa.wait()
        raise
    return rasa


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
    env = server_environment(settings, action_port, extra_env)
    servers = Servers(host, port, action_port)
    actions = subprocess.Popen(launcher("actions", "--port", str(action_port)), cwd=paths.ROOT, env=env,
                               stdout=stdout, stderr=stderr)
    servers.processes.append(actions)
    try:
        _wait_for(f"http://127.0.0.1:{action_port}/health", actions, timeout)
        servers.processes.append(start_worker(settings, action_port, host, port, stdout, stderr, extra_env,
                                              endpoints, timeout))
    except BaseException:
        servers.stop()
        raise
    return servers
