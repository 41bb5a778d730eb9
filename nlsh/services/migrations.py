"""Named migrations for nlsh's SQLite files, applied once each and recorded by name.

Like simonw/llm's migrations.py: a database keeps a `migrations` table listing the names it
has applied; opening it applies the missing ones in order, each in its own transaction.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Callable, Sequence

__all__ = ["Migration", "migrate"]

Migration = tuple[str, Callable[[sqlite3.Connection], None]]


def migrate(db: sqlite3.Connection, migrations: Sequence[Migration]) -> list[str]:
    """Apply the migrations this database lacks; return the names applied now."""
    db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)")
    done = {row[0] for row in db.execute("SELECT name FROM migrations")}
    applied = []
    for name, apply in migrations:
        if name in done:
            continue
        with db:
            apply(db)
            db.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, time.time()))
        applied.append(name)
    return applied
