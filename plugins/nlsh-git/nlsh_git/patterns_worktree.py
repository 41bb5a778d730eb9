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


_KEPT = (r"(?:it|them|the\s+(?:local\s+|actual\s+)?(?:file|files|folder|copy|copies)|(?:my\s+|the\s+)?local\s+cop(?:y|ies))"
         r"(?:\s+(?:intact|untouched|alone|as\s+(?:it\s+|they\s+)?is|where\s+(?:it\s+is|they\s+are)))?"
         r"(?:\s+(?:on\s+(?:the\s+)?(?:disk|file\s*system)|locally|in\s+place|around|here|intact|untouched|alone"
         r"|in\s+(?:the\s+|my\s+)?(?:folder|directory|working\s+(?:tree|copy|directory))))?")
_KEEP = (rf"(?:,?\s+(?:but|and|while|yet)\s+(?:still\s+)?(?:keep|keeping|leave|leaving|retain|retaining|preserve"
         rf"|preserving|don'?t\s+delete|not\s+delet(?:e|ing))\s+{_KEPT}"
         rf"|,?\s+(?:but\s+)?(?:without\s+(?:deleting|removing|touching)\s+(?:it|them|the\s+(?:local\s+)?files?)"
         rf"(?:\s+(?:from\s+disk|locally|on\s+disk))?|(?:keep|keeping)\s+{_KEPT}))")
_VERSIONED = (r"(?:git|the\s+(?:git\s+)?(?:repo|repository)|version\s+control|(?:git(?:'s)?\s+)?tracking"
              r"|(?:the\s+)?tracked\s+files|(?:the\s+)?(?:(?:git|git's|repo's|repository's|repo|repository)\s+)?index)")
UNTRACK = (
    rf"(?:stop|quit)\s+(?:tracking|versioning)\s+{_FILES}(?:\s+(?:in|with)\s+git)?{_KEEP}?"
    rf"|un-?(?:track|version)\s+{_FILES.replace('what', 'what2')}{_KEEP}?"
    rf"|(?:make|have|tell)\s+git\s+(?:to\s+)?(?:forget(?:\s+about)?|stop\s+tracking)\s+"
    rf"{_FILES.replace('what', 'what3')}{_KEEP}?"
    rf"|(?:remove|delete|drop|take)\s+{_FILES.replace('what', 'what4')}\s+(?:out\s+)?(?:from|of)\s+"
    rf"{_VERSIONED}{_KEEP}"
    rf"|(?:git\s+)?rm\s+--cached\s+(?:-r\s+)?{_FILES.replace('what', 'what5')}"
    rf"|(?:don'?t|do\s+not)\s+track\s+{_FILES.replace('what', 'what6')}\s+(?:any\s*more|any\s+longer)"
    rf"|(?:remove|take)\s+{_FILES.replace('what', 'what7')}\s+(?:out\s+)?(?:from|of)\s+version\s+control"
    rf"|(?:stop|prevent)\s+git\s+from\s+tracking\s+{_FILES.replace('what', 'what8')}{_KEEP}?"
)


def _untrack(m: re.Match) -> list[nlsh.ActionCall] | None:
    what = next(m.group(g) for g in ("what", "what2", "what3", "what4", "what5", "what6", "what7",
                                        "what8") if m.groupdict().get(g))
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


_RENAMING = r"(?:the\s+|that\s+|this\s+)?(?:rename|renaming|move|change|it|that)"
_INTO_GIT = r"(?:\s+(?:in|with|to|into|for|on)\s+(?:git|the\s+(?:next\s+commit|index|staging\s+area)))?"
_STAGE_MOVE = (rf"(?:,?\s+(?:and|then)\s+(?:stage|record|add|register|track)\s+{_RENAMING}{_INTO_GIT}"
               rf"|,?\s+(?:staging|recording)\s+{_RENAMING}{_INTO_GIT}"
               rf"|\s+(?:in|with|using|via|through)\s+(?:git(?:\s+mv)?|the\s+(?:git\s+)?(?:repo|repository))"
               rf"|,?\s+(?:so\s+that|so)\s+git\s+(?:records|knows(?:\s+about)?|sees|tracks|stages|notices)"
               rf"\s+(?:it|the\s+(?:rename|renaming|move)|that)"
               rf"|,?\s+(?:so\s+that|so)\s+the\s+(?:rename|renaming|move)\s+(?:is|gets)\s+(?:staged|recorded|tracked)"
               rf"|,?\s+(?:keeping|and\s+keep|preserving)\s+(?:its\s+|the\s+)?(?:git\s+)?history"
               rf"|\s+as\s+a\s+(?:staged\s+)?(?:git\s+)?(?:rename|move))")

MOVE = (
    rf"(?:rename|move|mv)\s+(?:the\s+tracked\s+file\s+)?(?P<src>{FILE})\s+(?:to|as"
    rf"|into)\s+(?P<dest>{FILE}){_STAGE_MOVE}"
    rf"|git\s+(?:mv|move|rename)\s+(?P<src2>{FILE})\s+(?:(?:to|as|into)\s+)?(?P<dest2>{FILE})"
    rf"|(?:rename|move)\s+the\s+tracked\s+file\s+(?P<src3>{FILE})\s+(?:to|as|into)\s+(?P<dest3>{FILE})"
    rf"|(?:use|using)\s+git(?:\s+mv)?\s+(?:to\s+)?(?:rename|move)\s+(?P<src4>{FILE})\s+(?:to|as|into)\s+(?P<dest4>{FILE})"
)


def _move(m: re.Match) -> list[nlsh.ActionCall] | None:
    src = file_arg(next(m.group(g) for g in ("src", "src2", "src3", "src4") if m.groupdict().get(g)))
    dest_text = next(m.group(g) for g in ("dest", "dest2", "dest3", "dest4") if m.groupdict().get(g))
    dest = file_arg(dest_text) or (unquote(dest_text) if re.fullmatch(r"[\w.-]+", dest_text) else None)
    if src is None or dest is None:
        return None
    return call("git.move", source=src, destination=dest)


_CLEAN = r"(?:git\s+clean|clean(?:ing)?(?:[- ]?up)?)"
_UNTRACKED = r"(?:untracked|new|unversioned)\s+(?:files|stuff|things|items)(?:\s+and\s+(?:folders|directories))?"
_NOTHING = (r"(?:,?\s+(?:but\s+)?without\s+(?:actually\s+|really\s+)?(?:deleting|removing|touching|cleaning)"
            r"(?:\s+(?:them|it|anything|any\s+of\s+them|any\s+files))?(?:\s+(?:yet|for\s+real))?"
            r"|,?\s+(?:but\s+|and\s+)?(?:don'?t|do\s+not)\s+(?:actually\s+|really\s+)?(?:delete|remove|touch)"
            r"\s+(?:them|anything|any\s+of\s+them|any\s+files)(?:\s+yet)?|,?\s+(?:just\s+)?(?:as\s+a\s+)?dry[- ]?run"
            r"(?:\s+only)?)?")
_PREVIEW = (
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
    rf"|(?:which|what)\s+(?:untracked\s+)?(?:files|things|stuff)(?:\s+and\s+(?:folders|directories))?\s+(?:would|will)"
    rf"\s+(?:a\s+|the\s+)?{_CLEAN}(?:\s+of\s+(?:the\s+)?{_UNTRACKED})?\s+(?:remove|delete|get\s+rid\s+of)"
    rf"|(?:show|list|tell)(?:\s+me)?\s+(?:which|what)\s+(?:untracked\s+)?(?:files|things|stuff)\s+(?:a\s+|the\s+)?"
    rf"{_CLEAN}(?:\s+of\s+(?:the\s+)?{_UNTRACKED})?\s+would\s+(?:remove|delete|get\s+rid\s+of)"
    rf"|(?:show|list|tell)(?:\s+me)?\s+what\s+(?:a\s+|the\s+)?{_CLEAN}(?:\s+of\s+(?:the\s+)?{_UNTRACKED})?\s+"
    rf"would\s+(?:remove|delete|get\s+rid\s+of)"
    rf"|what\s+(?:would|will)\s+(?:a\s+|the\s+)?{_CLEAN}(?:\s+of\s+(?:the\s+)?{_UNTRACKED})?\s+"
    rf"(?:remove|delete|get\s+rid\s+of|do)"
    rf"|(?:show|list)(?:\s+me)?\s+(?:the\s+)?(?:untracked\s+)?files\s+(?:that\s+)?(?:a\s+|the\s+)?{_CLEAN}\s+"
    rf"would\s+(?:remove|delete)"
    rf"|preview\s+(?:a\s+|the\s+)?git\s+clean"
    rf"|what\s+(?:would|will)\s+(?:be\s+|get\s+)?(?:removed|deleted|cleaned(?:\s+up)?)\s+(?:if|when)\s+(?:i|we)\s+"
    rf"(?:ran|run|did|do|used|use)\s+(?:a\s+)?{_CLEAN}"
    rf"|(?:simulate|test|try)\s+(?:a\s+|the\s+)?{_CLEAN}(?:\s+(?:of\s+)?(?:the\s+)?{_UNTRACKED})?"
)
CLEAN_PREVIEW = rf"(?:{_PREVIEW}){_NOTHING}"

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
