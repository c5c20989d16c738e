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
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import numpy as np
import yaml
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from signpost import paths
from signpost.nlu.text import normalise
from signpost.vocabulary import CATEGORY_INTENT, SAFETY_CATEGORIES

CATEGORIES = SAFETY_CATEGORIES
GAP = "..."
MAX_GAP_WORDS = 3


def _allowed_typos(word: str) -> int:
    if len(word) >= 8:
        return 2
    if len(word) >= 4:
        return 1
    return 0


class _WordIndex:
    """Which words of one message each distinct pattern word matches.

    All distinct pattern words are compared with all words of the message in bulk with rapidfuzz's
    `cdist` (in C), so a message is checked against thousands of patterns in a few milliseconds.
    """

    def __init__(self, tokens: Iterable[str]):
        self.exact: dict[int, list[str]] = {0: [], 1: [], 2: []}
        self.prefix_short: list[str] = []          # stems under 5 letters: exact prefix only
        self.prefix_fuzzy: dict[int, list[str]] = {}  # stem length -> stems (one typo allowed)
        self.suffix: list[str] = []
        self.infix: list[str] = []
        for token in set(tokens):
            if token.startswith("*") and token.endswith("*") and len(token) > 1:
                self.infix.append(token)
            elif token.endswith("*"):
                stem = token[:-1]
                if len(stem) >= 5:
                    self.prefix_fuzzy.setdefault(len(stem), []).append(token)
                else:
                    self.prefix_short.append(token)
            elif token.startswith("*"):
                self.suffix.append(token)
            else:
                self.exact[_allowed_typos(token)].append(token)

    def positions(self, words: list[str]) -> dict[str, set[int]]:
        """pattern token -> indices of the message words it matches."""
        found: dict[str, set[int]] = {}
        if not words:
            return found
        unique = sorted(set(words))
        where = {w: {i for i, x in enumerate(words) if x == w} for w in unique}

        def add(token: str, word: str) -> None:
            found.setdefault(token, set()).update(where[word])

        for typos, tokens in self.exact.items():
            if not tokens:
                continue
            if typos == 0:
                for token in tokens:
                    if token in where:
                        add(token, token)
                continue
            matrix = cdist(tokens, unique, scorer=OSA.distance, score_cutoff=typos, workers=1)
            for row, col in zip(*np.nonzero(matrix <= typos)):
                add(tokens[row], unique[col])
        prefixes = {}
        for word in unique:
            for size in range(1, len(word) + 1):
                prefixes.setdefault(word[:size], []).append(word)
        for token in self.prefix_short:
            for word in prefixes.get(token[:-1], ()):
                add(token, word)
        for length, tokens in self.prefix_fuzzy.items():
            heads = [(w[:size], w) for w in unique for size in (length - 1, length, length + 1)
                     if len(w) >= size]
            if not heads:
                continue
            matrix = cdist([t[:-1] for t in tokens], [h for h, _ in heads], scorer=OSA.distance,
                           score_cutoff=1, workers=1)
            for row, col in zip(*np.nonzero(matrix <= 1)):
                add(tokens[row], heads[col][1])
        for token in self.suffix:
            for word in unique:
                if word.endswith(token[1:]):
                    add(token, word)
        for token in self.infix:
            for word in unique:
                if token.strip("*") in word:
                    add(token, word)
        return found


@lru_cache(maxsize=None)
def _joined_form(words: tuple[str, ...]) -> str:
    plain = len(words) > 1 and all(w != GAP and "*" not in w for w in words)
    literal = "".join(words)
    return literal if plain and len(literal) >= 8 else ""


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

    def _match_at(self, positions: dict[str, set[int]], size: int, start: int, index: int = 0) -> bool:
        if index == len(self.words):
            return True
        token = self.words[index]
        if token == GAP:
            return any(
                self._match_at(positions, size, start + skip, index + 1)
                for skip in range(0, MAX_GAP_WORDS + 1)
                if start + skip <= size
            )
        if start not in positions.get(token, ()):
            return False
        return self._match_at(positions, size, start + 1, index + 1)

    def matches(self, positions: dict[str, set[int]], size: int, joined: str) -> bool:
        if not self.words:
            return False
        starts = range(size) if self.words[0] == GAP else sorted(positions.get(self.words[0], ()))
        if any(self._match_at(positions, size, i) for i in starts):
            return True
        return bool(self.joined) and self.joined in joined

    @property
    def joined(self) -> str:
        """The pattern with its spaces removed, when it is long and plain enough to match that way."""
        return _joined_form(self.words)


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
        self._index = _WordIndex(w for p in self.patterns for w in p.words if w != GAP)
        # Only patterns whose first word occurs in a message need a closer look.
        self._by_first: dict[str, list[Pattern]] = {}
        for pattern in self.patterns:
            if pattern.words:
                self._by_first.setdefault(pattern.words[0], []).append(pattern)
        self._joined = [(p.joined, p) for p in self.patterns if p.joined]

    @classmethod
    def from_directory(cls, directory: Path = paths.SAFETY_DIR) -> "SafetyMatcher":
        return cls(load_patterns(directory))

    def check(self, text: str) -> Verdict:
        found = {p.category for p in self.explain(text)}
        return Verdict(tuple(c for c in CATEGORIES if c in found))

    def explain(self, text: str) -> list[Pattern]:
        """Which patterns matched: for `signpost eval` and for translators testing their patterns."""
        words = normalise(text).split()
        positions = self._index.positions(words)
        joined = "".join(words)
        candidates = {id(p): p for token in (*positions, GAP) for p in self._by_first.get(token, ())}
        matched = {id(p): p for p in candidates.values() if p.matches(positions, len(words), "")}
        matched.update({id(p): p for form, p in self._joined if form in joined})
        return [p for p in self.patterns if id(p) in matched]


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
