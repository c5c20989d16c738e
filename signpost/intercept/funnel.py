"""The platform intercept's funnel, read from the aggregate counters: warnings shown -> chats opened
-> a service contact chosen, per language, country and reason (docs/platforms.md).

Counts are summed over the period first and suppressed after, as `signpost stats` does: a row whose
warnings are under the threshold is left out, and a later step under it reads "–" (fewer than 10,
or none: it proves nothing) and gets no rate, since a small count could point to a person.
`html_report()` draws the same numbers as a static page with SVG bars: no script, nothing loaded.
"""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Optional

import sqlite_utils

from signpost import paths
from signpost.counters import SUPPRESSION_THRESHOLD, TABLE

STEPS = ("warning_shown", "chat_opened", "contact_chosen")
STEP_NAMES = {"warning_shown": "warnings shown", "chat_opened": "chats opened",
              "contact_chosen": "contacts chosen"}
SMALL = "–"   # fewer than the threshold, or none: never "<10", which proves one event at least


def _suppress(count: int) -> int | str:
    return count if count >= SUPPRESSION_THRESHOLD else SMALL


def _rate(part: int | str, whole: int | str) -> str:
    if isinstance(part, str) or isinstance(whole, str) or not whole:
        return ""
    return f"{100 * part / whole:.1f}%"


def funnel(db_path: Path = paths.STATS_DB, since: Optional[str] = None) -> list[dict]:
    """An "all" row, one row per reason (locale and country "all"), then one per language, country
    and reason; each summed from the raw counts before it is suppressed."""
    if not db_path.exists():
        return []
    db = sqlite_utils.Database(db_path)
    where = f"WHERE event IN ({', '.join('?' for _ in STEPS)})" + (" AND day >= ?" if since else "")
    params = [*STEPS, *([since] if since else [])]
    groups: dict[tuple, dict[str, int]] = {}
    reasons: dict[tuple, dict[str, int]] = {}
    total = {step: 0 for step in STEPS}
    for row in db.query(f"SELECT locale, country, detail, event, SUM(count) AS n FROM {TABLE} {where} "
                        "GROUP BY locale, country, detail, event", params):
        for table, key in ((groups, (row["locale"], row["country"], row["detail"])),
                           (reasons, ("all", "all", row["detail"]))):
            table.setdefault(key, {step: 0 for step in STEPS})[row["event"]] += row["n"]
        total[row["event"]] += row["n"]
    db.conn.close()
    if not groups:
        return []
    out = []
    for (locale, country, reason), counts in [(("all", "all", "all"), total), *sorted(reasons.items()),
                                              *sorted(groups.items())]:
        if counts["warning_shown"] < SUPPRESSION_THRESHOLD:
            continue
        shown, opened, chosen = (_suppress(counts[step]) for step in STEPS)
        out.append({"locale": locale, "country": country, "reason": reason,
                    "warning_shown": shown, "chat_opened": opened, "contact_chosen": chosen,
                    "opened_rate": _rate(opened, shown), "chosen_rate": _rate(chosen, shown)})
    return out


COLUMNS = ["locale", "country", "reason", "warning_shown", "chat_opened", "contact_chosen",
           "opened_rate", "chosen_rate"]

BAR_WIDTH, BAR_HEIGHT, GAP, LABEL_WIDTH = 420, 28, 10, 150
REPORT_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;max-width:60rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;margin:1rem 0}th,td{padding:.25rem .6rem;border-bottom:1px solid #ccc;text-align:end}
th:nth-child(-n+3),td:nth-child(-n+3){text-align:start}figure{margin:1rem 0 2rem}svg text{font:14px system-ui,sans-serif}
""".strip()


def _bars(row: dict, title: str) -> str:
    """Three horizontal bars, widths relative to the warnings shown; a suppressed cell has no bar."""
    top = row["warning_shown"] if isinstance(row["warning_shown"], int) else 0
    height = len(STEPS) * (BAR_HEIGHT + GAP)
    parts = [f'<svg role="img" aria-label="{escape(title)}" width="{LABEL_WIDTH + BAR_WIDTH + 120}" '
             f'height="{height}" viewBox="0 0 {LABEL_WIDTH + BAR_WIDTH + 120} {height}" '
             'xmlns="http://www.w3.org/2000/svg">']
    for index, step in enumerate(STEPS):
        value, y = row[step], index * (BAR_HEIGHT + GAP)
        width = round(BAR_WIDTH * value / top) if isinstance(value, int) and top else 0
        label = f"{value}" + (f" ({row['opened_rate' if step == 'chat_opened' else 'chosen_rate']})"
                              if step != "warning_shown" and isinstance(value, int) and top else "")
        parts.append(f'<text x="0" y="{y + 19}">{STEP_NAMES[step]}</text>'
                     f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(width, 1)}" height="{BAR_HEIGHT}" fill="#1d4e89"/>'
                     f'<text x="{LABEL_WIDTH + max(width, 1) + 8}" y="{y + 19}">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def html_report(rows: list[dict], since: Optional[str] = None) -> str:
    """A self-contained page: the overall funnel and one per reason as bars, then the table."""
    period = f"since {escape(since)}" if since else "all days counted"
    sections = []
    if rows:
        sections.append(f"<h2>All intercepts</h2><figure>{_bars(rows[0], 'Funnel of all intercepts')}</figure>")
        for row in rows[1:]:
            if row["locale"] == "all":
                title = f"Funnel for {row['reason']}"
                sections.append(f"<h2>Reason: {escape(row['reason'])}</h2><figure>{_bars(row, title)}</figure>")
        head = "".join(f"<th scope=\"col\">{escape(c)}</th>" for c in COLUMNS)
        body = "".join("<tr>" + "".join(f"<td>{escape(str(r[c]))}</td>" for c in COLUMNS) + "</tr>" for r in rows)
        sections.append(f"<h2>Every language, country and reason</h2><table><thead><tr>{head}</tr></thead>"
                        f"<tbody>{body}</tbody></table>")
    else:
        sections.append("<p>No intercepts counted yet.</p>")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>Signpost intercept funnel</title>\n<style>{REPORT_STYLE}</style>\n</head>\n<body>\n<main>\n"
            f"<h1>Signpost intercept funnel</h1>\n<p>Warnings shown, chats opened and service contacts chosen, "
            f"{period}. Rows with fewer than {SUPPRESSION_THRESHOLD} warnings are left out; a later step under {SUPPRESSION_THRESHOLD} is shown as {escape(SMALL)} and gets no bar or rate. "
            "Phone calls from the warning page are not counted (a tel: link is followed directly).</p>\n"
            + "\n".join(sections) + "\n</main>\n</body>\n</html>\n")
