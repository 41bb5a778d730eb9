"""Parsers for git's machine-readable (-z) output: status, log, numstat, refs."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Status", "parse_log", "parse_numstat", "parse_status", "LOG_FORMAT", "CHANGE_NAMES"]

CHANGE_NAMES = {"M": "modified", "T": "type changed", "A": "new file", "D": "deleted", "R": "renamed",
                "C": "copied", "U": "unmerged"}
_CONFLICT_NAMES = {"DD": "both deleted", "AU": "added by us", "UD": "deleted by them", "UA": "added by them",
                   "DU": "deleted by us", "AA": "both added", "UU": "both modified"}
LOG_FIELDS = ("commit", "short", "author", "email", "date", "subject")
LOG_FORMAT = "%x1e%H%x00%h%x00%an%x00%ae%x00%aI%x00%s%x00"


@dataclass
class Status:
    branch: str | None = None
    commit: str | None = None
    upstream: str | None = None
    ahead: int = 0
    behind: int = 0
    staged: list[dict] = field(default_factory=list)
    unstaged: list[dict] = field(default_factory=list)
    untracked: list[str] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.staged or self.unstaged or self.untracked or self.conflicts)

    def as_data(self) -> dict:
        return {"branch": self.branch, "commit": self.commit, "upstream": self.upstream,
                "ahead": self.ahead, "behind": self.behind, "staged": self.staged,
                "unstaged": self.unstaged, "untracked": self.untracked, "conflicts": self.conflicts,
                "clean": self.clean}


def parse_status(raw: str) -> Status:
    """`git status --porcelain=v2 --branch -z` into a Status."""
    status = Status()
    entries = raw.split("\0")
    i = 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if entry.startswith("# "):
            _branch_header(status, entry[2:])
        elif entry.startswith("1 "):
            parts = entry.split(" ", 8)
            _tracked(status, parts[1], parts[8], None)
        elif entry.startswith("2 "):
            parts = entry.split(" ", 9)
            original = entries[i] if i < len(entries) else ""
            i += 1
            _tracked(status, parts[1], parts[9], original)
        elif entry.startswith("u "):
            parts = entry.split(" ", 10)
            status.conflicts.append({"path": parts[10], "change": _CONFLICT_NAMES.get(parts[1], "conflict")})
        elif entry.startswith("? "):
            status.untracked.append(entry[2:])
    return status


def _branch_header(status: Status, header: str) -> None:
    key, _, value = header.partition(" ")
    if key == "branch.oid":
        status.commit = None if value == "(initial)" else value
    elif key == "branch.head":
        status.branch = None if value == "(detached)" else value
    elif key == "branch.upstream":
        status.upstream = value
    elif key == "branch.ab":
        ahead, _, behind = value.partition(" ")
        status.ahead, status.behind = abs(int(ahead)), abs(int(behind))


def _tracked(status: Status, xy: str, path: str, original: str | None) -> None:
    index, worktree = xy[0], xy[1]
    if index != ".":
        change = {"path": path, "change": CHANGE_NAMES.get(index, index)}
        if original is not None:
            change["from"] = original
        status.staged.append(change)
    if worktree != ".":
        status.unstaged.append({"path": path, "change": CHANGE_NAMES.get(worktree, worktree)})


def parse_log(raw: str) -> list[dict]:
    """`git log -z --format=LOG_FORMAT [--name-status]` into one dict per commit."""
    commits = []
    for record in raw.split("\x1e")[1:]:
        parts = record.split("\0")
        commit = dict(zip(LOG_FIELDS, parts[: len(LOG_FIELDS)]))
        rest = [p.lstrip("\n") for p in parts[len(LOG_FIELDS):]]
        commit["files"] = _name_status([p for p in rest if p])
        commits.append(commit)
    return commits


def _name_status(tokens: list[str]) -> list[dict]:
    files, i = [], 0
    while i < len(tokens):
        code = tokens[i]
        letter = code[:1]
        if letter in ("R", "C") and i + 2 < len(tokens):
            files.append({"change": CHANGE_NAMES[letter], "from": tokens[i + 1], "path": tokens[i + 2]})
            i += 3
        elif i + 1 < len(tokens):
            files.append({"change": CHANGE_NAMES.get(letter, letter), "path": tokens[i + 1]})
            i += 2
        else:
            break
    return files


def parse_numstat(raw: str) -> list[dict]:
    """`git diff --numstat -z` into {path, added, deleted, binary} (renames: from + path)."""
    files = []
    entries = raw.split("\0")
    i = 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if not entry:
            continue
        added, deleted, path = (entry.split("\t", 2) + ["", ""])[:3]
        item: dict = {"binary": added == "-", "added": 0 if added == "-" else int(added),
                      "deleted": 0 if deleted == "-" else int(deleted)}
        if path == "" and i + 1 < len(entries):  # a rename: old and new path follow
            item["from"], path = entries[i], entries[i + 1]
            i += 2
        item["path"] = path
        files.append(item)
    return files
