"""Process-wide services for the actions: the directory (reloaded when rebuilt) and the counters."""
from __future__ import annotations

import atexit
import threading
from functools import lru_cache

from signpost import paths
from signpost.counters import Counters
from signpost.directory.lookup import Directory
from signpost.settings import load

_lock = threading.Lock()
_directory: tuple[float, Directory] | None = None


def directory() -> Directory:
    """The shown directory; reloaded when `signpost directory build` has replaced the database."""
    global _directory
    mtime = paths.DIRECTORY_DB.stat().st_mtime
    with _lock:
        if _directory is None or _directory[0] != mtime:
            _directory = (mtime, Directory.load(paths.DIRECTORY_DB))
        return _directory[1]


@lru_cache(maxsize=1)
def counters() -> Counters:
    settings = load()
    instance = Counters(paths.STATS_DB, settings.counter_flush_seconds, settings.counters)
    atexit.register(instance.flush)
    return instance
