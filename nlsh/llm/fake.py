"""A scripted backend for unit tests of the pipeline: replies are given in advance."""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from .base import Message

__all__ = ["ScriptedBackend"]


class ScriptedBackend:
    """Returns the scripted replies in order and records every prompt it was sent."""

    name = "scripted"

    def __init__(self, replies: Iterable[str]) -> None:
        self.replies = list(replies)
        self.prompts: list[list[Message]] = []

    def complete(
        self,
        messages: Sequence[Message],
        *,
        json_schema: Mapping[str, Any] | None = None,
        grammar: str | None = None,
        max_tokens: int = 256,
    ) -> str:
        self.prompts.append(list(messages))
        if not self.replies:
            raise RuntimeError("scripted backend has no reply left")
        return self.replies.pop(0)
