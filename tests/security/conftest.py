"""Sessions for the security cases: real actions, real policy, real audit, temp dirs."""

from __future__ import annotations

import pytest

from nlsh.app import open_session
from nlsh.confirm import AlwaysYes
from nlsh.plugins import load_catalog
from nlsh.types import ActionCall, Confirmation, Plan, Request


class Asked:
    """A confirmer that records what it was asked and answers from a script (default yes)."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.asked = []

    def confirm(self, step, decision, index, total):
        self.asked.append((step, decision))
        return Confirmation(self.answer, "test")


@pytest.fixture
def asked():
    """Make a recording confirmer: asked(answer=True)."""
    return Asked


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(entry_points=False)


@pytest.fixture
def make_session(env, catalog):
    def make(confirmer=None):
        return open_session(env, confirmer=confirmer or AlwaysYes(), catalog=catalog, model="none")

    return make


@pytest.fixture
def run_plan():
    """Run ActionCalls as if a model had planned them."""

    def go(session, *calls: ActionCall, source: str = "model"):
        return session.run_plan(Request("(test plan)", "request", "(test plan)"), Plan(tuple(calls), source=source))

    return go
