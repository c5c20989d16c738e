"""The safety net: phrase patterns, maintained by translators, that catch urgent messages.

Patterns live in locales/safety/<locale>.yml. A pattern is plain words, matched after normalising
case, accents, punctuation and spacing, with a little tolerance for typos:
  - `word*`  any word starting with "word"      (`suicid*` matches suicide, suicidal)
  - `*word`  any word ending with "word"        (useful for Arabic prefixes)
  - `...`    up to three words of anything      (`want ... die` matches "want to just die")
  - words of four letters or more may contain one typo (two from eight letters), via rapidfuzz;
  - a pattern of eight letters or more also matches with its spaces missing ("killmyself").
Every locale's patterns are applied to every message: someone may write in a language other than
the one the conversation is in.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

import yaml
from rapidfuzz.distance import OSA

from bot import paths
from bot.text import normalise

# Highest priority first: a child in danger > suicide/self-harm > everything else.
CATEGORIES = (
    "child_in_danger",
    "crisis",
    "content_request",
    "young_person",
    "imagery_use",
    "imagery_found",
)
CATEGORY_INTENT = {
    "child_in_danger": "child_in_danger",
    "crisis": "crisis",
    "content_request": "request_sexual_content",
    "young_person": "need_young_person",
    "imagery_use": "need_viewed_images",
    "imagery_found": "need_report_images",
}
GAP = "..."
MAX_GAP_WORDS = 3


def _allowed_typos(word: str) -> int:
    if len(word) >= 8:
        return 2
    if len(word) >= 4:
        return 1
    return 0


def _word_matches(pattern: str, word: str) -> bool:
    if pattern.endswith("*") and pattern.startswith("*"):
        return pattern.strip("*") in word
    if pattern.endswith("*"):
        stem = pattern[:-1]
        if word.startswith(stem):
            return True
        if len(stem) < 5:
            return False
        return any(
            OSA.distance(stem, word[:size], score_cutoff=1) <= 1
            for size in (len(stem) - 1, len(stem), len(stem) + 1)
        )
    if pattern.startswith("*"):
        return word.endswith(pattern[1:])
    if word == pattern:
        return True
    allowed = _allowed_typos(pattern)
    return allowed > 0 and abs(len(word) - len(pattern)) <= allowed and \
        OSA.distance(pattern, word, score_cutoff=allowed) <= allowed


@dataclass(frozen=True)
class Pattern:
    source: str          # as the translator wrote it
    words: tuple[str, ...]
    locale: str
    category: str

    @classmethod
    def parse(cls, source: str, locale: str, category: str) -> "Pattern":
        words: list[str] = []
        for raw in source.split():
            if raw == GAP:
                words.append(GAP)
                continue
            parts = normalise(raw.strip("*")).split()  # "can't" becomes "can t", like the text
            if not parts:
                continue
            if raw.startswith("*"):
                parts[0] = "*" + parts[0]
            if raw.endswith("*"):
                parts[-1] += "*"
            words.extend(parts)
        return cls(source, tuple(words), locale, category)

    def _match_at(self, words: list[str], start: int, index: int = 0) -> bool:
        if index == len(self.words):
            return True
        token = self.words[index]
        if token == GAP:
            return any(
                self._match_at(words, start + skip, index + 1)
                for skip in range(0, MAX_GAP_WORDS + 1)
                if start + skip <= len(words)
            )
        if start >= len(words) or not _word_matches(token, words[start]):
            return False
        return self._match_at(words, start + 1, index + 1)

    def matches(self, words: list[str], joined: str) -> bool:
        if any(self._match_at(words, i) for i in range(len(words))):
            return True
        literal = "".join(w for w in self.words if w != GAP and "*" not in w)
        plain = len(literal) >= 8 and all(w != GAP and "*" not in w for w in self.words)
        return plain and len(self.words) > 1 and literal in joined


@dataclass(frozen=True)
class Verdict:
    categories: tuple[str, ...]   # matched categories, highest priority first

    @property
    def top(self) -> Optional[str]:
        return self.categories[0] if self.categories else None

    @property
    def intent(self) -> Optional[str]:
        return CATEGORY_INTENT[self.top] if self.top else None


class SafetyMatcher:
    def __init__(self, patterns: Iterable[Pattern]):
        self.patterns = list(patterns)

    @classmethod
    def from_directory(cls, directory: Path = paths.SAFETY_DIR) -> "SafetyMatcher":
        return cls(load_patterns(directory))

    def check(self, text: str) -> Verdict:
        words = normalise(text).split()
        joined = "".join(words)
        found = {p.category for p in self.patterns if p.matches(words, joined)}
        return Verdict(tuple(c for c in CATEGORIES if c in found))

    def explain(self, text: str) -> list[Pattern]:
        """Which patterns matched: for `signpost eval` and for translators testing their patterns."""
        words = normalise(text).split()
        joined = "".join(words)
        return [p for p in self.patterns if p.matches(words, joined)]


def read_pattern_file(path: Path) -> tuple[str, dict[str, list[str]]]:
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if len(document) != 1:
        raise ValueError(f"{path}: expected one top-level key, the locale code")
    locale, categories = next(iter(document.items()))
    return str(locale), categories or {}


def load_patterns(directory: Path = paths.SAFETY_DIR) -> list[Pattern]:
    patterns = []
    for path in sorted(directory.glob("*.yml")):
        locale, categories = read_pattern_file(path)
        for category, sources in categories.items():
            if category not in CATEGORIES:
                raise ValueError(f"{path}: unknown category {category!r} (use {', '.join(CATEGORIES)})")
            patterns.extend(Pattern.parse(str(s), locale, category) for s in sources or [])
    return patterns
