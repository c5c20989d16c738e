"""Aggregate counters: how many conversations, needs, services shown, escalations and exits per
day, language and country. Nothing finer than a day, no identifiers, no text.

The table's CHECK constraints make that a property of the database, not just of this code: a value
that is not a day, a language code, a country code or a word from the fixed vocabularies below
cannot be stored at all.
"""
from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Optional

import sqlite_utils

from signpost import paths

EVENTS = ("conversation_started", "need_chosen", "service_shown", "escalation", "exit",
          # The platform intercept's funnel (signpost/intercept.py), each with the reason as detail.
          "warning_shown", "chat_opened", "contact_chosen")
UNKNOWN_COUNTRY = "--"
TABLE = "daily_counts"

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


class Counters:
    """Buffers increments in memory and adds them to SQLite every `flush_seconds` (0 = at once)."""

    def __init__(self, db_path: Path = paths.STATS_DB, flush_seconds: int = 60, enabled: bool = True):
        self.db_path = db_path
        self.flush_seconds = flush_seconds
        self.enabled = enabled
        self._pending: Counter = Counter()
        self._lock = threading.Lock()
        self._last_flush = time.monotonic()
        if enabled:
            ensure_schema(db_path)

    def record(self, event: str, locale: str, country: Optional[str], detail: str = "") -> None:
        if not self.enabled:
            return
        if event not in EVENTS:
            raise ValueError(f"unknown event {event!r}")
        country = country if country and len(country) == 2 and country.isalpha() else UNKNOWN_COUNTRY
        key = (dt.date.today().isoformat(), locale, country, event, detail)
        with self._lock:
            self._pending[key] += 1
            due = time.monotonic() - self._last_flush >= self.flush_seconds
        if due:
            self.flush()

    def flush(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, Counter()
            self._last_flush = time.monotonic()
        if not pending:
            return
        db = sqlite_utils.Database(self.db_path)
        with db.conn:
            db.conn.executemany(
                f"INSERT INTO {TABLE} (day, locale, country, event, detail, count) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (day, locale, country, event, detail) DO UPDATE SET count = count + excluded.count",
                [(*key, n) for key, n in pending.items()],
            )
        db.conn.close()


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
    """Counts per day, language, country, event and detail, with cells under 10 suppressed.

    Suppressed cells read "<10": a small count, combined with other knowledge, could point to a
    person. Rows are summed over any dimension they share before suppression.
    """
    if not db_path.exists():
        return []
    db = sqlite_utils.Database(db_path)
    where, params = ("WHERE day >= ?", [since]) if since else ("", [])
    out = []
    for row in db.query(
        f"SELECT day, locale, country, event, detail, SUM(count) AS count FROM {TABLE} {where} "
        "GROUP BY day, locale, country, event, detail ORDER BY day, locale, country, event, detail",
        params,
    ):
        row["count"] = row["count"] if row["count"] >= SUPPRESSION_THRESHOLD else f"<{SUPPRESSION_THRESHOLD}"
        out.append(row)
    db.conn.close()
    return out
