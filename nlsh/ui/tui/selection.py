"""What the person has selected in the panes, and how "these", "it" and "this file" use it.

Selecting files in the browser or a process in the monitor puts them in context for the
next request. Simple requests about the selection ("delete these", "compress them",
"kill it") become a plan directly; other requests have their pronouns replaced by the
selected paths or pid and go through the ordinary pipeline.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from ...types import ActionCall, Plan

__all__ = ["Selection"]

_PRONOUN = r"(?:these(?:\s+files)?|those(?:\s+files)?|them|it|this(?:\s+file|\s+process)?|that(?:\s+file|\s+process)?|the\s+selection|the\s+selected(?:\s+files?)?)"
_DELETE = re.compile(rf"^(?:delete|remove|trash|rm|erase)\s+{_PRONOUN}$", re.I)
_COMPRESS = re.compile(rf"^(?:compress|zip|archive|pack)(?:\s+up)?\s+{_PRONOUN}(?:\s+(?:in)?to\s+(?P<dest>\S+))?$", re.I)
_KILL = re.compile(rf"^(?P<force>force[\s-]*)?(?:kill|terminate|stop|end)\s+{_PRONOUN}$", re.I)
_WORD = re.compile(rf"\b{_PRONOUN}\b", re.I)


@dataclass
class Selection:
    """Selected files (absolute paths, in selection order) and at most one selected process."""

    cwd: Path
    files: list[Path] = field(default_factory=list)
    pid: int | None = None

    def toggle_file(self, path: Path) -> bool:
        """Add a file to the selection, or remove it if already there; True when now selected."""
        if path in self.files:
            self.files.remove(path)
            return False
        self.files.append(path)
        return True

    def clear(self) -> None:
        self.files.clear()
        self.pid = None

    def describe(self) -> str:
        parts = []
        if self.files:
            parts.append("files: " + ", ".join(self._display(p) for p in self.files))
        if self.pid is not None:
            parts.append(f"process: {self.pid}")
        return "; ".join(parts) if parts else "nothing selected"

    def plan_for(self, text: str) -> Plan | None:
        """A plan built directly for a simple request about the selection, else None."""
        text = " ".join(text.strip().split())
        if self.files and _DELETE.match(text):
            return Plan((ActionCall("files.delete", {"paths": [str(p) for p in self.files]}),), source="tui")
        m = _COMPRESS.match(text)
        if self.files and m:
            dest = m.group("dest") or self._archive_name()
            sources = [str(p) for p in self.files]
            return Plan((ActionCall("files.archive", {"sources": sources, "archive": dest}),), source="tui")
        m = _KILL.match(text)
        if self.pid is not None and m:
            signal = "KILL" if m.group("force") else "TERM"
            return Plan((ActionCall("proc.signal", {"pid": self.pid, "signal": signal}),), source="tui")
        return None

    def rewrite(self, text: str) -> str:
        """Replace "these/them/it/this file" with the selected paths (or pid) for the pipeline."""
        if self.files:
            names = " ".join(shlex.quote(self._display(p)) for p in self.files)
            return _WORD.sub(lambda _m: names, text)
        if self.pid is not None:
            return _WORD.sub(lambda _m: str(self.pid), text)
        return text

    def _display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.cwd))
        except ValueError:
            return str(path)

    def _archive_name(self) -> str:
        first = self.files[0]
        stem = first.name if len(self.files) == 1 else "selection"
        return str(self.cwd / f"{stem}.zip")
