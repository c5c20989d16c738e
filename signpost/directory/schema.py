"""The directory's vocabulary (kinds, audiences, confidence, ...) and its record types; reader.py fills them from YAML."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

KINDS = (
    "prevention_service",
    "emergency_number",
    "crisis_line",
    "child_helpline",
    "reporting_hotline",
    "family_support",
)
AUDIENCES = ("self", "family_friends", "young_people", "everyone", "professionals")
CHANNEL_TYPES = ("phone", "sms", "chat", "web", "email", "report_form")
NUMBER_KINDS = (
    "short_code",
    "freephone",
    "geographic",
    "mobile",
    "shared_cost",
    "national_rate",
    "toll_free",
)
COSTS = ("free", "free_in_country", "standard_rate", "shared_cost", "unknown")
CONFIDENTIALITY = (
    "anonymous",
    "anonymous_with_limits",
    "confidential",
    "anonymous_reporting",
    "emergency_service",
    "unknown",
)
CONFIDENCE = ("high", "medium", "low")
# What a service says it does with what you tell it (its own stated policy, with its source).
REPORTING_POLICIES = (
    "passes_on_risk",                           # passes on a child at risk or a crime it is told about
    "reports_offences",                         # reports any offence, online offending included
    "caller_decides_unless_immediate_danger",   # nothing passed on unless a child faces immediate danger
    "bound_by_confidentiality",                 # bound by medical or professional secrecy
    "unknown",
)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WORLDWIDE = "worldwide"

CONTACT_KEYS = {
    "id", "kind", "name", "operator", "countries", "languages", "interpreters", "audiences",
    "channels", "hours", "cost", "confidentiality", "confidentiality_note", "reporting_policy", "source_url",
    "published_on", "seen_on", "checked_on", "confidence", "notes",
}
REQUIRED_CONTACT_KEYS = {
    "id", "kind", "name", "countries", "languages", "audiences", "channels", "cost",
    "confidentiality", "confidence",
}  # source_url too, for every contact that can be shown, and published_on or seen_on (checked in check.py)
CHANNEL_KEYS = {
    "type", "number", "display", "number_kind", "dial_from", "url", "address", "note",
    "confidence", "source_url", "published_on", "seen_on", "checked_on",
}
HOURS_KEYS = {"timezone", "always_open", "weekly", "confidence", "source_url", "published_on", "seen_on", "note"}
REPORTING_POLICY_KEYS = {"value", "summary", "source_url", "published_on", "seen_on", "confidence"}
DATE_KEYS = ("published_on", "seen_on", "checked_on")


@dataclass(frozen=True)
class Problem:
    """Something wrong in a directory file, pointing at the line to fix."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Provenance:
    """Where a fact's dates come from, kept apart because they mean different things.

    published_on: the date the source itself states ("2024-05-07", or "2024-05" / "2024" when that
    is all it gives); seen_on: the day the copy of the source was read; checked_on: the day a person
    checked the fact with the service itself. Only checked_on makes a fact "checked by a person".
    """

    published_on: Optional[str] = None
    seen_on: Optional[dt.date] = None
    checked_on: Optional[dt.date] = None

    def or_else(self, other: "Provenance") -> "Provenance":
        """This fact's own dates, falling back to `other`'s (a channel falls back to its contact)."""
        if self.published_on or self.seen_on or self.checked_on:
            return self
        return other

    def as_dict(self) -> dict:
        return {"published_on": self.published_on,
                "seen_on": self.seen_on.isoformat() if self.seen_on else None,
                "checked_on": self.checked_on.isoformat() if self.checked_on else None}


@dataclass
class ReportingPolicy:
    """What a service says it does with what it is told: `value` drives the answer, `summary` is the
    maintainers' English summary of the source (never shown)."""

    value: str
    summary: str
    source_url: Optional[str]
    confidence: str
    provenance: Provenance = Provenance()


@dataclass
class Channel:
    type: str
    confidence: str
    source_url: Optional[str]
    provenance: Provenance
    number: Optional[str] = None
    display: Optional[str] = None
    number_kind: Optional[str] = None
    dial_from: tuple[str, ...] = ()
    url: Optional[str] = None
    address: Optional[str] = None
    note: Optional[str] = None
    line: int = 0


@dataclass
class Hours:
    timezone: str
    always_open: bool
    weekly: dict[str, list[str]]
    confidence: str
    source_url: Optional[str] = None
    provenance: Provenance = Provenance()


@dataclass(frozen=True)
class Listing:
    """Which entry this is and whom it serves: shared by the maintainers' record (Contact) and what may be shown of it
    (lookup.Service), so the two cannot drift apart."""
    id: str
    kind: str
    name: str
    countries: tuple[str, ...]
    languages: tuple[str, ...]
    audiences: tuple[str, ...]


@dataclass(frozen=True)
class Contact(Listing):
    """One directory record as a maintainer wrote it, with where each part came from."""
    channels: list[Channel]
    cost: str
    confidentiality: str
    source_url: str
    provenance: Provenance
    confidence: str
    operator: Optional[str] = None
    interpreters: bool = False
    hours: Optional[Hours] = None
    confidentiality_note: Optional[str] = None
    reporting_policy: Optional[ReportingPolicy] = None
    notes: Optional[str] = None
    file: str = ""
    line: int = 0
    file_country: str = ""


def is_shown(confidence: str) -> bool:
    """Low-confidence facts stay in the data for maintainers but are never shown to people."""
    return confidence in ("high", "medium")
