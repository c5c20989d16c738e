"""Builds directory/*.yaml into an SQLite database with sqlite-utils.

The database is a cache of the YAML: it is rebuilt whenever the YAML changes (`is_stale`), and the
actions read from it. Low-confidence contacts and channels are stored too, flagged `shown = 0`, so a
maintainer can query everything in one place; lookups only ever return shown rows.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import sqlite_utils

from signpost import paths
from signpost.directory import covered_countries
from signpost.directory.law import law_dir, read_law, validate_law
from signpost.directory.schema import Contact, is_shown, read_directory


class DirectoryInvalid(Exception):
    """The YAML has problems; the message lists them with file:line."""


def source_hash(directory: Path = paths.DIRECTORY_DIR) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.yaml")) + sorted(law_dir(directory).glob("*.yaml")):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def is_stale(db_path: Path = paths.DIRECTORY_DB, directory: Path = paths.DIRECTORY_DIR) -> bool:
    if not db_path.exists():
        return True
    db = sqlite_utils.Database(db_path)
    if "meta" not in db.table_names():
        return True
    rows = list(db["meta"].rows_where("key = ?", ["source_hash"]))
    return not rows or rows[0]["value"] != source_hash(directory)


def _contact_row(contact: Contact) -> dict:
    hours = contact.hours
    policy = contact.reporting_policy
    return {
        "id": contact.id,
        "kind": contact.kind,
        "name": contact.name,
        "operator": contact.operator,
        "file_country": contact.file_country,
        "interpreters": int(contact.interpreters),
        "cost": contact.cost,
        "confidentiality": contact.confidentiality,
        "confidentiality_note": contact.confidentiality_note,
        "hours": json.dumps(
            {"timezone": hours.timezone, "always_open": hours.always_open, "weekly": hours.weekly}
        ) if hours and is_shown(hours.confidence) else None,
        # Only a shown (high/medium) policy with its own source: otherwise the bot says it does not know.
        "reporting_policy": json.dumps({"value": policy.value, "source_url": policy.source_url})
        if policy and is_shown(policy.confidence) and policy.value != "unknown" else None,
        "source_url": contact.source_url,
        **contact.provenance.as_dict(),
        "confidence": contact.confidence,
        "shown": int(is_shown(contact.confidence)),
        "notes": contact.notes,
        "source_file": Path(contact.file).name,
        "source_line": contact.line,
    }


def build(db_path: Path = paths.DIRECTORY_DB, directory: Path = paths.DIRECTORY_DIR) -> Path:
    """Validate and (re)build the database atomically: a failed build leaves the old one in place."""
    from signpost.directory.check import validate

    contacts, problems = read_directory(directory)
    law_cards, law_problems = read_law(directory)
    problems += validate(contacts, directory=directory) + law_problems
    problems += validate_law(law_cards, covered_countries(directory), directory)
    if problems:
        raise DirectoryInvalid("\n".join(str(p) for p in problems))

    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = db_path.with_suffix(".tmp")
    tmp_path.unlink(missing_ok=True)
    db = sqlite_utils.Database(tmp_path)
    db["contacts"].insert_all((_contact_row(c) for c in contacts), pk="id")
    for table, column, values in (
        ("contact_countries", "country", lambda c: c.countries),
        ("contact_languages", "language", lambda c: c.languages),
        ("contact_audiences", "audience", lambda c: c.audiences),
    ):
        db[table].insert_all(
            ({"contact_id": c.id, column: v} for c in contacts for v in values(c)),
            pk=("contact_id", column),
            foreign_keys=[("contact_id", "contacts", "id")],
        )
        db[table].create_index([column])
    db["channels"].insert_all(
        (
            {
                "contact_id": c.id,
                "position": i,
                "type": ch.type,
                "number": ch.number,
                "display": ch.display,
                "number_kind": ch.number_kind,
                "dial_from": json.dumps(list(ch.dial_from)),
                "url": ch.url,
                "address": ch.address,
                "confidence": ch.confidence,
                "shown": int(is_shown(ch.confidence) and is_shown(c.confidence)),
                "source_url": ch.source_url or c.source_url,
                **ch.provenance.or_else(c.provenance).as_dict(),
            }
            for c in contacts
            for i, ch in enumerate(c.channels)
        ),
        pk=("contact_id", "position"),
        foreign_keys=[("contact_id", "contacts", "id")],
    )
    db["contacts"].create_index(["kind"])
    # Law cards: only the shown ones, and only the fields a card may use.
    db["law"].insert_all(({"country": card.country, "record": json.dumps(card.to_record())}
                          for card in law_cards if card.shown), pk="country")
    db["meta"].insert_all(
        [{"key": "source_hash", "value": source_hash(directory)}], pk="key"
    )
    db.conn.close()
    tmp_path.replace(db_path)
    return db_path


def ensure_built(db_path: Path = paths.DIRECTORY_DB, directory: Path = paths.DIRECTORY_DIR) -> bool:
    """Rebuild if the YAML changed. Returns True when a build happened."""
    if is_stale(db_path, directory):
        build(db_path, directory)
        return True
    return False
