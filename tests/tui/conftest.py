"""Fixtures for the desktop: an NlshApp over a real Session in a temp workspace and NLSH_HOME.

The monitor panes get fixed data unless a test asks for the real psutil sources, and no
model is ever loaded: requests the fast path does not know are "not understood".
"""

from __future__ import annotations

from typing import Callable

import pytest

from nlsh.app import open_session
from nlsh.ui.tui.app import NlshApp
from nlsh.ui.tui.sources import ProcessRow, SystemStats

try:  # snapshots are .svg files whichever syrupy is installed (syrupy >= 5 reads `file_extension`)
    from pytest_textual_snapshot import SVGImageExtension

    SVGImageExtension.file_extension = "svg"
except ImportError:  # pragma: no cover - the snapshot tests skip themselves
    pass

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
