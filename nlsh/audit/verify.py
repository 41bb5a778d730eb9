"""Check an audit log: every line JSON, every hash right, every link and sequence number in
order, every `start` closed by an `end`; and read its last records for display.

Problems name the 1-based line. After a problem the check resynchronises on the record just
read, so one edit, deletion or swap is reported where it happened and not on every later
line. Two kinds are warnings that leave `ok` True, because a writer killed with SIGKILL can
cause them: "torn" (a partial line) and "unfinished" (a start without its end).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import NlshError
from .log import parse_record, record_hash, reverse_lines

__all__ = ["Problem", "VerifyReport", "WARNING_KINDS", "read_records", "verify"]

WARNING_KINDS = frozenset({"torn", "unfinished"})
# A torn write is a prefix of a canonical record, and every record starts with these bytes.
_RECORD_START = b'{"action":{'


@dataclass(frozen=True)
class Problem:
    """One finding. kind: json, torn, hash, link, seq, unfinished."""

    line: int
    kind: str
    message: str

    @property
    def is_warning(self) -> bool:
        return self.kind in WARNING_KINDS


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    records: int
    problems: tuple[Problem, ...]
    first_bad_line: int | None

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_warning)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_warning)


def _looks_torn(line: bytes) -> bool:
    size = min(len(line), len(_RECORD_START))
    return size > 0 and line[:size] == _RECORD_START[:size]


def _hash_or_none(record: dict) -> str | None:
    try:
        return record_hash(record)
    except ValueError:  # NaN or Infinity put in by hand: never written by AuditLog
        return None


class _Checker:
    """Walks the lines once, keeping only the chain's tail and the open starts."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.records = 0
        self.last_hash = ""
        self.last_seq = 0
        self.last_line = 0
        self.open_starts: dict[str, int] = {}

    def report(self, line: int, kind: str, message: str) -> None:
        self.problems.append(Problem(line, kind, message))

    def bad_line(self, number: int, line: bytes, is_last: bool) -> None:
        if _looks_torn(line):
            where = "the last line" if is_last else "a line"
            self.report(number, "torn", f"{where} is incomplete (a writer was killed mid-write)")
        elif not line.strip():
            self.report(number, "json", "an empty line (lines were inserted or removed)")
        else:
            self.report(number, "json", "not an audit record (the line was edited or inserted)")

    def record(self, number: int, record: dict) -> None:
        self.records += 1
        stored = record["hash"]
        if _hash_or_none(record) != stored:
            self.report(number, "hash", "the record does not match its hash (it was edited)")
        after = f"line {self.last_line}'s record" if self.last_line else "the start of the log"
        if record.get("prev") != self.last_hash:
            self.report(number, "link", f"prev does not match {after} (a record was removed, added or moved)")
        if record["seq"] != self.last_seq + 1:
            self.report(
                number, "seq", f"seq {record['seq']} follows seq {self.last_seq} (records were removed or moved)"
            )
        self.last_hash, self.last_seq, self.last_line = stored, record["seq"], number
        self.track_start_end(number, record)

    def track_start_end(self, number: int, record: dict) -> None:
        record_id, parent = record.get("id"), record.get("parent_id")
        if record.get("event") == "start" and isinstance(record_id, str):
            self.open_starts[record_id] = number
        elif record.get("event") == "end" and isinstance(parent, str):
            self.open_starts.pop(parent, None)

    def finish(self) -> VerifyReport:
        for record_id, number in self.open_starts.items():
            self.report(number, "unfinished", f"start {record_id} has no end (nlsh was stopped while it ran)")
        problems = tuple(sorted(self.problems, key=lambda p: p.line))
        errors = [p.line for p in problems if not p.is_warning]
        return VerifyReport(not errors, self.records, problems, errors[0] if errors else None)


def verify(path: Path) -> VerifyReport:
    """Check the whole log at `path`; a missing or empty log is ok with 0 records."""
    checker = _Checker()
    try:
        handle = open(path, "rb")
    except FileNotFoundError:
        return checker.finish()
    except OSError as exc:
        raise NlshError(f"cannot read the audit log {path}: {exc.strerror or exc}") from None
    with handle:
        number, line = 0, handle.readline()
        while line:
            number += 1
            following = handle.readline()
            is_last = not following
            text = line[:-1] if line.endswith(b"\n") else line
            record = parse_record(text)
            if record is None:
                checker.bad_line(number, text, is_last)
            else:
                checker.record(number, record)
            line = following
    return checker.finish()


def read_records(path: Path, limit: int | None = None) -> list[dict]:
    """The last `limit` records (all when None) that parse, oldest first, read from the end.

    Hashes are not checked here: this is for display; `verify` is the check.
    """
    if limit is not None and limit <= 0:
        return []
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise NlshError(f"cannot read the audit log {path}: {exc.strerror or exc}") from None
    found: list[dict] = []
    try:
        for line in reverse_lines(fd, os.fstat(fd).st_size):
            record = parse_record(line)
            if record is not None:
                found.append(record)
                if limit is not None and len(found) >= limit:
                    break
    finally:
        os.close(fd)
    found.reverse()
    return found
