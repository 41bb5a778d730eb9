"""Helpers for nlsh-git's tests: real repositories in temp dirs, driven through a real nlsh Session.

The workspace belongs to an ordinary user (nobody, when the tests run as root), as a person's
project does: nlsh's sandbox runs programs as the workspace's owner, so every file the tests
make is handed to that user (`give_away`). Setting up uses the plain git CLI, not nlsh.
"""

from __future__ import annotations

import io
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import nlsh_git.plugin
from nlsh.app import open_session
from nlsh.env import Environment
from nlsh.plugins import load_catalog
from nlsh.types import Confirmation

IS_ROOT = os.geteuid() == 0
OWNER = 65534 if IS_ROOT else os.getuid()
IDENTITY = ("-c", "user.name=Test Person", "-c", "user.email=test@example.test", "-c", "safe.directory=*")
PLAIN_ENV = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "LANG": "C.UTF-8",
             "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_DATE": "", "GIT_COMMITTER_DATE": ""}


def give_away(path: Path) -> None:
    """Hand a path (and everything under it) to the workspace's owner."""
    if not IS_ROOT:
        return
    os.chown(path, OWNER, OWNER, follow_symlinks=False)
    if path.is_dir() and not path.is_symlink():
        for root, dirs, files in os.walk(path):
            for name in dirs + files:
                os.chown(os.path.join(root, name), OWNER, OWNER, follow_symlinks=False)


@dataclass
class Git:
    """A repository set up with the plain git CLI (the test's own hands), then handed to its owner."""

    path: Path
    global_config = ""  # set once per test session by the _setup_gitconfig fixture

    def run(self, *args: str, date: str | None = None, check: bool = True) -> str:
        env = dict(PLAIN_ENV)
        env.update({"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {})
        env["GIT_CONFIG_GLOBAL"] = Git.global_config
        env = {k: v for k, v in env.items() if v}
        done = subprocess.run(["git", *IDENTITY, "-C", str(self.path), *args], capture_output=True, text=True,
                              env=env, timeout=60, check=False)
        give_away(self.path)
        if check and done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
        return done.stdout

    def write(self, name: str, text: str | bytes) -> Path:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text)
        give_away(self.path)
        return target

    def commit(self, message: str, *files: tuple[str, str], date: str | None = None) -> str:
        for name, text in files:
            self.write(name, text)
        self.run("add", "-A")
        self.run("commit", "-q", "-m", message, date=date)
        return self.head()

    def head(self) -> str:
        return self.run("rev-parse", "HEAD").strip()

    def branch(self) -> str:
        return self.run("symbolic-ref", "--short", "HEAD").strip()


class Recorder:
    """A confirmer that approves (or not) and remembers what it was asked."""

    def __init__(self, approve: bool = True) -> None:
        self.approve = approve
        self.asked: list[tuple[str, str, object]] = []

    def confirm(self, step, decision, index, total):
        self.asked.append((step.call.action, str(decision.risk), step.preview))
        return Confirmation(self.approve, "test")


@dataclass
class Shell:
    """An nlsh Session rooted in the workspace, with nlsh-git loaded as a plugin."""

    workspace: Path
    home: Path
    nlsh_home: Path
    confirmer: Recorder = field(default_factory=Recorder)
    cwd: Path | None = None
    config: str = ""
    environ: dict = field(default_factory=dict)  # more of the person's environment variables

    def session(self):
        config_dir = self.nlsh_home / "config"
        config_dir.mkdir(parents=True, exist_ok=True)
        (config_dir / "config.toml").write_text(f"workspace = {str(self.workspace)!r}\n" + self.config)
        env = Environment(stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(),
                          cwd=self.cwd or self.workspace,
                          environ={"NLSH_HOME": str(self.nlsh_home), "HOME": str(self.home), "PATH": "/usr/bin:/bin",
                                   **self.environ})
        catalog = load_catalog(entry_points=False, extra=[("git", nlsh_git.plugin)])
        assert "git" not in catalog.broken, catalog.broken
        session = open_session(env, confirmer=self.confirmer, catalog=catalog, model="none")
        assert session.workspace == self.workspace
        return session

    def handle(self, line: str, **kwargs):
        return self.session().handle(line, **kwargs)

    def do(self, action: str, **args):
        """Run one action through the whole pipeline (ground, policy, confirm, execute)."""
        from nlsh.types import ActionCall, Plan, Request

        session = self.session()
        return session.run_plan(Request(action, "request", action), Plan((ActionCall(action, args),), source="test"))

    def undo(self):
        return self.session().undo()
