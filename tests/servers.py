"""Fixtures that start the real servers, exactly as `signpost run` does."""
from __future__ import annotations

from pathlib import Path

import pytest

from signpost.build import build_stale
from signpost.server import processes
from signpost.settings import Settings
from tests.support import Chat


@pytest.fixture(scope="session")
def built() -> None:
    """Directory database, widget and model, rebuilt when stale (first run may train)."""
    build_stale(log=lambda message: print(message, flush=True))


class RunningSignpost:
    def __init__(self, servers: processes.Servers, log_dir: Path):
        self.servers = servers
        self.base_url = servers.base_url
        self.log_dir = log_dir

    def chat(self, locale: str | None = "en", country: str | None = None, client: str | None = None) -> Chat:
        return Chat(self.base_url, locale=locale, country=country, client=client)

    def output(self) -> str:
        return "".join(p.read_text(errors="replace") for p in sorted(self.log_dir.glob("*.log")))


def start_signpost(log_dir: Path, settings: Settings | None = None, extra_env: dict | None = None,
                   endpoints: Path | None = None) -> RunningSignpost:
    log_dir.mkdir(parents=True, exist_ok=True)
    stdout = open(log_dir / "stdout.log", "w")
    stderr = open(log_dir / "stderr.log", "w")
    # Tests drive many conversations from one address: rate limits only where a test asks for them.
    env = {"SIGNPOST_COUNTER_FLUSH_SECONDS": "0", "SIGNPOST_RATE_LIMIT": "off", **(extra_env or {})}
    servers = processes.start(settings or Settings(), port=processes.free_port(), stdout=stdout, stderr=stderr,
                           extra_env=env, endpoints=endpoints)
    return RunningSignpost(servers, log_dir)


@pytest.fixture(scope="session")
def signpost_server(built, tmp_path_factory) -> RunningSignpost:
    """One Signpost (Rasa server + action server) shared by the tests that only talk to it."""
    running = start_signpost(tmp_path_factory.mktemp("signpost-logs"))
    yield running
    running.servers.stop()


@pytest.fixture
def chat(signpost_server):
    return signpost_server.chat
