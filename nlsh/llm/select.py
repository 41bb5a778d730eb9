"""Choosing a backend from a model setting: a GGUF path, a server URL, or none."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..config import Paths
from ..errors import UsageError
from .base import Backend

__all__ = ["backend_factory", "describe_model"]


def backend_factory(model: str, paths: Paths) -> Callable[[], Backend] | None:
    """A function that builds the backend (loading happens only when it is called)."""
    if not model:
        return None
    if model.startswith(("http://", "https://")):
        def openai() -> Backend:
            from .openai_compat import OpenAIBackend

            return OpenAIBackend(model)

        return openai
    path = Path(model).expanduser()
    if not path.is_file():
        raise UsageError(f"model file not found: {model}", hint="give a .gguf file path or an http(s) server URL")

    def llama() -> Backend:
        from .llama import LlamaBackend

        return LlamaBackend(path)

    return llama


def describe_model(model: str) -> str:
    if not model:
        return "none (fast path only)"
    return f"server {model}" if model.startswith(("http://", "https://")) else f"GGUF {model}"
