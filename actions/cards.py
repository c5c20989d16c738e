"""A directory service as a card: a plain-text version that reads on its own, and a structured
payload for clients that render cards. Names, numbers and addresses are the directory's; every other
word comes from locales/."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from babel import Locale
from babel.dates import format_date, format_skeleton, get_day_names

from signpost.directory.hours import WEEKDAYS, status
from signpost.directory.lookup import Service, ServiceChannel
from signpost.directory.schema import WORLDWIDE
from signpost.i18n import t
from signpost.languages import babel_code


def babel_locale(locale: str) -> Locale:
    return Locale.parse(babel_code(locale))


def country_name(code: str, locale: str) -> str:
    return babel_locale(locale).territories.get(code, code)


def language_names(codes: tuple[str, ...], locale: str) -> str:
    names = babel_locale(locale).languages
    return ", ".join(names.get(babel_code(c), c) for c in codes)


def _href(channel: ServiceChannel) -> Optional[str]:
    if channel.type == "phone":
        return f"tel:{channel.number}"
    if channel.type == "sms":
        return f"sms:{channel.number}"
    if channel.type == "email":
        return f"mailto:{channel.address}"
    return channel.url


def _channel(channel: ServiceChannel, locale: str) -> dict:
    values = {"number": channel.display or channel.number, "address": channel.address}
    label = t(f"card.channel.{channel.type}", locale, **{k: v for k, v in values.items() if v})
    item = {
        "type": channel.type,
        "label": label,
        "display": channel.display or channel.number or channel.address or channel.url,
        "href": _href(channel),
    }
    if channel.type in ("phone", "sms"):
        if WORLDWIDE in channel.dial_from:
            item["note"] = t("card.dial_anywhere", locale)
        else:
            places = ", ".join(country_name(c, locale) for c in channel.dial_from)
            item["note"] = t("card.dial_from_country", locale, country=places)
    return item


def _hours(service: Service, locale: str, now: Optional[dt.datetime]) -> Optional[dict]:
    if not service.hours:
        if any(c.type in ("phone", "sms", "chat") for c in service.channels):
            # Unknown hours are said, never guessed: and "open now" says nothing.
            return {"text": t("card.hours_unknown", locale), "status": "unknown", "status_text": ""}
        return None
    state = status(service.hours, now)
    if state.state == "always":
        return {"text": t("card.hours.always", locale), "status": "always",
                "status_text": t("card.hours.always", locale)}
    days = get_day_names("abbreviated", locale=babel_locale(locale))
    spans = []
    for index, day in enumerate(WEEKDAYS):
        for span in service.hours.get("weekly", {}).get(day, []):
            spans.append(f"{days[index]} {span.replace('-', '–')}")
    text = t("card.hours.weekly", locale, hours=", ".join(spans))
    if state.state == "open":
        status_text = t("card.hours.open_now", locale)
    elif state.state == "closed":
        day_name = get_day_names("wide", locale=babel_locale(locale))[state.opens_weekday]
        status_text = t("card.hours.opens_at", locale, day=day_name, time=state.opens_at)
    else:
        status_text = ""
    return {"text": text, "status": state.state, "status_text": status_text}


def _cost(service: Service, locale: str) -> Optional[str]:
    if service.cost == "unknown":
        return None
    if service.cost == "free_in_country":
        home = next((c for c in service.countries if c != WORLDWIDE), None)
        return t("card.cost.free_in_country", locale, country=country_name(home, locale)) if home else None
    return t(f"card.cost.{service.cost}", locale)


def format_partial_date(value: str, locale: str) -> str:
    """"2024-05-07" -> "7 May 2024"; "2024-05" -> "May 2024"; "2024" -> "2024", in the person's language."""
    if len(value) == 4:
        return value
    if len(value) == 7:
        return format_skeleton("yMMMM", dt.date.fromisoformat(value + "-01"), locale=babel_locale(locale))
    return format_date(dt.date.fromisoformat(value), "long", locale=babel_locale(locale))


def provenance(published_on: Optional[str], seen_on: Optional[str], checked_on: Optional[str],
               locale: str) -> tuple[Optional[str], str]:
    """(the date it names, the sentence): only a person's check is called a check."""
    if checked_on:
        return checked_on, t("card.provenance_checked", locale, date=format_partial_date(checked_on, locale))
    if published_on:
        return published_on, t("card.provenance_published", locale,
                               date=format_partial_date(published_on, locale))
    if seen_on:
        return seen_on, t("card.provenance_seen", locale, date=format_partial_date(seen_on, locale))
    return None, ""


def render(service: Service, locale: str, now: Optional[dt.datetime] = None) -> tuple[str, dict]:
    """(plain text, structured payload) for one service."""
    channels = [_channel(c, locale) for c in service.channels]
    hours = _hours(service, locale, now)
    cost = _cost(service, locale)
    confidentiality = (
        None if service.confidentiality == "unknown"
        else t(f"card.confidentiality.{service.confidentiality}", locale)
    )
    languages = None
    if locale not in service.languages:
        languages = t("card.languages", locale, languages=language_names(service.languages, locale))
        if service.interpreters:
            languages += " " + t("card.interpreters", locale)
    dated, verified = provenance(service.published_on, service.seen_on, service.checked_on, locale)

    lines = [service.name, t(f"card.description.{service.kind}", locale)]
    for channel in channels:
        line = channel["label"] if channel["type"] in ("phone", "sms", "email") else \
            f"{channel['label']}: {channel['href']}"
        lines.append(f"{line} ({channel['note']})" if channel.get("note") else line)
    if hours:
        shown = [hours["text"]] if hours["status"] in ("always", "unknown") else [hours["text"], hours["status_text"]]
        lines.append(" · ".join(x for x in shown if x))
    lines.extend(x for x in (cost, confidentiality, languages, verified) if x)

    payload = {
        "id": service.id,
        "kind": service.kind,
        "name": service.name,
        "description": t(f"card.description.{service.kind}", locale),
        "channels": channels,
        "hours": hours,
        "cost": cost,
        "confidentiality": confidentiality,
        "languages": languages,
        # The widget shows `verified_text`; the three dates let other clients say what is true.
        "verified_on": dated,
        "verified_text": verified,
        "published_on": service.published_on,
        "seen_on": service.seen_on,
        "checked_on": service.checked_on,
        "source_url": service.source_url,
    }
    return "\n".join(line for line in lines if line), payload
