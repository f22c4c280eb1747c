"""Dates at their true precision: a year, a month or a day."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any

from edition.errors import DataError

DATE_RE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        """YYYY, YYYY-MM or YYYY-MM-DD: what an HTML <time datetime> takes."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def display(self) -> str:
        """As the brief writes dates: October 31, 2014; December 2016; 1956."""
        if self.day:
            return f"{MONTHS[self.month - 1]} {self.day}, {self.year}"
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def csl(self) -> list[int]:
        """CSL-JSON date-parts."""
        return [p for p in (self.year, self.month, self.day) if p]


def parse_date(value: Any, where: str, name: str = "date") -> PartialDate:
    """YYYY, YYYY-MM or YYYY-MM-DD (a bare year may come as int; edition.yamlio keeps dates as text)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}"
    elif hasattr(value, "isoformat"):
        value = value.isoformat()
    text = str(value)
    m = DATE_RE.match(text) if isinstance(value, str) else None
    bad = DataError(f"{where}: {name} '{text}' is not YYYY, YYYY-MM or YYYY-MM-DD")
    if not m:
        raise bad
    year, month, day = int(m["y"]), m["m"] and int(m["m"]), m["d"] and int(m["d"])
    if month is not None and not 1 <= month <= 12:
        raise bad
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise bad
    return PartialDate(year, month or None, day or None)


def date_range(start: PartialDate, end: PartialDate | None) -> str:
    """December 15–16, 2016; March 2014; 1945."""
    if end is None:
        return start.display
    if start.precision == end.precision == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{MONTHS[start.month - 1]} {start.day}–{end.day}, {start.year}"
    if start.year == end.year and start.day and end.day:
        return f"{MONTHS[start.month - 1]} {start.day} – {MONTHS[end.month - 1]} {end.day}, {start.year}"
    return f"{start.display} – {end.display}"
