"""The audit log's records, encoding, tail reading, verification and rendering."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest

from nlsh.audit.log import AuditLog, canonical, decoded, encodable, output_sha256, record_hash
from nlsh.audit.render import format_records
from nlsh.audit.verify import read_records, verify
from nlsh.errors import NlshError
from nlsh.types import Risk

FIELDS = {
    "v", "seq", "ts", "session", "id", "parent_id", "actor", "event", "action", "resources", "risk",
    "decision", "rule", "confirmed_by", "taint", "sandbox", "result", "undo", "model", "prev", "hash",
}


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "audit.jsonl"


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines()


def test_round_trip_writes_a_chain_that_verifies(log_path: Path) -> None:
    ticks = iter([100.0, 101.5, 103.0])
    log = AuditLog(log_path, session="s-1", clock=lambda: next(ticks))
    request = log.append("request", actor="person", extra={"text": "copy a to b"})
    start = log.append(
        "start",
        parent_id=request["id"],
        action={"name": "files.copy", "args": {"sources": ["/w/a"], "destination": "/w/b"},
                "capabilities": ("fs.read", "fs.write")},
        resources=["/w/a", "/w/b"], risk=Risk.R1, decision="allow", rule="default-r1",
        taint=["file:/w/notes.txt"], sandbox="in-process", model="fake",
    )
    end = log.append("end", parent_id=start["id"], result={"exit": 0, "ms": 7, "output_sha256": "x"})

    stored = [json.loads(line) for line in lines_of(log_path)]
    assert stored == [request, start, end]
    assert [r["seq"] for r in stored] == [1, 2, 3]
    assert [r["ts"] for r in stored] == [100.0, 101.5, 103.0]
    assert [r["prev"] for r in stored] == ["", request["hash"], start["hash"]]
    assert all(r["hash"] == record_hash(r) for r in stored)
    assert set(start) == FIELDS and set(request) == FIELDS | {"extra"}
    assert start["risk"] == "R1" and start["action"]["capabilities"] == ["fs.read", "fs.write"]
    assert start["session"] == "s-1" and request["actor"] == "person"
    assert end["result"] == {"exit": 0, "signal": None, "ms": 7, "output_sha256": "x"}
    report = verify(log_path)
    assert report.ok and report.records == 3 and report.problems == () and report.first_bad_line is None


def test_lines_are_canonical_json(log_path: Path) -> None:
    record = AuditLog(log_path, session="s").append("plan", action={"name": "ä", "args": {"z": 1, "a": 2}})
    line = log_path.read_bytes()
    assert line == canonical(record).encode("ascii") + b"\n"
    assert line.isascii() and b'"a":2,"z":1' in line and b", " not in line


def test_defaults_fill_every_field(log_path: Path) -> None:
    record = AuditLog(log_path, session="s").append("undo")
    assert record["action"] == {"name": "", "args": {}, "capabilities": []}
    assert record["result"] == {"exit": None, "signal": None, "ms": None, "output_sha256": ""}
    assert record["resources"] == [] and record["taint"] == [] and "extra" not in record
    assert record["v"] == 1 and len(record["id"]) == 32


def test_unknown_action_or_result_fields_are_refused(log_path: Path) -> None:
    log = AuditLog(log_path, session="s")
    with pytest.raises(ValueError, match="action"):
        log.append("start", action={"name": "x", "argz": {}})
    with pytest.raises(ValueError, match="result"):
        log.append("end", result={"code": 1})
    assert not log_path.exists() or log_path.read_bytes() == b""


def test_file_is_private_and_an_existing_loose_mode_is_tightened(log_path: Path) -> None:
    AuditLog(log_path, session="s").append("request")
    assert log_path.stat().st_mode & 0o777 == 0o600
    assert log_path.parent.stat().st_mode & 0o777 == 0o700
    os.chmod(log_path, 0o644)
    AuditLog(log_path, session="s").append("request")
    assert log_path.stat().st_mode & 0o777 == 0o600


def test_a_fifo_at_the_log_path_is_refused_without_blocking(log_path: Path) -> None:
    log_path.parent.mkdir()
    os.mkfifo(log_path)
    with pytest.raises(NlshError, match="not a regular file"):
        AuditLog(log_path, session="s").append("request")


def test_a_state_directory_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "state").write_text("not a directory")
    with pytest.raises(NlshError, match="cannot write the audit log"):
        AuditLog(tmp_path / "state" / "audit.jsonl", session="s").append("request")


def test_encodable_keeps_non_utf8_exactly_and_decoded_restores_it() -> None:
    raw = b"caf\xe9-\xff.txt"
    name = os.fsdecode(raw)
    value = {"paths": [name, "plain"], "blob": raw, "where": Path("/w") / name, "t": (1, 2.5, None, True)}
    encoded = encodable(value)
    json.dumps(encoded, ensure_ascii=True)
    assert encoded["paths"][0]["text"] == "caf\ufffd-\ufffd.txt"
    assert encoded["paths"][1] == "plain" and encoded["t"] == [1, 2.5, None, True]
    assert decoded(encoded["paths"][0]) == name
    assert os.fsencode(decoded(encoded["where"])) == b"/w/" + raw
    assert decoded(encoded["blob"]) == name
    assert encodable(Risk.R3) == "R3"
    assert encodable(float("nan")) == "nan"


def test_output_sha256_hashes_the_real_bytes() -> None:
    raw = b"line\n\xff\xfe end"
    assert output_sha256(os.fsdecode(raw)) == hashlib.sha256(raw).hexdigest()
    assert output_sha256(raw) == hashlib.sha256(raw).hexdigest()
    assert output_sha256("ok") == hashlib.sha256(b"ok").hexdigest()


def test_append_reads_only_the_tail_of_a_big_log(log_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = AuditLog(log_path, session="s")
    for i in range(300):
        log.append("plan", action={"name": "files.list", "args": {"path": f"/w/{i:04}" * 600}})
    assert log_path.stat().st_size > 1_000_000
    read_sizes: list[int] = []
    real_pread = os.pread

    def counting_pread(fd: int, size: int, offset: int) -> bytes:
        read_sizes.append(size)
        return real_pread(fd, size, offset)

    monkeypatch.setattr(os, "pread", counting_pread)
    record = log.append("request")
    assert record["seq"] == 301
    assert sum(read_sizes) < 64 * 1024


def test_a_last_record_bigger_than_one_chunk_is_found(log_path: Path) -> None:
    log = AuditLog(log_path, session="s")
    log.append("request")
    big = log.append("plan", action={"name": "x", "args": {"data": "y" * 300_000}})
    after = log.append("end")
    assert after["prev"] == big["hash"] and after["seq"] == 3
    assert verify(log_path).ok


def test_chains_past_a_closed_but_invalid_last_line(log_path: Path) -> None:
    log = AuditLog(log_path, session="s")
    first = log.append("request")
    with open(log_path, "ab") as handle:
        handle.write(b'{"action":{"na\n')  # torn, closed, then the writer died
    after = log.append("plan")
    assert after["prev"] == first["hash"] and after["seq"] == 2
    report = verify(log_path)
    assert report.ok and [(p.line, p.kind) for p in report.problems] == [(2, "torn")]


def test_missing_or_empty_log_verifies_with_no_records(tmp_path: Path) -> None:
    assert verify(tmp_path / "none.jsonl").ok
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    report = verify(empty)
    assert report.ok and report.records == 0 and report.problems == ()


def test_a_start_without_end_is_a_warning_only(log_path: Path) -> None:
    log = AuditLog(log_path, session="s")
    closed = log.append("start", action={"name": "a"})
    log.append("start", action={"name": "b"})
    log.append("end", parent_id=closed["id"])
    report = verify(log_path)
    assert report.ok and report.first_bad_line is None
    assert [(p.line, p.kind) for p in report.problems] == [(2, "unfinished")]
    assert report.warnings == report.problems and report.errors == ()


def test_read_records_returns_the_last_ones_oldest_first(log_path: Path) -> None:
    log = AuditLog(log_path, session="s")
    for i in range(10):
        log.append("plan", extra={"i": i})
    with open(log_path, "ab") as handle:
        handle.write(b'{"action":{"args"')
    assert [r["extra"]["i"] for r in read_records(log_path, limit=3)] == [7, 8, 9]
    assert [r["seq"] for r in read_records(log_path)] == list(range(1, 11))
    assert read_records(log_path, limit=0) == []
    assert read_records(log_path.with_name("missing.jsonl")) == []


def test_render_one_escaped_line_per_record(log_path: Path) -> None:
    now = datetime(2025, 3, 4, 10, 11, 12).timestamp()
    log = AuditLog(log_path, session="s", clock=lambda: now)
    start = log.append("start", action={"name": "evil\x1b]0;pwned\x07\nname"}, risk="R2", decision="confirmed")
    log.append("end", parent_id=start["id"], result={"exit": 0, "ms": 1500})
    log.append("end", result={"exit": 2, "ms": 3})
    log.append("end", result={"exit": None, "signal": 9})
    text = format_records(read_records(log_path), color=False, today=date(2025, 3, 4))
    lines = text.split("\n")
    assert len(lines) == 4 and "\x1b" not in text and "\x07" not in text
    assert lines[0].startswith("10:11:12 #1 ") and "evil\\x1b]0;pwned\\x07\\nname" in lines[0]
    assert "R2" in lines[0] and "confirmed" in lines[0]
    assert lines[1].endswith("ok 1.5s") and lines[2].endswith("exit 2 3ms") and lines[3].endswith("signal 9")
    other_day = format_records(read_records(log_path, limit=1), color=False, today=date(2025, 3, 5))
    assert other_day.startswith("2025-03-04 10:11:12")


def test_render_colours_only_when_asked(log_path: Path) -> None:
    AuditLog(log_path, session="s").append("end", decision="deny", result={"exit": 1, "ms": 2})
    records = read_records(log_path)
    assert "\x1b[" in format_records(records, color=True)
    assert "\x1b[" not in format_records(records, color=False)


def test_render_shows_non_utf8_values_lossy_and_escaped(log_path: Path) -> None:
    name = os.fsdecode(b"\xff\x1b[2J")
    AuditLog(log_path, session="s").append("start", action={"name": name})
    text = format_records(read_records(log_path), color=False)
    assert "\x1b" not in text and "\ufffd\\x1b[2J" in text
