"""Stats record only what is known and show no small cells (issue 15: M4, L4). Real servers."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

import pytest

from signpost import paths
from tests.servers import start_signpost
from tests.support import Chat, payloads


@pytest.fixture(scope="module")
def running(built, tmp_path_factory):
    var = tmp_path_factory.mktemp("stats-var")
    signpost = start_signpost(tmp_path_factory.mktemp("stats-logs"), extra_env={"SIGNPOST_VAR_DIR": str(var)})
    signpost.var = var
    yield signpost
    signpost.servers.stop()


def recorded(var) -> list[tuple]:
    time.sleep(1.0)   # counters are written by a background thread
    with sqlite3.connect(var / "stats.db") as conn:
        return conn.execute("SELECT locale, country, event, detail, count FROM daily_counts").fetchall()


def test_made_up_countries_are_neither_accepted_nor_counted(running):
    """L4/M4: `/choose_country{"country":"XX"}` was accepted and counted; so were KP and XX as metadata."""
    chat = Chat(running.base_url, country=None)
    chat.say("/need_report_images")
    answer = chat.say('/choose_country{"country":"XX"}')
    assert '/choose_country{"country":"GB"}' in payloads(answer), "the country question is asked again"
    Chat(running.base_url, country="KP").say("i want to kill myself")
    Chat(running.base_url, country="XX").say("/need_own_thoughts")
    countries = {row[1] for row in recorded(running.var)}
    assert countries <= {"--", "GB"} and "XX" not in countries and "KP" not in countries
    # A known country is still counted as itself.
    Chat(running.base_url, country="GB").say("i want to kill myself")
    assert ("en", "GB", "escalation", "crisis", 1) in recorded(running.var)


def test_stats_show_no_small_cells(running):
    """M4: suppressed cells appeared as "<10", proving at least one event that day."""
    for _ in range(10):
        Chat(running.base_url, country="DE").say("hello")
    rows = recorded(running.var)
    assert any(count < 10 for *_, count in rows)   # small cells exist in the database...
    env = {**os.environ, "SIGNPOST_VAR_DIR": str(running.var), "PYTHONPATH": str(paths.ROOT)}
    for fmt in ("table", "csv"):
        out = subprocess.run([sys.executable, "-m", "signpost.cli", "stats", "--format", fmt], env=env,
                             capture_output=True, text=True, check=True, cwd=paths.ROOT).stdout
        assert "<10" not in out                    # ...but none is shown, not even as "<10"
        assert "conversation_started" in out and "DE" in out
        assert "KP" not in out and "XX" not in out
