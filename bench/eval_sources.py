"""Which planner answered each eval request (fast path, model, command), from the audit log.

    python bench/eval_sources.py RESULTS.jsonl NLSH_HOME ITEMS.jsonl

Prints the share of requests each source planned and its strict pass rate, and lists the
model-planned requests with their plan, so a wrong plan can be read next to its request ("none": no plan was recorded).
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path


def sources(audit: Path) -> dict[str, str]:
    """request line -> plan source ("fastpath", "model", "command", or "rejected")."""
    lines: dict[str, str] = {}
    found: dict[str, str] = {}
    for raw in audit.read_text(encoding="utf-8").splitlines():
        rec = json.loads(raw)
        extra = rec.get("extra") or {}
        if rec.get("event") == "request":
            lines[rec["id"]] = extra.get("line", "")
        elif rec.get("event") == "plan" and rec.get("parent_id") in lines:
            line = lines[rec["parent_id"]]
            if extra.get("source"):
                found[line] = extra["source"]
            else:
                found.setdefault(line, "rejected")
    return found


def main(results: str, home: str, items: str) -> None:
    rows = [json.loads(l) for l in open(results, encoding="utf-8") if l.strip()]
    requests = {it["id"]: it["nl"] for it in map(json.loads, open(items, encoding="utf-8")) if it}
    audit = Path(home) / "state" / "audit.jsonl"
    by_line = sources(audit) if audit.is_file() else {}
    tally: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for r in rows:
        src = by_line.get(requests.get(r["id"], "").strip(), "none")
        tally[src][0] += 1
        tally[src][1] += bool(r.get("pass_strict"))
    total = len(rows) or 1
    print("| planned by | n | share | strict |")
    print("|---|---:|---:|---:|")
    for src, (n, ok) in sorted(tally.items(), key=lambda kv: -kv[1][0]):
        print(f"| {src} | {n} | {100 * n / total:.0f}% | {100 * ok / n:.0f}% |")


if __name__ == "__main__":
    main(*sys.argv[1:4])
