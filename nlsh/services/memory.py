"""Long-term memory: facts and preferences the person states, and episodes of past requests.

Kept in SQLite (`Paths.data / "memory.db"`) with an FTS5 index (porter stemming, so
"invoices" finds "invoice"). Text the person typed is trusted; text copied from files, mail
or program output keeps a `taint` naming where it came from, and the planner is told so.
`relevant(text)` gives the planner only the few best-matching items (bounded context).
Memory moves between machines as a portable JSON file (`export` / `import_file`).
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..errors import UsageError
from .migrations import migrate

__all__ = ["KINDS", "Memory", "MemoryItem", "fts_query"]

KINDS = ("fact", "preference", "episode")
EXPORT_FORMAT = "nlsh-memory/1"
_STOPWORDS = frozenset(
    "a an and are as at be by did do does for from have how i in is it me my of on or so that the "
    "this to was we what when where which who why with you your".split()
)


@dataclass(frozen=True)
class MemoryItem:
    id: int
    kind: str
    text: str
    ts: float
    taint: str = ""
    request: str = ""
    plan: str = ""
    outcome: str = ""

    @property
    def trusted(self) -> bool:
        return not self.taint

    def line(self) -> str:
        """One line for the planner's prompt or a listing; tainted text is labelled."""
        label = self.kind if self.trusted else f"{self.kind}, untrusted from {self.taint}"
        return f"[{label}] {' '.join(self.text.split())}"


def _m001_items(db: sqlite3.Connection) -> None:
    db.execute(
        "CREATE TABLE items (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, text TEXT NOT NULL, "
        "ts REAL NOT NULL, taint TEXT NOT NULL DEFAULT '', request TEXT NOT NULL DEFAULT '', "
        "plan TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL DEFAULT '')"
    )


def _m002_fts(db: sqlite3.Connection) -> None:
    db.execute(
        "CREATE VIRTUAL TABLE items_fts USING fts5(text, content='items', content_rowid='id', "
        "tokenize='porter unicode61')"
    )
    db.execute("CREATE TRIGGER items_ai AFTER INSERT ON items BEGIN "
               "INSERT INTO items_fts(rowid, text) VALUES (new.id, new.text); END")
    db.execute("CREATE TRIGGER items_ad AFTER DELETE ON items BEGIN "
               "INSERT INTO items_fts(items_fts, rowid, text) VALUES ('delete', old.id, old.text); END")


MIGRATIONS = (("m001_items", _m001_items), ("m002_fts", _m002_fts))


def fts_query(text: str) -> str:
    """An FTS5 query matching any meaningful word of `text` (words quoted: no operators)."""
    words = [w for w in re.findall(r"\w+", text.lower()) if w not in _STOPWORDS]
    return " OR ".join(f'"{w}"' for w in dict.fromkeys(words))


class Memory:
    """The memory database; every call opens its own connection, so threads may share it."""

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.clock = clock
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with self._connect() as db:
            migrate(db, MIGRATIONS)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.row_factory = sqlite3.Row
        return db

    def _run(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
        db = self._connect()
        try:
            with db:
                return db.execute(sql, tuple(params)).fetchall()
        finally:
            db.close()

    # -- writing ------------------------------------------------------------------------

    def add(self, text: str, *, kind: str = "fact", taint: str = "", ts: float | None = None) -> int:
        """Remember a fact or preference; return its id."""
        text = text.strip()
        if not text:
            raise UsageError("nothing to remember: the text is empty")
        if kind not in KINDS:
            raise UsageError(f"unknown memory kind {kind!r}; kinds: {', '.join(KINDS)}")
        return self._insert(MemoryItem(0, kind, text, self.clock() if ts is None else ts, taint))

    def record_episode(self, request: str, plan: str, outcome: str, *, taint: str = "",
                       ts: float | None = None) -> int:
        """Remember one past request with a summary of its plan and how it ended."""
        text = f"{request} — {plan} — {outcome}"
        item = MemoryItem(0, "episode", text, self.clock() if ts is None else ts, taint, request, plan, outcome)
        return self._insert(item)

    def _insert(self, item: MemoryItem) -> int:
        db = self._connect()
        try:
            with db:
                cur = db.execute(
                    "INSERT INTO items (kind, text, ts, taint, request, plan, outcome) VALUES (?,?,?,?,?,?,?)",
                    (item.kind, item.text, item.ts, item.taint, item.request, item.plan, item.outcome),
                )
                return int(cur.lastrowid)
        finally:
            db.close()

    def forget(self, item_id: int) -> bool:
        """Delete one item; False when there is none with that id."""
        db = self._connect()
        try:
            with db:
                return db.execute("DELETE FROM items WHERE id = ?", (item_id,)).rowcount > 0
        finally:
            db.close()

    # -- reading ------------------------------------------------------------------------

    def get(self, item_id: int) -> MemoryItem | None:
        rows = self._run("SELECT * FROM items WHERE id = ?", (item_id,))
        return _item(rows[0]) if rows else None

    def list(self, *, kind: str | None = None, limit: int = 50) -> list[MemoryItem]:
        """The newest items first (of one kind when given)."""
        where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
        rows = self._run(f"SELECT * FROM items {where} ORDER BY ts DESC, id DESC LIMIT ?", params + [limit])
        return [_item(r) for r in rows]

    def search(self, text: str, *, limit: int = 10, kinds: tuple[str, ...] = KINDS) -> list[MemoryItem]:
        """Items matching any word of `text`, best match (bm25) first."""
        query = fts_query(text)
        if not query:
            return []
        marks = ",".join("?" * len(kinds))
        rows = self._run(
            "SELECT items.* FROM items_fts JOIN items ON items.id = items_fts.rowid "
            f"WHERE items_fts MATCH ? AND items.kind IN ({marks}) ORDER BY bm25(items_fts), items.ts DESC LIMIT ?",
            [query, *kinds, limit],
        )
        return [_item(r) for r in rows]

    def relevant(self, text: str, limit: int = 3) -> list[MemoryItem]:
        """The few items most relevant to a request, for the planner's context."""
        return self.search(text, limit=limit)

    def context_block(self, text: str, limit: int = 3) -> str:
        """The relevant items as lines for a prompt ("" when nothing is relevant)."""
        return "\n".join(item.line() for item in self.relevant(text, limit))

    # -- moving between machines ---------------------------------------------------------

    def export(self, path: Path) -> int:
        """Write every item to a portable JSON file; return how many."""
        items = [asdict(i) for i in self.list(limit=-1)]
        for item in items:
            item.pop("id")
        path.write_text(json.dumps({"format": EXPORT_FORMAT, "items": items}, indent=1, ensure_ascii=False),
                        encoding="utf-8")
        return len(items)

    def import_file(self, path: Path) -> int:
        """Add the items of an exported file that are not here yet; return how many were added."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UsageError(f"no such file: {path}") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UsageError(f"cannot read {path}: {exc}") from None
        if not isinstance(raw, dict) or raw.get("format") != EXPORT_FORMAT or not isinstance(raw.get("items"), list):
            raise UsageError(f"{path} is not an nlsh memory export ({EXPORT_FORMAT})")
        items = [_imported(entry, path) for entry in raw["items"]]
        present = {(i.kind, i.text, i.ts) for i in self.list(limit=-1)}
        added = 0
        for item in items:
            if (item.kind, item.text, item.ts) not in present:
                self._insert(item)
                present.add((item.kind, item.text, item.ts))
                added += 1
        return added


def _item(row: sqlite3.Row) -> MemoryItem:
    return MemoryItem(row["id"], row["kind"], row["text"], row["ts"], row["taint"],
                      row["request"], row["plan"], row["outcome"])


def _imported(entry: object, path: Path) -> MemoryItem:
    fields = ("kind", "text", "ts", "taint", "request", "plan", "outcome")
    if not isinstance(entry, dict) or entry.get("kind") not in KINDS or not isinstance(entry.get("text"), str):
        raise UsageError(f"{path}: an item lacks a valid kind or text; nothing was imported")
    try:
        ts = float(entry.get("ts", 0))
    except (TypeError, ValueError):
        raise UsageError(f"{path}: an item has a bad timestamp; nothing was imported") from None
    values = {k: str(entry.get(k, "") or "") for k in fields if k not in ("ts",)}
    return MemoryItem(0, values["kind"], values["text"], ts, values["taint"],
                      values["request"], values["plan"], values["outcome"])
