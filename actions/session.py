"""Opening, starting again, thanking, not understanding and ending: the frame of a conversation."""
from __future__ import annotations

from actions.base import SignpostAction
from actions.needs import emergency_number
from actions.services import counters


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


class StartAgain(SignpostAction):
    action_name = "action_start_again"

    def respond(self, conversation, reply):
        for slot in ("pending_need", "last_need", "shown_services"):
            conversation.set(slot, None)
        reply.texts(["start_again", "topics.question"], buttons=reply.topic_buttons())


class SayWelcome(SignpostAction):
    action_name = "action_say_welcome"

    def respond(self, conversation, reply):
        reply.text("thanks", buttons=reply.follow_up_buttons(conversation.tracker.get_slot("last_need")))


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


class EndChat(SignpostAction):
    action_name = "action_end_chat"

    def respond(self, conversation, reply):
        # The tracker store deletes the conversation as soon as this action is recorded.
        counters().record("exit", conversation.locale, conversation.lookup_country)
        reply.text("ended")
