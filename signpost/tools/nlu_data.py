"""Reading Rasa NLU training files (data/nlu/, evaluation/nlu/): one file per locale."""
from __future__ import annotations

from pathlib import Path

import yaml


def read_examples(path: Path) -> list[tuple[str, str]]:
    """[(text, intent), ...] in file order; blocks other than intents (synonyms, lookups) are skipped."""
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    examples = []
    for block in document.get("nlu") or []:
        if "intent" not in block:
            continue
        for line in str(block.get("examples", "")).splitlines():
            if line.strip().startswith("- "):
                examples.append((line.strip()[2:], block["intent"]))
    return examples


def examples_per_locale(directory: Path) -> dict[str, list[tuple[str, str]]]:
    """{locale: [(text, intent), ...]} for every `<locale>.yml` in `directory`."""
    return {path.stem: read_examples(path) for path in sorted(directory.glob("*.yml"))}
