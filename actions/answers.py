"""Answers to the questions people ask after seeing a service: what happens when I make contact,
is it legal."""
from __future__ import annotations

from actions.base import SignpostAction
from actions.law import explain_law


class ExplainContact(SignpostAction):
    action_name = "action_explain_contact"

    def respond(self, conversation, reply):
        need = conversation.tracker.get_slot("last_need")
        reply.text("answers.what_happens", buttons=reply.follow_up_buttons(need))


class ExplainAiLaw(SignpostAction):
    action_name = "action_explain_ai_law"

    def respond(self, conversation, reply):
        explain_law(conversation, reply)   # the country's law card, or the general statement
