"""A client for Signpost's REST contract (POST /webhooks/rest/webhook), used by the tools
(`signpost eval`, `signpost transcripts`) and the tests. The benchmark has its own asynchronous
load client (signpost/tools/bench/load.py)."""
from __future__ import annotations

import json
import secrets
import urllib.error
import urllib.request
from typing import Any, Optional

WEBHOOK = "/webhooks/rest/webhook"


def new_sender(prefix: str = "client") -> str:
    """A conversation id: long and random, because it works like a password for its conversation."""
    return f"{prefix}-{secrets.token_hex(16)}"


def post(base_url: str, body: bytes, content_type: str = "application/json", timeout: float = 30,
         headers: Optional[dict] = None) -> tuple[int, Any]:
    """POST raw bytes to the webhook; returns (status, parsed JSON or the raw text)."""
    request = urllib.request.Request(f"{base_url}{WEBHOOK}", data=body,
                                     headers={"Content-Type": content_type, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            raw, status = answer.read().decode("utf-8"), answer.status
    except urllib.error.HTTPError as error:
        raw, status = error.read().decode("utf-8", "replace"), error.code
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw


def say(base_url: str, sender: str, message: str, metadata: Optional[dict] = None,
        timeout: float = 30) -> list[dict]:
    """One turn; the bot's messages. Raises RuntimeError on anything but a 200 with a list."""
    body = json.dumps({"sender": sender, "message": message, "metadata": metadata or {}}).encode()
    status, answer = post(base_url, body, timeout=timeout)
    if status != 200 or not isinstance(answer, list):
        raise RuntimeError(f"the bot answered HTTP {status}")
    return answer


def route(messages: list[dict]) -> str:
    """What a turn was understood as: the first `custom.route` of the bot's messages ('' if none)."""
    return next((r for r in ((m.get("custom") or {}).get("route") for m in messages) if r), "")
