"""Fast-path patterns for the working tree and the index: discard a file's changes, unstage,
rename / untrack / delete tracked files with the change staged, preview a clean-up.

Requests whose verb alone would be a plain file operation ("rename a to b", "delete x")
match here only when they say git ("and stage it", "from the repo", "stop tracking").
"""

from __future__ import annotations

import re
from typing import Callable

import nlsh

from .wording import FILE, NOUN, call, file_arg, items, unquote

__all__ = ["SPECIFIC", "AMBIGUOUS"]

Build = Callable[[re.Match], "list[nlsh.ActionCall] | None"]

_FILES = r"(?P<what>.+?)"
_LAST_COMMIT = (r"(?:the\s+)?(?:last|latest|previous|most\s+recent|current)\s+(?:commit(?:ted)?|committed)"
                r"(?:\s+(?:version|state))?"
                r"|(?:head|HEAD)|(?:its|the)\s+(?:last\s+)?(?:committed|original|unmodified|clean)\s+(?:version|state)"
                r"|what\s+(?:it\s+was|is)\s+in\s+(?:the\s+)?(?:last\s+commit|head|git|the\s+repo)")


def _files(text: str) -> list[str] | None:
    """The files named in "a.py", "a.py and b.py", "the file 'x y.txt'"; None unless each looks like one."""
    found = []
    whole = re.fullmatch(rf"(?:the\s+)?(?:{NOUN}\s+\S+|\S+\s+{NOUN})", text.strip(), re.I)
    for item in [text] if whole else items(text):
        name = file_arg(item)
        if name is None:
            return None
        found.append(name)
    return found or None


def _plan(action: str, group: str = "what") -> Build:
    def build(m: re.Match) -> list[nlsh.ActionCall] | None:
        found = _files(m.group(group))
        return call(action, paths=found) if found else None
    return build


_MY_CHANGES = (r"(?:all\s+)?(?:of\s+)?(?:my\s+|the\s+|any\s+)?"
               r"(?:local\s+|uncommitted\s+|unstaged\s+|unsaved\s+|current\s+)?(?:changes|edits|modifications|work)")
DISCARD = (
    rf"(?:discard|throw\s+(?:away|out)|drop|revert|undo|scrap|ditch|toss|lose|get\s+rid\s+of|reset|forget"
    rf"|abandon|wipe|nuke)\s+{_MY_CHANGES}\s+(?:made\s+)?(?:to|in|on|of|for)\s+{_FILES}"
    rf"|(?:revert|reset|restore|roll\s+back)\s+(?:the\s+file\s+)?(?P<what2>.+?)\s+(?:(?:back\s+)?to|from)\s+"
    rf"(?:{_LAST_COMMIT})"
    rf"|(?:restore|get\s+back|bring\s+back)\s+the\s+(?:last\s+)?(?:committed|original|unmodified)\s+(?:version"
    rf"|copy|state)\s+of\s+(?P<what3>.+)"
    rf"|(?:git\s+)?(?:restore|checkout)\s+--\s+(?P<what4>.+)"
    rf"|(?:undo|discard|revert)\s+(?:the\s+)?(?:edits|changes|modifications)\s+i\s+made\s+to\s+(?P<what5>.+)"
)


def _discard(m: re.Match) -> list[nlsh.ActionCall] | None:
    what = next(m.group(g) for g in ("what", "what2", "what3", "what4", "what5") if m.group(g))
    found = _files(what)
    return call("git.discard", paths=found) if found else None


_STAGING = r"(?:the\s+)?(?:staging(?:\s+area)?|index|stage|next\s+commit|staged\s+(?:files|changes))"
_ALL = (r"(?:everything|all(?:\s+(?:the|my))?(?:\s+(?:staged\s+)?(?:files|changes))?"
        r"|(?:the|my)\s+staged\s+(?:files|changes)|all\s+staged\s+(?:files|changes))")
UNSTAGE_ALL = (
    rf"unstage\s+{_ALL}|(?:reset|clear|empty|wipe|clean)\s+(?:out\s+)?{_STAGING}"
    rf"|(?:remove|take|get)\s+{_ALL}\s+(?:out\s+)?(?:of|from)\s+{_STAGING}"
    rf"|undo\s+(?:the\s+|my\s+)?(?:last\s+)?git\s+add(?:\s+(?:of\s+)?(?:everything|all))?|un-?add\s+everything"
    rf"|(?:unstage|unstage\s+all\s+files)(?:\s+everything)?"
)
UNSTAGE = (
    rf"(?:remove|take|pull|get|drop)\s+{_FILES}\s+(?:out\s+)?(?:of|from)\s+{_STAGING}"
    rf"|un-?stage\s+(?:the\s+file\s+)?{_FILES.replace('what', 'what2')}"
    rf"|undo\s+(?:the\s+)?git\s+add\s+(?:of\s+|for\s+)?{_FILES.replace('what', 'what3')}"
    rf"|un-?add\s+{_FILES.replace('what', 'what4')}"
    rf"|(?:don'?t|do\s+not)\s+(?:commit|stage)\s+{_FILES.replace('what', 'what5')}(?:\s+(?:yet|after\s+all))?"
)


def _unstage(m: re.Match) -> list[nlsh.ActionCall] | None:
    what = next(m.group(g) for g in ("what", "what2", "what3", "what4", "what5") if m.groupdict().get(g))
    found = _files(what)
    return call("git.unstage", paths=found) if found else None


_KEEP = (r"(?:,?\s+(?:but|and|while|yet)\s+(?:still\s+)?(?:keep|keeping|leave|leaving|don'?t\s+delete"
         r"|not\s+delet(?:e|ing))"
         r"\s+(?:it|them|the\s+(?:local\s+)?(?:file|files|copy|copies)|(?:my\s+)?local\s+cop(?:y|ies))"
         r"(?:\s+(?:on\s+disk|locally|in\s+place|around|here|in\s+the\s+(?:folder|directory|working\s+tree)))?"
         r"|,?\s+(?:but\s+)?(?:without\s+deleting\s+(?:it|them)|keep(?:ing)?\s+(?:it|them)\s+(?:on\s+disk|locally)))")
UNTRACK = (
    rf"(?:stop|quit)\s+tracking\s+{_FILES}(?:\s+(?:in|with)\s+git)?{_KEEP}?"
    rf"|untrack\s+{_FILES.replace('what', 'what2')}{_KEEP}?"
    rf"|(?:make|have|tell)\s+git\s+(?:to\s+)?(?:forget(?:\s+about)?|stop\s+tracking)\s+"
    rf"{_FILES.replace('what', 'what3')}{_KEEP}?"
    rf"|(?:remove|delete|drop|take)\s+{_FILES.replace('what', 'what4')}\s+(?:out\s+)?(?:from|of)\s+"
    rf"(?:git|the\s+(?:git\s+)?(?:repo|repository)|version\s+control|(?:git(?:'s)?\s+)?tracking"
    rf"|(?:the\s+)?tracked\s+files){_KEEP}"
    rf"|(?:git\s+)?rm\s+--cached\s+(?:-r\s+)?{_FILES.replace('what', 'what5')}"
    rf"|(?:don'?t|do\s+not)\s+track\s+{_FILES.replace('what', 'what6')}\s+(?:any\s*more|any\s+longer)"
)


def _untrack(m: re.Match) -> list[nlsh.ActionCall] | None:
    what = next(m.group(g) for g in ("what", "what2", "what3", "what4", "what5", "what6") if m.groupdict().get(g))
    found = _files(what)
    return call("git.untrack", paths=found) if found else None


_STAGE_IT = (r"(?:and|then|,)\s+(?:stage|record|add)\s+(?:the\s+|that\s+|this\s+)?"
             r"(?:deletion|removal|delete|change|it|that)(?:\s+(?:in|with|to)\s+git)?"
             r"|(?:and|so\s+that|so)\s+git\s+(?:records|knows|sees|stages|tracks)\s+(?:it|the\s+(?:deletion"
             r"|removal)|that)")
REMOVE = (
    rf"(?:delete|remove|rm|erase)\s+(?:the\s+tracked\s+files?\s+)?{_FILES}\s+{_STAGE_IT}"
    rf"|(?:delete|remove|erase)\s+{_FILES.replace('what', 'what2')}\s+from\s+(?:the\s+)?(?:git\s+)?(?:repo|repository)"
    rf"(?:\s+and\s+(?:from\s+)?(?:the\s+)?(?:disk|file\s*system|working\s+tree|folder))?"
    rf"|(?:delete|remove)\s+{_FILES.replace('what', 'what3')}\s+from\s+(?:both\s+)?git\s+and\s+(?:the\s+)?"
    rf"(?:disk|file\s*system|working\s+tree)"
    rf"|git\s+rm\s+(?:-r\s+)?{_FILES.replace('what', 'what4')}"
    rf"|(?:delete|remove)\s+the\s+tracked\s+files?\s+{_FILES.replace('what', 'what5')}"
)


def _remove(m: re.Match) -> list[nlsh.ActionCall] | None:
    what = next(m.group(g) for g in ("what", "what2", "what3", "what4", "what5") if m.groupdict().get(g))
    found = _files(what)
    return call("git.remove", paths=found) if found else None


_STAGE_MOVE = (r"(?:,?\s+(?:and|then)\s+(?:stage|record|add)\s+(?:the\s+|that\s+|this\s+)?"
               r"(?:rename|renaming|move|change|it|that)(?:\s+(?:in|with|to)\s+git)?|\s+(?:in|with|using|via|through)\s+git|,?\s+(?:so\s+that|so)\s+git\s+"
               r"(?:records|knows|sees|tracks|stages)\s+(?:it|the\s+(?:rename|move)|that)"
               r"|,?\s+(?:keeping|and\s+keep|preserving)\s+(?:its\s+|the\s+)?(?:git\s+)?history"
               r"|\s+as\s+a\s+(?:staged\s+)?(?:git\s+)?(?:rename|move))")
MOVE = (
    rf"(?:rename|move|mv)\s+(?:the\s+tracked\s+file\s+)?(?P<src>{FILE})\s+(?:to|as"
    rf"|into)\s+(?P<dest>{FILE}){_STAGE_MOVE}"
    rf"|git\s+(?:mv|move|rename)\s+(?P<src2>{FILE})\s+(?:(?:to|as|into)\s+)?(?P<dest2>{FILE})"
    rf"|(?:rename|move)\s+the\s+tracked\s+file\s+(?P<src3>{FILE})\s+(?:to|as|into)\s+(?P<dest3>{FILE})"
)


def _move(m: re.Match) -> list[nlsh.ActionCall] | None:
    src = file_arg(next(m.group(g) for g in ("src", "src2", "src3") if m.groupdict().get(g)))
    dest_text = next(m.group(g) for g in ("dest", "dest2", "dest3") if m.groupdict().get(g))
    dest = file_arg(dest_text) or (unquote(dest_text) if re.fullmatch(r"[\w.-]+", dest_text) else None)
    if src is None or dest is None:
        return None
    return call("git.move", source=src, destination=dest)


_UNTRACKED = r"(?:untracked|new|unversioned)\s+(?:files|stuff|things|items)(?:\s+and\s+(?:folders|directories))?"
CLEAN_PREVIEW = (
    rf"(?:which|what)\s+(?:untracked\s+)?(?:files|things|stuff|items)(?:\s+and\s+(?:folders|directories))?\s+"
    rf"(?:would|will)\s+(?:be\s+)?(?:removed|deleted|cleaned(?:\s+up)?|get\s+(?:removed|deleted|cleaned))"
    rf"(?:\s+by\s+(?:a\s+)?(?:git\s+)?clean(?:ing)?(?:\s+up)?)?"
    rf"|(?:which|what)\s+(?:untracked\s+)?(?:files\s+)?(?:would|will)\s+(?:a\s+)?(?:git\s+clean"
    rf"|clean(?:ing)?(?:\s+up)?)\s+"
    rf"(?:remove|delete|do|clean|get\s+rid\s+of)"
    rf"|(?:do\s+a\s+|run\s+a\s+|show\s+(?:me\s+)?a\s+)?dry[- ]?run\s+(?:of\s+|for\s+)?(?:a\s+)?(?:git\s+clean"
    rf"|clean(?:ing)?"
    rf"(?:\s+up)?(?:\s+(?:the\s+)?{_UNTRACKED})?|removing\s+(?:the\s+)?{_UNTRACKED}|deleting\s+(?:the\s+)?{_UNTRACKED})"
    rf"|(?:remove|delete|clean(?:\s+up)?)\s+(?:the\s+|all\s+)?{_UNTRACKED}\s+(?:as\s+a\s+|in\s+)?(?:dry[- ]?run"
    rf"|--dry-run|-n)"
    rf"(?:\s+(?:mode|only))?|(?:git\s+)?clean\s+(?:-n|--dry-run|-nd|-dn|-n\s+-d)"
    rf"|(?:show|list|preview)(?:\s+me)?\s+(?:the\s+)?(?:untracked\s+files\s+)?what\s+(?:a\s+)?(?:git\s+clean"
    rf"|clean(?:ing)?)"
    rf"\s+would\s+(?:remove|delete)|preview\s+(?:a\s+|the\s+)?(?:git\s+clean"
    rf"|clean(?:ing)?(?:\s+up)?(?:\s+(?:of\s+)?(?:the\s+)?{_UNTRACKED})?"
    rf"|removing\s+(?:the\s+)?{_UNTRACKED}|deleting\s+(?:the\s+)?{_UNTRACKED})"
    rf"|(?:show|list)(?:\s+me)?\s+(?:the\s+)?{_UNTRACKED}\s+(?:that\s+)?(?:git\s+clean\s+)?would\s+(?:be\s+)?"
    rf"(?:removed|deleted|cleaned|remove|delete)"
    rf"|(?:show|list)(?:\s+me)?\s+(?:the\s+|which\s+|what\s+)?(?:untracked\s+)?files\s+(?:that\s+)?(?:a\s+)?"
    rf"(?:git\s+clean|clean(?:ing)?)\s+would\s+(?:remove|delete)"
    rf"|what\s+(?:files\s+)?(?:would|will)\s+(?:be\s+)?(?:removed|deleted)\s+by\s+(?:a\s+)?(?:git\s+clean"
    rf"|clean(?:ing)?(?:\s+up)?)"
    rf"|(?:git\s+)?clean\s+(?:--)?dry[- ]?run|(?:git\s+)?clean(?:ing)?\s+(?:in\s+)?dry[- ]?run\s+mode"
)

SPECIFIC: list[tuple[str, Build]] = [
    (CLEAN_PREVIEW, lambda m: call("git.clean_dry_run")),
    (UNSTAGE_ALL, lambda m: call("git.unstage")),
    (UNSTAGE, _unstage),
    (UNTRACK, _untrack),
    (REMOVE, _remove),
    (MOVE, _move),
    (DISCARD, _discard),
]

AMBIGUOUS: list[tuple[str, Build]] = [
    # "restore a.py" / "revert a.py": a file's last committed version, when no file action took it
    (r"(?:restore|revert|un-?modify)\s+(?:the\s+file\s+)?(?P<what>[^\s]+|\"[^\"]+\"|'[^']+')"
     r"(?:\s+(?:in|with)\s+git)?", _plan("git.discard")),
]
