"""Process-wide services for the actions: the directory (reloaded when rebuilt) and the counters."""
from __future__ import annotations

import atexit
from functools import lru_cache

from signpost import paths
from signpost.counters import Counters
from signpost.directory.lookup import Directory, current
from signpost.settings import load

def directory() -> Directory:
    """The shown directory; reloaded when `signpost directory build` has replaced the database."""
    return current()


@lru_cache(maxsize=1)
def counters() -> Counters:
    settings = load()
    instance = Counters(paths.STATS_DB, settings.counter_flush_seconds, settings.counters)
    atexit.register(instance.flush)
    return instance
