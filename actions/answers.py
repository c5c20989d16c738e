"""Answers to the questions people ask after seeing a service: what happens when I make contact,
is it legal."""
from __future__ import annotations

from actions.base import SignpostAction


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
