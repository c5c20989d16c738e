"""A Signpost of one's own for the tools: built if stale, started on a free loopback port, stopped
afterwards. Counters are off, so measuring never adds to the statistics."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, Optional

from signpost.build import build_stale
from signpost.server import processes
from signpost.settings import Settings


@contextmanager
def running_signpost(url: Optional[str] = None, extra_env: Optional[dict] = None) -> Iterator[str]:
    """Yields the base URL: `url` when given (a Signpost already running), else a new one's."""
    if url:
        yield url
        return
    build_stale()
    servers = processes.start(Settings(), port=processes.free_port(),
                              extra_env={"SIGNPOST_COUNTERS": "off", "SIGNPOST_RATE_LIMIT": "off",
                                         **(extra_env or {})})
    try:
        yield servers.base_url
    finally:
        servers.stop()
