"""Fixtures for the desktop: an NlshApp over a real Session in a temp workspace and NLSH_HOME.

The monitor panes get fixed data unless a test asks for the real psutil sources, and no
model is ever loaded: requests the fast path does not know are "not understood".
"""

from __future__ import annotations

import asyncio
from typing import Callable

import pytest

from nlsh.app import open_session
from nlsh.ui.tui.app import NlshApp
from nlsh.ui.tui.sources import ProcessRow, SystemStats

FAKE_PROCESSES = [
    ProcessRow(101, "editor", 12.5, 3.2, "ann"),
    ProcessRow(202, "compiler", 55.0, 8.9, "ann"),
    ProcessRow(303, "daemon", 0.3, 1.1, "root"),
]
FAKE_SYSTEM = SystemStats(cpu=25.0, memory=50.0, disk=75.0, memory_used=4 << 30, memory_total=8 << 30,
                          disk_free=100 << 30)


def fake_processes() -> list[ProcessRow]:
    return list(FAKE_PROCESSES)


def fake_system() -> SystemStats:
    return FAKE_SYSTEM


@pytest.fixture
def make_app(env) -> Callable[..., NlshApp]:
    def factory(**kwargs) -> NlshApp:
        def session_factory(confirmer):
            session = open_session(env, confirmer=confirmer, model="")
            session.planner = None
            return session

        kwargs.setdefault("processes", fake_processes)
        kwargs.setdefault("system", fake_system)
        return NlshApp(session_factory, **kwargs)

    return factory


async def wait_for(pilot, condition: Callable[[], bool], timeout: float = 10.0, step: float = 0.05) -> bool:
    """Poll `condition` while letting the app run, up to `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if condition():
            return True
        await pilot.pause(step)
    return condition()


def transcript(app) -> str:
    from nlsh.ui.tui.panes.conversation import ConversationPane

    return "\n".join(app.query_one(ConversationPane).transcript)


async def submit(pilot, text: str) -> None:
    """Type `text` into the request line (focusing it first) and press Enter."""
    request = pilot.app.query_one("#request")
    request.focus()
    request.value = text
    await pilot.pause()
    await pilot.press("enter")
