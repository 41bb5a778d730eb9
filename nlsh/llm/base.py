"""The Backend protocol: how the planner talks to a language model.

A backend turns chat messages into text. The planner may pass a JSON schema (and a GBNF
grammar built from it) so that a backend able to constrain decoding does so; a backend that
cannot simply ignores them, and the planner validates whatever comes back.
"""

from __future__ import annotations

from typing import Any, Mapping, Protocol, Sequence, runtime_checkable

__all__ = ["Backend", "Message"]

Message = Mapping[str, str]  # {"role": "system" | "user" | "assistant", "content": "..."}


@runtime_checkable
class Backend(Protocol):
    name: str

    def complete(
        self,
        messages: Sequence[Message],
        *,
        json_schema: Mapping[str, Any] | None = None,
        grammar: str | None = None,
        max_tokens: int = 256,
    ) -> str:
        """Return the model's reply to `messages` (deterministic decoding)."""
        ...
