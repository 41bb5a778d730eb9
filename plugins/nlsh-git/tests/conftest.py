"""Fixtures for nlsh-git's tests (the helpers live in gitkit.py, a uniquely named module)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gitkit import Git, Shell, give_away
from nlsh.confirm import AlwaysYes


@pytest.fixture(scope="session", autouse=True)
def _setup_gitconfig(tmp_path_factory) -> None:
    """The tests' own git (for setting up) trusts repositories owned by the workspace's owner."""
    config = tmp_path_factory.mktemp("setup-git") / "gitconfig"
    config.write_text("[safe]\n\tdirectory = *\n[init]\n\tdefaultBranch = main\n")
    Git.global_config = str(config)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    give_away(ws)
    return ws


@pytest.fixture
def repo(workspace: Path) -> Git:
    """A repository with two commits on main: README.md and src/app.py."""
    git = Git(workspace)
    git.run("init", "-q", "-b", "main")
    git.commit("first", ("README.md", "# demo\n"), date="2020-01-01T10:00:00")
    git.commit("add app", ("src/app.py", "print('hi')\n"), date="2020-01-02T10:00:00")
    return git


@pytest.fixture
def shell(workspace: Path, tmp_path: Path) -> Shell:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("[user]\n\tname = Home Person\n\temail = home@example.test\n")
    return Shell(workspace, home, tmp_path / "nlsh-home")


@pytest.fixture
def yes() -> AlwaysYes:
    return AlwaysYes()
