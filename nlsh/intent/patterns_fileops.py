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
    ALL_OF, PLACE, TOKEN, archive_like, dirlike, file_like, folder_contents, named, place, sources, split_items,
    target, unquote,
)

__all__ = ["GATE", "PATTERNS"]

_QUOTED = r"""(?:"[^"]*"|'[^']*')"""
_OVERWRITE = (r"(?P<over>\s*,?\s*(?:and\s+)?(?:overwrit(?:e|ing)|replac(?:e|ing))(?:\s+(?:it|them|the\s+old\s+ones?"
              r"|(?:any\s+)?existing(?:\s+files?|\s+ones?)?|if\s+(?:it|they)\s+exists?|what'?s\s+there))?)?")
_TRASH = r"(?:the\s+)?(?:trash|bin|recycle\s+bin|rubbish\s+bin|wastebasket|garbage|trash\s+can)"
# Where, whether an existing one is an error, whether parents may be made: "in docs", "right here",
# "and return an error if it already exists", "creating parent folders as needed".
_WHERE = (rf"(?:\s+(?:in|inside|under|within)\s+(?P<where>{PLACE})|\s+(?:right\s+)?here)?"
          r"(?P<strict>\s*,?\s+(?:and\s+|but\s+)?(?:(?:yield|return|raise|throw|give|show|report|print)(?:ing)?\s+"
          r"(?:an?\s+)?error|error(?:ing)?(?:\s+out)?|fail(?:ing)?)\s+if\s+(?:it|they|one|the\s+(?:folder|directory|file)s?"
          r"|(?:a|the)\s+(?:folder|directory|file)\s+(?:with\s+)?(?:that|the\s+same)\s+name)\s+(?:already\s+)?exists?"
          r"(?:\s+already)?)?"
          r"(?P<parents>\s*,?\s+(?:and\s+)?(?:(?:including|with|creating|making|plus|along\s+with)\s+(?:any\s+|all\s+|the\s+)?"
          r"(?:missing\s+|needed\s+|necessary\s+|intermediate\s+)?parents?(?:\s+(?:folders?|directories|dirs))?"
          r"(?:\s+as\s+(?:needed|necessary|required))?|as\s+(?:needed|necessary|required)))?")


# "keeping the file name", "with the same name": what copying or moving into a folder does anyway
_SAME_NAME = (r"(?:\s*,?\s*(?:and\s+|but\s+)?(?:keep(?:ing)?|preserv(?:e|ing)|retain(?:ing)?|with|under|using)\s+"
              r"(?:the\s+|its\s+|their\s+)?(?:same\s+|original\s+|existing\s+)*(?:file\s*|base\s*)?names?)?")
# "keeping the permissions": files.copy keeps mode and times, as `cp -a` does
_PRESERVE = (r"(?:\s*,?\s*(?:and\s+|while\s+)?(?:preserv(?:e|ing)|keep(?:ing)?|retain(?:ing)?|with)\s+(?:all\s+)?(?:the\s+|its\s+"
             r"|their\s+|file\s+)?(?:attributes|permissions|timestamps|modes?|metadata|modification\s+times?|times)"
             r"(?:\s*(?:,|and)\s*(?:attributes|permissions|timestamps|modes?|metadata|times))*)?")
# "recursively", "cp -r", "with all its contents": a folder is always copied or moved whole
_RECURSIVE = (r"(?:recursively|(?:(?:along\s+)?with|and|including)\s+(?:all\s+)?(?:of\s+)?(?:its|their)\s+contents"
              r"|and\s+(?:everything|all|anything)\s+(?:in|inside|under|within|below)\s+(?:it|them))")
_VERB_REC = rf"(?:(?P<rec>recursively)\s+)?"
_FLAG_REC = r"(?:\s+(?P<flag>-[rRa]{1,3}))?"
_SRC_REC = rf"(?P<rec2>\s+{_RECURSIVE})?"
_END_REC = rf"(?P<rec3>\s*,?\s+{_RECURSIVE})?"


def _transfer(action: str, *, prefix_from: bool = False, dest_fixed: str | None = None, into: bool = False):
    """Copy or move; into: the destination must be a folder ("put a.txt in docs")."""
    def build(m: re.Match[str]) -> list[ActionCall] | None:
        said_recursive = any(m.groupdict().get(k) for k in ("rec", "rec2", "rec3", "flag"))
        if prefix_from and re.fullmatch(ALL_OF, m["src"].strip(), re.I):
            paths = ["*"]  # "move all files from downloads to x": what is in downloads
        else:
            paths = folder_contents(m["src"]) or sources(m["src"], strict=not said_recursive, recursive_ok=False)
        dest = dest_fixed or place(m["dest"])
        if paths is None or dest is None or (into and file_like(dest) and not dest.endswith("/")):
            return None
        if said_recursive and any(c in p for p in paths for c in "*?["):
            return None  # "copy all .txt files recursively": a search, not a glob
        if prefix_from:
            folder = place(m["from"])
            if folder is None or any(p.startswith(("/", "~")) for p in paths):
                return None
            paths = paths if folder == "." else [posixpath.join(folder, p) for p in paths]
        args: dict = {"sources": paths, "destination": dest}
        if m.groupdict().get("over"):
            args["overwrite"] = True
        return [ActionCall(action, args)]
    return build


def _backup(m: re.Match[str]) -> list[ActionCall] | None:
    """"make a backup of notes.txt": notes.txt.bak beside it, as `cp notes.txt notes.txt.bak`."""
    path = target(m["src"] or m["src2"], strict=True)
    if path is None or not file_like(path) or any(c in path for c in "*?["):
        return None
    return [ActionCall("files.copy", {"sources": [path], "destination": path + ".bak"})]


_CALLED = (r"^(?:the\s+|my\s+|this\s+|that\s+|our\s+)?(?P<noun>file|folder|directory|dir|document)\s+"
           r"(?:(?:that\s+|which\s+)?(?:(?:i|we|you)\s+(?:have\s+|had\s+|just\s+)?|(?:is\s+)?(?:currently\s+|now\s+)?)"
           r"(?:called|named|titled|saved\s+as)\s+)?")


def _rename(m: re.Match[str]) -> list[ActionCall] | None:
    src = re.sub(_CALLED, lambda c: "the " + ("file " if c["noun"] == "document" else c["noun"] + " "), m["src"],
                 flags=re.I)
    dest = re.sub(r"^(?:(?:be\s+)?(?:called|named)|the\s+(?:new\s+)?name)\s+", "", m["dest"].strip(), flags=re.I)
    source = target(src, strict=True)
    new = target(dest)
    if source is None or new is None or dirlike(source) or dirlike(new):
        return None
    if "/" not in new:
        new = posixpath.join(posixpath.dirname(source.rstrip("/")), new)
    return [ActionCall("files.move", {"sources": [source], "destination": new})]


def _delete_from(m: re.Match[str]) -> list[ActionCall] | None:
    """"remove the file named core from the current directory", "delete a.txt from the build folder".

    Only a folder the sentence calls one: "remove 'foo' from notes" may mean the text in a file.
    """
    folder, found = place(m["from"]), named(m["from"])
    if folder is None or not (folder == "." or folder.endswith("/") or found and found[1] == "dir"):
        return None
    calls = _delete(m)
    if not calls or folder == ".":
        return calls
    paths = calls[0].args["paths"]
    if any(p.startswith(("/", "~")) for p in paths):
        return None
    return [ActionCall("files.delete", {"paths": [posixpath.join(folder, p) for p in paths]})]


def _delete(m: re.Match[str]) -> list[ActionCall] | None:
    paths = sources(m["src"], strict=True)
    if paths and (m.groupdict().get("rec") or m.groupdict().get("rec3")) and any(c in p for p in paths for c in "*?["):
        paths = sources(m["src"] + " recursively", strict=True)  # "recursively delete all .pyc files": **/*.pyc
    if paths is None or any(p.strip("*./~") == "" for p in paths):
        return None
    return [ActionCall("files.delete", {"paths": paths})]


def _in_folder(m: re.Match[str], names: list[str]) -> list[str] | None:
    folder = place(m["where"]) if m.groupdict().get("where") else "."
    if folder is None:
        return None
    return names if folder == "." else [posixpath.join(folder, n) for n in names]


def _new_names(chunk: str, *, files_only: bool = False, called: bool = False) -> list[str] | None:
    """The names in "a.txt, b.txt and 'c d.txt'"; after "called"/"named" any word is a name ("out", "a")."""
    items = split_items(chunk)
    names = [(_literal_name(i) if called else None) or target(i) for i in items or []]
    if not names or None in names or any(n.strip("/.~") == "" for n in names):
        return None
    if files_only and not all(file_like(n) for n in names):
        return None
    return names


def _hidden_ok(m: re.Match[str], names: list[str] | None) -> bool:
    """"a hidden folder named .config" is fine; "a hidden folder named config" would not be hidden."""
    return not (m.groupdict().get("hidden") and names
                and not all(posixpath.basename(n).startswith(".") for n in names))


def _mkdir(m: re.Match[str]) -> list[ActionCall] | None:
    names = _new_names(m["names"], called=bool(m.groupdict().get("called")))
    if not _hidden_ok(m, names):
        return None
    paths = _in_folder(m, names) if names else None
    if not paths or (m.groupdict().get("strict") and m.groupdict().get("parents")):
        return None
    extra = {"parents": False} if m.groupdict().get("strict") else {}
    return [ActionCall("files.mkdir", {"path": p, **extra}) for p in paths]


_DIR_WORD = r"(?:folder|directory|dir)"
_POINTERS = frozenset("it them this that these those here there one ones".split())


def _literal_name(item: str) -> str | None:
    """A folder name as a list gives it: "a", "'my docs'", "the folder logs"; None for "it", "them"."""
    word, quoted = unquote(re.sub(rf"^(?:the\s+)?(?:{_DIR_WORD}\s+)?(?:called\s+|named\s+)?", "", item.strip(),
                                  flags=re.I))
    if not word.strip() or (not quoted and (word.lower() in _POINTERS or re.search(r"\s", word))):
        return None
    return word


def _mkdir_nested(m: re.Match[str]) -> list[ActionCall] | None:
    """"nested folders a, b and c", "intermediate folders a and b as needed, then c": one path a/b/c."""
    if not (m.groupdict().get("last") or m.groupdict().get("nested") or m.groupdict().get("nested2")):
        return None
    items = split_items(m["names"] + (" and " + m["last"] if m.groupdict().get("last") else "")) or []
    names = [_literal_name(i) for i in items]
    if len(names) < 2 or None in names or any(n.startswith(("/", "~")) for n in names[1:]):
        return None
    paths = _in_folder(m, [posixpath.join(*names)])
    return [ActionCall("files.mkdir", {"path": paths[0]})] if paths else None


def _touch(files_only: bool = False):
    def build(m: re.Match[str]) -> list[ActionCall] | None:
        names = _new_names(m["names"], files_only=files_only, called=bool(m.groupdict().get("called")))
        if not _hidden_ok(m, names):
            return None
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
        text, _ = unquote(next(v for k, v in m.groupdict().items() if k.startswith("text") and v))
        to_end = append or bool(re.search(r"end", m.groupdict().get("mode") or ""))
        args = {"path": found[0], "text": text}
        if to_end:
            args["append"] = True
        return [ActionCall("files.write", args)]
    return build


_KIND_EXT = [("tar.bz2", ".tar.bz2"), ("tar.xz", ".tar.xz"), ("tar.gz", ".tar.gz"), ("tgz", ".tar.gz"),
             ("bzip", ".tar.bz2"), ("bz2", ".tar.bz2"), ("xz", ".tar.xz"), ("tarball", ".tar.gz"), ("gzip", ".tar.gz"),
             ("gz", ".tar.gz"), ("compressed", ".tar.gz"), ("zip", ".zip"), ("tar", ".tar")]


def _kind_ext(words: str) -> str | None:
    low = words.lower()
    return next((ext for key, ext in _KIND_EXT if key in low), None)


def _archive(m: re.Match[str]) -> list[ActionCall] | None:
    groups = m.groupdict()
    named_dest = groups.get("dest") or groups.get("dest2")
    paths = sources(m["src"], strict=not (named_dest or groups.get("kind"))) or folder_contents(m["src"])
    everything_here = re.fullmatch(rf"{ALL_OF}(?:\s+(?:in\s+)?here)?", m["src"].strip(), re.I)
    if paths is None and groups.get("dest") and everything_here:
        paths = ["*"]  # "zip everything into site.zip": what is here, as `zip site.zip *`
    if paths is None:
        return None
    ext = _kind_ext((groups.get("verb") or "") + " " + (groups.get("kind") or ""))
    if groups.get("dest") and groups.get("dest2"):
        return None
    if groups.get("dest") or groups.get("dest2"):
        dest = target(groups.get("dest") or groups["dest2"])
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
GATE = (r"^(?:recursively|stick|drop|move|mv|put|send|throw|drag|delete|remove|rm|trash|erase|discard|get|bin|copy|cp"
        r"|duplicate|make|create|back|rename|change|append|add|write|save|store|output|overwrite|replace|fill|mkdir|new|touch|update|refresh"
        r"|bump|reset|zip|compress|archive|tar|tarball|shift|pack|bundle|gzip|build|extract|unzip|untar|unpack"
        r"|decompress|uncompress|expand|unarchive|transfer|relocate|craft|draft|generate|produce|set\s+up|prepare|populate|insert|place"
        r"|echo|dump|type)\b")

_TO = r"(?:(?:in)?to|onto)"
_NEW = r"(?:make|create|add|new|craft|draft|generate|produce|set\s+up|prepare|build)(?:\s+me)?"
_NAMED = r"(?P<called>(?:called|named|titled)\s+|,?\s*(?:and\s+)?(?:call|name)\s+it\s+)"
_FRESH = r"(?:(?:new|empty|blank|fresh|brand[\s-]+new|simple|plain)\s+)*"
_SOME = (r"(?:a\s+|an\s+|the\s+(?:following\s+)?|two\s+|three\s+|four\s+|five\s+|some\s+|these\s+|(?:a\s+)?few\s+"
         r"|several\s+)?")
# "a hidden folder named .config": the name must say so, a dot is what makes it hidden
_HIDDEN = r"(?:(?P<hidden>hidden|dot)\s+)?"
_DOC = r"(?:file|document|doc|note)"
_WORDS = r"(?:(?:text|contents?|line|words?|string|message|data|phrase|sentence)\s+)"
_HOLDING = (r"(?:with|containing|that\s+(?:says|contains|reads|has|holds)|saying|which\s+(?:says|contains|reads|holds)"
            r"|whose\s+(?:content|contents|text)\s+(?:is|are|should\s+be|will\s+be)"
            r"|(?:put|write|add|insert|place|store|type|save)(?:\s+(?:in|into))?)")
_CODEC_WORD = (r"(?:gzip(?:ped)?|gz|bzip2?(?:ped)?|bz2|xz|lzma)(?:[\s-]+compressed)?|compressed|zipped")
_ARCHIVE_KIND = (rf"(?:(?:{_CODEC_WORD})\s+)?(?:zip|tar(?:\.gz|\.bz2|\.xz|ball)?|tgz|tbz2?|txz|archive)"
                 r"(?:\s+archive)?|(?:gzip|bzip2|xz)")

PATTERNS = [
    # delete (and "move X to the trash", which means the same)
    (rf"(?:move|put|send|throw|drag)\s+(?P<src>.+?)\s+(?:{_TO}|in)\s+{_TRASH}", _delete),
    (rf"{_VERB_REC}(?:delete|remove|rm|trash|erase|discard|get\s+rid\s+of|throw\s+away|throw\s+out|bin)"
     rf"(?:\s+(?P<flag>-(?:rf|fr|r|R|Rf|fR)))?\s+(?P<src>.+?){_END_REC}", _delete),
    (rf"(?:delete|remove|erase|trash)\s+(?P<src>.+?)\s+from\s+(?P<from>{PLACE})", _delete_from),
    # copy
    (rf"(?:copy|cp)\s+(?P<src>.+?)\s+from\s+(?P<from>{PLACE})\s+{_TO}\s+(?P<dest>.+?){_SAME_NAME}{_OVERWRITE}",
     _transfer("files.copy", prefix_from=True)),
    (rf"{_VERB_REC}(?:copy|duplicate|cp){_FLAG_REC}\s+(?P<src>.+?){_SRC_REC}\s+(?:(?:over\s+)?{_TO}|as)\s+"
     rf"(?P<dest>.+?){_SAME_NAME}{_END_REC}{_PRESERVE}{_OVERWRITE}", _transfer("files.copy")),
    (r"(?:make|create)\s+(?:a\s+)?(?:backup\s+)?copy\s+of\s+(?P<src>.+?)\s+(?:called|named|as|at|in|into|to)\s+"
     r"(?P<dest>.+)", _transfer("files.copy")),
    (rf"back\s+up\s+(?P<src>.+?)\s+(?:in)?to\s+(?P<dest>.+?){_OVERWRITE}", _transfer("files.copy")),
    (r"(?:copy|cp)\s+(?P<src>.+?)\s+(?:in\s+)?here", _transfer("files.copy", dest_fixed=".")),
    (r"(?:make|create|take)\s+(?:a\s+)?backup(?:\s+copy)?\s+of\s+(?P<src>.+)|back\s+up\s+(?P<src2>\S+\.\w+)", _backup),
    # move and rename
    (rf"(?:move|mv)\s+(?P<src>.+?)\s+from\s+(?P<from>{PLACE})\s+{_TO}\s+(?P<dest>.+?){_SAME_NAME}{_OVERWRITE}",
     _transfer("files.move", prefix_from=True)),
    (rf"(?:move|mv|transfer|relocate|shift)\s+(?P<src>.+?){_SRC_REC}\s+(?:over\s+)?{_TO}\s+(?P<dest>.+?)"
     rf"{_SAME_NAME}{_END_REC}{_OVERWRITE}", _transfer("files.move")),
    (rf"put\s+(?P<src>.+?)\s+{_TO}\s+(?P<dest>.+?){_SAME_NAME}{_OVERWRITE}", _transfer("files.move", into=True)),
    (r"(?:move|mv)\s+(?P<src>.+?)\s+(?:in\s+)?here", _transfer("files.move", dest_fixed=".")),
    (r"(?:move|mv)\s+(?P<src>.+?)\s+(?:up\s+(?:one|a)\s+(?:level|folder|directory)|(?:one\s+)?(?:level|folder|directory)\s+up"
     r"|(?:in)?to\s+the\s+(?:level|folder|directory)\s+above)", _transfer("files.move", dest_fixed="..")),
    (r"(?:rename|mv)\s+(?P<src>.+?)\s+(?:to|as|into|so\s+(?:that\s+)?(?:it's|it\s+is|its\s+name\s+is))\s+(?P<dest>.+)",
     _rename),
    (r"change\s+the\s+(?:file\s*|folder\s+|directory\s+)?name\s+of\s+(?P<src>.+?)\s+to\s+(?P<dest>.+)", _rename),
    # write and append (quoted text only)
    (r"(?:append|add)\s+(?:the\s+|a\s+)?(?:new\s+)?(?:line|text|string|words?|entry|note)?\s*(?:saying\s+)?"
     rf"(?P<text>{_QUOTED})\s+(?:to|onto|into|in|at\s+the\s+end\s+of|to\s+the\s+end\s+of)\s+(?P<file>{PLACE})",
     _write(append=True)),
    (rf"(?:write|save|store|output|put|place|insert|echo|dump|type|stick|tack)\s+(?:the\s+)?{_WORDS}?"
     rf"(?P<text>{_QUOTED})\s+"
     r"(?P<mode>(?:in)?to|in|inside|as|at\s+the\s+end\s+of|to\s+the\s+end\s+of)\s+"
     rf"(?:(?:a|the)\s+{_FRESH}(?:text\s+)?{_DOC}\s+(?:called\s+|named\s+)?)?(?P<file>{PLACE})", _write()),
    (rf"(?:put|place|stick|drop)\s+(?P<src>.+?)\s+(?:in|inside|within)\s+(?P<dest>.+?){_SAME_NAME}",
     _transfer("files.move", into=True)),
    (rf"(?:overwrite|replace\s+(?:the\s+)?(?:contents?|text)\s+of|fill(?:\s+up)?|populate|seed)\s+(?P<file>{PLACE})\s+"
     rf"with\s+(?:the\s+)?{_WORDS}?(?P<text>{_QUOTED})", _write()),
    (rf"(?:{_NEW})\s+(?:a\s+|an\s+|the\s+)?{_FRESH}(?:text\s+)?(?:{_DOC}\b\s*{_NAMED}?|(?=\S+\.\w))"
     rf"(?P<file>{PLACE})\s*,?\s+(?:and\s+)?(?:{_HOLDING}\s+(?:the\s+)?{_WORDS}?(?P<text>{_QUOTED})"
     rf"(?:\s+(?:in|into|inside|to)\s+it)?|(?:with|containing)\s+(?:the\s+)?(?:text|contents?)\s+of\s+(?P<text2>{_QUOTED})"
     rf"|with\s+(?P<text3>{_QUOTED})\s+(?:as|for)\s+(?:its|the)\s+(?:content|contents|text)"
     rf"|(?:and\s+)?(?:set|make)\s+its\s+(?:content|contents|text)\s+(?:to|be)\s+(?P<text4>{_QUOTED}))", _write()),
    # new folders and files
    (rf"(?:{_NEW})\s+(?:a\s+(?:set|series|chain|hierarchy|tree)\s+of\s+|the\s+)?(?P<nested>nested\s+)?"
     r"(?:sub-?)?(?:folders|directories|dirs)\s+(?:called\s+|named\s+)?(?P<names>.+?)"
     r"(?P<nested2>\s+(?:nested\s+)?(?:in|inside|within)\s+(?:each\s+other|one\s+another)"
     rf"|\s+(?:nested\s+)?one\s+inside\s+the\s+other)?{_WHERE}", _mkdir_nested),
    (rf"(?:{_NEW})\s+(?:the\s+|any\s+)?(?:intermediate|parent|missing|necessary)\s+(?:folders|directories|dirs)\s+"
     r"(?P<names>.+?)\s+(?:as\s+(?:required|needed|necessary)\s+|if\s+(?:needed|necessary|required)\s+)?,?\s*"
     rf"and\s+(?:then\s+)?(?:{_NEW})\s+(?:the\s+|a\s+)?(?:(?:new\s+)?(?:folder|directory|dir)\s+)?(?:called\s+|named\s+)?"
     rf"(?P<last>{TOKEN})(?:\s+(?:inside|in|within)\s+(?:them|it|there|the\s+last\s+one))?{_WHERE}", _mkdir_nested),
    (rf"(?:{_NEW}|mkdir)\s+{_SOME}{_FRESH}{_HIDDEN}"
     r"(?:folders?|directories|directory|dirs?|sub-?folders?|sub-?directories|sub-?directory)\s*:?\s+"
     rf"(?:(?:structure|tree|hierarchy|path)\s+)?{_NAMED}?(?P<names>.+?){_WHERE}", _mkdir),
    (rf"(?:{_NEW})\s+(?:a\s+|an\s+)?{_FRESH}(?:folder|directory|dir|sub-?folder|sub-?directory)\s+"
     rf"(?:in|inside|under|within)\s+(?P<where>{PLACE})\s+(?P<called>called|named|titled)\s+(?P<names>{TOKEN})", _mkdir),
    (rf"(?:{_NEW})\s+(?:a\s+|the\s+)?{_FRESH}(?P<names>{TOKEN})\s+(?:folder|directory){_WHERE}", _mkdir),
    (rf"mkdir\s+(?:-p\s+)?(?P<names>.+?){_WHERE}", _mkdir),
    (rf"(?:{_NEW}|touch)\s+{_SOME}{_FRESH}{_HIDDEN}"
     rf"(?:text\s+)?(?:files?|documents?|docs?)\b\s*:?\s*{_NAMED}?(?P<names>.+?){_WHERE}", _touch()),
    (rf"(?:create|touch|make|craft|draft|generate)\s+(?:an?\s+)?{_FRESH}(?P<names>.+?){_WHERE}",
     _touch(files_only=True)),
    (r"(?:update|refresh|bump|reset)\s+(?:the\s+)?(?:timestamps?|modification\s+times?|mtimes?|dates?)\s+"
     r"(?:of|on|for)\s+(?P<names>.+)", _touch()),
    # archives
    (r"(?P<verb>zip(?:\s+up)?|compress|archive|tar(?:\s+up)?|pack(?:\s+up)?|bundle(?:\s+up)?)\s+(?P<src>.+?)\s+"
     rf"(?:(?:in)?to|as|in)\s+(?:an?\s+)?(?P<kind>{_ARCHIVE_KIND})(?:\s+(?:file|archive|format))?", _archive),
    # "put a.txt and b.txt into a zip called c.zip": into a new archive, not into a folder
    (rf"(?:put|place|pack|bundle|gather|collect|add)\s+(?P<src>.+?)\s+(?:in|into|to)\s+(?:a|an)\s+(?:new\s+)?\.?"
     rf"(?P<kind>{_ARCHIVE_KIND})(?:\s+(?:file|archive))?(?:\s+(?:called|named)\s+(?P<dest>{PLACE}))?", _archive),
    (r"(?P<verb>zip(?:\s+up)?|compress|archive|tar(?:\s+up)?|pack(?:\s+up)?|bundle(?:\s+up)?|gzip)\s+(?P<src>.+?)\s+"
     rf"(?:{_TO}|as|in)\s+(?:an?\s+)?(?:(?:new\s+)?(?P<kind>{_ARCHIVE_KIND})(?:\s+(?:file|archive))?\s+)?"
     rf"(?:called\s+|named\s+)?(?P<dest>{PLACE})", _archive),
    (rf"(?:create|make|build|generate|produce)\s+(?:a|an|the)\s+(?:new\s+)?\.?(?P<kind>{_ARCHIVE_KIND})"
     rf"(?:\s+(?:file|archive))?\s+(?:(?:called\s+|named\s+)?(?P<dest>{TOKEN})\s+)?"
     rf"(?:of|from|containing|with|for|out\s+of)\s+(?P<src>.+?)(?:\s+(?:called|named|as|at|in|into)\s+(?P<dest2>{PLACE}))?",
     _archive),
    (rf"(?P<verb>zip(?:\s+up)?|tar(?:\s+up)?|tarball)\s+(?P<src>{PLACE})", _archive),
    (r"(?P<verb>extract|unzip|untar|unpack|decompress|uncompress|expand|unarchive)\s+(?:all\s+)?(?:the\s+)?"
     r"(?:(?:files|contents?|everything)\s+(?:from|of|in)\s+)?(?:the\s+)?"
     rf"(?P<noun>(?:archive|zip(?:\s+file)?|tarball)\s+)?(?P<what>{PLACE})(?:\s+(?:in\s+)?here"
     rf"|\s+(?:{_TO}|in|under)\s+(?:a\s+)?(?:new\s+)?(?:(?:folder|directory|dir)\s+(?:called\s+|named\s+)?)?"
     rf"(?P<where>{PLACE}))?", _extract),
]
