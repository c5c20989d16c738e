"""Tracker stores that forget: conversations live in memory (or Redis) for minutes, never on disk.

Rasa's InMemoryTrackerStore keeps every conversation forever. This one drops a conversation after
`ttl_seconds` without a new turn, holds at most `max_conversations`, and drops a conversation at
once when its last action is `action_end_chat`. When full, conversations that have not gone past
their first message go first (the longest idle of them), so a flood of new conversations cannot
push out a person in the middle of theirs. Every store keeps only a conversation's latest turns
(signpost/server/history.py).

In Redis mode a worker goes on without Redis while it is unreachable: turns are answered as fresh
conversations (the client's metadata still gives the country's numbers), locks are held in the
worker, and the health check says "degraded" (signpost/server/health.py).
"""
from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Iterable, Optional, Text

from rasa.core.brokers.broker import EventBroker
from rasa.core.lock import TicketLock
from rasa.core.lock_store import InMemoryLockStore, RedisLockStore
from rasa.core.tracker_store import RedisTrackerStore, SerializedTrackerAsText, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from signpost.server.history import trimmed
from signpost.settings import load as load_settings

logger = logging.getLogger(__name__)

END_CHAT_ACTION = "action_end_chat"


def has_ended(tracker: DialogueStateTracker) -> bool:
    """True when the conversation's latest action is the end-chat action."""
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted) and event.action_name != "action_listen":
            return event.action_name == END_CHAT_ACTION
    return False


def is_active(tracker: DialogueStateTracker) -> bool:
    """True once the person has written twice: a conversation under way, protected from eviction."""
    turns = 0
    for event in tracker.events:
        if isinstance(event, UserUttered):
            turns += 1
            if turns >= 2:
                return True
    return False


def bounded(store: TrackerStore, tracker: DialogueStateTracker) -> DialogueStateTracker:
    settings = store.limits
    return trimmed(tracker, list(store.domain.slots), settings.max_turns_kept, settings.max_events_kept)


class ExpiringInMemoryTrackerStore(TrackerStore, SerializedTrackerAsText):
    def __init__(
        self,
        domain: Domain,
        host: Optional[Text] = None,
        event_broker: Optional[EventBroker] = None,
        ttl_seconds: Any = None,
        max_conversations: Any = None,
        **kwargs: Any,
    ) -> None:
        # Never stream events anywhere: no broker, whatever the configuration says.
        super().__init__(domain, None, **kwargs)
        settings = load_settings()
        self.limits = settings
        self.ttl_seconds = float(ttl_seconds or settings.ttl_seconds)
        self.max_conversations = int(max_conversations or settings.max_conversations)
        # sender id -> (expiry on the monotonic clock, serialised tracker); oldest activity first.
        # `_fresh` holds conversations with one message so far, `_active` the others.
        self._fresh: "OrderedDict[str, tuple[float, str]]" = OrderedDict()
        self._active: "OrderedDict[str, tuple[float, str]]" = OrderedDict()
        self._sweeping = False

    def _schedule_sweep(self) -> None:
        """Forget expired conversations on a timer too, so they go even when no one writes."""
        if self._sweeping:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._sweeping = True

        def tick() -> None:
            self._forget_expired()
            loop.call_later(min(self.ttl_seconds, 30.0), tick)

        loop.call_later(min(self.ttl_seconds, 30.0), tick)

    def _forget_expired(self) -> None:
        now = time.monotonic()
        for tier in (self._fresh, self._active):
            while tier:
                sender_id, (expires, _) = next(iter(tier.items()))
                if expires > now:
                    break
                del tier[sender_id]
        while len(self._fresh) + len(self._active) > self.max_conversations:
            (self._fresh or self._active).popitem(last=False)

    def _pop(self, sender_id: str) -> None:
        self._fresh.pop(sender_id, None)
        self._active.pop(sender_id, None)

    async def save(self, tracker: DialogueStateTracker) -> None:
        self._schedule_sweep()
        if has_ended(tracker):
            self._pop(tracker.sender_id)
            return
        tracker = bounded(self, tracker)
        serialised = self.serialise_tracker(tracker)
        self._pop(tracker.sender_id)
        tier = self._active if is_active(tracker) else self._fresh
        tier[tracker.sender_id] = (time.monotonic() + self.ttl_seconds, serialised)
        self._forget_expired()

    def _get(self, sender_id: str) -> Optional[tuple[float, str]]:
        return self._active.get(sender_id) or self._fresh.get(sender_id)

    async def has_conversation(self, sender_id: Text) -> bool:
        return self._get(sender_id) is not None

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        self._forget_expired()
        item = self._get(sender_id)
        if item is None:
            return None
        return self.deserialise_tracker(sender_id, item[1])

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        return await self.retrieve(conversation_id)

    async def keys(self) -> Iterable[Text]:
        self._forget_expired()
        return [*self._fresh.keys(), *self._active.keys()]

    async def delete(self, sender_id: Text) -> None:
        self._pop(sender_id)

    def __len__(self) -> int:
        self._forget_expired()
        return len(self._fresh) + len(self._active)


class RedisHealth:
    """Whether Redis answered lately. After a failure, Redis is skipped for `pause` seconds, so a
    frozen Redis costs a turn one timeout, not one per command."""

    def __init__(self, pause: float = 2.0):
        self.pause = pause
        self._down_until = 0.0
        self._lock = threading.Lock()

    @property
    def skipping(self) -> bool:
        return time.monotonic() < self._down_until

    def failed(self, error: Exception) -> None:
        with self._lock:
            first = not self.skipping
            self._down_until = time.monotonic() + self.pause
        if first:
            logger.error("Redis is unreachable (%s): answering turns as fresh conversations.",
                         type(error).__name__)

    def call(self, command: Callable[[], Any], fallback: Callable[[], Any]) -> Any:
        import redis

        if self.skipping:
            return fallback()
        try:
            return command()
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError) as error:
            self.failed(error)
            return fallback()


REDIS_HEALTH = RedisHealth()


def _with_timeouts(client, seconds: float):
    """A Redis command waits at most `seconds` (redis-py waits for ever by default)."""
    client.connection_pool.connection_kwargs.update(socket_timeout=seconds, socket_connect_timeout=seconds)
    return client


class RedisExpiringTrackerStore(RedisTrackerStore):
    """Rasa's Redis store for several workers, with the same promises as the in-memory one: every
    save renews a `ttl_seconds` expiry on the key, and "End chat" deletes the key at once.
    Redis itself must be configured to persist nothing (docs/operations.md)."""

    def __init__(self, domain: Domain, ttl_seconds: Any = None, event_broker: Optional[EventBroker] = None,
                 **kwargs: Any) -> None:
        # Rasa passes the endpoint's `url` as `host`; env-substituted values arrive as strings.
        kwargs.pop("record_exp", None)
        kwargs.pop("max_conversations", None)
        kwargs["host"] = kwargs.get("host") or "localhost"
        kwargs["port"] = int(kwargs.get("port") or 6379)
        kwargs["db"] = int(kwargs.get("db") or 0)
        kwargs["password"] = kwargs.get("password") or None
        # redis-py's SET ... EX accepts only an int number of seconds.
        super().__init__(domain, event_broker=None, record_exp=int(float(ttl_seconds or load_settings().ttl_seconds)), **kwargs)
        self.limits = load_settings()
        _with_timeouts(self.red, self.limits.redis_timeout_seconds)

    def redis_reachable(self) -> bool:
        """For the health check: one PING, whatever the recent failures."""
        try:
            return bool(self.red.ping())
        except Exception:  # noqa: BLE001 - any failure means unreachable
            return False

    async def has_conversation(self, sender_id: Text) -> bool:
        return bool(REDIS_HEALTH.call(lambda: self.red.exists(self.key_prefix + sender_id), lambda: 0))

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        stored = REDIS_HEALTH.call(lambda: self.red.get(self.key_prefix + sender_id), lambda: None)
        return self.deserialise_tracker(sender_id, stored) if stored else None

    async def retrieve_full_tracker(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        return await self.retrieve(sender_id)

    async def save(self, tracker: DialogueStateTracker, timeout: Optional[float] = None) -> None:
        key = self.key_prefix + tracker.sender_id
        if has_ended(tracker):
            REDIS_HEALTH.call(lambda: self.red.delete(key), lambda: None)
            return
        # Rasa's save reads the stored tracker back and merges it in, to keep earlier conversation
        # sessions that `retrieve` left out. Signpost keeps none: the key expires when the session
        # would, and the lock store gives a conversation to one worker at a time, so this turn's
        # tracker already holds everything worth keeping. Writing it directly saves two replays of
        # the whole conversation per turn.
        serialised = self.serialise_tracker(bounded(self, tracker))
        REDIS_HEALTH.call(lambda: self.red.set(key, serialised, ex=int(timeout or self.record_exp)), lambda: None)


class RedisExpiringLockStore(RedisLockStore):
    """Rasa's Redis lock store, but a lock key (named after the conversation id) expires after
    `ttl_seconds` even when the worker holding it dies mid-turn; normally it is deleted at the
    end of every turn."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        kwargs = dict(endpoint_config.kwargs)
        kwargs.pop("type", None)
        self.ttl_seconds = int(float(kwargs.pop("ttl_seconds", None) or load_settings().ttl_seconds))
        kwargs["password"] = kwargs.get("password") or None
        super().__init__(host=endpoint_config.url or "localhost", **kwargs)
        _with_timeouts(self.red, load_settings().redis_timeout_seconds)
        # While Redis is unreachable, this worker's conversations are locked here instead.
        self.local = InMemoryLockStore()

    def get_lock(self, conversation_id: Text) -> Optional[TicketLock]:
        return REDIS_HEALTH.call(lambda: super(RedisExpiringLockStore, self).get_lock(conversation_id),
                                 lambda: self.local.get_lock(conversation_id))

    def delete_lock(self, conversation_id: Text) -> None:
        self.local.conversation_locks.pop(conversation_id, None)
        REDIS_HEALTH.call(lambda: self.red.delete(self.key_prefix + conversation_id), lambda: None)

    def save_lock(self, lock: TicketLock) -> None:
        REDIS_HEALTH.call(
            lambda: self.red.set(self.key_prefix + lock.conversation_id, lock.dumps(), ex=self.ttl_seconds),
            lambda: self.local.save_lock(lock))

    async def _acquire_lock(self, conversation_id: Text, ticket: int, wait_time_in_seconds: float) -> TicketLock:
        # Rasa's loop never ends when this ticket expires while it waits (e.g. queued behind the
        # ticket of a worker killed mid-turn, retried here by the proxy): nobody is then "now
        # serving" it. Tickets share one lifetime, so once this one has expired every ticket ahead
        # of it has too: go ahead. Polls every 0.1 s instead of Rasa's 1 s.
        while True:
            lock = self.get_lock(conversation_id)
            if lock is None:
                return TicketLock(conversation_id)
            if not lock.is_locked(ticket) or all(t.number != ticket for t in lock.tickets):
                return lock
            await asyncio.sleep(min(wait_time_in_seconds, 0.1))
            self.update_lock(conversation_id)


# The stores Signpost may serve with: both forget. The server refuses to start with any other.
FORGETTING_STORES = (ExpiringInMemoryTrackerStore, RedisExpiringTrackerStore)
