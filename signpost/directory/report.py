"""The maintainers' report: what needs re-checking, what is hidden, and coverage per country."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from signpost.directory import covered_countries
from signpost.directory.check import REVERIFY_AFTER_DAYS
from signpost.directory.law import read_law
from signpost.directory.reader import read_directory
from signpost.directory.schema import KINDS, WORLDWIDE, is_shown

# Coverage columns, most urgent first: every kind of the schema.
NEED_KINDS = ("emergency_number", "crisis_line", "child_helpline", "reporting_hotline", "prevention_service",
              "family_support")
assert set(NEED_KINDS) == set(KINDS)
SHORT = {"emergency_number": "emergency", "crisis_line": "crisis", "child_helpline": "youth",
         "reporting_hotline": "reporting", "prevention_service": "prevention", "family_support": "family"}


def coverage_table(directory: Path) -> str:
    """Countries × kinds: how many contacts are shown (✓n), or only hidden low-confidence ones (low)."""
    contacts, _ = read_directory(directory)
    international = {k: sum(1 for c in contacts if WORLDWIDE in c.countries and c.kind == k and is_shown(c.confidence))
                     for k in KINDS}
    lines = ["| country | " + " | ".join(SHORT[k] for k in NEED_KINDS) + " |",
             "|---|" + "---|" * len(NEED_KINDS)]
    for country in covered_countries(directory):
        cells = []
        for kind in NEED_KINDS:
            here = [c for c in contacts if country in c.countries and c.kind == kind]
            shown = sum(1 for c in here if is_shown(c.confidence))
            cells.append(f"✓ {shown}" if shown else ("low only" if here else "–"))
        lines.append(f"| {country} | " + " | ".join(cells) + " |")
    lines.append("| worldwide | " + " | ".join(f"✓ {international[k]}" if international[k] else "–"
                                             for k in NEED_KINDS) + " |")
    return "\n".join(lines)


def _dates(dates) -> str:
    parts = [f"checked {dates.checked_on.isoformat()}" if dates.checked_on else "never checked by a person"]
    if dates.published_on:
        parts.append(f"source published {dates.published_on}")
    if dates.seen_on:
        parts.append(f"seen {dates.seen_on.isoformat()}")
    return "; ".join(parts)


def follow_up_table(directory: Path) -> str:
    """Per country: prevention services with known hours and a stated reporting policy, and the law card."""
    contacts, _ = read_directory(directory)
    law = {c.country: c for c in read_law(directory)[0]}
    lines = ["| country | prevention services | with hours | with reporting policy | law card |",
             "|---|---|---|---|---|"]
    for country in covered_countries(directory):
        here = [c for c in contacts if country in c.countries and c.kind == "prevention_service"
                and is_shown(c.confidence)]
        hours = sum(1 for c in here if c.hours and is_shown(c.hours.confidence))
        policy = sum(1 for c in here if c.reporting_policy and is_shown(c.reporting_policy.confidence)
                     and c.reporting_policy.value != "unknown")
        card = law.get(country)
        cell = "–" if card is None else (f"{', '.join(card.cites)} ({card.confidence})" if card.shown
                                         else f"hidden ({card.confidence}): general statement")
        lines.append(f"| {country} | {len(here)} | {hours} | {policy} | {cell} |")
    return "\n".join(lines)


def report(directory: Path, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    contacts, problems = read_directory(directory)
    # Due for a person's check: shown contacts never checked by a person, or checked over a year ago.
    due = sorted((c for c in contacts if is_shown(c.confidence) and (
        c.provenance.checked_on is None or (today - c.provenance.checked_on).days > REVERIFY_AFTER_DAYS)),
        key=lambda c: (c.provenance.checked_on or dt.date.min, c.file, c.line))
    law_cards, _ = read_law(directory)
    low_contacts = [c for c in contacts if not is_shown(c.confidence)]
    low_channels = [(c, ch) for c in contacts if is_shown(c.confidence) for ch in c.channels
                    if not is_shown(ch.confidence)]
    out = [f"# Directory report ({today.isoformat()})", "",
           f"{len(contacts)} contacts; {len(contacts) - len(low_contacts)} shown, {len(low_contacts)} hidden "
           f"(low confidence).", ""]
    if problems:
        out += ["## Problems", ""] + [f"- {p}" for p in problems] + [""]
    out += [f"## Due for a check by a person (never checked, or more than {REVERIFY_AFTER_DAYS} days ago): "
            f"{len(due)}", ""]
    out += [f"- {c.id} ({c.name}): {_dates(c.provenance)}, {Path(c.file).name}:{c.line}" for c in due]
    due_law = [c for c in law_cards if c.provenance.checked_on is None
               or (today - c.provenance.checked_on).days > REVERIFY_AFTER_DAYS]
    out += ["", f"## Law cards due for a check by a person: {len(due_law)}", ""]
    out += [f"- {c.country} ({c.confidence}{', hidden' if not c.shown else ''}): {_dates(c.provenance)}, "
            f"law/{Path(c.file).name}" for c in due_law]
    out += ["", f"## Hidden: low-confidence contacts ({len(low_contacts)})", ""]
    out += [f"- {c.id} ({c.name}), {Path(c.file).name}:{c.line}" + (f": {c.notes}" if c.notes else "")
            for c in low_contacts]
    out += ["", f"## Hidden: low-confidence channels of shown contacts ({len(low_channels)})", ""]
    out += [f"- {c.id}: {ch.type} {ch.display or ch.url or ch.address or ''}, {Path(c.file).name}:{ch.line}"
            for c, ch in low_channels]
    out += ["", "## Coverage (shown contacts per country and kind)", "", coverage_table(directory), ""]
    out += ["## Follow-up facts and law cards per country", "", follow_up_table(directory), ""]
    return "\n".join(out)
