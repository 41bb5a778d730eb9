"""Dates people say ("yesterday", "3 days ago", "last week", "monday", "2024-05-01") as IMAP dates."""

from __future__ import annotations

import datetime
import re

import nlsh

__all__ = ["imap_date", "parse_day"]

_UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def parse_day(text: str, today: datetime.date) -> datetime.date:
    said = text.strip().lower()
    if said in ("today", "this morning"):
        return today
    if said == "yesterday":
        return today - datetime.timedelta(days=1)
    found = re.fullmatch(r"(?:the )?(?:last|past) (\d+ )?(day|week|month|year)s?", said)
    if found:
        return today - datetime.timedelta(days=_UNITS[found.group(2)] * int(found.group(1) or 1))
    found = re.fullmatch(r"(\d+|an?|one|two|three) (day|week|month|year)s? ago", said)
    if found:
        count = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}.get(found.group(1)) or int(found.group(1))
        return today - datetime.timedelta(days=_UNITS[found.group(2)] * count)
    if said in ("this week", "this month"):
        return today - datetime.timedelta(days=today.weekday()) if said == "this week" else today.replace(day=1)
    said = said.removeprefix("last ")
    if said in _WEEKDAYS:
        back = (today.weekday() - _WEEKDAYS.index(said)) % 7 or 7
        return today - datetime.timedelta(days=back)
    try:
        return datetime.date.fromisoformat(said)
    except ValueError:
        raise nlsh.ActionFailed(f"not a date I understand: {text!r:.40}",
                                hint="e.g. yesterday, 3 days ago, last week, monday, 2024-05-01") from None


def imap_date(day: datetime.date) -> str:
    return f"{day.day:02d}-{_MONTHS[day.month - 1]}-{day.year}"
