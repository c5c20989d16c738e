"""The documentation matches the code (issue: architecture): every command is documented, and the
README's map of the repository names every folder there is."""
from __future__ import annotations

import re
import subprocess
import sys

from signpost import paths
from signpost.cli import build_parser

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> list[str]:
    subparsers = build_parser()._subparsers._group_actions[0]
    return sorted(subparsers.choices)


def test_every_command_is_in_the_readme():
    missing = [c for c in commands() if f"`signpost {c}" not in README]
    assert missing == []


def test_every_command_has_help():
    for command in commands():
        result = subprocess.run([sys.executable, "-m", "signpost.cli", command, "--help"], capture_output=True,
                                text=True, cwd=paths.ROOT, timeout=120)
        assert result.returncode == 0 and "usage:" in result.stdout, command


def test_the_readme_map_names_every_folder():
    tracked = subprocess.run(["git", "ls-files"], capture_output=True, text=True, cwd=paths.ROOT).stdout.split()
    folders = {path.split("/")[0] for path in tracked if "/" in path}
    mapped = set(re.findall(r"^\| `([\w.-]+)/", README, re.M))
    assert folders <= mapped, f"not in the README's map: {sorted(folders - mapped)}"
    assert mapped <= folders, f"in the map but not in the repository: {sorted(mapped - folders)}"
