"""The questions people ask after seeing services: cost, opening hours, languages, "will they tell the
police?", "can I stay anonymous?" and "are you a real person?".

Each answer is about the services just shown (slot shown_services) and comes from the directory:
what a service has not stated is said to be unknown, never guessed. Before any service has been shown,
the answer is about the country's prevention services, so a question is never met with the topic menu.
"""
from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from typing import Optional

from babel.dates import get_day_names

from actions.base import SignpostAction
from actions.cards import _cost, babel_locale, language_names
from actions.conversation import Conversation
from actions.replies import Reply
from actions.services import directory
from signpost.directory.hours import status
from signpost.directory.lookup import Service
from signpost.i18n import t
from signpost.vocabulary import NEEDS

DEFAULT_NEED = "own_thoughts"   # what a follow-up is about before any need was answered
MAX_SERVICES = 4


def services_in_question(conversation: Conversation) -> tuple[Optional[str], list[Service]]:
    """(the need, the services the question is about): those just shown, else the need's first ones."""
    need = conversation.tracker.get_slot("last_need")
    need = need if need in NEEDS else DEFAULT_NEED
    country = conversation.lookup_country
    shown = [directory().service(i, country) for i in conversation.tracker.get_slot("shown_services") or []]
    services = [s for s in shown if s is not None and s.channels]
    if not services:
        services = directory().services_for(need, country, conversation.locale)[:3]
    return need, services[:MAX_SERVICES]


def answer(reply: Reply, need: str, intro_key: str, lines: list[str], outro_key: Optional[str] = None) -> None:
    locale = reply.locale
    parts = [t(intro_key, locale), "\n".join(f"• {line}" for line in lines)]
    if outro_key:
        parts.append(t(outro_key, locale))
    reply.dispatcher.utter_message(text="\n\n".join(p for p in parts if p),
                                   buttons=reply.follow_up_buttons(need), custom=reply._custom("message"))


def no_services(reply: Reply) -> None:
    reply.text("followup_answers.no_services", buttons=reply.topic_buttons())


class ServiceQuestion(SignpostAction, ABC):
    """A question about the services in question, answered with one line per service between an
    intro and an optional outro; what a service has not stated is said to be unknown."""

    intro_key: str
    outro_key: Optional[str] = None

    def respond(self, conversation, reply):
        need, services = services_in_question(conversation)
        if not services:
            return no_services(reply)
        lines = self.lines(conversation, need, services)
        answer(reply, need, self.intro_key, lines, self.outro_key)

    def lines(self, conversation: Conversation, need: str, services: list[Service]) -> list[str]:
        return [self.line(service, conversation.locale) for service in services]

    @abstractmethod
    def line(self, service: Service, locale: str) -> str:
        """The answer for one service."""


class AnswerCost(ServiceQuestion):
    action_name = "action_answer_cost"
    intro_key = "followup_answers.cost.intro"

    def line(self, service, locale):
        return f"{service.name}: {_cost(service, locale) or t('followup_answers.cost.unknown', locale)}"


def hours_line(service: Service, locale: str, now: Optional[dt.datetime]) -> tuple[str, str]:
    """(state, the sentence) for one service, in the service's own time zone."""
    state = status(service.hours, now)
    if state.state == "always":
        return "open", t("followup_answers.hours.always", locale, name=service.name)
    if state.state == "open":
        return "open", t("followup_answers.hours.open", locale, name=service.name)
    if state.state == "closed":
        day = get_day_names("wide", locale=babel_locale(locale))[state.opens_weekday]
        return "closed", t("followup_answers.hours.closed", locale, name=service.name, day=day,
                           time=state.opens_at)
    return "unknown", t("followup_answers.hours.unknown", locale, name=service.name)


class AnswerHours(ServiceQuestion):
    action_name = "action_answer_hours"
    intro_key = "followup_answers.hours.intro"
    now: Optional[dt.datetime] = None   # tests fix the clock

    def line(self, service, locale):
        return hours_line(service, locale, self.now)[1]

    def lines(self, conversation, need, services):
        locale = conversation.locale
        states = [hours_line(s, locale, self.now) for s in services]
        lines = [line for _, line in states]
        if any(state != "open" for state, _ in states):
            # "Closed now, opens Monday 09:00; these are open now: ..." from the same need's services.
            candidates = directory().services_for(need, conversation.lookup_country, locale)
            open_now = [s.name for s in candidates if status(s.hours, self.now).state in ("open", "always")]
            if open_now:
                lines.append(t("followup_answers.hours.open_now", locale, names=", ".join(open_now[:3])))
        return lines


class AnswerLanguages(ServiceQuestion):
    action_name = "action_answer_languages"
    intro_key = "followup_answers.languages.intro"

    def line(self, service, locale):
        line = t("followup_answers.languages.speaks", locale, name=service.name,
                 languages=language_names(service.languages, locale))
        return line + " " + t("card.interpreters", locale) if service.interpreters else line


class AnswerReporting(ServiceQuestion):
    """"Will they tell the police?": each service's own stated policy, or that it is not known."""

    action_name = "action_answer_reporting"
    intro_key = "followup_answers.police.intro"
    outro_key = "followup_answers.police.outro"

    def line(self, service, locale):
        if service.kind == "emergency_number":
            return t("followup_answers.police.emergency_service", locale, name=service.name)
        if service.kind == "reporting_hotline":
            return t("followup_answers.police.reporting_hotline", locale, name=service.name)
        return t(f"followup_answers.police.{service.reporting_policy or 'unknown'}", locale, name=service.name)


ANONYMITY = ("anonymous", "anonymous_with_limits", "confidential", "anonymous_reporting")


class AnswerAnonymous(ServiceQuestion):
    action_name = "action_answer_anonymous"
    intro_key = "followup_answers.anonymous.intro"
    outro_key = "followup_answers.anonymous.outro"

    def line(self, service, locale):
        key = service.confidentiality if service.confidentiality in ANONYMITY else "unknown"
        return t(f"followup_answers.anonymous.{key}", locale, name=service.name)


class AnswerRealPerson(SignpostAction):
    action_name = "action_answer_real_person"

    def respond(self, conversation, reply):
        need = conversation.tracker.get_slot("last_need")
        reply.text("followup_answers.real_person",
                   buttons=reply.follow_up_buttons(need) if need in NEEDS else reply.topic_buttons())
