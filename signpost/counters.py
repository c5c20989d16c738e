"""Aggregate counters: how many conversations, needs, services shown, escalations and exits per
day, language and country. Nothing finer than a day, no identifiers, no text.

The table's CHECK constraints make that a property of the database, not just of this code: a value
that is not a day, a language code, a country code or a word from the fixed vocabularies below
cannot be stored at all.
"""
from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Iterable, Optional

import sqlite_utils

from signpost import paths

EVENTS = ("conversation_started", "need_chosen", "service_shown", "escalation", "exit",
          # The platform intercept's funnel (signpost/intercept.py), each with the reason as detail.
          "warning_shown", "chat_opened", "contact_chosen")
UNKNOWN_COUNTRY = "--"
TABLE = "daily_counts"
LOCK_WAIT_SECONDS = 0.5   # a locked database is retried at the next flush, not waited for

logger = logging.getLogger(__name__)

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    locale TEXT NOT NULL CHECK (locale GLOB '[a-z][a-z]'),
    country TEXT NOT NULL CHECK (country GLOB '[A-Z][A-Z]' OR country = '{UNKNOWN_COUNTRY}'),
    event TEXT NOT NULL CHECK (event IN ({", ".join(f"'{e}'" for e in EVENTS)})),
    detail TEXT NOT NULL CHECK (length(detail) <= 48 AND detail NOT GLOB '*[^a-z0-9_-]*'),
    count INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (day, locale, country, event, detail)
)
"""


def _directory():
    from signpost.directory.lookup import Directory

    return Directory.load(paths.DIRECTORY_DB)


class Vocabulary:
    """What may be recorded: only known countries (the directory's), locales (locales/) and, per
    event, known details. Anything else is recorded as unknown ("--", "") or not at all, so a client
    cannot make up countries or routes. Adding an event: one entry in `details`."""

    def __init__(self, countries: Optional[Iterable[str]] = None, locales: Optional[Iterable[str]] = None,
                 services: Optional[Iterable[str]] = None):
        self._given = (countries, locales, services)
        self._loaded: Optional[tuple[frozenset, frozenset, frozenset]] = None

    def _load(self) -> tuple[frozenset, frozenset, frozenset]:
        if self._loaded is None:
            from signpost.intercept import REASONS
            from signpost.languages import supported_locales
            from signpost.vocabulary import ESCALATIONS, NEEDS, REFUSAL_COUNTER

            countries, locales, services = self._given
            if countries is None or services is None:
                directory = _directory()
                countries = directory.countries() if countries is None else countries
                services = [s.id for s in directory.services] if services is None else services
            self._loaded = (frozenset(countries), frozenset(locales or supported_locales()), frozenset(services))
            self.details = {
                "conversation_started": frozenset({""}),
                "need_chosen": frozenset(name for name, need in NEEDS.items() if not need.urgent),
                "service_shown": self._loaded[2],
                "escalation": frozenset({*ESCALATIONS, REFUSAL_COUNTER}),
                "exit": frozenset({""}),
                # The platform intercept's funnel (signpost/funnel.py), per reason.
                "warning_shown": frozenset(REASONS),
                "chat_opened": frozenset(REASONS),
                "contact_chosen": frozenset(REASONS),
            }
        return self._loaded

    def cell(self, event: str, locale: str, country: Optional[str], detail: str) -> Optional[tuple[str, str, str]]:
        """(locale, country, detail) to record, or None when the event or detail is not known."""
        countries, locales, _ = self._load()
        if event not in self.details or detail not in self.details[event] or locale not in locales:
            return None
        return locale, country if country in countries else UNKNOWN_COUNTRY, detail


class Counters:
    """Adds increments to memory; a background thread writes them to SQLite every `flush_seconds`
    (0 = as soon as it can). Recording never waits for the database and never raises: a locked or
    broken database delays the counts, never a reply."""

    def __init__(self, db_path: Path = paths.STATS_DB, flush_seconds: int = 60, enabled: bool = True,
                 vocabulary: Optional[Vocabulary] = None):
        self.db_path = db_path
        self.flush_seconds = flush_seconds
        self.enabled = enabled
        self.vocabulary = vocabulary or Vocabulary()
        self._pending: Counter = Counter()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: Optional[threading.Thread] = None
        if enabled:
            ensure_schema(db_path)

    def record(self, event: str, locale: str, country: Optional[str], detail: str = "") -> None:
        if not self.enabled:
            return
        try:
            cell = self.vocabulary.cell(event, locale, country, detail)
        except Exception as error:  # noqa: BLE001 - counting is optional
            logger.error("Counting failed (%s).", type(error).__name__)
            return
        if cell is None:
            return
        key = (dt.date.today().isoformat(), cell[0], cell[1], event, cell[2])
        with self._lock:
            self._pending[key] += 1
        self._ensure_thread()
        if self.flush_seconds <= 0:
            self._wake.set()

    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="signpost-counters", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            self._wake.wait(self.flush_seconds if self.flush_seconds > 0 else None)
            self._wake.clear()
            self.flush()

    def flush(self) -> bool:
        """Write what is pending; on failure keep it for the next flush. True when written."""
        with self._lock:
            pending, self._pending = self._pending, Counter()
        if not pending:
            return True
        try:
            conn = sqlite3.connect(self.db_path, timeout=LOCK_WAIT_SECONDS)
            try:
                with conn:
                    conn.executemany(
                        f"INSERT INTO {TABLE} (day, locale, country, event, detail, count) VALUES (?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (day, locale, country, event, detail) DO UPDATE SET count = count + excluded.count",
                        [(*key, n) for key, n in pending.items()],
                    )
            finally:
                conn.close()
            return True
        except Exception as error:  # noqa: BLE001 - e.g. locked: try again at the next flush
            logger.error("Writing the counters failed (%s); they are kept for the next try.", type(error).__name__)
            with self._lock:
                self._pending.update(pending)
            if self.flush_seconds <= 0:
                time.sleep(1.0)   # a locked database: do not spin
                self._wake.set()
            return False


def ensure_schema(db_path: Path = paths.STATS_DB) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(db_path)
    db.execute(SCHEMA)
    _migrate(db)
    db.conn.close()


def _migrate(db: sqlite_utils.Database) -> None:
    """A table made by an older version has an older CHECK list of events, which would refuse the
    new ones: copy its counts into a table with the current schema (in one transaction, which the
    Rasa server and the action server may race for; the loser finds nothing left to do)."""
    wanted = " ".join(SCHEMA.replace("IF NOT EXISTS ", "").split())

    def current() -> str:
        row = db.conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [TABLE]).fetchone()
        return " ".join(row[0].split())

    if current() == wanted:
        return
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        if current() != wanted:
            conn.execute(f"ALTER TABLE {TABLE} RENAME TO {TABLE}_old")
            conn.execute(SCHEMA)
            conn.execute(f"INSERT INTO {TABLE} SELECT * FROM {TABLE}_old")
            conn.execute(f"DROP TABLE {TABLE}_old")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


SUPPRESSION_THRESHOLD = 10


def rows(db_path: Path = paths.STATS_DB, since: Optional[str] = None) -> list[dict]:
    """Counts per day, language, country, event and detail; cells under 10 are left out.

    A small count, combined with other knowledge, could point to a person, and so could a row
    saying "under 10" (it proves at least one). Left out entirely, a small cell says nothing.
    Rows are summed over any dimension they share before the threshold applies.
    """
    if not db_path.exists():
        return []
    db = sqlite_utils.Database(db_path)
    where, params = ("WHERE day >= ?", [since]) if since else ("", [])
    out = list(db.query(
        f"SELECT day, locale, country, event, detail, SUM(count) AS count FROM {TABLE} {where} "
        "GROUP BY day, locale, country, event, detail HAVING SUM(count) >= ? "
        "ORDER BY day, locale, country, event, detail",
        [*params, SUPPRESSION_THRESHOLD],
    ))
    db.conn.close()
    return out
