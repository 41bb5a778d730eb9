"""What nlsh-mail remembers between runs: recent sends (the rate limit, in the state folder)
and the recipients mail has gone to before (in the data folder). Small JSON files, replaced
atomically; neither holds message contents.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

__all__ = ["RateLimit", "SeenRecipients"]


def _read(path: Path, default: Any) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def _write(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(json.dumps(value, sort_keys=True), encoding="utf-8")
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


class RateLimit:
    """At most `max_sends` sends in any `window` seconds."""

    def __init__(self, state_dir: Path, max_sends: int, window: float) -> None:
        self.path = Path(state_dir) / "mail" / "sends.json"
        self.max_sends, self.window = max_sends, window

    def recent(self, now: float) -> list[float]:
        stamps = _read(self.path, [])
        if not isinstance(stamps, list):
            return []
        return sorted(float(t) for t in stamps if isinstance(t, (int, float)) and now - self.window < t <= now)

    def left(self, now: float) -> int:
        return max(self.max_sends - len(self.recent(now)), 0)

    def wait(self, now: float) -> float:
        """Seconds until one more send is allowed (0 when it is allowed now)."""
        recent = self.recent(now)
        if len(recent) < self.max_sends:
            return 0.0
        return recent[len(recent) - self.max_sends] + self.window - now

    def record(self, now: float) -> None:
        _write(self.path, self.recent(now) + [now])


class SeenRecipients:
    """Addresses mail was sent to before, so that a new one can be pointed out."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / "mail" / "seen-recipients.json"

    def known(self) -> set[str]:
        found = _read(self.path, [])
        return {str(a).lower() for a in found} if isinstance(found, list) else set()

    def new(self, addresses: list[str]) -> list[str]:
        known = self.known()
        return [a for a in addresses if a.lower() not in known]

    def add(self, addresses: list[str]) -> None:
        _write(self.path, sorted(self.known() | {a.lower() for a in addresses}))
