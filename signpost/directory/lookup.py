"""Fast, deterministic lookups for the actions: the shown part of the directory, held in memory."""
from __future__ import annotations

import dataclasses
import json
import sqlite3
from dataclasses import dataclass
import threading
from pathlib import Path
from typing import Optional

from signpost import paths
from signpost.vocabulary import NEEDS
from signpost.directory.law import ShownLaw
from signpost.directory.schema import WORLDWIDE, Contact, Listing, is_shown

CONFIDENCE_ORDER = {"high": 0, "medium": 1}


@dataclass(frozen=True)
class ServiceChannel:
    type: str
    number: Optional[str]
    display: Optional[str]
    number_kind: Optional[str]
    dial_from: tuple[str, ...]
    url: Optional[str]
    address: Optional[str]
    source_url: str
    published_on: Optional[str]
    seen_on: Optional[str]
    checked_on: Optional[str]

    def reachable_from(self, country: Optional[str]) -> bool:
        if self.type not in ("phone", "sms") or country is None:
            return True
        return country in self.dial_from or WORLDWIDE in self.dial_from


@dataclass(frozen=True)
class Service(Listing):
    """What of one directory record may be shown to a person (see shown_service)."""
    interpreters: bool
    cost: str
    confidentiality: str
    hours: Optional[dict]
    source_url: str
    published_on: Optional[str]     # the date the source states (may be "2024-05" or "2024")
    seen_on: Optional[str]          # the day the copy of the source was read
    checked_on: Optional[str]       # the day a person checked the contact; None until someone has
    confidence: str
    channels: tuple[ServiceChannel, ...]
    reporting_policy: Optional[str] = None   # the service's own stated policy (shown ones only), or None

    @property
    def international(self) -> bool:
        return WORLDWIDE in self.countries

    def to_record(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_record(cls, record: dict) -> "Service":
        """The inverse of to_record (JSON has lists where the record has tuples)."""
        channels = tuple(ServiceChannel(**{**c, "dial_from": tuple(c["dial_from"])}) for c in record["channels"])
        tuples = {k: tuple(record[k]) for k in ("countries", "languages", "audiences")}
        return cls(**{**record, **tuples, "channels": channels})

    def for_country(self, country: Optional[str]) -> "Service":
        """The same service with only the channels that work from `country`."""
        channels = tuple(c for c in self.channels if c.reachable_from(country))
        return Service(**{**self.__dict__, "channels": channels})


def shown_service(contact: Contact) -> Optional[Service]:
    """What of a directory record may be shown to a person, or None: the one place that decides it.
    Only high- and medium-confidence facts; a channel, an hours table or a policy without its own
    source and dates falls back to its contact's."""
    if not is_shown(contact.confidence):
        return None
    channels = tuple(
        ServiceChannel(type=ch.type, number=ch.number, display=ch.display, number_kind=ch.number_kind,
                       dial_from=tuple(ch.dial_from), url=ch.url, address=ch.address,
                       source_url=ch.source_url or contact.source_url,
                       **ch.provenance.or_else(contact.provenance).as_dict())
        for ch in contact.channels if is_shown(ch.confidence))
    hours, policy = contact.hours, contact.reporting_policy
    return Service(
        id=contact.id, kind=contact.kind, name=contact.name, countries=tuple(contact.countries),
        languages=tuple(contact.languages), audiences=tuple(contact.audiences),
        interpreters=bool(contact.interpreters), cost=contact.cost, confidentiality=contact.confidentiality,
        hours={"timezone": hours.timezone, "always_open": hours.always_open, "weekly": hours.weekly}
        if hours and is_shown(hours.confidence) else None,
        source_url=contact.source_url, **contact.provenance.as_dict(), confidence=contact.confidence,
        channels=channels,
        # Only a shown policy with its own source: otherwise the bot says it does not know.
        reporting_policy=policy.value if policy and is_shown(policy.confidence) and policy.value != "unknown"
        else None,
    )


class Directory:
    """The shown contacts (high/medium confidence only), loaded once from the built database."""

    def __init__(self, services: list[Service], laws: Optional[dict[str, ShownLaw]] = None):
        self.services = services
        self.laws = laws or {}

    def law(self, country: Optional[str]) -> Optional[ShownLaw]:
        """The country's law card, when one can be shown (high/medium confidence)."""
        return self.laws.get(country or "")

    def service(self, service_id: str, country: Optional[str]) -> Optional[Service]:
        found = next((s for s in self.services if s.id == service_id), None)
        return found.for_country(country) if found else None

    @classmethod
    def load(cls, db_path: Path = paths.DIRECTORY_DB) -> "Directory":
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            services = [Service.from_record(json.loads(record))
                        for (record,) in conn.execute("select record from shown_services order by position")]
            laws = {country: ShownLaw.from_record(json.loads(record))
                    for country, record in conn.execute("select country, record from law")}
        finally:
            conn.close()
        return cls([s for s in services if s.channels], laws)

    def countries(self) -> list[str]:
        """Countries with their own contacts, in a stable order."""
        return sorted({c for s in self.services for c in s.countries if c != WORLDWIDE})

    def emergencies(self, country: Optional[str]) -> list[Service]:
        """The country's emergency numbers, in the order the directory file lists them."""
        return [s.for_country(country) for s in self.services
                if s.kind == "emergency_number" and country in s.countries]

    def emergency(self, country: Optional[str]) -> Optional[Service]:
        found = self.emergencies(country)
        return found[0] if found else None

    def services_for(self, need: str, country: Optional[str], locale: str) -> list[Service]:
        """Services for a need, best fit first.

        Order: national services in the person's language, then international services in their
        language, then national services in another language, then international ones in another
        language. Within a group: by the need's kind order, then confidence, then name.
        `country=None` means unknown ("I'd rather not say"): international services only.
        """
        spec = NEEDS[need]
        ranked = []
        for service in self.services:
            if service.kind not in spec.kinds:
                continue
            if not set(service.audiences) & (set(spec.audiences) | {"everyone"}):
                continue
            national = country is not None and country in service.countries
            if not national and not service.international:
                continue
            if service.kind == "emergency_number" and not national:
                continue
            speaks = locale in service.languages
            group = (0 if speaks else 2) + (0 if national else 1)
            shown = service.for_country(country)
            if not shown.channels:
                continue
            ranked.append((
                group,
                spec.kinds.index(service.kind),
                CONFIDENCE_ORDER.get(service.confidence, 9),
                service.name.casefold(),
                service.id,
                shown,
            ))
        ranked.sort(key=lambda item: item[:5])
        return [item[-1] for item in ranked]


_current_lock = threading.Lock()
_current: Optional[tuple[tuple[float, Path], Directory]] = None


def current(db_path: Path = paths.DIRECTORY_DB) -> Directory:
    """The built directory, held once per process and reloaded when `signpost directory build` has
    replaced the database (the actions, the safety answer, the counters and the widget build share it)."""
    global _current
    mtime = db_path.stat().st_mtime
    with _current_lock:
        if _current is None or _current[0] != (mtime, db_path):
            _current = ((mtime, db_path), Directory.load(db_path))
        return _current[1]


def emergency_table(directory: Optional[Directory] = None) -> dict[str, list[dict[str, str]]]:
    """{"GB": [{"display": "999", "href": "tel:999"}], ...}: for the widget's offline fallback."""
    directory = directory or current()
    table: dict[str, list[dict[str, str]]] = {}
    for country in directory.countries():
        numbers = [
            {"display": ch.display or ch.number or "", "href": f"tel:{ch.number}"}
            for service in directory.emergencies(country)
            for ch in service.channels
            if ch.type == "phone"
        ]
        if numbers:
            table[country] = numbers
    return table
