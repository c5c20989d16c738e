"""The answer given when a turn fails: never a dead end.

Whatever broke (the action server, Redis, the model, a counter, a bug), the person still gets the
way to urgent help for their country: the emergency number and the crisis line, from the vetted
directory. The Rasa server renders it itself (signpost/server/rest_channel.py), so it needs nothing
but this package, locales/ and the built directory; the actions use it too (actions/base.py).
Each step degrades: no directory -> the general text, which still names the common numbers.
"""
from __future__ import annotations

import logging
from typing import Optional

from signpost import paths
from signpost.i18n import t
from signpost.languages import DEFAULT_LOCALE, direction

logger = logging.getLogger(__name__)

# Clients show this kind as prominently as their own offline notice (widget/src/element.js).
FAILURE_KIND = "failure"
ROUTE = "failure"

def _directory():
    """The built directory, reloaded when rebuilt; None when it cannot be read."""
    from signpost.directory.lookup import current

    try:
        return current(paths.DIRECTORY_DB)
    except Exception as error:  # noqa: BLE001 - the general text still answers
        logger.error("The safety answer could not read the directory (%s).", type(error).__name__)
        return None


def _first_phone(service) -> Optional[str]:
    for channel in service.channels:
        if channel.type == "phone" and (channel.display or channel.number):
            return channel.display or channel.number
    return None


def urgent_numbers(country: Optional[str], locale: str) -> tuple[Optional[str], Optional[tuple[str, str]]]:
    """(emergency number, (crisis line name, number)) for a known country; None for what is unknown."""
    directory = _directory()
    if directory is None or not country:
        return None, None
    emergency = directory.emergency(country)
    number = _first_phone(emergency) if emergency else None
    crisis = None
    for service in directory.services_for("crisis", country, locale):
        phone = _first_phone(service)
        if phone and country in service.countries:
            crisis = (service.name, phone)
            break
    return number, crisis


SORRY = "error.failed_sorry"
TOO_FAST = "error.too_fast"


def safety_text(locale: str, country: Optional[str], opening: str = SORRY) -> str:
    """The failure answer's text, one paragraph per line of help, every word from locales/."""
    locale = locale or DEFAULT_LOCALE
    try:
        number, crisis = urgent_numbers(country, locale)
    except Exception as error:  # noqa: BLE001
        logger.error("The safety answer could not look the numbers up (%s).", type(error).__name__)
        number, crisis = None, None
    paragraphs = [t(opening, locale)]
    paragraphs.append(t("error.failed_emergency", locale, number=number) if number
                      else t("error.failed_emergency_unknown", locale))
    if crisis:
        paragraphs.append(t("error.failed_crisis", locale, name=crisis[0], number=crisis[1]))
    return "\n\n".join(paragraphs)


def safety_message(recipient_id: str, locale: str, country: Optional[str], opening: str = SORRY) -> dict:
    """One REST message: the safety answer, marked for clients as a failure notice."""
    locale = locale or DEFAULT_LOCALE
    return {
        "recipient_id": recipient_id,
        "text": safety_text(locale, country, opening),
        "custom": {"kind": FAILURE_KIND, "locale": locale, "dir": direction(locale), "route": ROUTE},
    }
