"""Fast-path patterns for branches, stashes and the status: the ways people ask for them.

Each entry is (regex, build), matched case-insensitively against the whole normalised
request; a build returning None passes the request on.
"""

from __future__ import annotations

import re
from typing import Callable

import nlsh

from .wording import call, name_arg, named

__all__ = ["SPECIFIC", "AMBIGUOUS"]

Build = Callable[[re.Match], "list[nlsh.ActionCall] | None"]

SHOW = r"(?:(?:show|list|display|print|give|get|tell|see|view|output|echo)(?: me| us)?\s+)"
BRANCH = r"(?:git\s+)?branch"
_THE = r"(?:the\s+|my\s+|this\s+|our\s+)?"
_CURRENT = r"(?:(?:the\s+)?(?:current|present|active|checked[- ]out)|this|my(?:\s+current)?)"


def _first(m: re.Match, *groups: str) -> str | None:
    return next((m.group(g) for g in groups if m.groupdict().get(g)), None)


# --- the current branch --------------------------------------------------------------

CURRENT = (
    rf"{SHOW}?{_THE}(?:name\s+of\s+(?:the\s+)?{_CURRENT}\s+{BRANCH}|{_CURRENT}\s+{BRANCH}(?:'s)?(?:\s+name)?)"
    rf"|(?:what|which)(?:'s|\s+is)\s+(?:the\s+name\s+of\s+)?{_CURRENT}\s+{BRANCH}(?:\s+name|'s\s+name)?"
    rf"|(?:what|which)\s+(?:git\s+)?branch\s+(?:am\s+i|are\s+we)\s+(?:currently\s+|now\s+)?"
    rf"(?:on|in|using|working\s+on|at)(?:\s+(?:right\s+)?now|\s+currently)?"
    rf"|(?:what|which)\s+(?:git\s+)?branch\s+(?:is\s+(?:this|checked\s+out|active|current)"
    rf"|(?:do\s+)?i\s+have\s+checked\s+out)"
    rf"|(?:what|which)\s+is\s+the\s+(?:current|active)\s+{BRANCH}"
    rf"|{SHOW}?{_THE}branch\s+(?:name|i'?m\s+on|we'?re\s+on)|current\s+branch\s+name|(?:which|what)\s+(?:git\s+)?branch"
    rf"|{SHOW}?(?:which|what)\s+(?:git\s+)?branch\s+(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:currently\s+)?(?:on|in|using)"
)


def _create(m: re.Match) -> list[nlsh.ActionCall] | None:
    name = name_arg(_first(m, "name", "name2"))
    start = m.groupdict().get("start")
    if name is None or (start is not None and name_arg(start) is None):
        return None
    if start and start.lower() in ("head", "here"):
        start = None
    switch = bool(_first(m, "switch", "name2"))
    return call("git.branch_create", name=name, start=start or None, switch=True if switch else None)


_AT = (r"(?:from|at|off(?:\s+of)?|based\s+(?:on|off(?:\s+of)?)|starting\s+(?:at|from)|on\s+top\s+of|branching\s+off"
       r"|(?:that\s+|which\s+)?point(?:s|ing)?\s+(?:at|to))")
_HERE = (r"(?:the\s+)?(?:current|latest|last|most\s+recent|newest)\s+(?:commit|head|branch|state)|(?:the\s+)?head"
         r"|here|this\s+commit|where\s+i\s+am(?:\s+now)?")
_START = (rf"(?:\s+{_AT}\s+(?:{_HERE})"
          rf"|\s+{_AT}\s+(?:the\s+)?(?:branch\s+|tag\s+|tagged\s+|commit\s+|revision\s+|commit\s+tagged\s+)?"
          rf"{named('start')}(?:\s+(?:branch|tag|commit))?)?")
_SWITCH = (r"(?P<switch>,?\s+(?:and|then)\s+(?:then\s+)?(?:switch|change|move|go)\s+(?:to|over\s+to|onto)\s+it"
           r"|,?\s+and\s+(?:check|switch)\s+(?:it\s+out|out\s+it|to\s+it)|,?\s+and\s+(?:switch|go\s+there"
           r"|check\s*out(?:\s+it)?))?")
_STAY = (r"(?:,?\s+(?:but\s+)?(?:without\s+switching(?:\s+to\s+it)?|(?:but\s+)?(?:don'?t"
         r"|do\s+not)\s+switch(?:\s+to\s+it)?|and\s+stay\s+(?:here|on\s+the\s+current\s+branch)))?")
_CREATE_VERB = rf"(?:create|make|start|open|add|set\s+up|cut)(?:\s+me)?\s+(?:a\s+)?(?:new\s+)?(?:local\s+)?"
CREATE = (
    rf"{_CREATE_VERB}{BRANCH}\s+(?:called\s+|named\s+)?{named('name')}{_START}{_SWITCH}{_STAY}",
    rf"{_CREATE_VERB}(?:the\s+)?{named('name')}\s+branch{_START}{_SWITCH}{_STAY}",
    rf"new\s+{BRANCH}\s+(?:called\s+|named\s+)?{named('name')}{_START}",
    rf"{_CREATE_VERB}{BRANCH}{_START}\s+(?:called|named)\s+{named('name')}{_SWITCH}{_STAY}",
    rf"(?:create\s+and\s+check\s*out|create\s+and\s+switch\s+to)\s+(?:a\s+)?(?:new\s+)?(?:local\s+)?{BRANCH}\s+"
    rf"(?:called\s+|named\s+)?{named('name2')}{_START}",
    rf"(?:create\s+and\s+(?:switch|change|move)\s+to|(?:switch|change|move)\s+to\s+a\s+new|check\s*out\s+a\s+new"
    rf"|create\s+and\s+check\s*out)\s+(?:local\s+)?{BRANCH}\s+(?:called\s+|named\s+)?{named('name2')}{_START}",
    # "branch off main into a new branch called topic"
    rf"branch\s+(?:off|out)\s+(?:of\s+|from\s+)?(?:the\s+)?(?:branch\s+|tag\s+|commit\s+)?{named('start')}"
    rf"(?:\s+(?:branch|tag|commit))?\s+(?:into|to|with|as|and\s+(?:create|make|call\s+it))\s+(?:a\s+)?(?:new\s+)?"
    rf"(?:local\s+)?(?:branch\s+)?(?:called\s+|named\s+)?{named('name')}{_SWITCH}{_STAY}",
)


def _rename(m: re.Match) -> list[nlsh.ActionCall] | None:
    new = name_arg(m.group("new"), allow=("new", "old"))
    old = m.groupdict().get("old")
    if new is None or (old is not None and name_arg(old, allow=("new", "old")) is None):
        return None
    return call("git.branch_rename", new_name=new, name=old)


_TO = r"\s+(?:to|as|into)\s+(?:be\s+)?"
_RENAME = r"(?:rename|change\s+the\s+name\s+of|re-?name)\s+"
RENAME = (
    rf"{_RENAME}(?:{_CURRENT}\s+|the\s+)?{BRANCH}{_TO}{named('new')}",
    rf"{_RENAME}(?:the\s+)?(?:local\s+)?{BRANCH}\s+{named('old')}{_TO}{named('new')}",
    rf"{_RENAME}(?:the\s+)?{named('old')}\s+branch{_TO}{named('new')}",
    rf"(?:change|set)\s+(?:the\s+)?(?:{_CURRENT}\s+)?(?:branch'?s?\s+)?(?:branch\s+)?name"
    rf"(?:\s+of\s+(?:the\s+)?(?:{_CURRENT}\s+)?branch)?{_TO}{named('new')}",
)


_FORCE = (r"(?P<force2>,?\s+(?:even\s+(?:if|though)\s+(?:it(?:'s|\s+is|\s+has|\s+hasn'?t\s+been)\s+)?(?:not\s+"
          r"|un)?(?:merged|unmerged)"
          r"(?:\s+yet)?|with\s+force|forcefully|forcibly|anyway|anyhow|regardless|(?:with\s+)?-D))?")
_DELETE_VERB = (r"(?P<force>force[- ](?:delete|remove)|(?:forcefully|forcibly)\s+(?:delete|remove)|delete|remove"
                r"|get\s+rid\s+of|drop|erase|trash)\s+(?:the\s+|my\s+)?(?P<adj>(?:merged|old|stale|unmerged)\s+)?"
                r"(?:local\s+)?")
DELETE = (
    rf"{_DELETE_VERB}{BRANCH}\s+(?:called\s+|named\s+)?{named('name')}(?:\s+locally)?{_FORCE}",
    rf"{_DELETE_VERB}{named('name')}\s+branch(?:\s+locally)?{_FORCE}",
)


def _delete(m: re.Match) -> list[nlsh.ActionCall] | None:
    name = name_arg(m.group("name"), allow=("old", "new"))
    if name is None:
        return None
    forced = m.group("force").lower().startswith("force") or bool(m.group("force2")) \
        or (m.group("adj") or "").strip().lower() == "unmerged"
    return call("git.branch_force_delete" if forced else "git.branch_delete", name=name)


_PREVIOUS = r"(?:previous|last|prior|other|old|previously\s+(?:checked[- ]out|used|active|current))"
_WAS_ON = (r"(?:\s+(?:i\s+(?:was|have\s+been|had\s+been)\s+(?:previously\s+)?(?:on|in|using|working\s+on)"
           r"|i\s+(?:last\s+)?(?:used|worked\s+on)|i\s+had\s+(?:checked\s+)?out|i\s+came\s+from"
           r"|i\s+checked\s+out|that\s+was\s+checked\s+out))?(?:\s+(?:before|previously|last|earlier"
           r"|before\s+this(?:\s+one)?))?")
_BACK_VERB = r"(?:switch|go|change|move|jump|flip|return|get|hop|head|check\s*out|toggle)(?:\s+back)?"
BACK = (
    rf"{_BACK_VERB}\s+(?:to\s+)?(?:the\s+|my\s+)?{_PREVIOUS}\s+(?:git\s+)?branch{_WAS_ON}"
    rf"|{_BACK_VERB}\s+(?:to\s+)?(?:the\s+)?(?:git\s+)?branch\s+(?:that\s+)?i\s+(?:was\s+(?:previously\s+)?"
    rf"(?:on|in|using|working\s+on)|(?:last\s+)?used|had\s+(?:checked\s+)?out|came\s+from|checked\s+out)"
    rf"(?:\s+(?:before|previously|last|earlier))?"
    rf"|switch\s+back(?:\s+to\s+where\s+i\s+was)?|(?:switch|check\s*out)\s+-"
)

SWITCH = (
    rf"(?:switch|change|move|go|jump|hop|head)\s+(?:over\s+)?(?:to|onto)\s+(?:the\s+)?{named('ref')}\s+branch"
    rf"|check\s*out\s+(?:the\s+)?(?:{BRANCH}\s+{named('ref2')}|{named('ref3')}\s+branch)"
    rf"|(?:switch|change)\s+branch(?:es)?\s+to\s+{named('ref4')}"
    rf"|(?:switch|change|move|go|jump)\s+(?:over\s+)?(?:to"
    rf"|onto)\s+(?:the\s+)?(?:local\s+)?{BRANCH}\s+(?:called\s+|named\s+)?{named('ref5')}"
)


def _switch(m: re.Match) -> list[nlsh.ActionCall] | None:
    name = name_arg(_first(m, "ref", "ref2", "ref3", "ref4", "ref5"))
    return call("git.switch", branch=name) if name else None


# --- stashes --------------------------------------------------------------------------

_STASHES = r"(?:stash(?:es|\s+entries|\s+list)?|stashed\s+(?:changes|entries|items|states|work))"
_THINGS = r"(?:entries|items|things|changes|states|sets\s+of\s+changes)"
_IN_STASH = (r"(?:currently\s+)?(?:(?:in|on)\s+(?:the\s+|my\s+)?(?:git\s+)?stash(?:\s+list)?|stashed(?:\s+away)?"
             r"|saved\s+in\s+(?:the\s+|my\s+)?stash)(?:\s+(?:right\s+)?now)?")
STASH_COUNT = (
    rf"{SHOW}?(?:count|(?:(?:what(?:'s|\s+is)\s+)?the\s+)?(?:number|count|total)\s+of)\s+(?:the\s+|my\s+|all\s+)?"
    rf"(?:git\s+)?(?:{_STASHES}|{_THINGS}\s+(?:(?:that\s+are|i\s+have|i'?ve)\s+)?{_IN_STASH})"
    rf"(?:\s+(?:there\s+are|i\s+have|(?:in\s+(?:this|the)\s+repo(?:sitory)?)))?"
    rf"|{SHOW}?how\s+many\s+(?:git\s+)?{_STASHES}\s+"
    rf"(?:are\s+there|there\s+are|do\s+i\s+have|have\s+i\s+(?:got|saved|made)|(?:are|is)\s+(?:there\s+)?{_IN_STASH}"
    rf"|exist|(?:are\s+)?saved|have\s+i\s+stashed|(?:does|do)\s+(?:the\s+|my\s+)?stash(?:\s+list)?\s+(?:have|hold"
    rf"|contain))(?:\s+(?:in\s+(?:this|the)\s+repo(?:sitory)?))?"
    rf"|{SHOW}?how\s+many\s+{_THINGS}\s+(?:(?:are|is)\s+(?:there\s+)?{_IN_STASH}|have\s+i\s+stashed"
    rf"|(?:does|do)\s+(?:the\s+|my\s+)?stash(?:\s+list)?\s+(?:have|hold|contain))"
    rf"|{SHOW}?how\s+many\s+(?:git\s+)?stash(?:es)?(?:\s+entries)?"
    rf"|how\s+many\s+times\s+(?:have\s+i|did\s+i)\s+stash(?:ed)?"
    rf"|{SHOW}?(?:the\s+)?(?:git\s+)?stash(?:\s+list)?\s+(?:size|count|length)"
    rf"|{SHOW}?(?:the\s+)?(?:size|length)\s+of\s+(?:the\s+|my\s+)?(?:git\s+)?stash(?:\s+list)?"
    rf"|how\s+(?:big|large|long|full)\s+is\s+(?:the\s+|my\s+)?(?:git\s+)?stash(?:\s+list)?"
)
STASH_LIST = (
    rf"{SHOW}(?:the\s+|my\s+|all\s+(?:the\s+|my\s+)?)?(?:git\s+)?(?:stash(?:es)?|stash\s+(?:list|entries)"
    rf"|stashed\s+(?:changes|work|entries))"
    rf"|(?:the\s+|my\s+|all\s+(?:the\s+|my\s+)?)?(?:git\s+)?(?:stashes|stash\s+(?:list|entries)"
    rf"|stashed\s+(?:changes|work|entries))"
    rf"|(?:list|show)(?:\s+me)?\s+(?:the\s+|my\s+)?stash|what(?:'s|\s+is)\s+in\s+(?:the\s+|my\s+)?stash(?:\s+list)?"
    rf"|what\s+(?:have\s+i|did\s+i)\s+stash(?:ed)?(?:\s+away)?"
)
STASH_PUSH = (
    r"(?:stash|stow)(?:\s+away)?(?:\s+(?:my|the|all|all\s+my|all\s+of\s+my|these|current))?"
    r"(?:\s+(?:local\s+|uncommitted\s+|current\s+|working\s+)?(?:changes|work|edits|modifications|stuff|everything))?"
    r"(?P<untracked>\s+(?:including|with|and|plus)\s+(?:the\s+)?(?:new\s+|untracked\s+)(?:files)?(?:\s+too)?"
    r"|\s+(?:including|with|and|plus)\s+(?:the\s+)?untracked(?:\s+ones|\s+files)?(?:\s+too)?)?"
    r"(?:\s+(?:as|with(?:\s+the)?(?:\s+message)?|named|called|message)\s*:?\s*[\"'](?P<msg>[^\"']+)[\"'])?"
    r"|(?:save|put|stash)\s+(?:my\s+|the\s+|all\s+my\s+)?(?:local\s+|uncommitted\s+|current\s+)?(?:changes|work)\s+"
    r"(?:in|on|into|to)\s+(?:the\s+|a\s+)?(?:git\s+)?stash(?:\s+for\s+later)?"
    r"(?:\s+(?:as|with(?:\s+the)?(?:\s+message)?|named|called)\s*:?\s*[\"'](?P<msg2>[^\"']+)[\"'])?"
)


def _stash_push(m: re.Match) -> list[nlsh.ActionCall]:
    return call("git.stash_push", message=_first(m, "msg", "msg2"),
                include_untracked=True if m.groupdict().get("untracked") else None)


_WHICH = rf"(?:(?:the\s+)?(?:last|latest|newest|most\s+recent|top)\s+)?"
_INDEX = r"(?:\s+(?:stash\s*@\{(?P<i>\d+)\}|(?:number\s+|#|no\.?\s*)?(?P<i2>\d+)))?"
STASH_APPLY = (
    rf"(?P<verb>pop|apply|unstash|restore|bring\s+back|get\s+back|reapply|re-apply)\s+(?:my\s+|the\s+)?{_WHICH}"
    rf"(?:stash(?:ed)?(?:\s+(?:changes|entry|work))?|stash\s*@\{{(?P<i3>\d+)\}}){_INDEX}"
    rf"(?P<keep>\s+(?:but\s+|and\s+)?(?:keep|keeping|leave|leaving)\s+(?:it|them|the\s+stash"
    rf"|the\s+entry)(?:\s+in\s+the\s+(?:stash\s+)?list)?"
    rf"|\s+without\s+(?:dropping|removing|deleting)\s+it)?"
    r"|unstash(?:\s+my\s+changes)?|stash\s+(?P<verb2>pop|apply)"
    + _INDEX.replace("?P<i>", "?P<i4>").replace("?P<i2>", "?P<i5>")
)


def _stash_apply(m: re.Match) -> list[nlsh.ActionCall] | None:
    verb = (_first(m, "verb", "verb2") or "pop").lower()
    index = _first(m, "i", "i2", "i3", "i4", "i5")
    keep = verb in ("apply", "reapply", "re-apply") or bool(m.groupdict().get("keep"))
    return call("git.stash_pop", index=int(index) if index else None, keep=True if keep else None)


# --- status ---------------------------------------------------------------------------

_SHORT = r"(?:short|compact|brief|condensed|concise|terse|abbreviated|porcelain|one[- ]line)"
STATUS_SHORT = (
    rf"{SHOW}?(?:the\s+|a\s+)?{_SHORT}(?:\s+(?:git|repo))?\s+status(?:\s+of\s+(?:the\s+|this\s+)?repo(?:sitory)?)?"
    rf"(?P<b>\s+(?:with|including|and)\s+(?:the\s+)?branch(?:\s+(?:name|info(?:rmation)?|line))?)?"
    rf"|{SHOW}?(?:the\s+)?(?:git\s+)?status\s+(?:in\s+)?(?:a\s+)?{_SHORT}(?:\s+(?:form|format|mode|version|view))?"
    rf"(?P<b2>\s+(?:with|including|and)\s+(?:the\s+)?branch(?:\s+(?:name|info(?:rmation)?|line))?)?"
    rf"|(?:git\s+)?status\s+(?:-s|--short)(?P<b3>\s+(?:-b|--branch))?|(?:git\s+)?status\s+-sb(?P<b4>)"
)


def _status_short(m: re.Match) -> list[nlsh.ActionCall]:
    branch = any(m.groupdict().get(g) is not None for g in ("b", "b2", "b3", "b4"))
    return call("git.status", short=True, branch=True if branch else None)


STATUS_BRANCH = (
    rf"{SHOW}?(?:the\s+)?(?:current\s+)?branch\s+(?:and|with|plus)\s+(?:the\s+)?(?:git\s+|repo\s+)?status"
    rf"|{SHOW}?(?:the\s+)?(?:git\s+|repo\s+)?status\s+(?:and|with"
    rf"|plus)\s+(?:the\s+)?(?:current\s+)?branch(?:\s+(?:name|info))?"
)

SPECIFIC: list[tuple[str, Build]] = [
    (CURRENT, lambda m: call("git.current_branch")),
    *((regex, _rename) for regex in RENAME),
    *((regex, _create) for regex in CREATE),
    *((regex, _delete) for regex in DELETE),
    (BACK, lambda m: call("git.switch", branch="-")),
    (SWITCH, _switch),
    (STASH_COUNT, lambda m: call("git.stash_count")),
    (STASH_APPLY, _stash_apply),
    (STASH_LIST, lambda m: call("git.stashes")),
    (STASH_PUSH, _stash_push),
    (STATUS_SHORT, _status_short),
    (STATUS_BRANCH, lambda m: call("git.status")),
]

AMBIGUOUS: list[tuple[str, Build]] = []
