"""End to end in a real terminal: nlsh in tmux, driven with send-keys, read with capture-pane.

Every test gets its own tmux server (-S socket in its temp dir), NLSH_HOME, HOME and workspace in a temp dir,
and waits by polling the screen with a timeout (never a fixed long sleep). tmux comes from
`install.sh --dev`; without it these tests fail under CI (CI=true) and skip elsewhere.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from nlsh.audit.verify import read_records, verify

pytestmark = pytest.mark.timeout(120)

PROMPT_READY = re.compile(r"\] >\s*$")  # the prompt with nothing typed after it


def _need_tmux() -> str:
    tmux = shutil.which("tmux")
    if tmux is None:
        message = "tmux is not installed: the terminal tests need it (./install.sh --dev installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return tmux


class Pane:
    """One tmux server with one 120x40 window running nlsh (twice in a row, for restarts)."""

    def __init__(self, tmux: str, workspace: Path, home: Path, nlsh_home: Path, socket: Path) -> None:
        self.tmux = tmux
        self.socket = str(socket)  # a server of our own, its socket removed with the temp dir
        nlsh = " ".join(shlex.quote(a) for a in (sys.executable, "-m", "nlsh", "--model", "none"))
        environ = {"NLSH_HOME": str(nlsh_home), "HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                   "LANG": "C.UTF-8"}
        assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in environ.items())
        script = (f"env -i TERM=tmux-256color {assignments} {nlsh}; echo \"[exited $?]\"; "
                  f"env -i TERM=tmux-256color {assignments} {nlsh}; echo \"[exited $?]\"; sleep 600")
        self.prompts_before = 0  # prompts on screen when Enter was last pressed
        self._tmux("new-session", "-d", "-x", "120", "-y", "40", "-c", str(workspace), "sh", "-c", script)

    def _tmux(self, *args: str) -> str:
        done = subprocess.run([self.tmux, "-S", self.socket, *args], capture_output=True, text=True, timeout=10)
        if done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args[:2])} failed: {done.stderr.strip()}")
        return done.stdout

    def keys(self, *keys: str) -> None:
        """tmux key names: Enter, Up, C-c, C-u, or single characters."""
        self._tmux("send-keys", "-t", "0", *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "0", "-l", text)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "0")

    def wait_for(self, what: str | re.Pattern[str], timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            text = self.screen()
            found = what.search(text) if isinstance(what, re.Pattern) else what in text
            if found:
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what!r}; the screen was:\n{text}")
            time.sleep(0.05)

    @staticmethod
    def _prompt_lines(screen: str) -> list[str]:
        return [line for line in screen.splitlines() if "] >" in line and "Run this?" not in line]

    def wait_prompt(self, timeout: float = 15.0) -> str:
        """Until a new, empty prompt is the last line (nlsh is ready for the next line)."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            lines = [line for line in screen.splitlines() if line.strip()]
            prompts = self._prompt_lines(screen)
            last = lines[-2] if len(lines) >= 2 else ""  # the line above the key-hint toolbar
            if len(prompts) > self.prompts_before and PROMPT_READY.search(last):
                return "\n".join(lines)
            if time.monotonic() > deadline:
                raise AssertionError("timed out waiting for an empty prompt; the screen was:\n" + "\n".join(lines))
            time.sleep(0.05)

    def request(self, text: str) -> None:
        """Type a line at a ready prompt, check it is on screen, and press Enter."""
        self.wait_prompt()
        self.type(text)
        screen = self.wait_for(re.compile(r"\] > " + re.escape(text) + r"\s*$", re.MULTILINE))
        self.prompts_before = len(self._prompt_lines(screen))
        self.keys("Enter")

    def close(self) -> None:
        subprocess.run([self.tmux, "-S", self.socket, "kill-server"], capture_output=True, timeout=10)


@pytest.fixture
def pane(tmp_path: Path):
    tmux = _need_tmux()
    workspace, home, nlsh_home = tmp_path / "ws", tmp_path / "home", tmp_path / "nlsh-home"
    for folder in (workspace, home, nlsh_home):
        folder.mkdir()
    p = Pane(tmux, workspace, home, nlsh_home, tmp_path / "tmux.sock")
    p.workspace, p.nlsh_home = workspace, nlsh_home
    try:
        yield p
    finally:
        p.close()


def test_confirmation_accepted(pane):
    (pane.workspace / "a.txt").write_text("x")
    pane.request("delete a.txt")
    pane.wait_for("Run this? [y/N/e/?/a]")
    pane.keys("y")
    screen = pane.wait_prompt()
    assert "Run this? [y/N/e/?/a] yes" in screen
    assert not (pane.workspace / "a.txt").exists()


def test_confirmation_declined(pane):
    (pane.workspace / "a.txt").write_text("x")
    pane.request("delete a.txt")
    pane.wait_for("Run this? [y/N/e/?/a]")
    pane.keys("n")
    screen = pane.wait_prompt()
    assert "declined; nothing ran" in screen
    assert "[4] >" in screen  # the prompt shows the last status
    assert (pane.workspace / "a.txt").exists()


def test_confirmation_edited(pane):
    (pane.workspace / "a.txt").write_text("x")
    (pane.workspace / "b.txt").write_text("x")
    pane.request("delete a.txt")
    pane.wait_for("Run this? [y/N/e/?/a]")
    pane.keys("e")
    pane.wait_for("files.delete arguments (JSON)>")
    pane.keys("C-u")
    pane.type('{"paths": ["b.txt"]}')
    pane.keys("Enter")
    pane.wait_for(re.compile(r"- .*/b\.txt"))
    pane.wait_for(re.compile(r"Run this\? \[y/N/e/\?/a\]\s*$", re.MULTILINE))
    pane.keys("y")
    pane.wait_prompt()
    assert (pane.workspace / "a.txt").exists()
    assert not (pane.workspace / "b.txt").exists()


def _sleeping(marker: str) -> bool:
    found = subprocess.run(["pgrep", "-f", f"sleep {marker}"], capture_output=True, text=True)
    return bool(found.stdout.strip())


def test_ctrl_c_stops_a_slow_action_and_returns_to_the_prompt(pane):
    marker = f"{30 + uuid.uuid4().int % 1000 / 1000:.3f}"  # a unique duration, to find the process
    pane.request(f"!sleep {marker}")
    pane.wait_for("Run this? [y/N/e/?]")
    pane.keys("y")
    pane.wait_for("Ctrl-C cancels", timeout=10)  # the spinner: the action is running
    started = time.monotonic()
    pane.keys("C-c")
    screen = pane.wait_prompt(timeout=10)
    assert time.monotonic() - started < 5
    assert "interrupted" in screen
    assert "[130] >" in screen
    deadline = time.monotonic() + 5
    while _sleeping(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _sleeping(marker), "the sandboxed program was left running"
    pane.request("jobs")  # still usable
    pane.wait_for("no background jobs yet")
    log = pane.nlsh_home / "state" / "audit.jsonl"
    records = read_records(log)
    assert [r["event"] for r in records][-2:] == ["end", "interrupted"]
    assert records[-2]["extra"]["error"] == "interrupted"
    assert verify(log).ok


def test_history_recalled_after_restart(pane):
    (pane.workspace / "notes.md").write_text("x")
    pane.request("list files here")
    pane.wait_for("notes.md")
    pane.wait_prompt()
    pane.prompts_before = len(pane._prompt_lines(pane.screen()))
    pane.keys("C-d")
    pane.wait_for("[exited 0]")
    pane.wait_prompt()  # the second nlsh
    pane.keys("Up")
    pane.wait_for(re.compile(r"\] > list files here\s*$", re.MULTILINE))


def test_prompt_shows_the_folder_and_git_branch_after_cd(pane):
    repo = pane.workspace / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/feature/shell\n")
    pane.request("cd repo")
    screen = pane.wait_prompt()
    assert re.search(r"/repo \(feature/shell\) \[fast-path only\] >\s*$", screen, re.MULTILINE), screen
