"""Fixtures for driving the REPL through prompt_toolkit's pipe input and a dummy output."""

from __future__ import annotations

from typing import Any, Callable

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from nlsh.app import open_session
from nlsh.plugins import load_catalog
from nlsh.ui.repl.app import Repl
from nlsh.ui.repl.confirm import ReplConfirmer
from nlsh.ui.repl.output import Console

CTRL_D = "\x04"


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(entry_points=False)


@pytest.fixture
def pipe():
    with create_pipe_input() as pipe_input:
        yield pipe_input


@pytest.fixture
def make_repl(env, pipe, catalog) -> Callable[..., Repl]:
    """A Repl on a real Session (fast path only), reading keys from `pipe`."""

    def make(*, history: Any = None, shell_history: Any = None, env_override=None) -> Repl:
        e = env_override or env
        console = Console(e, input=pipe, output=DummyOutput())
        confirmer = ReplConfirmer(console)
        session = open_session(e, confirmer=confirmer, model="none", catalog=catalog)
        repl = Repl(e, session, console=console, confirmer=confirmer, history=history, model_setting="none",
                    shell_history=shell_history)
        confirmer.which = repl.commands.which
        confirmer.pause = repl.activity.paused
        return repl

    return make


@pytest.fixture
def drive(pipe) -> Callable[[Repl, str], int]:
    """Type `keys` (then Ctrl-D) into the REPL and run it to the end; returns its exit status."""

    def run(repl: Repl, keys: str, *, ctrl_d: bool = True) -> int:
        pipe.send_text(keys + (CTRL_D if ctrl_d else ""))
        return repl.run()

    return run
