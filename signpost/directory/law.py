"""Law cards: what each covered country's law says about sexual images of children, from
directory/law/<cc>.yaml.

Only structured fields reach people (which statute, whether realistic AI-generated or drawn images are
covered); the card's sentences come from the `law:` section of locales/. `summary_en`, `conflicts` and
`notes` are for maintainers. A low-confidence card is never shown: the general statement is.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from signpost.directory.reader import Reader, line_of
from signpost.directory.schema import CONFIDENCE, Problem, Provenance, is_shown

LAW_DIR_NAME = "law"
COVERS_REALISTIC_AI = ("illegal", "unclear", "legal")
COVERS_DRAWN = ("illegal", "illegal_if_obscene", "not_for_possession", "unclear", "legal")
AI_TOOLS = ("illegal", "unclear", "not_specific")
SOURCE_KINDS = ("statute", "government", "hotline", "secondary")
SCOPES = ("england_wales",)   # a card that covers only part of the country says so (locales: law.scope.*)
MAX_CITES = 3                 # statutes named on the card

LAW_KEYS = {
    "country", "statutes", "age_limit", "covers", "ai_tools", "scope", "max_penalty_possession", "summary_en",
    "source_url", "source_kind", "published_on", "seen_on", "checked_on", "confidence", "conflicts", "notes",
}
STATUTE_KEYS = {"cite", "title", "url", "in_card"}
COVERS_KEYS = {"real", "realistic_ai", "drawn"}


@dataclass(frozen=True)
class Statute:
    cite: str                 # as lawyers in the country write it; shown verbatim
    title: str
    url: Optional[str]
    in_card: bool = True      # False for case law, bills and definitions that back the card but are not named


@dataclass(frozen=True)
class LawCard:
    country: str
    statutes: tuple[Statute, ...]
    age_limit: Optional[int]
    realistic_ai: str
    drawn: str
    ai_tools: str
    source_url: str
    source_kind: str
    provenance: Provenance
    confidence: str
    scope: Optional[str] = None
    summary_en: str = ""
    conflicts: str = ""
    notes: str = ""
    file: str = ""
    line: int = 0

    @property
    def cites(self) -> tuple[str, ...]:
        return tuple(s.cite for s in self.statutes if s.in_card)[:MAX_CITES]

    @property
    def shown(self) -> bool:
        return is_shown(self.confidence) and bool(self.cites)

    def to_record(self) -> dict:
        """The card as stored in the database (what the actions may use)."""
        return {"country": self.country, "cites": list(self.cites), "age_limit": self.age_limit,
                "realistic_ai": self.realistic_ai, "drawn": self.drawn, "ai_tools": self.ai_tools,
                "scope": self.scope, "source_url": self.source_url, "confidence": self.confidence,
                **self.provenance.as_dict()}


@dataclass(frozen=True)
class ShownLaw:
    """A law card as the actions see it: the shown fields only, read back from the database."""

    country: str
    cites: tuple[str, ...]
    age_limit: Optional[int]
    realistic_ai: str
    drawn: str
    ai_tools: str
    scope: Optional[str]
    source_url: str
    confidence: str
    provenance: Provenance

    @classmethod
    def from_record(cls, record: dict) -> "ShownLaw":
        seen, checked = record.get("seen_on"), record.get("checked_on")
        provenance = Provenance(published_on=record.get("published_on"),
                                seen_on=dt.date.fromisoformat(seen) if seen else None,
                                checked_on=dt.date.fromisoformat(checked) if checked else None)
        fields = {f.name for f in dataclasses.fields(cls)} - {"cites", "provenance"}
        return cls(cites=tuple(record["cites"]), provenance=provenance, **{k: record[k] for k in fields})


def law_dir(directory: Path) -> Path:
    return directory / LAW_DIR_NAME


def _read_card(path: Path) -> tuple[Optional[LawCard], list[Problem]]:
    reader = Reader(path)
    node = reader.mapping("a law card must be a mapping")
    if node is None:
        return None, reader.problems
    reader.unknown_keys(node, LAW_KEYS, "law card")
    country = str(node.get("country", ""))
    if country != path.stem.upper():
        reader.problem(line_of(node, "country") or 1, f"`country: {country}` should be `{path.stem.upper()}`")
    statutes = []
    for item in node.get("statutes") or []:
        if not hasattr(item, "get") or not item.get("cite"):
            reader.problem(line_of(node, "statutes"), "each statute needs a `cite`")
            continue
        reader.unknown_keys(item, STATUTE_KEYS, "statute")
        url = item.get("url")
        if url and not str(url).startswith(("https://", "http://")):
            reader.problem(line_of(item, "url"), f"statute URL {url!r} must be a web address")
        statutes.append(Statute(cite=str(item["cite"]), title=str(item.get("title") or ""),
                                url=str(url) if url else None, in_card=bool(item.get("in_card", True))))
    if not statutes:
        reader.problem(line_of(node), "a law card needs `statutes`")
    covers = node.get("covers") or {}
    if hasattr(covers, "get"):
        reader.unknown_keys(covers, COVERS_KEYS, "covers")
    else:
        covers = {}
    age = node.get("age_limit")   # null when the sources disagree: the card then names no age
    if age is not None and (not isinstance(age, int) or not 12 <= age <= 18):
        reader.problem(line_of(node, "age_limit") or line_of(node), "`age_limit` must be an age (12-18) or null")
        age = None
    card = LawCard(
        country=country,
        statutes=tuple(statutes),
        age_limit=age,
        realistic_ai=reader.enum(covers, "realistic_ai", COVERS_REALISTIC_AI) or "unclear",
        drawn=reader.enum(covers, "drawn", COVERS_DRAWN) or "unclear",
        ai_tools=reader.enum(node, "ai_tools", AI_TOOLS) or "not_specific",
        scope=reader.enum(node, "scope", SCOPES, required=False),
        source_url=str(node.get("source_url") or ""),
        source_kind=reader.enum(node, "source_kind", SOURCE_KINDS) or "secondary",
        provenance=reader.provenance(node),
        confidence=reader.enum(node, "confidence", CONFIDENCE) or "low",
        summary_en=str(node.get("summary_en") or ""),
        conflicts=str(node.get("conflicts") or ""),
        notes=str(node.get("notes") or ""),
        file=str(path),
        line=line_of(node) or 1,
    )
    return card, reader.problems


def read_law(directory: Path) -> tuple[list[LawCard], list[Problem]]:
    cards: list[LawCard] = []
    problems: list[Problem] = []
    for path in sorted(law_dir(directory).glob("*.yaml")):
        card, found = _read_card(path)
        problems += found
        if card:
            cards.append(card)
    return cards, problems


def validate_law(cards: list[LawCard], covered: tuple[str, ...], directory: Path,
                 today: Optional[dt.date] = None) -> list[Problem]:
    """Every covered country has a card; a card that can be shown has a source and an honest date."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    by_country = {c.country: c for c in cards}
    for country in covered:
        if country not in by_country:
            problems.append(Problem(law_dir(directory) / f"{country.lower()}.yaml", 1,
                                    f"{country} has no law card (write one; `confidence: low` if unsure)"))
    for card in cards:
        path = Path(card.file)
        if card.country not in covered:
            problems.append(Problem(path, card.line, f"{card.country} is not a covered country"))
        if is_shown(card.confidence):
            if not card.source_url.startswith(("https://", "http://")):
                problems.append(Problem(path, card.line, "a shown law card needs a `source_url`"))
            if not card.cites:
                problems.append(Problem(path, card.line, "a shown law card needs a statute with `in_card: true`"))
        dates = card.provenance
        if not (dates.published_on or dates.seen_on):
            problems.append(Problem(path, card.line, "needs `published_on` or `seen_on`"))
        for name in ("seen_on", "checked_on"):
            value = getattr(dates, name)
            if value and value > today:
                problems.append(Problem(path, card.line, f"`{name}` is in the future"))
    return problems

