"""The undo journal: what each reversible action needs to be reverted.

One JSON line per event in the state dir: {"op": "do", "id", "ts", "action", "summary",
"data"} when a reversible action ran, {"op": "undone", "id"} when it was reverted. `last()`
is the most recent entry not yet undone.
"""

from __future__ import annotations

import fcntl
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

__all__ = ["UndoEntry", "UndoJournal"]


@dataclass(frozen=True)
class UndoEntry:
    id: str
    ts: float
    action: str
    summary: str
    data: Mapping[str, Any]


class UndoJournal:
    def __init__(self, path: Path, clock: Callable[[], float]) -> None:
        self.path = path
        self.clock = clock

    def _append(self, record: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        line = json.dumps(record, sort_keys=True, ensure_ascii=True) + "\n"
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            os.write(fd, line.encode("utf-8", "surrogateescape"))
            os.fsync(fd)
        finally:
            os.close(fd)

    def record(self, action: str, summary: str, data: Mapping[str, Any]) -> str:
        entry_id = uuid.uuid4().hex[:12]
        self._append(
            {"op": "do", "id": entry_id, "ts": self.clock(), "action": action,
             "summary": summary, "data": _encodable(data)}
        )
        return entry_id

    def mark_undone(self, entry_id: str) -> None:
        self._append({"op": "undone", "id": entry_id, "ts": self.clock()})

    def entries(self) -> list[UndoEntry]:
        """Entries not yet undone, oldest first."""
        done: dict[str, UndoEntry] = {}
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        for line in lines:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue  # a torn last line from an interrupted write
            if rec.get("op") == "do":
                done[rec["id"]] = UndoEntry(
                    rec["id"], rec["ts"], rec["action"], rec.get("summary", ""), _decoded(rec["data"])
                )
            elif rec.get("op") == "undone":
                done.pop(rec.get("id"), None)
        return list(done.values())

    def last(self) -> UndoEntry | None:
        pending = self.entries()
        return pending[-1] if pending else None

    def get(self, entry_id: str) -> UndoEntry | None:
        return next((e for e in self.entries() if e.id == entry_id or e.id.startswith(entry_id)), None)


def _encodable(value: Any) -> Any:
    """Keep non-UTF-8 path strings exact: surrogates become {"__bytes__": hex}."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            return {"__bytes__": os.fsencode(value).hex()}
    if isinstance(value, Mapping):
        return {k: _encodable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encodable(v) for v in value]
    return value


def _decoded(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"__bytes__"}:
            return os.fsdecode(bytes.fromhex(value["__bytes__"]))
        return {k: _decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decoded(v) for v in value]
    return value
