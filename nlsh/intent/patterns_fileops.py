"""Changing files: copy, move/rename, mkdir, touch, write/append, delete, archive, extract.

Deletes are held to a stricter reading than anything else: every target must be quoted,
look like a path ("notes.txt", "build/", "*.log"), or be called a file or folder ("the
build folder"); "everything", "it", "all files", ".", "~" and "*" never match. Text to write
must be quoted: "write a poem about cats to poem.txt" asks for content to be made up,
which is the model's job, not the literal words "a poem about cats".
"""

from __future__ import annotations

import posixpath
import re

from ..types import ActionCall
from .phrases import (
    PLACE, TOKEN, archive_like, dirlike, file_like, named, place, sources, split_items, target, unquote,
)

__all__ = ["GATE", "PATTERNS"]

_QUOTED = r"""(?:"[^"]*"|'[^']*')"""
_OVERWRITE = (r"(?P<over>\s*,?\s*(?:and\s+)?(?:overwrit(?:e|ing)|replac(?:e|ing))(?:\s+(?:it|them|the\s+old\s+ones?"
              r"|(?:any\s+)?existing(?:\s+files?|\s+ones?)?|if\s+(?:it|they)\s+exists?|what'?s\s+there))?)?")
_TRASH = r"(?:the\s+)?(?:trash|bin|recycle\s+bin|rubbish\s+bin|wastebasket|garbage|trash\s+can)"
_WHERE = rf"(?:\s+(?:in|inside|under|within)\s+(?P<where>{PLACE}))?"


def _transfer(action: str, *, prefix_from: bool = False, dest_fixed: str | None = None):
    def build(m: re.Match[str]) -> list[ActionCall] | None:
        paths = sources(m["src"], strict=True, recursive_ok=False)
        dest = dest_fixed or place(m["dest"])
        if paths is None or dest is None:
            return None
        if prefix_from:
            folder = place(m["from"])
            if folder is None or any(p.startswith(("/", "~")) for p in paths):
                return None
            paths = [posixpath.join(folder, p) for p in paths]
        args: dict = {"sources": paths, "destination": dest}
        if m.groupdict().get("over"):
            args["overwrite"] = True
        return [ActionCall(action, args)]
    return build


def _rename(m: re.Match[str]) -> list[ActionCall] | None:
    source = target(m["src"], strict=True)
    new = target(m["dest"])
    if source is None or new is None or dirlike(source) or dirlike(new):
        return None
    if "/" not in new:
        new = posixpath.join(posixpath.dirname(source.rstrip("/")), new)
    return [ActionCall("files.move", {"sources": [source], "destination": new})]


def _delete(m: re.Match[str]) -> list[ActionCall] | None:
    paths = sources(m["src"], strict=True)
    if paths is None or any(p.strip("*./~") == "" for p in paths):
        return None
    return [ActionCall("files.delete", {"paths": paths})]


def _in_folder(m: re.Match[str], names: list[str]) -> list[str] | None:
    folder = place(m["where"]) if m.groupdict().get("where") else "."
    if folder is None:
        return None
    return names if folder == "." else [posixpath.join(folder, n) for n in names]


def _new_names(chunk: str, *, files_only: bool = False) -> list[str] | None:
    items = split_items(chunk)
    names = [target(i) for i in items or []]
    if not names or None in names or any(n.strip("/.~") == "" for n in names):
        return None
    if files_only and not all(file_like(n) for n in names):
        return None
    return names


def _mkdir(m: re.Match[str]) -> list[ActionCall] | None:
    names = _new_names(m["names"])
    paths = _in_folder(m, names) if names else None
    return [ActionCall("files.mkdir", {"path": p}) for p in paths] if paths else None


def _touch(files_only: bool = False):
    def build(m: re.Match[str]) -> list[ActionCall] | None:
        names = _new_names(m["names"], files_only=files_only)
        paths = _in_folder(m, names) if names else None
        if not paths or any(p.endswith("/") for p in paths):
            return None
        return [ActionCall("files.touch", {"paths": paths})]
    return build


def _write(append: bool = False):
    def build(m: re.Match[str]) -> list[ActionCall] | None:
        found = named(m["file"])
        if found is None or found[1] == "dir" or dirlike(found[0]):
            return None
        text, _ = unquote(m["text"])
        to_end = append or bool(re.search(r"end", m.groupdict().get("mode") or ""))
        args = {"path": found[0], "text": text}
        if to_end:
            args["append"] = True
        return [ActionCall("files.write", args)]
    return build


_KIND_EXT = [("tar.bz2", ".tar.bz2"), ("tar.xz", ".tar.xz"), ("tar.gz", ".tar.gz"), ("tgz", ".tar.gz"),
             ("tarball", ".tar.gz"), ("gzip", ".tar.gz"), ("zip", ".zip"), ("tar", ".tar")]


def _kind_ext(words: str) -> str | None:
    low = words.lower()
    return next((ext for key, ext in _KIND_EXT if key in low), None)


def _archive(m: re.Match[str]) -> list[ActionCall] | None:
    groups = m.groupdict()
    paths = sources(m["src"], strict=not (groups.get("dest") or groups.get("kind")))
    if paths is None:
        return None
    ext = _kind_ext((groups.get("verb") or "") + " " + (groups.get("kind") or ""))
    if groups.get("dest"):
        dest = target(m["dest"])
        if dest is None:
            return None
        if not archive_like(dest):
            if ext is None:
                return None
            dest += ext
    else:
        base = posixpath.basename(paths[0].rstrip("/"))
        if len(paths) != 1 or ext is None or not base or any(c in base for c in "*?[") or base in (".", "..", "~"):
            return None
        dest = base + ext
    return [ActionCall("files.archive", {"sources": paths, "archive": dest})]


def _extract(m: re.Match[str]) -> list[ActionCall] | None:
    found = named(m["what"])
    if found is None or found[1] == "dir":
        return None
    word, _, quoted = found
    explicit = m["verb"].lower() in ("unzip", "untar") or m.groupdict().get("noun")
    if not (archive_like(word) or explicit or quoted):
        return None
    args = {"archive": word}
    if m.groupdict().get("where"):
        folder = place(m["where"])
        if folder is None:
            return None
        if folder != ".":
            args["destination"] = folder
    return [ActionCall("files.extract", args)]


# Every pattern below starts with one of these (see patterns.py: the module is registered behind them).
GATE = (r"^(?:move|mv|put|send|throw|drag|delete|remove|rm|trash|erase|discard|get|bin|copy|cp|duplicate|make|create"
        r"|back|rename|change|append|add|write|save|store|output|overwrite|replace|fill|mkdir|new|touch|update|refresh"
        r"|bump|reset|zip|compress|archive|tar|pack|bundle|gzip|build|extract|unzip|untar|unpack|decompress|uncompress"
        r"|expand|unarchive|transfer|relocate)\b")

_TO = r"(?:(?:in)?to|onto)"
_ARCHIVE_KIND = r"(?:zip|tar(?:\.gz|\.bz2|\.xz|ball)?|tgz|gzipped\s+tar(?:ball)?|compressed\s+archive|archive)"

PATTERNS = [
    # delete (and "move X to the trash", which means the same)
    (rf"(?:move|put|send|throw|drag)\s+(?P<src>.+?)\s+(?:{_TO}|in)\s+{_TRASH}", _delete),
    (r"(?:delete|remove|rm|trash|erase|discard|get\s+rid\s+of|throw\s+away|throw\s+out|bin)\s+(?P<src>.+)", _delete),
    # copy
    (rf"(?:copy|cp)\s+(?P<src>.+?)\s+from\s+(?P<from>{PLACE})\s+{_TO}\s+(?P<dest>.+?){_OVERWRITE}",
     _transfer("files.copy", prefix_from=True)),
    (rf"(?:copy|duplicate|cp)\s+(?P<src>.+?)\s+(?:{_TO}|as)\s+(?P<dest>.+?){_OVERWRITE}", _transfer("files.copy")),
    (r"(?:make|create)\s+(?:a\s+)?(?:backup\s+)?copy\s+of\s+(?P<src>.+?)\s+(?:called|named|as|at|in|into|to)\s+"
     r"(?P<dest>.+)", _transfer("files.copy")),
    (rf"back\s+up\s+(?P<src>.+?)\s+(?:in)?to\s+(?P<dest>.+?){_OVERWRITE}", _transfer("files.copy")),
    # move and rename
    (rf"(?:move|mv)\s+(?P<src>.+?)\s+from\s+(?P<from>{PLACE})\s+{_TO}\s+(?P<dest>.+?){_OVERWRITE}",
     _transfer("files.move", prefix_from=True)),
    (rf"(?:move|mv|put|transfer|relocate)\s+(?P<src>.+?)\s+{_TO}\s+(?P<dest>.+?){_OVERWRITE}", _transfer("files.move")),
    (r"(?:move|mv)\s+(?P<src>.+?)\s+(?:in\s+)?here", _transfer("files.move", dest_fixed=".")),
    (r"(?:move|mv)\s+(?P<src>.+?)\s+up\s+(?:one|a)\s+(?:level|folder|directory)",
     _transfer("files.move", dest_fixed="..")),
    (r"(?:rename|mv)\s+(?P<src>.+?)\s+(?:to|as|into)\s+(?P<dest>.+)", _rename),
    (r"change\s+the\s+name\s+of\s+(?P<src>.+?)\s+to\s+(?P<dest>.+)", _rename),
    # write and append (quoted text only)
    (r"(?:append|add)\s+(?:the\s+|a\s+)?(?:new\s+)?(?:line|text|string|words?|entry|note)?\s*(?:saying\s+)?"
     rf"(?P<text>{_QUOTED})\s+(?:to|onto|into|in|at\s+the\s+end\s+of|to\s+the\s+end\s+of)\s+(?P<file>{PLACE})",
     _write(append=True)),
    (rf"(?:write|save|store|output)\s+(?P<text>{_QUOTED})\s+"
     r"(?P<mode>(?:in)?to|in|at\s+the\s+end\s+of|to\s+the\s+end\s+of)\s+"
     rf"(?:a\s+(?:new\s+)?file\s+(?:called|named)\s+)?(?P<file>{PLACE})", _write()),
    (rf"(?:overwrite|replace\s+(?:the\s+)?(?:contents?|text)\s+of|fill)\s+(?P<file>{PLACE})\s+with\s+(?:the\s+)?"
     rf"(?:text\s+)?(?P<text>{_QUOTED})", _write()),
    (rf"(?:create|make)\s+(?:a\s+|an\s+)?(?:new\s+)?(?:text\s+)?file\s+(?:called\s+|named\s+)?(?P<file>{PLACE})\s+"
     rf"(?:with|containing|that\s+says|saying)\s+(?:the\s+)?(?:text|contents?|line|words?)?\s*(?P<text>{_QUOTED})",
     _write()),
    # new folders and files
    (r"(?:make|create|add|mkdir|new)\s+(?:a\s+|an\s+|the\s+|two\s+|three\s+|some\s+)?(?:new\s+|empty\s+)?"
     r"(?:folders?|directories|directory|dirs?|sub-?folders?|sub-?directories|sub-?directory)\s+"
     rf"(?:called\s+|named\s+)?(?P<names>.+?){_WHERE}", _mkdir),
    (rf"(?:make|create)\s+(?:a\s+|the\s+)?(?:new\s+)?(?P<names>{TOKEN})\s+(?:folder|directory){_WHERE}", _mkdir),
    (rf"mkdir\s+(?:-p\s+)?(?P<names>.+?){_WHERE}", _mkdir),
    (r"(?:create|make|add|touch|new)\s+(?:a\s+|an\s+|two\s+|three\s+|some\s+)?(?:(?:new|empty|blank)\s+)*"
     rf"(?:text\s+)?files?\s+(?:called\s+|named\s+)?(?P<names>.+?){_WHERE}", _touch()),
    (rf"(?:create|touch|make)\s+(?:an?\s+)?(?:(?:new|empty|blank)\s+)*(?P<names>.+?){_WHERE}", _touch(files_only=True)),
    (r"(?:update|refresh|bump|reset)\s+(?:the\s+)?(?:timestamps?|modification\s+times?|mtimes?|dates?)\s+"
     r"(?:of|on|for)\s+(?P<names>.+)", _touch()),
    # archives
    (r"(?P<verb>zip(?:\s+up)?|compress|archive|tar(?:\s+up)?|pack(?:\s+up)?|bundle(?:\s+up)?|gzip)\s+(?P<src>.+?)\s+"
     rf"(?:{_TO}|as|in)\s+(?:an?\s+)?(?:(?:new\s+)?(?P<kind>{_ARCHIVE_KIND})(?:\s+(?:file|archive))?\s+)?"
     rf"(?:called\s+|named\s+)?(?P<dest>{PLACE})", _archive),
    (rf"(?:create|make|build)\s+(?:a|an)\s+(?P<kind>{_ARCHIVE_KIND})(?:\s+(?:file|archive))?\s+"
     rf"(?:of|from|containing|with)\s+(?P<src>.+?)(?:\s+(?:called|named|as|at)\s+(?P<dest>{PLACE}))?", _archive),
    (rf"(?P<verb>zip(?:\s+up)?|tar(?:\s+up)?)\s+(?P<src>{PLACE})", _archive),
    (r"(?P<verb>extract|unzip|untar|unpack|decompress|uncompress|expand|unarchive)\s+(?:all\s+)?(?:the\s+)?"
     r"(?:(?:files|contents?|everything)\s+(?:from|of|in)\s+)?(?:the\s+)?"
     rf"(?P<noun>(?:archive|zip(?:\s+file)?|tarball)\s+)?(?P<what>{PLACE})(?:\s+(?:in\s+)?here"
     rf"|\s+(?:{_TO}|in|under)\s+(?:a\s+)?(?:new\s+)?(?:(?:folder|directory|dir)\s+(?:called\s+|named\s+)?)?"
     rf"(?P<where>{PLACE}))?", _extract),
]
