"""An OpenAI-compatible chat server (llama.cpp's server, vLLM, Ollama) over plain urllib.

POSTs to {url}/v1/chat/completions with temperature 0. The plan's shape is passed the ways
servers understand it: llama.cpp's server takes a GBNF "grammar"; vLLM, Ollama and others
take `response_format` with a JSON schema. A server that rejects one is asked again without
it once (the planner validates the reply either way). Connection failures, timeouts and
error replies become ModelError with a one-line message.
"""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from typing import Any, Mapping, Sequence

from ..errors import NlshError
from .base import Message

__all__ = ["OpenAIBackend", "ServerError"]

MAX_BODY = 4 << 20


class ServerError(NlshError):
    """The model server could not be reached or gave no usable answer."""


class OpenAIBackend:
    def __init__(self, url: str, *, model: str = "", timeout: float = 60.0, api_key: str = "") -> None:
        base = url.rstrip("/")
        for suffix in ("/chat/completions", "/v1"):
            if base.endswith(suffix):
                base = base[: -len(suffix)]
        self.base = base
        self.model = model
        self.name = model or base
        self.timeout = timeout
        self.api_key = api_key
        self.last: dict[str, Any] = {}
        self._constrain = True  # cleared when the server rejects grammar/response_format

    def complete(
        self,
        messages: Sequence[Message],
        *,
        json_schema: Mapping[str, Any] | None = None,
        grammar: str | None = None,
        max_tokens: int = 256,
    ) -> str:
        self.last = {}
        body: dict[str, Any] = {
            "messages": [dict(m) for m in messages], "temperature": 0, "max_tokens": max_tokens, "stream": False,
        }
        if self.model:
            body["model"] = self.model
        constrained = dict(body)
        if grammar:
            constrained["grammar"] = grammar
        elif json_schema:
            constrained["response_format"] = {
                "type": "json_schema", "json_schema": {"name": "plan", "schema": dict(json_schema), "strict": True},
            }
        started = time.perf_counter()
        if self._constrain and constrained != body:
            try:
                reply = self._post(constrained)
            except _Rejected:
                self._constrain = False
                reply = self._post(body)
        else:
            reply = self._post(body)
        text = _content(reply, self.base)
        usage = reply.get("usage") or {}
        self.last = {
            "prompt_tokens": usage.get("prompt_tokens"), "completion_tokens": usage.get("completion_tokens"),
            "total_ms": round((time.perf_counter() - started) * 1000, 1), "constrained": self._constrain,
        }
        return text

    def _post(self, body: Mapping[str, Any]) -> dict[str, Any]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(
            self.base + "/v1/chat/completions", data=json.dumps(body).encode("utf-8"), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read(MAX_BODY + 1)
        except urllib.error.HTTPError as exc:
            detail = exc.read(2000).decode("utf-8", "replace")
            if exc.code in (400, 422) and ("grammar" in body or "response_format" in body):
                raise _Rejected(detail) from None
            raise ServerError(f"model server {self.base} answered {exc.code}: {_one_line(detail)}") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise ServerError(f"model server {self.base} did not answer within {self.timeout:g} s",
                                  hint="is it overloaded? try again or use a smaller model") from None
            raise ServerError(f"cannot reach the model server {self.base}: {reason}",
                              hint="is it running? check the URL given to --model") from None
        except (TimeoutError, socket.timeout):
            raise ServerError(f"model server {self.base} did not answer within {self.timeout:g} s",
                              hint="is it overloaded? try again or use a smaller model") from None
        except (ConnectionError, OSError) as exc:
            raise ServerError(f"cannot reach the model server {self.base}: {exc}") from None
        if len(raw) > MAX_BODY:
            raise ServerError(f"model server {self.base} sent more than {MAX_BODY >> 20} MiB")
        try:
            data = json.loads(raw)
        except ValueError:
            raise ServerError(f"model server {self.base} did not answer with JSON") from None
        if not isinstance(data, dict):
            raise ServerError(f"model server {self.base} sent an unexpected answer")
        return data


class _Rejected(Exception):
    """The server refused the grammar or response_format field."""


def _content(reply: Mapping[str, Any], base: str) -> str:
    try:
        content = reply["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise ServerError(f"model server {base} sent no choices in its answer") from None
    return content if isinstance(content, str) else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]
