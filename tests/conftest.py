"""Shared fixtures: every test gets its own workspace and NLSH_HOME in a temp dir."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from nlsh.actions.context import ActionContext
from nlsh.config import Paths, Settings
from nlsh.env import Environment


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    return ws


@pytest.fixture
def nlsh_home(tmp_path: Path) -> Path:
    home = tmp_path / "nlsh-home"
    home.mkdir()
    return home


@pytest.fixture
def env(workspace: Path, nlsh_home: Path, tmp_path: Path) -> Environment:
    """A non-interactive Environment with captured streams, rooted in the workspace."""
    user_home = tmp_path / "home"
    user_home.mkdir(exist_ok=True)
    return Environment(
        stdin=io.StringIO(""),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        cwd=workspace,
        environ={"NLSH_HOME": str(nlsh_home), "HOME": str(user_home), "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture
def paths(env: Environment) -> Paths:
    p = Paths.from_environ(env.environ, env.home)
    p.ensure()
    return p


@pytest.fixture
def ctx(env: Environment, paths: Paths, workspace: Path) -> ActionContext:
    """An ActionContext as the executor builds it, for calling actions directly."""
    return ActionContext(env=env, paths=paths, settings=Settings(), workspace=workspace, cwd=workspace)
