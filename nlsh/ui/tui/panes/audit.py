"""The audit pane: what ran recently, and whether the log's hash chain verifies."""

from __future__ import annotations

import time

from textual.widgets import Static

from ....textsafe import escape_output

__all__ = ["AuditPane", "audit_lines"]


def audit_lines(records: list[dict], ok: bool, count: int) -> str:
    head = f"chain ok · {count} records" if ok else "chain BROKEN · run `nlsh audit verify`"
    lines = [head]
    for r in reversed(records):
        when = time.strftime("%H:%M:%S", time.localtime(r.get("ts", 0))) if isinstance(r.get("ts"), (int, float)) else ""
        action = (r.get("action") or {}).get("name", "") if isinstance(r.get("action"), dict) else ""
        what = " ".join(x for x in (r.get("event", ""), action, r.get("decision", "") or "") if x)
        lines.append(escape_output(f"{when} {what}".strip()))
    return "\n".join(lines)


class AuditPane(Static):
    def show(self, records: list[dict], ok: bool, count: int) -> None:
        self.update(audit_lines(records, ok, count))
