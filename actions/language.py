"""Choosing the conversation's language: the list of languages, and switching to one."""
from __future__ import annotations

from typing import Optional

from babel import Locale

from actions.base import SignpostAction
from actions.needs import answer_need
from signpost.vocabulary import NEEDS
from signpost.languages import babel_code, normalise_locale, supported_locales
from signpost.nlu.text import normalise


class OfferLanguages(SignpostAction):
    action_name = "action_offer_languages"

    def respond(self, conversation, reply):
        reply.text("language.question", buttons=reply.language_buttons())


class SetLanguage(SignpostAction):
    action_name = "action_set_language"

    def respond(self, conversation, reply):
        locale = normalise_locale(conversation.entity("locale")) or language_named_in(conversation.text)
        if locale is None:
            reply.text("language.question", buttons=reply.language_buttons())
            return
        conversation.set_locale(locale)
        last = conversation.tracker.get_slot("last_need")
        if last in NEEDS:
            # The last answer again, in the new language.
            reply.text("language.switched")
            answer_need(conversation, reply, last)
            return
        reply.texts(["language.switched", "topics.question"], buttons=reply.topic_buttons())


def language_named_in(text: str) -> Optional[str]:
    """'deutsch', 'in English please', 'français' -> the locale, by CLDR language names."""
    words = set(normalise(text).split())
    for code in supported_locales():
        for display_locale in supported_locales():
            name = Locale.parse(babel_code(display_locale)).languages.get(babel_code(code), "")
            if name and set(normalise(name).split()) <= words:
                return code
    return None
