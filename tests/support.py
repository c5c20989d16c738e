"""Helpers for talking to a running Signpost through its REST contract."""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import yaml

from signpost import paths


def post(base_url: str, body: bytes, content_type: str = "application/json", timeout: float = 30):
    """POST raw bytes; returns (status, parsed JSON or raw text)."""
    request = urllib.request.Request(f"{base_url}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            raw = answer.read().decode("utf-8")
            status = answer.status
    except urllib.error.HTTPError as error:
        raw = error.read().decode("utf-8", "replace")
        status = error.code
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw


@dataclass
class Chat:
    """One conversation: a random sender id, a locale and a country sent as metadata."""

    base_url: str
    locale: Optional[str] = "en"
    country: Optional[str] = None
    client: Optional[str] = None
    sender: str = field(default_factory=lambda: f"test-{uuid.uuid4().hex}")
    last: list = field(default_factory=list)

    def say(self, message: str, **metadata) -> list[dict]:
        md = {k: v for k, v in (("locale", self.locale), ("country", self.country),
                                ("client", self.client)) if v}
        md.update(metadata)
        status, answer = post(self.base_url, json.dumps(
            {"sender": self.sender, "message": message, "metadata": md}).encode())
        assert status == 200, (status, answer)
        assert isinstance(answer, list)
        self.last = answer
        return answer

    def text(self, message: str, **metadata) -> str:
        return "\n\n".join(m.get("text", "") for m in self.say(message, **metadata))


def texts(messages: list[dict]) -> str:
    return "\n\n".join(m.get("text", "") for m in messages)


def payloads(messages: list[dict]) -> list[str]:
    return [b["payload"] for m in messages for b in m.get("buttons", [])]


def cards(messages: list[dict]) -> list[dict]:
    return [m["custom"]["service"] for m in messages if (m.get("custom") or {}).get("kind") == "service"]


def _flatten(node, prefix="") -> dict[str, str]:
    out = {}
    for key, value in node.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(_flatten(value, name))
        else:
            out[name] = str(value)
    return out


@lru_cache(maxsize=None)
def locale_strings(locale: str) -> dict[str, str]:
    document = yaml.safe_load((paths.LOCALES_DIR / f"{locale}.yml").read_text(encoding="utf-8"))
    strings = _flatten(document[locale])
    return {k: v for k, v in strings.items() if not k.startswith("meta.")}


@lru_cache(maxsize=None)
def _templates(locale: str) -> list[re.Pattern]:
    return [
        re.compile("^" + re.sub(r"%\\\{\w+\\\}", ".+", re.escape(s)) + "$", re.S)
        for s in locale_strings(locale).values()
    ]


@lru_cache(maxsize=None)
def _sentences_of(locale: str) -> re.Pattern:
    """A paragraph built of several of the locale's strings, joined by a space or a line break (the law
    card joins one sentence per structured fact)."""
    one = "(?:" + "|".join(re.sub(r"%\\\{\w+\\\}", ".+?", re.escape(s)) for s in locale_strings(locale).values()) + ")"
    return re.compile(f"^{one}(?:[ \n]{one})*$", re.S)


def from_locale(paragraph: str, locale: str) -> bool:
    """True when the paragraph is one of the locale's strings (placeholders filled in), or several of
    them one after the other."""
    return any(t.match(paragraph) for t in _templates(locale)) or bool(_sentences_of(locale).match(paragraph))


def assert_rendered_from_locale(messages: list[dict], locale: str) -> None:
    """Every word of every message comes from locales/<locale>.yml or from the directory."""
    for message in messages:
        custom = message.get("custom") or {}
        if custom.get("kind") == "language_offer":   # written in the language the person used
            assert from_locale(message["text"], custom["locale"]), message
            continue
        assert custom.get("locale") == locale, message
        for button in message.get("buttons", []):
            assert from_locale(button["title"], locale) or button["payload"].startswith(
                ("/choose_country", "/choose_language")), button
        if custom.get("kind") == "service":
            service = custom["service"]
            assert from_locale(service["description"], locale)
            for line in message["text"].split("\n")[1:]:
                assert from_locale(line, locale) or _card_line(line, service, locale), line
            continue
        for paragraph in message["text"].split("\n\n"):
            assert from_locale(paragraph, locale), paragraph


def _card_line(line: str, service: dict, locale: str) -> bool:
    """A card line is a channel (locale label + directory number/URL + locale note), or hours."""
    for channel in service["channels"]:
        if line.startswith(channel["label"]):
            return True
    for key in ("cost", "confidentiality", "languages"):
        if service.get(key) and line == service[key]:
            return True
    hours = service.get("hours") or {}
    return bool(hours) and line.startswith(hours["text"])
