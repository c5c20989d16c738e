"""The conversation stories in tests/test_stories.yml, run by Rasa's own `rasa test` against the
trained model (through Signpost's privacy-hardened entry point)."""
from __future__ import annotations

import subprocess

from signpost import paths
from signpost.server.processes import server_command

STORIES = paths.STORIES_DIR / "test_stories.yml"


def test_every_story_is_followed(built, tmp_path):
    result = subprocess.run(
        server_command("rasa", "test", "core", "--model", str(paths.MODEL_FILE), "--stories", str(STORIES),
                       "--out", str(tmp_path), "--fail-on-prediction-errors", "--quiet"),
        cwd=paths.ROOT, capture_output=True, text=True, timeout=600)
    failed = (tmp_path / "failed_test_stories.yml")
    details = failed.read_text() if failed.exists() else result.stdout[-3000:] + result.stderr[-3000:]
    assert result.returncode == 0, details
