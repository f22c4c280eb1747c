"""Dates at their true precision: a year, a month or a day, bounded to the brief's world.

A date of the data is refused, with a named error, if its year is before EARLIEST_YEAR (no year
0, no 1066: the brief's world is modern Japan and Russia), or if it falls after the edition's own
date (data/citation.yml, `edition.date`) and its entry gives no reason for it (`check_not_after`).
SOURCE_DATE_EPOCH, which fixes the build's date, is checked here too (`source_date_epoch`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any

from edition.errors import DataError, EditionError

DATE_RE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")
EARLIEST_YEAR = 1850  # before the first Japan–Russia treaty (Shimoda, 1855): no date of the data is older
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
    if year < EARLIEST_YEAR:
        raise DataError(f"{where}: {name} '{text}' is before {EARLIEST_YEAR}, the earliest year the "
                        "edition's data may give (edition.dates.EARLIEST_YEAR)")
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


def check_not_after(date: PartialDate, latest: str | None, where: str, name: str,
                    reason_field: str, has_reason: bool) -> None:
    """A date after the edition's own date (`latest`, YYYY-MM-DD) is refused unless the entry gives
    its reason in `reason_field` (`has_reason`)."""
    if not latest or has_reason:
        return
    y, m, d = (int(p) for p in latest.split("-"))
    if date.sort_key > (y, m, d):
        raise DataError(f"{where}: {name} '{date.iso}' is after the edition's own date ({latest}, "
                        "data/citation.yml): a date the edition cannot yet have seen needs its "
                        f"reason in '{reason_field}'")


def source_date_epoch(value: str | None) -> int | None:
    """SOURCE_DATE_EPOCH (the build's date, in whole seconds since 1970-01-01 UTC) as a number, None
    if unset; a value that is not one raises EditionError with a one-line message."""
    if value is None or value == "":
        return None
    text = value.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 11:
        raise EditionError(f"SOURCE_DATE_EPOCH {value!r} is not a whole number of seconds since "
                           "1970-01-01 UTC (e.g. 1764028800; `git log -1 --format=%ct` gives the "
                           "commit's); unset it to use the commit's date")
    return int(text)
