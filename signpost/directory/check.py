"""Validation of the directory: everything that must hold before a number is shown to a person."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import phonenumbers

from signpost import paths
from signpost.directory import covered_countries
from signpost.directory.law import read_law, validate_law
from signpost.directory.reader import read_directory
from signpost.directory.schema import WORLDWIDE, Contact, Problem, Provenance, is_shown

REVERIFY_AFTER_DAYS = 365   # a fact a person checked longer ago than this is due for another check

# phonenumbers' types that each declared number_kind may have.
_EXPECTED_TYPES = {
    "freephone": {phonenumbers.PhoneNumberType.TOLL_FREE},
    "toll_free": {phonenumbers.PhoneNumberType.TOLL_FREE},
    "geographic": {phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE},
    "mobile": {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE},
    "shared_cost": {phonenumbers.PhoneNumberType.SHARED_COST},
    "national_rate": {
        phonenumbers.PhoneNumberType.UAN,
        phonenumbers.PhoneNumberType.SHARED_COST,
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        phonenumbers.PhoneNumberType.PERSONAL_NUMBER,
    },
}


def _phone_problem(contact: Contact, channel) -> str | None:
    """Why this phone/SMS number is not valid where it says it can be dialled, or None."""
    number = channel.number or ""
    if channel.number_kind == "short_code":
        if number.startswith("+") or not number.isdigit():
            return f"short code {number!r} must be bare digits"
        regions = [c for c in channel.dial_from if c != WORLDWIDE]
        if not regions:
            return f"short code {number!r} needs the countries it can be dialled from"
        for region in regions:
            if not phonenumbers.is_valid_short_number(phonenumbers.parse(number, region)):
                return f"{number!r} is not a valid short number in {region} (phonenumbers)"
        return None
    if not number.startswith("+"):
        return f"{number!r} must be in E.164 form (+<country code><number>)"
    try:
        parsed = phonenumbers.parse(number)
    except phonenumbers.NumberParseException as error:
        return f"{number!r} cannot be parsed: {error}"
    if phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) != number:
        return f"{number!r} is not in canonical E.164 form"
    if not phonenumbers.is_valid_number(parsed):
        return f"{number!r} is not a valid number (phonenumbers)"
    expected = _EXPECTED_TYPES.get(channel.number_kind or "")
    if expected and phonenumbers.number_type(parsed) not in expected:
        return f"{number!r} is not a {channel.number_kind} number according to phonenumbers"
    if channel.number_kind in ("freephone", "toll_free") and WORLDWIDE in channel.dial_from:
        return f"freephone {number!r} cannot be promised to work from every country"
    return None


def validate(contacts: list[Contact], today: dt.date | None = None,
             directory: Path = paths.DIRECTORY_DIR) -> list[Problem]:
    today = today or dt.date.today()
    problems: list[Problem] = []

    def add(contact: Contact, line: int, message: str) -> None:
        problems.append(Problem(Path(contact.file), line or contact.line, f"{contact.id}: {message}"))

    seen = Counter(c.id for c in contacts)
    for contact in contacts:
        if not contact.id or contact.id != contact.id.lower() or " " in contact.id:
            add(contact, contact.line, "id must be lowercase kebab-case")
        if seen[contact.id] > 1:
            add(contact, contact.line, "duplicate id")
        if is_shown(contact.confidence) and not contact.source_url.startswith(("https://", "http://")):
            add(contact, contact.line, "needs a `source_url` (every shown contact carries its source)")
        for reason in _date_problems(contact.provenance, today, required=True):
            add(contact, contact.line, reason)
        policy = contact.reporting_policy
        if policy and is_shown(policy.confidence) and policy.value != "unknown":
            if not str(policy.source_url or "").startswith(("https://", "http://")):
                add(contact, contact.line, "a shown `reporting_policy` needs its own `source_url`")
        for channel in contact.channels:
            for reason in _date_problems(channel.provenance, today, required=False):
                add(contact, channel.line, reason)
        if not contact.channels:
            add(contact, contact.line, "needs at least one channel")
        for channel in contact.channels:
            if channel.type in ("phone", "sms"):
                reason = _phone_problem(contact, channel)
                if reason and is_shown(channel.confidence):
                    add(contact, channel.line, reason)
            elif channel.type != "email" and channel.url and not str(channel.url).startswith("https://"):
                add(contact, channel.line, f"URL {channel.url!r} must use https")
        if contact.hours and contact.hours.weekly:
            for day, spans in contact.hours.weekly.items():
                for span in spans:
                    if not _valid_span(span):
                        add(contact, contact.line, f"hours `{day}: {span}` must look like 09:00-17:00")
        if contact.hours:
            try:
                from zoneinfo import ZoneInfo

                ZoneInfo(contact.hours.timezone)
            except Exception:  # noqa: BLE001 - any failure means the zone name is unusable
                add(contact, contact.line, f"unknown time zone {contact.hours.timezone!r}")

    shown_emergency = {
        country
        for c in contacts
        if c.kind == "emergency_number" and is_shown(c.confidence)
        and any(is_shown(ch.confidence) and ch.type == "phone" for ch in c.channels)
        for country in c.countries
    }
    for country in covered_countries(directory):
        if country not in shown_emergency:
            problems.append(Problem(directory / f"{country.lower()}.yaml", 1,
                                    f"{country} has no shown (high/medium) emergency number"))
    return problems


def _date_problems(dates: Provenance, today: dt.date, required: bool) -> list[str]:
    """A fact needs the date its source states or the day the source was read; none in the future."""
    problems = []
    if required and not (dates.published_on or dates.seen_on):
        problems.append("needs `published_on` (the source's date) or `seen_on` (the day the copy was read)")
    if dates.published_on and dates.published_on > today.isoformat():
        problems.append("`published_on` is in the future")
    for name in ("seen_on", "checked_on"):
        value = getattr(dates, name)
        if value and value > today:
            problems.append(f"`{name}` is in the future")
    return problems


def _valid_span(span: str) -> bool:
    try:
        start, end = span.split("-")
        dt.time.fromisoformat(start)
        if end != "24:00":
            dt.time.fromisoformat(end)
        return True
    except ValueError:
        return False


def check_directory(directory: Path, today: dt.date | None = None) -> list[Problem]:
    contacts, problems = read_directory(directory)
    law_cards, law_problems = read_law(directory)
    return (problems + validate(contacts, today, directory) + law_problems
            + validate_law(law_cards, covered_countries(directory), directory, today))
