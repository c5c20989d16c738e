"""Reads the directory's YAML files into the records of schema.py, keeping file:line for every problem found.
Never raises for bad content: problems are returned for `signpost check` to show."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Iterable, Optional

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from signpost.directory.schema import (
    AUDIENCES, CHANNEL_KEYS, CHANNEL_TYPES, CONFIDENCE, CONFIDENTIALITY, CONTACT_KEYS, COSTS, DATE_KEYS, HOURS_KEYS,
    KINDS, NUMBER_KINDS, REPORTING_POLICIES, REPORTING_POLICY_KEYS, REQUIRED_CONTACT_KEYS, WEEKDAYS, WORLDWIDE,
    Channel, Contact, Hours, Problem, Provenance, ReportingPolicy,
)


def line_of(node: Any, key: Any = None) -> int:
    """1-based line of a mapping (or of one of its keys) as ruamel.yaml recorded it."""
    try:
        if key is not None:
            return node.lc.key(key)[0] + 1
        return node.lc.line + 1
    except (AttributeError, KeyError, TypeError):
        return 0


PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")


def _as_date(value: Any) -> Optional[dt.date]:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


class Reader:
    """Collects problems while turning one file's YAML into records."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []

    def mapping(self, not_a_mapping: str) -> Optional[Any]:
        """The file's YAML as a mapping with line numbers, or None with the problem recorded (invalid YAML, or
        `not_a_mapping` when it is something else)."""
        try:
            document = YAML(typ="rt").load(self.path.read_text(encoding="utf-8"))
        except YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            self.problem((mark.line + 1) if mark else 0, f"not valid YAML: {error}")
            return None
        if not hasattr(document, "get"):
            self.problem(1, not_a_mapping)
            return None
        return document

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def enum(self, node, key, allowed: Iterable[str], required=True) -> Optional[str]:
        value = node.get(key)
        if value is None:
            if required:
                self.problem(line_of(node), f"missing `{key}`")
            return None
        if value not in allowed:
            self.problem(line_of(node, key), f"`{key}: {value}` is not one of {', '.join(allowed)}")
            return None
        return value

    def codes(self, node, key, upper: bool) -> tuple[str, ...]:
        value = node.get(key)
        if not isinstance(value, list) or not value:
            self.problem(line_of(node, key) or line_of(node), f"`{key}` must be a non-empty list")
            return ()
        out = []
        for item in value:
            text = str(item)
            if text == WORLDWIDE:
                out.append(text)
            elif upper and (len(text) != 2 or not text.isalpha() or not text.isupper()):
                self.problem(line_of(node, key), f"`{key}` entry {text!r} is not an ISO 3166-1 alpha-2 code")
            elif not upper and (not 2 <= len(text) <= 3 or not text.islower()):
                self.problem(line_of(node, key), f"`{key}` entry {text!r} is not an ISO 639-1 code")
            else:
                out.append(text)
        return tuple(out)

    def provenance(self, node) -> Provenance:
        """published_on (a full or partial date the source states), seen_on and checked_on (days)."""
        values = {}
        for key in DATE_KEYS:
            raw = node.get(key)
            if raw is None:
                values[key] = None
            elif key == "published_on" and isinstance(raw, str) and PARTIAL_DATE.match(raw):
                values[key] = raw
            elif _as_date(raw) is None:
                self.problem(line_of(node, key), f"`{key}` must be a date (YYYY-MM-DD"
                                               + ("; or YYYY-MM / YYYY)" if key == "published_on" else ")"))
                values[key] = None
            else:
                values[key] = _as_date(raw).isoformat() if key == "published_on" else _as_date(raw)
        if node.get("verified_on") is not None:
            self.problem(line_of(node, "verified_on"),
                         "`verified_on` is replaced by `published_on`, `seen_on` and `checked_on`")
        return Provenance(**values)

    def reporting_policy(self, node) -> Optional[ReportingPolicy]:
        if node is None:
            return None
        if not hasattr(node, "get"):
            self.problem(0, "`reporting_policy` must be a mapping")
            return None
        self.unknown_keys(node, REPORTING_POLICY_KEYS, "reporting_policy")
        value = self.enum(node, "value", REPORTING_POLICIES) or "unknown"
        confidence = self.enum(node, "confidence", CONFIDENCE) or "low"
        return ReportingPolicy(value=value, summary=str(node.get("summary") or ""),
                               source_url=node.get("source_url"), confidence=confidence,
                               provenance=self.provenance(node))

    def unknown_keys(self, node, allowed: set[str], what: str) -> None:
        for key in node:
            if key not in allowed:
                self.problem(line_of(node, key), f"unknown key `{key}` in {what}")

    def channel(self, node, contact_confidence: str) -> Optional[Channel]:
        if not hasattr(node, "get"):
            self.problem(0, "a channel must be a mapping")
            return None
        self.unknown_keys(node, CHANNEL_KEYS, "channel")
        ctype = self.enum(node, "type", CHANNEL_TYPES)
        if ctype is None:
            return None
        channel = Channel(
            type=ctype,
            confidence=self.enum(node, "confidence", CONFIDENCE, required=False) or contact_confidence,
            source_url=node.get("source_url"),
            provenance=self.provenance(node),
            line=line_of(node),
        )
        if ctype in ("phone", "sms"):
            channel.number = None if node.get("number") is None else str(node.get("number"))
            channel.display = node.get("display")
            channel.number_kind = self.enum(node, "number_kind", NUMBER_KINDS)
            channel.dial_from = self.codes(node, "dial_from", upper=True) if "dial_from" in node else ()
            if not channel.number or not channel.display:
                self.problem(line_of(node), f"{ctype} channel needs `number` and `display`")
            if not channel.dial_from:
                self.problem(line_of(node), f"{ctype} channel needs `dial_from`")
        elif ctype == "email":
            channel.address = node.get("address")
            if not channel.address or "@" not in str(channel.address):
                self.problem(line_of(node), "email channel needs an `address`")
        else:
            channel.url = node.get("url")
            if not channel.url:
                self.problem(line_of(node), f"{ctype} channel needs a `url`")
        channel.note = node.get("note")
        return channel

    def hours(self, node) -> Optional[Hours]:
        if node is None:
            return None
        self.unknown_keys(node, HOURS_KEYS, "hours")
        timezone = node.get("timezone")
        if not timezone:
            self.problem(line_of(node), "`hours` needs a `timezone` (IANA name, e.g. Europe/London)")
            return None
        weekly_node = node.get("weekly") or {}
        weekly: dict[str, list[str]] = {}
        for day, spans in weekly_node.items():
            if day not in WEEKDAYS:
                self.problem(line_of(weekly_node, day), f"unknown weekday `{day}` (use {', '.join(WEEKDAYS)})")
                continue
            weekly[day] = [str(s) for s in (spans or [])]
        always = bool(node.get("always_open", False))
        if not always and not weekly:
            self.problem(line_of(node), "`hours` needs `always_open: true` or `weekly:`")
        return Hours(
            timezone=str(timezone),
            always_open=always,
            weekly=weekly,
            confidence=self.enum(node, "confidence", CONFIDENCE, required=False) or "medium",
            source_url=node.get("source_url"),
            provenance=self.provenance(node),
        )

    def contact(self, node, file_country: str) -> Optional[Contact]:
        if not hasattr(node, "get"):
            self.problem(0, "each contact must be a mapping")
            return None
        line = line_of(node)
        self.unknown_keys(node, CONTACT_KEYS, "contact")
        for key in sorted(REQUIRED_CONTACT_KEYS - set(node)):
            self.problem(line, f"contact {node.get('id', '?')}: missing `{key}`")
        confidence = self.enum(node, "confidence", CONFIDENCE) or "low"
        channels_node = node.get("channels") or []
        channels = [c for c in (self.channel(ch, confidence) for ch in channels_node) if c]
        audiences = node.get("audiences") or []
        for audience in audiences:
            if audience not in AUDIENCES:
                self.problem(line_of(node, "audiences"), f"unknown audience `{audience}`")
        return Contact(
            id=str(node.get("id", "")),
            kind=self.enum(node, "kind", KINDS) or "",
            name=str(node.get("name", "")),
            operator=node.get("operator"),
            countries=self.codes(node, "countries", upper=True),
            languages=self.codes(node, "languages", upper=False),
            audiences=tuple(a for a in audiences if a in AUDIENCES),
            interpreters=bool(node.get("interpreters", False)),
            channels=channels,
            hours=self.hours(node.get("hours")),
            cost=self.enum(node, "cost", COSTS) or "unknown",
            confidentiality=self.enum(node, "confidentiality", CONFIDENTIALITY) or "unknown",
            confidentiality_note=node.get("confidentiality_note"),
            reporting_policy=self.reporting_policy(node.get("reporting_policy")),
            source_url=node.get("source_url") or "",
            provenance=self.provenance(node),
            confidence=confidence,
            notes=node.get("notes"),
            file=str(self.path),
            line=line,
            file_country=file_country,
        )


def read_file(path: Path) -> tuple[list[Contact], list[Problem]]:
    """Parse one directory file. Never raises for bad content: problems are returned instead."""
    reader = Reader(path)
    document = reader.mapping("expected a mapping with `country:` and `contacts:`")
    if document is None:
        return [], reader.problems
    reader.unknown_keys(document, {"country", "contacts"}, "file")
    file_country = str(document.get("country", ""))
    expected = "international" if path.stem == "international" else path.stem.upper()
    if file_country != expected:
        reader.problem(line_of(document, "country") or 1, f"`country: {file_country}` should be `{expected}` for this file name")
    contacts_node = document.get("contacts")
    if not isinstance(contacts_node, list):
        reader.problem(1, "`contacts:` must be a list")
        return [], reader.problems
    contacts = [c for c in (reader.contact(n, file_country) for n in contacts_node) if c]
    return contacts, reader.problems


def read_directory(directory: Path) -> tuple[list[Contact], list[Problem]]:
    contacts: list[Contact] = []
    problems: list[Problem] = []
    for path in sorted(directory.glob("*.yaml")):
        found, issues = read_file(path)
        contacts.extend(found)
        problems.extend(issues)
    return contacts, problems
