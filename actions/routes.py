"""The actions the rules in data/dialogue/rules.yml call: one per step of the conversation."""
from __future__ import annotations

from typing import Optional

from actions.base import SignpostAction
from actions.cards import country_name
from actions.conversation import RATHER_NOT_SAY, Conversation
from actions.replies import Reply
from actions.services import counters, directory
from bot.directory.needs import INTENT_TO_NEED, NEED_TO_INTENT, NEEDS
from bot.languages import normalise_locale, supported_locales

SERVICES_PER_ANSWER = 3
ESCALATIONS = ("child_in_danger", "crisis")


def emergency_number(conversation: Conversation) -> Optional[str]:
    service = directory().emergency(conversation.lookup_country)
    if service is None:
        return None
    phones = [c for c in service.channels if c.type == "phone"]
    return phones[0].display if phones else None


def show_cards(conversation: Conversation, reply: Reply, services: list, already: tuple = ()) -> None:
    for service in services:
        reply.card(service)
        counters().record("service_shown", conversation.locale, conversation.lookup_country, service.id)
    conversation.set("shown_services", sorted(set(already) | {s.id for s in services}))


def answer_need(conversation: Conversation, reply: Reply, need: str) -> None:
    """The answer for one need, for the person's country and language."""
    spec = NEEDS[need]
    if not spec.urgent and not conversation.country_asked:
        conversation.set("pending_need", need)
        reply.text("country.question", buttons=reply.country_buttons(directory().countries()))
        return

    conversation.set("pending_need", None)
    conversation.set("last_need", need)
    if need in ESCALATIONS:
        counters().record("escalation", conversation.locale, conversation.lookup_country, need)
    else:
        counters().record("need_chosen", conversation.locale, conversation.lookup_country, need)

    services = directory().services_for(need, conversation.lookup_country, conversation.locale)
    number = emergency_number(conversation)
    if need == "child_in_danger":
        if number:
            reply.text("needs.child_in_danger", number=number)
        else:
            reply.text("needs.child_in_danger_unknown")
    elif need == "crisis":
        if number:
            reply.text("needs.crisis", number=number)
        else:
            reply.text("needs.crisis_unknown")
    elif services and not any(conversation.lookup_country in s.countries for s in services):
        reply.texts([f"needs.{need}", "needs.international_only"])
    else:
        reply.text(f"needs.{need}")

    if need in ESCALATIONS and services:
        reply.text("needs.child_in_danger_more" if need == "child_in_danger" else "needs.crisis_more")
    first = services[:SERVICES_PER_ANSWER]
    if not first and need not in ESCALATIONS:
        reply.text("needs.none")
    show_cards(conversation, reply, first)

    if need in ESCALATIONS and not conversation.lookup_country:
        # Ask, so the next answer can give this country's own numbers.
        conversation.set("pending_need", need)
        reply.text("country.question", buttons=reply.country_buttons(directory().countries()))
        return
    also = conversation.safety.get("also")
    also_need = INTENT_TO_NEED.get(also or "")
    if also_need and also_need != need:
        reply.text("needs.also", buttons=[reply.button(f"topics.{also_need}", NEED_TO_INTENT[also_need])])
    reply.text("followups.question", buttons=reply.follow_up_buttons(need))


class OpenConversation(SignpostAction):
    action_name = "action_open_conversation"

    def respond(self, conversation, reply):
        keys = []
        if conversation.client != "widget":
            # The widget shows this notice itself before the first message.
            number = emergency_number(conversation)
            keys = ["opening.intro", "opening.privacy", "opening.leave",
                    "opening.emergency" if number else "opening.emergency_unknown"]
            reply.texts(keys, kind="notice", number=number or "")
        reply.text("topics.question", buttons=reply.topic_buttons())


class AnswerNeed(SignpostAction):
    action_name = "action_answer_need"

    def route(self, conversation):
        return conversation.intent

    def respond(self, conversation, reply):
        country = conversation.entity("country")
        if country and len(country) == 2 and country.isupper():
            conversation.set_country(country)   # "I'm in Germany and worried about ..."
        answer_need(conversation, reply, INTENT_TO_NEED[conversation.intent])


class SetCountry(SignpostAction):
    action_name = "action_set_country"

    def respond(self, conversation, reply):
        code = conversation.entity("country") if conversation.intent == "choose_country" else None
        if code and not (len(code) == 2 and code.isalpha() and code.isupper()):
            code = None
        conversation.set_country(code or RATHER_NOT_SAY)
        if code is None:
            reply.text("country.anywhere")
        elif code in directory().countries():
            reply.text("country.confirmed", country=country_name(code, conversation.locale))
        else:
            reply.text("country.not_covered", country=country_name(code, conversation.locale))
        pending = conversation.tracker.get_slot("pending_need")
        if pending in NEEDS:
            answer_need(conversation, reply, pending)
        else:
            reply.text("topics.question", buttons=reply.topic_buttons())


class ExplainContact(SignpostAction):
    action_name = "action_explain_contact"

    def respond(self, conversation, reply):
        need = conversation.tracker.get_slot("last_need")
        reply.text("answers.what_happens", buttons=reply.follow_up_buttons(need))


class ExplainAiLaw(SignpostAction):
    action_name = "action_explain_ai_law"

    def respond(self, conversation, reply):
        reply.text("answers.ai_legal", buttons=[
            reply.button("topics.own_thoughts", "need_own_thoughts"),
            reply.button("topics.viewed_images", "need_viewed_images"),
            reply.button("followups.start_again", "start_again"),
        ])


class ShowOtherOptions(SignpostAction):
    action_name = "action_show_other_options"

    def respond(self, conversation, reply):
        need = conversation.tracker.get_slot("last_need")
        if need not in NEEDS:
            reply.text("topics.question", buttons=reply.topic_buttons())
            return
        shown = set(conversation.tracker.get_slot("shown_services") or [])
        services = [s for s in directory().services_for(need, conversation.lookup_country, conversation.locale)
                    if s.id not in shown][:SERVICES_PER_ANSWER]
        if not services:
            reply.text("answers.no_other_options", buttons=reply.topic_buttons())
            return
        reply.text("answers.other_options")
        show_cards(conversation, reply, services, already=tuple(shown))
        reply.text("followups.question", buttons=reply.follow_up_buttons(need))


class StartAgain(SignpostAction):
    action_name = "action_start_again"

    def respond(self, conversation, reply):
        for slot in ("pending_need", "last_need", "shown_services"):
            conversation.set(slot, None)
        reply.texts(["start_again", "topics.question"], buttons=reply.topic_buttons())


class EndChat(SignpostAction):
    action_name = "action_end_chat"

    def respond(self, conversation, reply):
        # The tracker store deletes the conversation as soon as this action is recorded.
        counters().record("exit", conversation.locale, conversation.lookup_country)
        reply.text("ended")


class SayWelcome(SignpostAction):
    action_name = "action_say_welcome"

    def respond(self, conversation, reply):
        reply.text("thanks", buttons=reply.follow_up_buttons(conversation.tracker.get_slot("last_need")))


class RefuseContent(SignpostAction):
    action_name = "action_refuse_content"

    def route(self, conversation):
        return "request_sexual_content"

    def respond(self, conversation, reply):
        counters().record("escalation", conversation.locale, conversation.lookup_country, "content_refused")
        reply.text("refusal", buttons=[
            reply.button("topics.own_thoughts", "need_own_thoughts"),
            reply.button("topics.viewed_images", "need_viewed_images"),
            reply.button("topics.crisis", "crisis"),
        ])


class NotUnderstood(SignpostAction):
    action_name = "action_not_understood"
    understood = False

    def respond(self, conversation, reply):
        count = int(conversation.tracker.get_slot("misunderstood") or 0) + 1
        conversation.set("misunderstood", count)
        buttons = reply.topic_buttons()
        if count >= 2:
            buttons.append(reply.button("followups.change_language", "change_language"))
            reply.text("fallback_again", buttons=buttons)
        else:
            reply.text("fallback", buttons=buttons)


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
        reply.texts(["language.switched", "topics.question"], buttons=reply.topic_buttons())


def language_named_in(text: str) -> Optional[str]:
    """'deutsch', 'in English please', 'français' -> the locale, by CLDR language names."""
    from babel import Locale

    from bot.text import normalise

    words = set(normalise(text).split())
    for code in supported_locales():
        babel_code = "nb" if code == "no" else code
        for display_locale in supported_locales():
            name = Locale.parse("nb" if display_locale == "no" else display_locale).languages.get(babel_code, "")
            if name and set(normalise(name).split()) <= words:
                return code
    return None
