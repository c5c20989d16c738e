"""The no-JavaScript chat: /chat/, pages rendered by the Rasa server itself, for people whose browser
runs no script (Tor Browser's "Safest" setting, for one).

The same conversation as the REST channel: each form post becomes a Rasa UserMessage, checked by the
REST channel's own `read_turn`, and the page shows what the bot answered. Nothing is kept in the
browser: the conversation id is a random hidden form field (no cookie, no storage), every answer is
`Cache-Control: no-store` with a Content-Security-Policy that allows no script at all. The
transcript on a reply page is rebuilt from the conversation the tracker store holds anyway (and
forgets after the TTL or at "End chat"); the person's words appear only in the answer to their own
post, escaped.

Routes: GET /chat/ (first page; ?locale=&country= from its own GET form), POST /chat/ (a turn),
POST /chat/end (End chat: forgets, then a neutral "ended" page; a GET of it goes back to /chat/),
GET /chat/chat.css, GET /weather (the neutral page behind "Leave now").
"""
from __future__ import annotations

import inspect
import logging
import re
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from signpost.i18n import t
from signpost.languages import DEFAULT_LOCALE, normalise_country, normalise_locale, supported_locales
from signpost.server import nojs_pages as pages
from signpost.server.rest_channel import WholeMessageCollector, read_turn, turn_failed_message

logger = logging.getLogger(__name__)

CSS_FILE = Path(__file__).with_name("nojs.css")
CONVERSATION_ID = re.compile(r"^[0-9a-f]{32,64}$")
END_CHAT = "/end_chat"
CSP = ("default-src 'none'; script-src 'none'; style-src 'self'; img-src 'none'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
HEADERS = {"Cache-Control": "no-store", "Content-Security-Policy": CSP, "Referrer-Policy": "no-referrer",
           "X-Content-Type-Options": "nosniff"}


def new_conversation_id() -> str:
    return secrets.token_hex(16)   # 32 hex characters: 128 random bits, linked to nothing


def html_page(body: str, status: int = 200) -> HTTPResponse:
    return response.html(body, status=status, headers=dict(HEADERS))


def chosen_locale(value: object, accept_language: str = "") -> str:
    """The language the person chose on the page, else the browser's first one we speak."""
    locale = normalise_locale(value)
    if locale:
        return locale
    for tag in accept_language.split(","):
        locale = normalise_locale(tag.split(";")[0].strip())
        if locale:
            return locale
    return DEFAULT_LOCALE


def chosen_country(value: object) -> str:
    return normalise_country(value) or ""


@lru_cache(maxsize=1)
def _emergency_table() -> dict:
    from signpost.directory import emergency_table

    try:
        return emergency_table()
    except Exception as error:  # noqa: BLE001 - without the database the page still says "local number"
        logger.error("No emergency numbers for the chat page (%s).", type(error).__name__)
        return {}


def emergency_numbers(country: str) -> list[dict]:
    return _emergency_table().get(country, [])


def covered_countries() -> tuple[str, ...]:
    from signpost.directory import covered_countries as covered

    return covered()


def form_value(request: Request, name: str) -> str:
    try:
        value = request.form.get(name)
    except Exception:  # noqa: BLE001 - a malformed body reads as an empty form
        return ""
    return value if isinstance(value, str) else ""


async def conversation_events(request: Request, conversation: str) -> list:
    """The conversation as the tracker store holds it now (nothing, once it is forgotten)."""
    store = request.app.ctx.agent.tracker_store
    tracker = store.retrieve(conversation)
    if inspect.isawaitable(tracker):
        tracker = await tracker
    return list(tracker.events) if tracker is not None else []


def transcript_from(events: list, locale: str) -> pages.Transcript:
    """Bot messages and the person's words, in order; a button's payload shown as its title."""
    transcript = pages.Transcript()
    # The first page's topic buttons are the page's own, not in the tracker.
    offered = {b["payload"]: b["title"] for b in pages.topic_buttons(locale)}
    for event in events:
        if isinstance(event, UserUttered):
            text = event.text or ""
            transcript.lines.append(pages.user_line(offered.get(text, text)))
            transcript.buttons, offered = [], {}
            transcript.newest = len(transcript.lines)
        elif isinstance(event, BotUttered):
            data = event.data or {}
            message = {"text": event.text, "custom": data.get("custom")}
            transcript.lines.append(pages.bot_line(message, locale))
            for button in data.get("buttons") or []:
                if isinstance(button, dict) and button.get("payload"):
                    transcript.buttons.append(button)
                    offered[button["payload"]] = str(button.get("title") or "")
    return transcript


def page_locale(events: list, fallback: str) -> str:
    """The conversation's language, which the person may have changed inside the chat."""
    for event in reversed(events):
        if isinstance(event, BotUttered):
            custom = (event.data or {}).get("custom") or {}
            if custom.get("kind") != "language_offer" and custom.get("locale") in supported_locales():
                return custom["locale"]
    return fallback


class NoJsChatInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "nojs"

    def url_prefix(self) -> Text:
        return "/"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        chat = Blueprint("signpost_nojs", __name__)

        async def run_turn(turn: dict) -> tuple[list[dict], bool]:
            collector = WholeMessageCollector()
            try:
                await on_new_message(UserMessage(turn["message"], collector, turn["sender"],
                                                 input_channel=self.name(), metadata=turn["metadata"]))
            except Exception as error:  # noqa: BLE001
                # Only the exception's type: its text could contain what the person wrote.
                logger.error("A conversation turn failed (%s).", type(error).__name__)
                return [turn_failed_message(turn)], False
            return collector.messages or [turn_failed_message(turn)], bool(collector.messages)

        def start_page(request: Request, locale: str, country: str, problem: Optional[str] = None,
                       status: int = 200) -> HTTPResponse:
            state = pages.Chat(new_conversation_id(), locale, country)
            return html_page(pages.first_page(state, emergency_numbers(country), covered_countries(), problem),
                             status)

        @chat.route("/chat/", methods=["GET"], strict_slashes=False)
        async def first(request: Request) -> HTTPResponse:
            locale = chosen_locale(request.args.get("locale"), request.headers.get("accept-language", ""))
            return start_page(request, locale, chosen_country(request.args.get("country")))

        @chat.route("/chat/", methods=["POST"], strict_slashes=False)
        async def turn(request: Request) -> HTTPResponse:
            locale = chosen_locale(form_value(request, "locale"))
            country = chosen_country(form_value(request, "country"))
            conversation = form_value(request, "conversation")
            message = form_value(request, "message") or form_value(request, "text").strip()
            if not CONVERSATION_ID.fullmatch(conversation):
                # Never a dead end: a fresh first page, with the way to urgent help on it.
                return start_page(request, locale, country, t("error.turn_failed", locale), 400)
            state = pages.Chat(conversation, locale, country)
            if not message:   # Send with an empty box: the same page again, no turn
                events = await conversation_events(request, conversation)
                return html_page(pages.reply_page(state, transcript_from(events, locale)) if events else
                                 pages.first_page(state, emergency_numbers(country), covered_countries()))
            metadata = {"locale": locale, "country": country} if country else {"locale": locale}
            checked, problem = read_turn({"sender": conversation, "message": message, "metadata": metadata})
            if problem:
                return start_page(request, locale, country, t("error.turn_failed", locale), 400)
            replies, answered = await run_turn(checked)
            if not answered:   # never a dead end: the failure answer, and the page to go on from
                transcript = pages.Transcript([pages.bot_line(m, locale) for m in replies])
                transcript.lines.append(pages.Line("bot", f"<p>{pages.emergency_line(locale, emergency_numbers(country))}</p>"))
                return html_page(pages.reply_page(state, transcript))
            events = await conversation_events(request, conversation)
            if not events:     # the bot's own "End chat" button: the conversation is already gone
                return html_page(pages.ended_page(locale, "\n\n".join(m.get("text") or "" for m in replies)))
            state.locale = page_locale(events, locale)
            return html_page(pages.reply_page(state, transcript_from(events, state.locale)))

        @chat.route("/chat/end", methods=["POST"])
        async def end(request: Request) -> HTTPResponse:
            locale = chosen_locale(form_value(request, "locale"))
            conversation = form_value(request, "conversation")
            if CONVERSATION_ID.fullmatch(conversation):
                # The tracker store deletes the conversation once action_end_chat is recorded.
                checked, _ = read_turn({"sender": conversation, "message": END_CHAT, "metadata": {"locale": locale}})
                await run_turn(checked)
            return html_page(pages.ended_page(locale, t("ended", locale)))

        @chat.route("/chat/end", methods=["GET"])
        async def end_reloaded(_: Request) -> HTTPResponse:
            # A bookmark or a retyped address: nothing to end, start afresh.
            return response.redirect(pages.CHAT_PATH, status=303)

        @chat.route("/chat/chat.css", methods=["GET"])
        async def stylesheet(_: Request) -> HTTPResponse:
            return response.raw(CSS_FILE.read_bytes(), content_type="text/css; charset=utf-8",
                                headers={"X-Content-Type-Options": "nosniff"})

        @chat.route(pages.NEUTRAL_PATH, methods=["GET"])
        async def neutral(request: Request) -> HTTPResponse:
            return html_page(pages.neutral_page(chosen_locale(request.args.get("locale"))))

        return chat
