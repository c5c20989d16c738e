"""Operator settings, read from SIGNPOST_* environment variables (see docs/operations.md)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    # A conversation is forgotten after this many idle seconds.
    ttl_seconds: int = field(default_factory=lambda: _int("SIGNPOST_TTL_SECONDS", 900))
    # Upper bound on conversations held at once; the oldest idle one is dropped first.
    max_conversations: int = field(default_factory=lambda: _int("SIGNPOST_MAX_CONVERSATIONS", 10000))
    # Aggregate daily counters (no text, no ids). On by default; SIGNPOST_COUNTERS=off disables them.
    counters: bool = field(default_factory=lambda: _flag("SIGNPOST_COUNTERS", True))
    # Seconds between counter flushes to disk; 0 writes every event straight away.
    counter_flush_seconds: int = field(default_factory=lambda: _int("SIGNPOST_COUNTER_FLUSH_SECONDS", 60))
    # Origins allowed to call the API from a browser, comma-separated ("*" is refused: list them).
    cors_origins: tuple[str, ...] = field(
        default_factory=lambda: tuple(
            o.strip() for o in os.environ.get("SIGNPOST_CORS_ORIGINS", "").split(",") if o.strip()
        )
    )
    # Longest message accepted, in characters: someone who typed for an hour must be read whole.
    max_message_chars: int = field(default_factory=lambda: _int("SIGNPOST_MAX_MESSAGE_CHARS", 10000))
    # Largest request body accepted, in bytes (room for the longest message in any script, as JSON).
    max_body_bytes: int = field(default_factory=lambda: _int("SIGNPOST_MAX_BODY_BYTES", 65536))
    # Redis URL for running several workers (redis://:password@host:port/0); empty = in-memory.
    redis_url: str = field(default_factory=lambda: os.environ.get("SIGNPOST_REDIS_URL", ""))
    # The service's onion address (http://<56 characters>.onion), announced to Tor Browser on HTML
    # pages with an Onion-Location header; empty = no header (signpost/server/onion.py).
    onion_location: str = field(default_factory=lambda: os.environ.get("SIGNPOST_ONION_LOCATION", "").strip())


    # --- Limits (docs/operations.md, "Limits"). None of them logs anything.
    # In-app rate limits: "on", "off", or "auto" (on unless Redis is used: then nginx limits per client).
    rate_limit: str = field(default_factory=lambda: os.environ.get("SIGNPOST_RATE_LIMIT", "auto").strip().lower())
    # New conversations a minute from one client address, and how many may come at once (burst).
    # High enough for a charity's busiest hour and for measuring from one machine (an evaluation
    # sends about a thousand first messages in seconds), low enough that a flood is cut to a trickle.
    new_conversations_per_minute: int = field(
        default_factory=lambda: _int("SIGNPOST_NEW_CONVERSATIONS_PER_MINUTE", 1200))
    new_conversations_burst: int = field(default_factory=lambda: _int("SIGNPOST_NEW_CONVERSATIONS_BURST", 2000))
    # Turns a minute in one conversation (burst: half that).
    turns_per_minute: int = field(default_factory=lambda: _int("SIGNPOST_TURNS_PER_MINUTE", 40))
    # A conversation keeps its slots but only its latest turns and events; older ones are dropped.
    max_turns_kept: int = field(default_factory=lambda: _int("SIGNPOST_MAX_TURNS_KEPT", 30))
    max_events_kept: int = field(default_factory=lambda: _int("SIGNPOST_MAX_EVENTS_KEPT", 300))
    # Seconds a client may take to send a whole request (headers and body); slower ones are closed.
    request_timeout_seconds: int = field(default_factory=lambda: _int("SIGNPOST_REQUEST_TIMEOUT_SECONDS", 10))
    # Seconds a Redis command may take before the turn goes on without Redis.
    redis_timeout_seconds: float = field(
        default_factory=lambda: float(os.environ.get("SIGNPOST_REDIS_TIMEOUT_SECONDS", "1")))

    @property
    def rate_limited(self) -> bool:
        if self.rate_limit in ("auto", ""):
            return not self.redis_url
        return self.rate_limit in {"1", "true", "yes", "on"}


def load() -> Settings:
    return Settings()
