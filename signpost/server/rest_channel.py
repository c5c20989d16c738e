"""Signpost's REST channel: Rasa's contract (POST /webhooks/rest/webhook), with strict input checks.

Differences from Rasa's own RestInput, each closing a gap:
- malformed or oversized input gets a fixed 400 answer that never repeats the input (Rasa's answers
  500 to a JSON list, and logs the message text when a turn fails);
- only the metadata Signpost understands (locale, country, client, intercept) reaches the conversation;
- each bot message arrives whole: text, buttons and card together (Rasa splits custom payloads into
  separate messages with no text);
- never a dead end: a turn that fails, or is refused for coming too fast, is answered with the
  safety answer (signpost/safety_answer.py), rendered here without the action server;
- turns must be JSON (a form or text/plain post, which any web page can make a browser send, is
  refused), and sender ids are long random values (an id works like a password);
- the health check (GET /webhooks/rest/) covers the model, the action server and Redis.
"""
from __future__ import annotations

import asyncio
import logging
import re
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from signpost.intercept import REASONS as INTERCEPT_REASONS
from signpost.languages import DEFAULT_LOCALE, normalise_country, normalise_locale
from signpost.safety_answer import TOO_FAST, safety_message
from signpost.server import health as health_check
from signpost.server.limits import TurnLimits
from signpost.settings import load as load_settings

logger = logging.getLogger(__name__)

# Someone who typed for an hour must be read whole (SIGNPOST_MAX_MESSAGE_CHARS).
MAX_MESSAGE_CHARS = load_settings().max_message_chars
# Long random ids only: a short or guessable id could be someone else's conversation.
MIN_SENDER_CHARS = 16
SENDER = re.compile(r"[A-Za-z0-9._:-]{%d,128}" % MIN_SENDER_CHARS)
CLIENTS = {"widget", "api"}
JSON_TYPES = ("application/json",)
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


# Every reason a request can be refused for: fixed strings, never anything from the request.
NOT_JSON = "body must be valid JSON"
NOT_OBJECT = "body must be a JSON object"
BAD_SENDER = f"sender must be {MIN_SENDER_CHARS}-128 letters, digits or ._:-"
BAD_MESSAGE = "message must be a string"
TOO_LONG = "message is too long"
BAD_METADATA = "metadata must be an object"
NOT_JSON_TYPE = "body must be JSON (Content-Type: application/json)"
REASONS = (NOT_JSON, NOT_OBJECT, BAD_SENDER, BAD_MESSAGE, TOO_LONG, BAD_METADATA, NOT_JSON_TYPE)


def bad_request(reason: str) -> HTTPResponse:
    return response.json({"error": reason}, status=400)


def read_turn(body: Any) -> tuple[Optional[dict], Optional[str]]:
    """Validate a request body. Returns (turn, None) or (None, fixed error reason)."""
    if not isinstance(body, dict):
        return None, NOT_OBJECT
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not SENDER.fullmatch(sender):
        return None, BAD_SENDER
    if not isinstance(message, str):
        return None, BAD_MESSAGE
    if len(message) > MAX_MESSAGE_CHARS:
        return None, TOO_LONG
    # A lone surrogate ("\\ud83d" in JSON) is not text: libraries that take strings (language
    # detection, tokenisers, JSON encoders) fail on it. It becomes U+FFFD, the replacement character.
    message = LONE_SURROGATE.sub("\ufffd", message)
    raw_metadata = body.get("metadata") or {}
    if not isinstance(raw_metadata, dict):
        return None, BAD_METADATA
    metadata: Dict[str, str] = {}
    locale = normalise_locale(raw_metadata.get("locale"))
    country = normalise_country(raw_metadata.get("country"))
    if locale:
        metadata["locale"] = locale
    if country:
        metadata["country"] = country
    if raw_metadata.get("client") in CLIENTS:
        metadata["client"] = raw_metadata["client"]
    if raw_metadata.get("intercept") in INTERCEPT_REASONS:   # a chat opened from the platform intercept
        metadata["intercept"] = raw_metadata["intercept"]
    return {"sender": sender, "message": message, "metadata": metadata}, None


def turn_failed_message(turn: dict, country: Optional[str] = None, opening: Optional[str] = None) -> dict:
    """Never a dead end: even when a turn fails, the person gets the way to urgent help for their
    country (the client's metadata, else what the conversation said)."""
    locale = turn["metadata"].get("locale", DEFAULT_LOCALE)
    country = turn["metadata"].get("country") or country
    if opening:
        return safety_message(turn["sender"], locale, country, opening)
    return safety_message(turn["sender"], locale, country)


def is_json(request: Request) -> bool:
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    return content_type in JSON_TYPES


def _store(request: Request):
    agent = getattr(request.app.ctx, "agent", None)
    store = getattr(agent, "tracker_store", None)
    return getattr(store, "_tracker_store", store)  # unwrap Rasa's awaitable adapter


async def conversation_country(request: Request, sender: str) -> Optional[str]:
    """The country a conversation already chose, for the safety answer; None when unknown or
    when the store cannot say quickly (it may be what failed)."""
    try:
        store = _store(request)
        tracker = await asyncio.wait_for(store.retrieve(sender), timeout=1.0)
        country = tracker.get_slot("country") if tracker else None
        return normalise_country(country) if country != "ZZ" else None
    except Exception:  # noqa: BLE001 - the answer goes out without it
        return None


async def is_new_conversation(request: Request, sender: str) -> bool:
    store = _store(request)
    has = getattr(store, "has_conversation", None)
    if has is None:
        return False
    try:
        return not await has(sender)
    except Exception:  # noqa: BLE001
        return False


class WholeMessageCollector(CollectingOutputChannel):
    """Collects each bot message as one dict: text, buttons and custom payload together."""

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        out: Dict[Text, Any] = {"recipient_id": recipient_id}
        for key in ("text", "buttons", "custom"):
            if message.get(key):
                out[key] = message[key]
        await self._persist_message(out)


class SignpostRestInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("signpost_rest", __name__)
        settings = load_settings()
        limits = TurnLimits(settings.new_conversations_per_minute, settings.turns_per_minute,
                            settings.new_conversations_burst) \
            if settings.rate_limited else None

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            report = await health_check.check(request.app)
            return response.json(report, status=health_check.status_code(report))

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not is_json(request):
                return response.json({"error": NOT_JSON_TYPE}, status=415)
            try:
                body = request.json
            except Exception:  # noqa: BLE001 - any parse failure is the client's malformed JSON
                return bad_request(NOT_JSON)
            turn, error = read_turn(body)
            if error:
                return bad_request(error)
            if limits is not None:
                is_new = await is_new_conversation(request, turn["sender"])
                if not limits.allow(request.ip or "", turn["sender"], is_new):
                    # Refused, but still with the way to urgent help.
                    return response.json([turn_failed_message(turn, opening=TOO_FAST)], status=429)
            collector = WholeMessageCollector()
            try:
                await on_new_message(
                    UserMessage(
                        turn["message"],
                        collector,
                        turn["sender"],
                        input_channel=self.name(),
                        metadata=turn["metadata"],
                    )
                )
            except Exception as error:  # noqa: BLE001
                # Only the exception's type: its text could contain what the person wrote.
                logger.error("A conversation turn failed (%s).", type(error).__name__)
                return response.json([turn_failed_message(turn, await conversation_country(request, turn["sender"]))])
            if not collector.messages:
                # Every turn answers something; silence means an action failed inside Rasa.
                return response.json([turn_failed_message(turn, await conversation_country(request, turn["sender"]))])
            return response.json(collector.messages)

        return webhook
