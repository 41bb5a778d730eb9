"""Audit records as readable lines: time, seq, event, action, risk, decision, result.

Every value that came from a record is untrusted (names, arguments and even the event can
hold control characters or escape sequences) and passes through `escape_name`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Iterable

from ..textsafe import escape_name

__all__ = ["format_record", "format_records"]

_RESET = "\x1b[0m"
_DIM, _RED, _GREEN, _YELLOW, _BOLD = "\x1b[2m", "\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[1m"
_DECISION_COLORS = {"allow": _GREEN, "ask": _YELLOW, "confirmed": _GREEN, "deny": _RED, "declined": _RED}


def _text(value: Any) -> str:
    """A stored value as one safe line; {"text","b64"} (non-UTF-8) shows its lossy text."""
    if isinstance(value, dict) and "text" in value and "b64" in value:
        value = value["text"]
    if value is None:
        return ""
    return escape_name(value if isinstance(value, str) else str(value))


def _when(ts: Any, today: date) -> str:
    if not isinstance(ts, (int, float)) or isinstance(ts, bool):
        return "?"
    try:
        moment = datetime.fromtimestamp(ts)
    except (OverflowError, OSError, ValueError):
        return "?"
    if moment.date() == today:
        return moment.strftime("%H:%M:%S")
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _duration(ms: Any) -> str:
    if not isinstance(ms, (int, float)) or isinstance(ms, bool):
        return ""
    return f"{ms:.0f}ms" if ms < 1000 else f"{ms / 1000:.1f}s"


def _outcome(result: Any) -> tuple[str, str]:
    """(text, colour) for a record's result; empty when the record has none."""
    if not isinstance(result, dict):
        return "", ""
    code, signal, took = result.get("exit"), result.get("signal"), _duration(result.get("ms"))
    if signal not in (None, "", 0):
        text, color = f"signal {_text(signal)}", _RED
    elif code is None:
        return took, ""
    elif code == 0:
        text, color = "ok", _GREEN
    else:
        text, color = f"exit {_text(code)}", _RED
    return (f"{text} {took}" if took else text), color


def _paint(text: str, color: str, enabled: bool) -> str:
    return f"{color}{text}{_RESET}" if enabled and color and text else text


def format_record(record: dict, *, color: bool, today: date | None = None) -> str:
    """One record as one line (no newline at the end)."""
    today = today or date.today()
    action = record.get("action") if isinstance(record.get("action"), dict) else {}
    decision = _text(record.get("decision"))
    result, result_color = _outcome(record.get("result"))
    fields = [
        _paint(_when(record.get("ts"), today), _DIM, color),
        f"#{_text(record.get('seq')):<5}",
        _paint(f"{_text(record.get('event')):<12}", _BOLD, color),
        f"{_text(action.get('name')):<20}",
        f"{_text(record.get('risk')):<2}",
        _paint(f"{decision:<9}", _DECISION_COLORS.get(decision, ""), color),
        _paint(result, result_color, color),
    ]
    return " ".join(fields).rstrip()


def format_records(records: Iterable[dict], *, color: bool, today: date | None = None) -> str:
    """One readable line per record, oldest first, joined with newlines."""
    return "\n".join(format_record(record, color=color, today=today) for record in records)
