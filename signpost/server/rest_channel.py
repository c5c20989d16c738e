"""Signpost's REST channel: Rasa's contract (POST /webhooks/rest/webhook), with strict input checks.

Differences from Rasa's own RestInput, each closing a gap:
- malformed or oversized input gets a fixed 400 answer that never repeats the input (Rasa's answers
  500 to a JSON list, and logs the message text when a turn fails);
- only the metadata Signpost understands (locale, country, client, intercept) reaches the conversation;
- each bot message arrives whole: text, buttons and card together (Rasa splits custom payloads into
  separate messages with no text).
"""
from __future__ import annotations

import logging
import re
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from signpost.i18n import t
from signpost.intercept import REASONS as INTERCEPT_REASONS
from signpost.settings import load as load_settings
from signpost.languages import DEFAULT_LOCALE, direction, normalise_country, normalise_locale

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = load_settings().max_message_chars
SENDER = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
CLIENTS = {"widget", "api"}


# Every reason a request can be refused for: fixed strings, never anything from the request.
NOT_JSON = "body must be valid JSON"
NOT_OBJECT = "body must be a JSON object"
BAD_SENDER = "sender must be 1-128 letters, digits or ._:-"
BAD_MESSAGE = "message must be a string"
TOO_LONG = "message is too long"
BAD_METADATA = "metadata must be an object"
REASONS = (NOT_JSON, NOT_OBJECT, BAD_SENDER, BAD_MESSAGE, TOO_LONG, BAD_METADATA)


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


def turn_failed_message(turn: dict) -> dict:
    """Never a dead end: even when a turn fails, the person gets the way to urgent help."""
    locale = turn["metadata"].get("locale", DEFAULT_LOCALE)
    return {
        "recipient_id": turn["sender"],
        "text": t("error.turn_failed", locale),
        "custom": {"kind": "message", "locale": locale, "dir": direction(locale)},
    }


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

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:  # noqa: BLE001 - any parse failure is the client's malformed JSON
                return bad_request(NOT_JSON)
            turn, error = read_turn(body)
            if error:
                return bad_request(error)
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
                return response.json([turn_failed_message(turn)])
            # Every turn answers something; silence means an action failed inside Rasa.
            return response.json(collector.messages or [turn_failed_message(turn)])

        return webhook
