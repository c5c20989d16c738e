"""Builds directory/*.yaml into an SQLite database with sqlite-utils.

The database is a cache of the YAML: it is rebuilt whenever the YAML changes (`is_stale`). One model
of a directory record (signpost.directory.schema.Contact, as read from the YAML) is stored two ways,
neither mapped by hand: `contacts` holds every record as read, hidden facts included, for a
maintainer to query in one place; `shown_services` holds what may be shown to a person, as decided
by signpost.directory.lookup.shown_service, and is all the bot reads.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import sqlite_utils

from signpost import paths
from signpost.directory import covered_countries
from signpost.directory.law import law_dir, read_law, validate_law
from signpost.directory.lookup import shown_service
from signpost.directory.reader import read_directory
from signpost.directory.schema import Contact


class DirectoryInvalid(Exception):
    """The YAML has problems; the message lists them with file:line."""


# The code that decides what the database holds: a change to it makes the database stale too.
BUILDER = tuple(Path(__file__).parent / name for name in ("build.py", "lookup.py", "schema.py", "reader.py", "law.py"))


def source_hash(directory: Path = paths.DIRECTORY_DIR) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.yaml")) + sorted(law_dir(directory).glob("*.yaml")):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    for path in BUILDER:
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


def _as_row(contact: Contact) -> dict:
    """The whole record, nested parts as JSON (sqlite-utils stores lists and dicts as JSON text)."""
    return json.loads(json.dumps(dataclasses.asdict(contact), default=str))


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
    # What the bot shows, one record per service (signpost.directory.lookup.shown_service decides).
    shown = [service for service in map(shown_service, contacts) if service is not None]
    db["shown_services"].insert_all(({"id": s.id, "position": i, "record": json.dumps(s.to_record())}
                                     for i, s in enumerate(shown)), pk="id")
    # Every record as read, hidden facts included, for maintainers to query (Datasette, sqlite3).
    db["contacts"].insert_all((_as_row(c) for c in contacts), pk="id")
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
