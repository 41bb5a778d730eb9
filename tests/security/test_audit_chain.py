"""SECURITY.md cases 6 (edits caught), 17 (one line per record), 21 (non-UTF-8 kept exactly)
and 31 (concurrent writers, kill -9 mid-write, edit/delete/reorder caught)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nlsh.audit.log import AuditLog, decoded, record_hash
from nlsh.audit.verify import read_records, verify
from nlsh.errors import NlshError

REPO = Path(__file__).resolve().parents[2]
WRITER = """
import itertools, sys
from pathlib import Path
from nlsh.audit.log import AuditLog
log = AuditLog(Path(sys.argv[1]), session=sys.argv[2])
count = int(sys.argv[3])  # 0: until killed, with start/end pairs
for i in (range(count) if count else itertools.count()):
    if count:
        log.append("plan", action={"name": "test.write", "args": {"i": i}})
    else:
        start = log.append("start", action={"name": "test.write", "args": {"i": i, "pad": "x" * 3000}})
        log.append("end", parent_id=start["id"], result={"exit": 0, "ms": 1})
"""


def writer(path: Path, session: str, count: int) -> subprocess.Popen:
    environ = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), session, str(count)], env=environ)


def write_records(path: Path, count: int) -> list[dict]:
    log = AuditLog(path, session="s")
    return [log.append("plan", action={"name": "files.list", "args": {"n": i}}) for i in range(count)]


def rewrite(path: Path, lines: list[bytes]) -> None:
    path.write_bytes(b"".join(line + b"\n" for line in lines))


def problems(path: Path) -> list[tuple[int, str]]:
    return [(p.line, p.kind) for p in verify(path).problems]


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "audit.jsonl"


def test_eight_concurrent_writer_processes_keep_the_chain_intact(log_path: Path) -> None:
    procs = [writer(log_path, f"w{n}", 200) for n in range(8)]
    assert [proc.wait(timeout=240) for proc in procs] == [0] * 8
    report = verify(log_path)
    assert report.ok and report.problems == () and report.records == 1600
    records = [json.loads(line) for line in log_path.read_bytes().splitlines()]
    assert [r["seq"] for r in records] == list(range(1, 1601))
    for n in range(8):
        mine = [r["action"]["args"]["i"] for r in records if r["session"] == f"w{n}"]
        assert mine == list(range(200))  # each writer's records all there, in its own order


def test_a_torn_last_line_is_the_only_problem_reported(log_path: Path) -> None:
    write_records(log_path, 3)
    whole = log_path.read_bytes().splitlines()[-1]
    with open(log_path, "ab") as handle:
        handle.write(whole[: len(whole) // 2])  # a writer killed mid-write: no newline
    report = verify(log_path)
    assert [(p.line, p.kind) for p in report.problems] == [(4, "torn")]
    assert report.ok and report.records == 3


def test_appending_after_a_torn_write_reports_only_the_torn_line(log_path: Path) -> None:
    before = write_records(log_path, 3)
    with open(log_path, "ab") as handle:
        handle.write(b'{"action":{"args":{"n":3},"capabilities":[],"na')
    after = write_records(log_path, 2)
    assert after[0]["prev"] == before[-1]["hash"] and after[0]["seq"] == 4
    lines = log_path.read_bytes().splitlines()
    assert len(lines) == 6 and lines[3].endswith(b'"na')  # the torn fragment closed on its own line
    report = verify(log_path)
    assert [(p.line, p.kind) for p in report.problems] == [(4, "torn")]
    assert report.ok and report.records == 5 and report.first_bad_line is None


def test_a_writer_killed_with_sigkill_leaves_a_log_that_verifies(log_path: Path) -> None:
    proc = writer(log_path, "victim", 0)
    deadline = time.monotonic() + 30
    while (not log_path.exists() or log_path.stat().st_size < 200_000) and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=10) == -signal.SIGKILL
    survivor = AuditLog(log_path, session="after").append("request")
    report = verify(log_path)
    assert report.ok, report.problems
    assert {p.kind for p in report.problems} <= {"torn", "unfinished"}
    assert read_records(log_path, limit=1)[0]["id"] == survivor["id"]


def test_a_hand_edit_is_caught_on_its_line(log_path: Path) -> None:
    write_records(log_path, 5)
    lines = log_path.read_bytes().splitlines()
    lines[2] = lines[2].replace(b'"name":"files.list"', b'"name":"files.lost"')
    rewrite(log_path, lines)
    report = verify(log_path)
    assert not report.ok and report.first_bad_line == 3
    assert problems(log_path) == [(3, "hash")]


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(log_path: Path) -> None:
    write_records(log_path, 5)
    lines = log_path.read_bytes().splitlines()
    record = json.loads(lines[1])
    record["decision"] = "allow"
    record["hash"] = record_hash(record)
    lines[1] = json.dumps(record, sort_keys=True, separators=(",", ":")).encode()
    rewrite(log_path, lines)
    assert problems(log_path) == [(3, "link")]
    assert verify(log_path).first_bad_line == 3


@pytest.mark.parametrize("removed", [0, 2, 4])
def test_a_deleted_line_is_caught(log_path: Path, removed: int) -> None:
    write_records(log_path, 6)
    lines = log_path.read_bytes().splitlines()
    del lines[removed]
    rewrite(log_path, lines)
    report = verify(log_path)
    assert not report.ok and report.first_bad_line == removed + 1
    assert problems(log_path) == [(removed + 1, "link"), (removed + 1, "seq")]


def test_two_swapped_lines_are_caught(log_path: Path) -> None:
    write_records(log_path, 6)
    lines = log_path.read_bytes().splitlines()
    lines[2], lines[3] = lines[3], lines[2]
    rewrite(log_path, lines)
    report = verify(log_path)
    assert not report.ok and report.first_bad_line == 3
    assert {line for line, _ in problems(log_path)} == {3, 4, 5}


def test_an_inserted_line_is_caught(log_path: Path) -> None:
    write_records(log_path, 4)
    lines = log_path.read_bytes().splitlines()
    lines.insert(2, b'{"note": "nothing happened here"}')
    rewrite(log_path, lines)
    report = verify(log_path)
    assert not report.ok and report.first_bad_line == 3 and problems(log_path) == [(3, "json")]


def test_a_symlink_at_the_log_path_is_refused(log_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me\n")
    log_path.parent.mkdir(mode=0o700)
    log_path.symlink_to(target)
    with pytest.raises(NlshError, match="symbolic link"):
        AuditLog(log_path, session="s").append("request")
    assert target.read_text() == "keep me\n"


def test_non_utf8_names_are_kept_exactly(log_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    raw = b"report-\xff\xfe-\xe9t\xe9.txt"
    with open(os.fsencode(folder) + b"/" + raw, "wb"):
        pass
    (name,) = os.listdir(folder)  # a str with surrogate escapes
    path = os.path.join(folder, name)
    AuditLog(log_path, session="s").append(
        "start", action={"name": "files.trash", "args": {"paths": [path]}}, resources=[path]
    )
    assert verify(log_path).ok
    (record,) = read_records(log_path)
    stored = record["action"]["args"]["paths"][0]
    assert set(stored) == {"text", "b64"} and "\ufffd" in stored["text"]
    assert os.fsencode(decoded(stored)) == os.fsencode(folder) + b"/" + raw
    assert os.fsencode(decoded(record["resources"][0])) == os.fsencode(path)


def test_values_with_newlines_keep_each_record_on_one_line(log_path: Path) -> None:
    name = "evil\nname\r\n{\"seq\": 1}\u2028.txt"
    log = AuditLog(log_path, session="s")
    log.append("start", action={"name": "files.list", "args": {"path": name}}, resources=[name], rule="a\nb")
    log.append("end")
    lines = log_path.read_bytes().split(b"\n")
    assert len(lines) == 3 and lines[2] == b""
    assert read_records(log_path)[0]["action"]["args"]["path"] == name
    assert verify(log_path).ok
