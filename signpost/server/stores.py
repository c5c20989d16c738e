"""Tracker stores that forget: conversations live in memory (or Redis) for minutes, never on disk.

Rasa's InMemoryTrackerStore keeps every conversation forever. This one drops a conversation after
`ttl_seconds` without a new turn, holds at most `max_conversations` (the longest idle goes first),
and drops a conversation at once when its last action is `action_end_chat`.
"""
from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from typing import Any, Iterable, Optional, Text

from rasa.core.brokers.broker import EventBroker
from rasa.core.lock import TicketLock
from rasa.core.lock_store import RedisLockStore
from rasa.core.tracker_store import RedisTrackerStore, SerializedTrackerAsText, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from signpost.settings import load as load_settings

END_CHAT_ACTION = "action_end_chat"


def has_ended(tracker: DialogueStateTracker) -> bool:
    """True when the conversation's latest action is the end-chat action."""
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted) and event.action_name != "action_listen":
            return event.action_name == END_CHAT_ACTION
    return False


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
        self.ttl_seconds = float(ttl_seconds or settings.ttl_seconds)
        self.max_conversations = int(max_conversations or settings.max_conversations)
        # sender id -> (expiry on the monotonic clock, serialised tracker); oldest activity first.
        self._conversations: "OrderedDict[str, tuple[float, str]]" = OrderedDict()
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
        while self._conversations:
            sender_id, (expires, _) = next(iter(self._conversations.items()))
            if expires > now:
                break
            del self._conversations[sender_id]
        while len(self._conversations) > self.max_conversations:
            self._conversations.popitem(last=False)

    async def save(self, tracker: DialogueStateTracker) -> None:
        self._schedule_sweep()
        self._forget_expired()
        if has_ended(tracker):
            self._conversations.pop(tracker.sender_id, None)
            return
        serialised = self.serialise_tracker(tracker)
        self._conversations[tracker.sender_id] = (time.monotonic() + self.ttl_seconds, serialised)
        self._conversations.move_to_end(tracker.sender_id)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        self._forget_expired()
        item = self._conversations.get(sender_id)
        if item is None:
            return None
        return self.deserialise_tracker(sender_id, item[1])

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        return await self.retrieve(conversation_id)

    async def keys(self) -> Iterable[Text]:
        self._forget_expired()
        return list(self._conversations.keys())

    async def delete(self, sender_id: Text) -> None:
        self._conversations.pop(sender_id, None)

    def __len__(self) -> int:
        self._forget_expired()
        return len(self._conversations)


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

    async def save(self, tracker: DialogueStateTracker, timeout: Optional[float] = None) -> None:
        key = self.key_prefix + tracker.sender_id
        if has_ended(tracker):
            self.red.delete(key)
            return
        # Rasa's save reads the stored tracker back and merges it in, to keep earlier conversation
        # sessions that `retrieve` left out. Signpost keeps none: the key expires when the session
        # would, and the lock store gives a conversation to one worker at a time, so this turn's
        # tracker already holds everything worth keeping. Writing it directly saves two replays of
        # the whole conversation per turn.
        self.red.set(key, self.serialise_tracker(tracker), ex=int(timeout or self.record_exp))


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

    def save_lock(self, lock: TicketLock) -> None:
        self.red.set(self.key_prefix + lock.conversation_id, lock.dumps(), ex=self.ttl_seconds)

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
