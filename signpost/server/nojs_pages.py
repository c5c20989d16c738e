"""HTML for the no-JavaScript chat (/chat/): the first page, reply pages, the ended page and the
neutral page behind "Leave now".

Every word comes from locales/ (the page's own strings under `nojs:`, the bot's under their usual
keys) or from the directory; every value is escaped with html.escape, links only with the
protocols a service card may use. Buttons are form buttons (`name="message" value="/payload"`), so
nothing needs a script.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Iterable, Optional

from babel import Locale
from babel.lists import format_list

from signpost.i18n import t
from signpost.settings import load as load_settings
from signpost.languages import babel_code, direction, locale_meta, supported_locales
from signpost.vocabulary import NEED_TO_INTENT, TOPICS

# Someone who typed for an hour must be read whole (the REST channel accepts the same length).
MAX_MESSAGE_CHARS = load_settings().max_message_chars

CHAT_PATH = "/chat/"
END_PATH = "/chat/end"
CSS_PATH = "/chat/chat.css"
NEUTRAL_PATH = "/weather"
# The reply page opens at the newest reply (the fragment survives the POST).
REPLY_ANCHOR = "reply"
SAFE_SCHEMES = ("https:", "http:", "tel:", "sms:", "mailto:")
RATHER_NOT_SAY = "ZZ"   # the country value the actions read as "I'd rather not say"


def e(value: object) -> str:
    return html.escape(str(value), quote=True)


def safe_href(href: object) -> Optional[str]:
    return href if isinstance(href, str) and href.lower().startswith(SAFE_SCHEMES) else None


@dataclass
class Chat:
    """What every chat page carries in its forms: the conversation id, language and country."""

    conversation: str
    locale: str
    country: str = ""

    def hidden_fields(self) -> str:
        fields = {"conversation": self.conversation, "locale": self.locale, "country": self.country}
        return "".join(f'<input type="hidden" name="{k}" value="{e(v)}">' for k, v in fields.items())


@dataclass
class Line:
    """One message of the transcript: who said it and what (already turned into HTML)."""

    who: str                  # "user" or "bot"
    body: str
    locale: Optional[str] = None
    dir: Optional[str] = None


@dataclass
class Transcript:
    lines: list[Line] = field(default_factory=list)
    buttons: list[dict] = field(default_factory=list)   # the newest reply's choices
    newest: int = 0                                     # index of the first line of the newest reply


def page(locale: str, title: str, body: str) -> str:
    """The frame of every page: language and direction, the stylesheet, "Leave now" first."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{e(locale)}" dir="{direction(locale)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{e(title)}</title>\n"
        f'<link rel="stylesheet" href="{CSS_PATH}">\n</head>\n<body>\n'
        f'<header class="top"><a class="leave" href="{NEUTRAL_PATH}?locale={e(locale)}" rel="noreferrer">'
        f'{e(t("nojs.leave_now", locale))}</a></header>\n'
        f"<main>\n<h1>{e(t('nojs.title', locale))}</h1>\n{body}\n</main>\n</body>\n</html>\n"
    )


# --- the first page -------------------------------------------------------------------------------

def emergency_line(locale: str, numbers: list[dict]) -> str:
    """"If a child is in danger right now, call 112 or 110": each number a tel: link."""
    if not numbers:
        return e(t("nojs.emergency_unknown", locale))
    marks = [f"\x00{i}\x00" for i in range(len(numbers))]
    listed = e(format_list(marks, style="or", locale=babel_code(locale)))
    for mark, number in zip(marks, numbers):
        link = f'<a href="{e(safe_href(number["href"]) or "")}"><bdi dir="ltr">{e(number["display"])}</bdi></a>'
        listed = listed.replace(mark, link)
    before, _, after = t("nojs.emergency", locale, numbers="\x01").partition("\x01")
    return f"{e(before)}{listed}{e(after)}"


def notice(locale: str, numbers: list[dict]) -> str:
    items = [e(t(f"nojs.{key}", locale)) for key in ("notice_automated", "notice_saved", "notice_identify")]
    items += [emergency_line(locale, numbers), e(t("nojs.notice_leave", locale)), e(t("nojs.notice_no_js", locale))]
    lis = "".join(f"<li>{item}</li>" for item in items)
    return (f'<section class="notice" aria-labelledby="notice"><h2 id="notice">{e(t("nojs.notice_heading", locale))}'
            f"</h2><ul>{lis}</ul></section>")


def country_names(codes: Iterable[str], locale: str) -> list[tuple[str, str]]:
    names = Locale.parse(babel_code(locale)).territories
    return sorted(((names.get(c, c), c) for c in codes), key=lambda item: item[0].casefold())


def option(value: str, label: str, selected: bool, lang: Optional[str] = None) -> str:
    attrs = f' lang="{e(lang)}"' if lang else ""
    return f'<option value="{e(value)}"{attrs}{" selected" if selected else ""}>{e(label)}</option>'


def choice_form(locale: str, country: str, countries: Iterable[str]) -> str:
    """Country and language, chosen by the person (never looked up from the address): a plain GET."""
    country_options = [option("", t("nojs.country_none", locale), not country)]
    country_options += [option(code, name, code == country) for name, code in country_names(countries, locale)]
    country_options.append(option(RATHER_NOT_SAY, t("country.rather_not_say", locale), country == RATHER_NOT_SAY))
    language_options = [option(code, locale_meta(code).get("native_name", code), code == locale, lang=code)
                        for code in supported_locales()]
    return (
        f'<section aria-labelledby="settings"><h2 id="settings">{e(t("nojs.settings_heading", locale))}</h2>'
        f'<form method="get" action="{CHAT_PATH}">'
        f'<div class="field"><label for="country">{e(t("nojs.country_label", locale))}</label>'
        f'<select id="country" name="country">{"".join(country_options)}</select></div>'
        f'<div class="field"><label for="locale">{e(t("nojs.language_label", locale))}</label>'
        f'<select id="locale" name="locale">{"".join(language_options)}</select></div>'
        f'<button type="submit" class="secondary">{e(t("nojs.apply", locale))}</button></form></section>'
    )


def topic_buttons(locale: str) -> list[dict]:
    """The same topics, words and payloads as the bot's own topic buttons (actions/replies.py)."""
    return [{"title": t(f"topics.{topic}", locale), "payload": f"/{NEED_TO_INTENT[topic]}"} for topic in TOPICS]


def first_page(chat: Chat, numbers: list[dict], countries: Iterable[str], problem: Optional[str] = None) -> str:
    locale = chat.locale
    alert = f'<p class="notice" role="alert">{e(problem)}</p>' if problem else ""
    body = (
        alert + notice(locale, numbers) + choice_form(locale, chat.country, countries)
        + f'<section aria-labelledby="start"><h2 id="start">{e(t("topics.question", locale))}</h2>'
        + choices_form(chat, topic_buttons(locale)) + message_form(chat) + "</section>"
    )
    return page(locale, t("nojs.title", locale), body)


# --- the conversation -------------------------------------------------------------------------------

def choices_form(chat: Chat, buttons: list[dict]) -> str:
    if not buttons:
        return ""
    items = "".join(
        f'<button type="submit" name="message" value="{e(b.get("payload", ""))}">{e(b.get("title", ""))}</button>'
        for b in buttons)
    return (f'<form method="post" action="{CHAT_PATH}#{REPLY_ANCHOR}" accept-charset="utf-8">'
            f'{chat.hidden_fields()}<div class="choices">{items}</div></form>')


def message_form(chat: Chat) -> str:
    """A form of its own: Enter in the text box must send the text, not the first topic button."""
    locale = chat.locale
    return (
        f'<form method="post" action="{CHAT_PATH}#{REPLY_ANCHOR}" accept-charset="utf-8">{chat.hidden_fields()}'
        f'<div class="field"><label for="text">{e(t("nojs.message_label", locale))}</label>'
        # Nothing typed may outlive the page: no autofill history, no spell-check service.
        f'<input type="text" id="text" name="text" dir="auto" maxlength="{MAX_MESSAGE_CHARS}" autocomplete="off" '
        'spellcheck="false">'
        f'</div><button type="submit" class="primary">{e(t("nojs.send", locale))}</button></form>'
    )


def end_form(chat: Chat) -> str:
    return (f'<form method="post" action="{END_PATH}">{chat.hidden_fields()}'
            f'<button type="submit" class="secondary">{e(t("nojs.end_chat", chat.locale))}</button></form>')


def paragraphs(text: str) -> str:
    return "".join(f"<p>{'<br>'.join(e(line) for line in part.split(chr(10)))}</p>"
                   for part in text.split("\n\n") if part.strip())


def channel_item(channel: dict) -> str:
    """"Call 116 123 (from the United Kingdom)": the number kept left to right, as a link."""
    label, display = str(channel.get("label") or ""), str(channel.get("display") or "")
    at = label.find(display) if display else -1
    if at < 0:
        shown = f'{e(label)} <bdi dir="ltr">{e(display)}</bdi>' if display else e(label)
    else:
        shown = f'{e(label[:at])}<bdi dir="ltr">{e(display)}</bdi>{e(label[at + len(display):])}'
    href = safe_href(channel.get("href"))
    item = f'<a href="{e(href)}" rel="noreferrer">{shown}</a>' if href else shown
    note = f' <span class="note">({e(channel["note"])})</span>' if channel.get("note") else ""
    return f"<li>{item}{note}</li>"


def service_card(service: dict, locale: str) -> str:
    parts = [f"<h3>{e(service.get('name', ''))}</h3>"]
    if service.get("description"):
        parts.append(f"<p>{e(service['description'])}</p>")
    parts.append("<ul>" + "".join(channel_item(c) for c in service.get("channels") or []) + "</ul>")
    hours = service.get("hours") or {}
    shown = [hours.get("text")] if hours.get("status") == "always" else [hours.get("text"), hours.get("status_text")]
    if any(shown):
        parts.append(f"<p>{e(' · '.join(x for x in shown if x))}</p>")
    for key in ("cost", "confidentiality", "languages"):
        if service.get(key):
            parts.append(f"<p>{e(service[key])}</p>")
    source = safe_href(service.get("source_url"))
    checked = e(service.get("verified_text") or "")
    if source:
        checked += f' <a href="{e(source)}" rel="noreferrer">{e(t("nojs.source", locale))}</a>'
    if checked:
        parts.append(f'<p class="small">{checked}</p>')
    return f'<article class="card" data-kind="{e(service.get("kind", ""))}">{"".join(parts)}</article>'


def bot_line(message: dict, fallback_locale: str) -> Line:
    """A bot message (text, buttons and custom payload, as Rasa records it) as a transcript line."""
    custom = message.get("custom") or {}
    locale = custom.get("locale") if custom.get("locale") in supported_locales() else fallback_locale
    service = custom.get("service") if custom.get("kind") == "service" else None
    body = service_card(service, locale) if isinstance(service, dict) else paragraphs(message.get("text") or "")
    return Line("bot", body, locale=locale, dir=direction(locale))


def user_line(text: str) -> Line:
    """The person's own words, shown back only to them, on this page, escaped."""
    return Line("user", f'<p dir="auto">{e(text)}</p>')


def transcript_list(transcript: Transcript, locale: str) -> str:
    items = []
    for index, line in enumerate(transcript.lines):
        attrs = f' id="{REPLY_ANCHOR}"' if index == transcript.newest else ""
        if line.locale and line.locale != locale:
            attrs += f' lang="{e(line.locale)}" dir="{e(line.dir or direction(line.locale))}"'
        who = t("nojs.you" if line.who == "user" else "nojs.bot", locale)
        items.append(f'<li class="msg {line.who}"{attrs}><span class="vh">{e(who)} </span>{line.body}</li>')
    return f'<ol class="transcript">{"".join(items)}</ol>'


def reply_page(chat: Chat, transcript: Transcript) -> str:
    locale = chat.locale
    body = (
        f'<section aria-labelledby="conversation"><h2 id="conversation">{e(t("nojs.transcript_heading", locale))}</h2>'
        + transcript_list(transcript, locale) + choices_form(chat, transcript.buttons) + "</section>"
        + message_form(chat) + end_form(chat)
    )
    return page(locale, t("nojs.title", locale), body)


def ended_page(locale: str, text: str) -> str:
    body = paragraphs(text) + f'<p><a href="{CHAT_PATH}?locale={e(locale)}">{e(t("nojs.new_chat", locale))}</a></p>'
    return page(locale, t("nojs.title", locale), body)


def neutral_page(locale: str) -> str:
    """Where "Leave now" goes: a page about nothing, with nothing that points back."""
    title = t("nojs.neutral_title", locale)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{e(locale)}" dir="{direction(locale)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{e(title)}</title>\n</head>\n<body>\n"
        f"<main>\n<h1>{e(title)}</h1>\n<p>{e(t('nojs.neutral_text', locale))}</p>\n</main>\n</body>\n</html>\n"
    )
