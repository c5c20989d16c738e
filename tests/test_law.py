"""The directory check for the fields of issue 14: dates, reporting policies and law cards."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from signpost import paths
from signpost.directory.law import read_law


def _check(copy) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "signpost.cli", "directory", "check", str(copy)],
                          capture_output=True, text=True, cwd=paths.ROOT)


@pytest.mark.parametrize("file, breakage, expected", [
    ("gb.yaml", lambda s: s.replace("    seen_on: 2026-11-21\n", "    verified_on: 2026-11-21\n", 1),
     r"gb\.yaml:\d+: .*`verified_on` is replaced by `published_on`, `seen_on` and `checked_on`"),
    ("gb.yaml", lambda s: s.replace("    seen_on: 2026-11-21\n", "    checked_on: 2999-01-01\n", 1),
     r"gb\.yaml:\d+: .*`checked_on` is in the future"),
    ("gb.yaml", lambda s: s.replace("    seen_on: 2026-11-21\n", "", 1),
     r"gb\.yaml:\d+: .*needs `published_on` .* or `seen_on`"),
    ("gb.yaml", lambda s: s.replace('      source_url: "https://www.stopitnow.org.uk/helpline/"\n', "", 1),
     r"gb\.yaml:\d+: .*a shown `reporting_policy` needs its own `source_url`"),
    ("gb.yaml", lambda s: s.replace("value: passes_on_risk", "value: tells_everyone", 1),
     r"gb\.yaml:\d+: `value: tells_everyone` is not one of"),
    ("law/de.yaml", lambda s: s.replace("realistic_ai: illegal", "realistic_ai: maybe", 1),
     r"law/de\.yaml:\d+: `realistic_ai: maybe` is not one of"),
    ("law/de.yaml", lambda s: s.replace("seen_on: 2026-12-04", "seen_on: 2999-01-01", 1),
     r"law/de\.yaml:\d+: `seen_on` is in the future"),
    ("law/de.yaml", lambda s: s.replace('source_url: "https://www.bundestag.de', 'source_url: "ftp://x', 1),
     r"law/de\.yaml:\d+: a shown law card needs a `source_url`"),
])
def test_the_check_points_at_the_line_to_fix(tmp_path, file, breakage, expected):
    copy = tmp_path / "directory"
    shutil.copytree(paths.DIRECTORY_DIR, copy)
    target = copy / file
    broken = breakage(target.read_text(encoding="utf-8"))
    assert broken != target.read_text(encoding="utf-8"), "the breakage did not apply"
    target.write_text(broken, encoding="utf-8")
    result = _check(copy)
    assert result.returncode == 1
    assert re.search(expected, result.stderr), result.stderr


def test_every_covered_country_needs_a_law_card(tmp_path):
    copy = tmp_path / "directory"
    shutil.copytree(paths.DIRECTORY_DIR, copy)
    (copy / "law" / "se.yaml").unlink()
    result = _check(copy)
    assert result.returncode == 1 and "SE has no law card" in result.stderr


def test_low_confidence_law_cards_are_never_shown_and_conflicts_are_recorded():
    cards, problems = read_law(paths.DIRECTORY_DIR)
    assert not problems
    by_country = {c.country: c for c in cards}
    assert not by_country["PT"].shown                      # low: the general statement instead
    assert sum(1 for c in cards if c.shown) >= 16
    assert all(c.conflicts for c in cards if c.confidence != "high")
    assert by_country["GB"].cites[0] == "s. 1 Protection of Children Act 1978"
