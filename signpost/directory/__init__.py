"""The services directory: YAML source files in directory/, built into SQLite, looked up by the actions."""
from __future__ import annotations

from pathlib import Path

from signpost import paths
from signpost.directory.lookup import Directory, emergency_table  # noqa: F401

INTERNATIONAL_FILE = "international"


def covered_countries(directory: Path = paths.DIRECTORY_DIR) -> tuple[str, ...]:
    """The countries Signpost covers: one file each in directory/ (gb.yaml -> GB)."""
    return tuple(sorted(p.stem.upper() for p in directory.glob("*.yaml") if p.stem != INTERNATIONAL_FILE))
