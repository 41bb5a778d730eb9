"""Helpers for driving the desktop with Pilot: polling, typing a request, reading the transcript."""

from __future__ import annotations

import asyncio
from typing import Callable


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
