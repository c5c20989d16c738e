"""Fast, deterministic lookups for the actions: the shown part of the directory, held in memory."""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from signpost import paths
from signpost.vocabulary import NEEDS
from signpost.directory.law import ShownLaw
from signpost.directory.schema import WORLDWIDE

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
class Service:
    id: str
    kind: str
    name: str
    countries: tuple[str, ...]
    languages: tuple[str, ...]
    audiences: tuple[str, ...]
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

    def for_country(self, country: Optional[str]) -> "Service":
        """The same service with only the channels that work from `country`."""
        channels = tuple(c for c in self.channels if c.reachable_from(country))
        return Service(**{**self.__dict__, "channels": channels})


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
        conn.row_factory = sqlite3.Row
        try:
            def column(table: str, name: str) -> dict[str, tuple[str, ...]]:
                out: dict[str, list[str]] = {}
                for row in conn.execute(f"select contact_id, {name} from {table} order by rowid"):
                    out.setdefault(row[0], []).append(row[1])
                return {k: tuple(v) for k, v in out.items()}

            countries = column("contact_countries", "country")
            languages = column("contact_languages", "language")
            audiences = column("contact_audiences", "audience")
            channels: dict[str, list[ServiceChannel]] = {}
            for row in conn.execute("select * from channels where shown = 1 order by contact_id, position"):
                channels.setdefault(row["contact_id"], []).append(
                    ServiceChannel(
                        type=row["type"], number=row["number"], display=row["display"],
                        number_kind=row["number_kind"], dial_from=tuple(json.loads(row["dial_from"])),
                        url=row["url"], address=row["address"], source_url=row["source_url"],
                        published_on=row["published_on"], seen_on=row["seen_on"], checked_on=row["checked_on"],
                    )
                )
            services = [
                Service(
                    id=row["id"], kind=row["kind"], name=row["name"],
                    countries=countries.get(row["id"], ()), languages=languages.get(row["id"], ()),
                    audiences=audiences.get(row["id"], ()), interpreters=bool(row["interpreters"]),
                    cost=row["cost"], confidentiality=row["confidentiality"],
                    hours=json.loads(row["hours"]) if row["hours"] else None,
                    source_url=row["source_url"], published_on=row["published_on"], seen_on=row["seen_on"],
                    checked_on=row["checked_on"], confidence=row["confidence"],
                    channels=tuple(channels.get(row["id"], ())),
                    reporting_policy=json.loads(row["reporting_policy"])["value"] if row["reporting_policy"] else None,
                )
                for row in conn.execute("select * from contacts where shown = 1 order by source_file, source_line")
            ]
            tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
            laws = {row["country"]: ShownLaw.from_record(json.loads(row["record"]))
                    for row in conn.execute("select * from law")} if "law" in tables else {}
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


@lru_cache(maxsize=1)
def _default_directory() -> Directory:
    return Directory.load()


def emergency_table(directory: Optional[Directory] = None) -> dict[str, list[dict[str, str]]]:
    """{"GB": [{"display": "999", "href": "tel:999"}], ...}: for the widget's offline fallback."""
    directory = directory or _default_directory()
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
