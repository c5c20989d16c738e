"""The base of every Signpost action: it never raises and never returns request data.

A failing action would otherwise make rasa-sdk answer with the whole conversation in its error body,
and Rasa log it. Instead the person gets the safety answer: the way to urgent help for their country
(signpost/safety_answer.py). What is optional (the language offer, the counters) can never discard
a reply that was already built.
"""
from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import Conversation
from actions.language_offer import detect
from actions.replies import Reply
from actions.services import counters
from signpost.languages import DEFAULT_LOCALE, normalise_country, normalise_locale
from signpost.safety_answer import safety_message

logger = logging.getLogger("actions")


class SignpostAction(Action, ABC):
    """Abstract (rasa-sdk registers only concrete actions): a subclass names its action and responds."""

    action_name: str
    understood = True   # False only for the "not understood" action

    def name(self) -> Text:
        return self.action_name

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        try:
            conversation = Conversation.from_tracker(tracker)
            reply = Reply(conversation, dispatcher, route=self.route(conversation))
            if not tracker.get_slot("started"):
                conversation.set("started", True)
                self.optional("counting", lambda: counters().record(
                    "conversation_started", conversation.locale, conversation.lookup_country))
                if conversation.intercept:
                    self.optional("counting", lambda: counters().record(
                        "chat_opened", conversation.locale, conversation.lookup_country, conversation.intercept))
            if self.understood and tracker.get_slot("misunderstood"):
                conversation.set("misunderstood", 0)
            self.respond(conversation, reply)
        except Exception as error:  # noqa: BLE001 - see module docstring
            logger.error("Action %s failed (%s).", self.action_name, type(error).__name__)
            dispatcher.messages.clear()
            metadata = (tracker.latest_message or {}).get("metadata") or {}
            locale = normalise_locale(tracker.get_slot("locale")) or normalise_locale(metadata.get("locale")) \
                or DEFAULT_LOCALE
            country = normalise_country(tracker.get_slot("country")) or normalise_country(metadata.get("country"))
            message = safety_message(tracker.sender_id, locale, country)
            dispatcher.utter_message(text=message["text"], custom=message["custom"])
            return [SlotSet("misunderstood", 0)]
        self.optional("language offer", lambda: self.offer_language(conversation, reply))
        return conversation.events

    def optional(self, what: str, step) -> None:
        """Run a step the reply does not depend on; if it fails, the reply goes out without it."""
        try:
            step()
        except Exception as error:  # noqa: BLE001
            logger.error("Action %s: %s failed (%s); the reply goes out without it.", self.action_name, what,
                         type(error).__name__)

    @abstractmethod
    def respond(self, conversation: Conversation, reply: Reply) -> None:
        """Add this action's messages to `reply` and its slot changes to `conversation`."""

    def route(self, conversation: Conversation) -> str:
        return self.action_name.removeprefix("action_")

    def offer_language(self, conversation: Conversation, reply: Reply) -> None:
        """Someone writing in another language we speak is offered it, once per language."""
        detected = detect(conversation.text)
        if detected and detected != conversation.locale and \
                detected != conversation.tracker.get_slot("offered_locale"):
            conversation.set("offered_locale", detected)
            reply.offer_language(detected)
