"""The one-shot contract through the real `nlsh` entry point, in a subprocess."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

NLSH = [sys.executable, "-m", "nlsh"]


@pytest.fixture
def run(workspace, nlsh_home, tmp_path):
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    base_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "NLSH_HOME": str(nlsh_home),
                "LANG": "C.UTF-8"}

    def go(*args: str, stdin: str = "", env: dict | None = None, cwd: Path | None = None):
        return subprocess.run(
            [*NLSH, *args], input=stdin.encode(), capture_output=True, cwd=cwd or workspace,
            env={**base_env, **(env or {})}, timeout=120, start_new_session=True,
        )

    return go


def test_listing_is_one_name_per_line(run, workspace):
    for name in ("b.txt", "a.txt", ".hidden"):
        (workspace / name).write_text("x")
    proc = run("-c", "list files here")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().splitlines() == ["a.txt", "b.txt"]


def test_json_contract(run, workspace):
    (workspace / "a.txt").write_text("one\ntwo\n")
    proc = run("-c", "count lines in a.txt", "--json")
    data = json.loads(proc.stdout)
    assert set(data) >= {"request", "plan", "decision", "results", "output", "exit_code"}
    assert data["exit_code"] == 0 == proc.returncode
    assert data["plan"][0]["action"] == "files.count"
    assert set(data["plan"][0]) == {"action", "args", "risk", "capabilities", "summary"}
    assert set(data["results"][0]) == {"action", "ok", "output", "data", "error"}
    assert data["output"].strip() == "2 a.txt"


def test_stdin_request(run, workspace):
    (workspace / "a.txt").write_text("x")
    proc = run("-c", "-", stdin="list files here\n")
    assert proc.returncode == 0 and proc.stdout.decode().split() == ["a.txt"]
    assert run("-c", "-", stdin="  \n").returncode == 2


def test_cwd_flag(run, workspace, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "z.txt").write_text("x")
    proc = run("-c", "list files here", "--cwd", str(other))
    assert proc.stdout.decode().split() == ["z.txt"]
    bad = run("-c", "list files here", "--cwd", str(tmp_path / "missing"))
    assert bad.returncode == 2 and b"not a directory" in bad.stderr


def test_exit_codes(run, workspace):
    (workspace / "a.txt").write_text("x")
    assert run("--bogus-flag").returncode == 2
    assert run("-c", "delete a.txt").returncode == 4  # nobody to ask
    assert (workspace / "a.txt").exists()
    assert run("-c", "florp the zanzibar", "--model", "none").returncode == 5
    assert run("-c", "read missing-file.txt").returncode == 1
    denied = run("-c", "!rm -rf /", "--yes")
    assert denied.returncode == 3 and b"denied" in denied.stderr
    assert run("-c", "delete a.txt", "--yes").returncode == 0
    assert not (workspace / "a.txt").exists()


def test_dry_run_changes_nothing(run, workspace):
    (workspace / "a.log").write_text("x" * 100)
    proc = run("-c", "delete a.log", "--dry-run")
    assert proc.returncode == 0 and (workspace / "a.log").exists()
    out = proc.stdout.decode()
    assert str(workspace / "a.log") in out and "100 B" in out and "can be undone" in out


def test_undo_after_delete(run, workspace):
    (workspace / "a.txt").write_text("keep me")
    assert run("-c", "delete a.txt", "--yes").returncode == 0
    listing = run("undo", "--list")
    assert b"files.delete" in listing.stdout
    assert run("undo").returncode == 0
    assert (workspace / "a.txt").read_text() == "keep me"
    nothing = run("undo")
    assert nothing.returncode == 2 and b"nothing to undo" in nothing.stderr


def test_audit_show_and_verify(run, workspace, nlsh_home):
    run("-c", "list files here")
    shown = run("audit", "-n", "5")
    assert shown.returncode == 0 and b"files.list" in shown.stdout
    ok = run("audit", "verify")
    assert ok.returncode == 0 and b"chain intact" in ok.stdout
    log = nlsh_home / "state" / "audit.jsonl"
    lines = log.read_text().splitlines()
    lines[1] = lines[1].replace('"plan"', '"PLAN"')
    log.write_text("\n".join(lines) + "\n")
    broken = run("audit", "verify")
    assert broken.returncode == 1 and b"line 2" in broken.stdout


def test_broken_config_is_a_usage_error(run, nlsh_home):
    (nlsh_home / "config").mkdir(parents=True, exist_ok=True)
    (nlsh_home / "config" / "config.toml").write_text("[policy\nmode=")
    proc = run("-c", "list files here")
    assert proc.returncode == 2 and b"config.toml" in proc.stderr
    assert b"Traceback" not in proc.stderr


def test_doctor(run):
    proc = run("doctor")
    out = proc.stdout.decode()
    assert proc.returncode == 0, out + proc.stderr.decode()
    for field in ("python", "model", "sandbox", "config", "audit", "actions"):
        assert field in out


def test_help_describes_usage(run):
    proc = run("--help")
    assert proc.returncode == 0
    for word in (b"-c", b"--yes", b"--dry-run", b"--json", b"--cwd", b"--model", b"exit codes", b"undo"):
        assert word in proc.stdout
    assert run("frobnicate").returncode == 2


def test_non_utf8_names(run, workspace):
    raw = os.fsdecode(b"caf\xe9.txt")
    (workspace / raw).write_text("x")
    proc = run("-c", "list files here")
    assert proc.returncode == 0 and b"caf\\xe9.txt" in proc.stdout
    assert run("audit", "verify").returncode == 0


def test_sigterm_during_a_slow_action_leaves_a_verifiable_log(run, workspace, nlsh_home, tmp_path):
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path / "home"), "NLSH_HOME": str(nlsh_home)}
    proc = subprocess.Popen([*NLSH, "-c", "!sleep 30", "--yes"], cwd=workspace, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    log = nlsh_home / "state" / "audit.jsonl"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (log.exists() and '"start"' in log.read_text()):
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and b"interrupted" in err
    verified = run("audit", "verify")
    assert verified.returncode == 0, verified.stdout
