"""Builds the bot's messages: text from locales/, buttons with /intent payloads, service cards."""
from __future__ import annotations

import json
from typing import Iterable, Optional

from rasa_sdk.executor import CollectingDispatcher

from actions import cards
from actions.conversation import Conversation
from signpost.directory.lookup import Service
from signpost.vocabulary import NEED_TO_INTENT, TOPICS
from signpost.i18n import t
from signpost.languages import direction, locale_meta, supported_locales



def payload(intent: str, **entities: str) -> str:
    return f"/{intent}{json.dumps(entities, separators=(',', ':'))}" if entities else f"/{intent}"


class Reply:
    def __init__(self, conversation: Conversation, dispatcher: CollectingDispatcher, route: str = ""):
        self.conversation = conversation
        self.dispatcher = dispatcher
        # What this turn was understood as (e.g. "crisis", "not_understood"): lets clients and
        # `signpost eval` see the route without parsing text. Never anything the person wrote.
        self.route = route

    @property
    def locale(self) -> str:
        return self.conversation.locale

    def _custom(self, kind: str, **extra) -> dict:
        return {"kind": kind, "locale": self.locale, "dir": direction(self.locale), "route": self.route, **extra}

    def text(self, key: str, buttons: Optional[list[dict]] = None, kind: str = "message", **values) -> None:
        self.texts([key], buttons=buttons, kind=kind, **values)

    def texts(self, keys: Iterable[str], buttons: Optional[list[dict]] = None, kind: str = "message",
              **values) -> None:
        """Several locale texts as one message, one paragraph each."""
        body = "\n\n".join(t(key, self.locale, **values) for key in keys)
        self.dispatcher.utter_message(text=body, buttons=buttons or [], custom=self._custom(kind))

    def button(self, title_key: str, intent: str, **entities: str) -> dict:
        return {"title": t(title_key, self.locale), "payload": payload(intent, **entities)}

    def topic_buttons(self) -> list[dict]:
        return [self.button(f"topics.{topic}", NEED_TO_INTENT[topic]) for topic in TOPICS]

    def follow_up_buttons(self, need: Optional[str]) -> list[dict]:
        buttons = [self.button("followups.what_happens", "ask_what_happens")]
        if need in ("own_thoughts", "viewed_images"):
            buttons.append(self.button("followups.ai_legal", "ask_ai_legal"))
        buttons += [
            self.button("followups.other_options", "other_options"),
            self.button("followups.start_again", "start_again"),
            self.button("followups.end_chat", "end_chat"),
        ]
        return buttons

    def country_buttons(self, countries: list[str]) -> list[dict]:
        named = sorted(((cards.country_name(c, self.locale), c) for c in countries), key=lambda x: x[0])
        buttons = [{"title": name, "payload": payload("choose_country", country=code)} for name, code in named]
        buttons.append(self.button("country.rather_not_say", "country_unknown"))
        return buttons

    def language_buttons(self) -> list[dict]:
        return [
            {"title": locale_meta(code).get("native_name", code), "payload": payload("choose_language", locale=code)}
            for code in supported_locales()
        ]

    def offer_language(self, locale: str) -> None:
        """Written in `locale` itself: the person reads it in the language they wrote in."""
        self.dispatcher.utter_message(
            text=t("language.offer", locale),
            buttons=[{"title": t("language.offer_button", locale),
                      "payload": payload("choose_language", locale=locale)}],
            custom={"kind": "language_offer", "locale": locale, "dir": direction(locale)},
        )

    def card(self, service: Service) -> None:
        text, data = cards.render(service, self.locale)
        self.dispatcher.utter_message(text=text, custom=self._custom("service", service=data))
