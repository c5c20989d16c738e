"""The state of one conversation as the actions see it: language, country and client."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from signpost.intercept import REASONS as INTERCEPT_REASONS
from signpost.languages import DEFAULT_LOCALE, normalise_country, normalise_locale

RATHER_NOT_SAY = "ZZ"   # the person chose not to say their country


@dataclass
class Conversation:
    locale: str
    country: Optional[str]          # ISO code, RATHER_NOT_SAY, or None when not asked yet
    client: str
    tracker: Tracker
    events: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_tracker(cls, tracker: Tracker) -> "Conversation":
        """Language and country come from the client's metadata from the very first message.

        A client's value counts when it changes (a page switched language), so a person's own
        choice in the chat ("Change language") is not undone by the next message's metadata.
        """
        metadata = (tracker.latest_message or {}).get("metadata") or {}
        events: list[dict[str, Any]] = []
        locale = normalise_locale(tracker.get_slot("locale")) or DEFAULT_LOCALE
        country = tracker.get_slot("country")

        client_locale = normalise_locale(metadata.get("locale"))
        if client_locale and client_locale != tracker.get_slot("client_locale"):
            locale = client_locale
            events.append(SlotSet("client_locale", client_locale))
        client_country = normalise_country(metadata.get("country"))
        if client_country and client_country != tracker.get_slot("client_country"):
            country = client_country
            events.append(SlotSet("client_country", client_country))

        if locale != tracker.get_slot("locale"):
            events.append(SlotSet("locale", locale))
        if country != tracker.get_slot("country"):
            events.append(SlotSet("country", country))
        client = "widget" if metadata.get("client") == "widget" else "api"
        return cls(locale=locale, country=country, client=client, tracker=tracker, events=events)

    @property
    def lookup_country(self) -> Optional[str]:
        """The country to look services up for; None when unknown or not said."""
        return None if self.country in (None, RATHER_NOT_SAY) else self.country

    @property
    def intercept(self) -> Optional[str]:
        """The platform intercept's reason when this chat was opened from it (signpost/intercept.py)."""
        metadata = (self.tracker.latest_message or {}).get("metadata") or {}
        return metadata["intercept"] if metadata.get("intercept") in INTERCEPT_REASONS else None

    @property
    def country_asked(self) -> bool:
        return self.country is not None

    def set(self, slot: str, value: Any) -> None:
        self.events.append(SlotSet(slot, value))

    def set_country(self, country: Optional[str]) -> None:
        self.country = country
        self.set("country", country)

    def set_locale(self, locale: str) -> None:
        self.locale = locale
        self.set("locale", locale)

    @property
    def intent(self) -> str:
        return ((self.tracker.latest_message or {}).get("intent") or {}).get("name") or ""

    @property
    def text(self) -> str:
        return (self.tracker.latest_message or {}).get("text") or ""

    def entity(self, name: str) -> Optional[str]:
        for entity in (self.tracker.latest_message or {}).get("entities") or []:
            if entity.get("entity") == name and isinstance(entity.get("value"), str):
                return entity["value"]
        return None

    @property
    def safety(self) -> dict:
        return (self.tracker.latest_message or {}).get("signpost_safety") or {}
