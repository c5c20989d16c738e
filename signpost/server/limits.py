"""Per-client rate limits that remember nothing about anyone.

A token bucket per key, where the key is a salted hash of the client's address (new conversations)
or of the conversation id (turns). The salt is random per process and held only in memory, so the
table cannot be turned back into addresses, and it is bounded (the least recently used bucket goes
first). Nothing here is logged or written anywhere.

Behind nginx every request comes from nginx's own address, so there nginx limits per client
(deploy/nginx.conf) and this limiter is off by default (SIGNPOST_RATE_LIMIT, signpost/settings.py).
"""
from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import OrderedDict


class TokenBucket:
    """`per_minute` tokens a minute, at most `burst` saved up, per key."""

    def __init__(self, per_minute: float, burst: int, max_keys: int = 100_000):
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.max_keys = max_keys
        self._salt = os.urandom(16)
        self._buckets: "OrderedDict[bytes, tuple[float, float]]" = OrderedDict()
        self._lock = threading.Lock()

    def _key(self, value: str) -> bytes:
        return hashlib.blake2b(value.encode("utf-8", "replace"), key=self._salt, digest_size=16).digest()

    def allow(self, value: str) -> bool:
        """Take a token for `value`; False when its bucket is empty."""
        if self.rate <= 0:
            return True
        key, now = self._key(value), time.monotonic()
        with self._lock:
            tokens, last = self._buckets.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            allowed = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        return allowed

    def __len__(self) -> int:
        return len(self._buckets)


class TurnLimits:
    """New conversations per client address, and turns per conversation."""

    def __init__(self, new_per_minute: int, turns_per_minute: int, new_burst: int | None = None):
        self.new_conversations = TokenBucket(new_per_minute, burst=max(1, new_burst or new_per_minute))
        self.turns = TokenBucket(turns_per_minute, burst=max(1, turns_per_minute // 2))

    def allow(self, address: str, sender: str, is_new: bool) -> bool:
        if is_new and not self.new_conversations.allow(address):
            return False
        return self.turns.allow(sender)
