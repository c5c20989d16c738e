"""The platform intercept: what a search engine, a forum or an image generator shows instead of a
blocked request. A vetted warning in the person's language, the best prevention service for their
country, the emergency and crisis numbers, and a way into the chat on the right route.

Everything here is built from fixed vocabularies: the locale, the country and the reason are each
normalised to a known value (or none), so nothing the platform sent can reach the output. Every
word comes from locales/<locale>.yml (section `intercept:`) or from the vetted directory.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional
from urllib.parse import urlencode

from signpost.directory.lookup import Directory, Service
from signpost.i18n import t
from signpost.languages import DEFAULT_LOCALE, direction, normalise_country, normalise_locale

# What the platform blocked. Anything else is read as "other" (never refused: a person behind an
# iframe must never be left with an error page) and never echoed.
REASONS = ("search", "prompt", "upload", "other")
DEFAULT_REASON = "other"
NEED = "viewed_images"
FIRST_MESSAGE = "/need_viewed_images"
WARNING_PARAGRAPHS = ("illegal", "harm", "help", "private")
# Where "Leave this page" goes: the widget's default neutral site.
EXIT_URL = "https://www.bbc.co.uk/weather"
LINK_TYPES = ("web", "chat", "report_form")


@dataclass(frozen=True)
class Request:
    """A platform's request, normalised: only known values, so nothing of it is ever echoed."""

    locale: str
    country: Optional[str]
    reason: str

    @classmethod
    def read(cls, locale: object, country: object, reason: object, accept_language: object = None) -> "Request":
        chosen = normalise_locale(locale) or _from_accept_language(accept_language) or DEFAULT_LOCALE
        return cls(chosen, normalise_country(country), reason if reason in REASONS else DEFAULT_REASON)

    def query(self, **extra: str) -> str:
        """This request as a query string (normalised values only), for links between the pages."""
        values = {"locale": self.locale, "country": self.country or "", "reason": self.reason, **extra}
        return urlencode({k: v for k, v in values.items() if v})


def _from_accept_language(header: object) -> Optional[str]:
    """The first supported language of an Accept-Language header ("de-AT,de;q=0.9,en;q=0.5")."""
    if not isinstance(header, str):
        return None
    for part in header.split(",")[:12]:
        found = normalise_locale(part.split(";")[0].strip())
        if found:
            return found
    return None


def best_service(directory: Directory, request: Request) -> Optional[Service]:
    """The prevention service the chat would show first for someone who has viewed imagery."""
    services = directory.services_for(NEED, request.country, request.locale)
    return services[0] if services else None


def _first_phone(service: Optional[Service]) -> Optional[dict]:
    for channel in service.channels if service else ():
        if channel.type == "phone":
            return {"display": channel.display or channel.number, "href": f"tel:{channel.number}"}
    return None


def emergency(directory: Directory, request: Request) -> dict:
    phone = _first_phone(directory.emergency(request.country))
    if phone:
        return {"text": t("opening.emergency", request.locale, number=phone["display"]), **phone}
    return {"text": t("opening.emergency_unknown", request.locale)}


def crisis(directory: Directory, request: Request) -> dict:
    for service in directory.services_for("crisis", request.country, request.locale):
        phone = _first_phone(service)
        if phone and request.country in service.countries:
            text = t("intercept.crisis", request.locale, service=service.name, number=phone["display"])
            return {"text": text, "service": service.name, **phone}
    return {"text": t("intercept.crisis_unknown", request.locale)}


def go_path(request: Request, service_id: str, channel_index: int) -> str:
    """The counting redirect for one of the shown service's web links (see `link_target`)."""
    return f"/intercept/go?{request.query(to=service_id, channel=str(channel_index))}"


def link_target(directory: Directory, request: Request, service_id: object, channel: object) -> Optional[str]:
    """Where /intercept/go may send the person: a web link of the service this request shows,
    nothing else (never an open redirect). None when the id or the index does not match."""
    service = best_service(directory, request)
    if service is None or service_id != service.id or not isinstance(channel, str) or not channel.isdigit():
        return None
    index = int(channel)
    if index >= len(service.channels):
        return None
    target = service.channels[index]
    if target.type in LINK_TYPES and target.url and target.url.startswith("https://"):
        return target.url
    return None


def content(directory: Directory, request: Request, public_url: str = "") -> dict:
    """The whole answer, as the JSON variant returns it and the HTML variant renders it.

    public_url: the server's address as the platform reaches it ("" gives paths relative to it).
    """
    from actions.cards import render   # the chat's own card, so a service reads the same everywhere

    locale = request.locale
    service = best_service(directory, request)
    card = None
    if service is not None:
        text, card = render(service, locale)
        card["text"] = text
        for index, channel in enumerate(card["channels"]):
            if link_target(directory, request, service.id, str(index)):
                channel["go"] = public_url + go_path(request, service.id, index)
    return {
        "locale": locale,
        "dir": direction(locale),
        "country": request.country,
        "reason": request.reason,
        "title": t("intercept.page_title", locale),
        "warning": {
            "heading": t(f"intercept.heading.{request.reason}", locale),
            "paragraphs": [t(f"intercept.{key}", locale) for key in WARNING_PARAGRAPHS],
        },
        "service_heading": t("intercept.service_heading", locale),
        "service": card,
        "emergency": emergency(directory, request),
        "crisis": crisis(directory, request),
        "chat": {
            "heading": t("intercept.chat_heading", locale),
            "text": t("intercept.chat_text", locale),
            "label": t("intercept.chat_link", locale),
            "url": f"{public_url}/intercept/chat?{request.query()}",
            # For platforms that talk to the REST contract themselves (docs/platforms.md).
            "first_message": FIRST_MESSAGE,
            "metadata": {k: v for k, v in (("locale", locale), ("country", request.country),
                                           ("intercept", request.reason)) if v},
        },
        "leave": {"label": t("intercept.leave", locale), "url": EXIT_URL},
    }
