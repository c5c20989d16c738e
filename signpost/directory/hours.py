"""Is a service open now, and if not, when does it open? Computed in the service's own time zone."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional
from zoneinfo import ZoneInfo

from signpost.directory.schema import WEEKDAYS  # noqa: F401 - re-exported for the cards


@dataclass(frozen=True)
class Status:
    state: str                      # "always", "open", "closed" or "unknown"
    opens_weekday: Optional[int] = None   # 0 = Monday, in the service's time zone
    opens_at: Optional[str] = None  # "09:00" in the service's time zone


def _spans(weekly: dict, weekday: int) -> list[tuple[dt.time, dt.time]]:
    spans = []
    for span in weekly.get(WEEKDAYS[weekday], []):
        start, end = span.split("-")
        end_time = dt.time(23, 59, 59) if end == "24:00" else dt.time.fromisoformat(end)
        spans.append((dt.time.fromisoformat(start), end_time))
    return sorted(spans)


def status(hours: Optional[dict], now: Optional[dt.datetime] = None) -> Status:
    """`hours` is the stored form: {"timezone", "always_open", "weekly"}."""
    if not hours:
        return Status("unknown")
    if hours.get("always_open"):
        return Status("always")
    local = (now or dt.datetime.now(dt.timezone.utc)).astimezone(ZoneInfo(hours["timezone"]))
    weekly = hours.get("weekly") or {}
    for start, end in _spans(weekly, local.weekday()):
        if start <= local.time() < end:
            return Status("open")
    for offset in range(0, 8):
        day = (local.weekday() + offset) % 7
        for start, _ in _spans(weekly, day):
            if offset == 0 and start <= local.time():
                continue
            return Status("closed", opens_weekday=day, opens_at=start.strftime("%H:%M"))
    return Status("unknown")
