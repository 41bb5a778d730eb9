"""What the model planner saw and produced, kept (bounded) in the state folder.

Each model-planned request appends one JSON line to `<state>/trace.jsonl`: an id, the time,
the request, the examples retrieved, the actions offered, the prompt size, the raw reply,
validation and grounding errors, tokens and timings. Only the newest `keep` traces stay.
`nlsh trace [ID]` shows them (`format_trace`), so a wrong plan can be understood and fixed.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path
from typing import Any, Callable

__all__ = ["TraceLog", "format_trace"]


class TraceLog:
    def __init__(self, path: Path, *, keep: int = 200, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.keep = keep
        self.clock = clock

    def append(self, trace: dict[str, Any]) -> str:
        record = {"id": uuid.uuid4().hex[:8], "ts": round(self.clock(), 3), **trace}
        line = json.dumps(record, ensure_ascii=False, default=str)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as out:
            out.write(line + "\n")
        if self.path.stat().st_size > self.keep * 4096:
            self._trim()
        return record["id"]

    def _trim(self) -> None:
        lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()[-self.keep:]
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        os.replace(tmp, self.path)

    def read(self) -> list[dict[str, Any]]:
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return []
        out = []
        for line in text.splitlines():
            try:
                out.append(json.loads(line))
            except ValueError:
                continue  # a line cut by a crash
        return out

    def get(self, trace_id: str | None = None) -> dict[str, Any] | None:
        traces = self.read()
        if trace_id is None:
            return traces[-1] if traces else None
        return next((t for t in reversed(traces) if str(t.get("id", "")).startswith(trace_id)), None)


def format_trace(trace: dict[str, Any]) -> str:
    """A trace as a person reads it."""
    rows = [
        ("trace", f"{trace.get('id', '')}  {trace.get('kind', 'plan')}  model {trace.get('model', '')}"),
        ("request", trace.get("request", "")),
        ("examples", "\n".join(f"- {e}" for e in trace.get("examples", ())) or "none"),
        ("offered", ", ".join(trace.get("offered", ())) or "all actions"),
        ("prompt", f"{trace.get('prompt_chars', '?')} characters, {trace.get('prompt_tokens', '?')} tokens"
                   f" ({trace.get('reused_tokens', 0)} reused from the cache)"),
        ("reply", trace.get("reply", "") or "(none)"),
        ("tokens", f"{trace.get('completion_tokens', '?')} generated in {trace.get('total_ms', '?')} ms"
                   f" (prompt {trace.get('prompt_ms', '?')} ms; planner {trace.get('ms', '?')} ms in all)"),
    ]
    if trace.get("grounding_error"):
        rows.append(("grounding", trace["grounding_error"]))
    if trace.get("error"):
        rows.append(("error", trace["error"]))
    width = max(len(k) for k, _ in rows)
    lines = []
    for key, value in rows:
        first, *rest = str(value).splitlines() or [""]
        lines.append(f"{key:<{width}}  {first}")
        lines += [f"{'':<{width}}  {line}" for line in rest]
    return "\n".join(lines)
