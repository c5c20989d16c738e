"""Answering a need: the right services for the person's country and language, the urgent number
first when a child is in danger or the person is in crisis."""
from __future__ import annotations

from typing import Optional

from actions.base import SignpostAction
from actions.cards import babel_locale, country_name
from actions.conversation import RATHER_NOT_SAY, Conversation
from actions.replies import Reply
from actions.services import counters, directory
from signpost.vocabulary import ESCALATIONS, INTENT_TO_NEED, NEED_TO_INTENT, NEEDS, REFUSAL_COUNTER, REFUSAL_INTENT

SERVICES_PER_ANSWER = 3


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


class AnswerNeed(SignpostAction):
    action_name = "action_answer_need"

    def route(self, conversation):
        return conversation.intent

    def respond(self, conversation, reply):
        country = conversation.entity("country")
        if country and len(country) == 2 and country.isupper():
            conversation.set_country(country)   # "I'm in Germany and worried about ..."
        answer_need(conversation, reply, INTENT_TO_NEED[conversation.intent])


def is_country(code: Optional[str]) -> bool:
    """An ISO 3166 country code CLDR knows (Babel's territories include regions like "150": those
    are not two letters)."""
    if not (isinstance(code, str) and len(code) == 2 and code.isalpha() and code.isupper()):
        return False
    return code in babel_locale("en").territories and code not in ("ZZ", "XX", "QO", "EU", "EZ", "UN")


class SetCountry(SignpostAction):
    action_name = "action_set_country"

    def respond(self, conversation, reply):
        code = conversation.entity("country") if conversation.intent == "choose_country" else None
        if conversation.intent == "choose_country" and not is_country(code):
            # A made-up code ("XX") is no answer: ask again rather than guess or count it.
            reply.text("country.question", buttons=reply.country_buttons(directory().countries()))
            return
        conversation.set_country(code or RATHER_NOT_SAY)
        if code is None:
            reply.text("country.anywhere")
        elif code in directory().countries():
            reply.text("country.confirmed", country=country_name(code, conversation.locale))
        else:
            reply.text("country.not_covered", country=country_name(code, conversation.locale))
        pending = conversation.tracker.get_slot("pending_need")
        last = conversation.tracker.get_slot("last_need")
        if pending in NEEDS:
            answer_need(conversation, reply, pending)
        elif last in NEEDS:
            # "ich bin übrigens in Österreich": the last answer again, for the new country.
            answer_need(conversation, reply, last)
        else:
            reply.text("topics.question", buttons=reply.topic_buttons())


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


class RefuseContent(SignpostAction):
    action_name = "action_refuse_content"

    def route(self, conversation):
        return REFUSAL_INTENT

    def respond(self, conversation, reply):
        """The refusal carries the way to confidential help: warnings that say the material is illegal
        and show a prevention service are what changes behaviour (docs/safety.md)."""
        counters().record("escalation", conversation.locale, conversation.lookup_country, REFUSAL_COUNTER)
        reply.text("refusal")
        help_now = directory().services_for("viewed_images", conversation.lookup_country, conversation.locale)
        show_cards(conversation, reply, help_now[:1])
        reply.text("followups.question", buttons=[
            reply.button("topics.own_thoughts", "need_own_thoughts"),
            reply.button("topics.viewed_images", "need_viewed_images"),
            reply.button("topics.crisis", "crisis"),
        ])
