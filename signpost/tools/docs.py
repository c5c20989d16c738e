"""Keeps generated tables in docs/ in step with the data: content between
`<!-- generated:NAME -->` and `<!-- /generated:NAME -->` is replaced by the generator's output."""
from __future__ import annotations

import re
from pathlib import Path


def replace_generated(path: Path, name: str, content: str) -> bool:
    """Replace the named block; returns True when the file changed."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"(<!-- generated:{name} -->)\n?.*?\n?(<!-- /generated:{name} -->)", re.S)
    if not pattern.search(text):
        raise ValueError(f"{path} has no <!-- generated:{name} --> block")
    updated = pattern.sub(lambda m: f"{m.group(1)}\n{content.strip()}\n{m.group(2)}", text)
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    return updated != text


def generated(path: Path, name: str) -> str:
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"<!-- generated:{name} -->\n?(.*?)\n?<!-- /generated:{name} -->", text, re.S)
    return match.group(1).strip() if match else ""
