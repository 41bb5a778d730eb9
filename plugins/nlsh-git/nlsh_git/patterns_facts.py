"""Fast-path patterns for facts about a repository (tracked files, commit counts, commits per
author, git describe, the configured identity) and more ways to ask for a status, a commit, one
commit's contents, a file at a branch, the remote addresses, an annotated tag.

Each asks in git's own words ("tracked", "commits", "git user name"): "list the files" or
"what is my user name" stay with nlsh's own patterns.
"""

from __future__ import annotations

import re
from typing import Callable

import nlsh

from .wording import FILE, call, file_arg, name_arg, named, unquote

__all__ = ["SPECIFIC"]

Build = Callable[[re.Match], "list[nlsh.ActionCall] | None"]

SHOW = r"(?:(?:show|list|display|print|give|get|tell|see|output)(?:\s+me)?\s+)"
def _in(n: str) -> str:
    return rf"(?:\s+(?:in|under|inside|within)\s+(?P<path{n}>{FILE}))?"
_REPO = r"(?:\s+(?:in|of|for)\s+(?:this|the|my|our)\s+(?:git\s+)?(?:repo|repository|project))?"


def _folder(m: re.Match) -> str | None | bool:
    """The folder named by _IN, None when none is, False when the words name no folder."""
    text = next((v for k, v in m.groupdict().items() if k.startswith("path") and v), None)
    if not text:
        return None
    name = file_arg(text) or (unquote(text) if re.fullmatch(r"[\w.-]+", unquote(text)) else None)
    return name if name and name.lower() not in ("git", "the", "repo", "repository") else False


def _ls(untracked: bool) -> Build:
    def build(m: re.Match) -> list[nlsh.ActionCall] | None:
        path = _folder(m)
        return None if path is False else call("git.ls_files", path=path, untracked=True if untracked else None)
    return build


_TRACKED = (r"(?:(?:git[- ])?tracked|versioned|committed|git[- ]managed)\s+files"
            r"|files\s+(?:that\s+(?:are|git)\s+)?(?:tracked|versioned|known|managed)\s+(?:by|in|with)\s+git"
            r"|files\s+(?:that\s+are\s+)?(?:under|in)\s+version\s+control|files\s+(?:that\s+)?git\s+(?:tracks|knows"
            r"\s+about|is\s+tracking|manages)|files\s+in\s+the\s+(?:git\s+)?index"
            r"|(?:every|each)\s+(?:tracked\s+)?file\s+(?:tracked|versioned|committed)(?:\s+(?:in|by)\s+(?:git|the\s+repo(?:sitory)?))?"
            r"|(?:every|each)\s+tracked\s+file|files\s+tracked\s+(?:in|by)\s+(?:the\s+)?(?:git\s+)?repo(?:sitory)?")
LS_FILES = (
    rf"{SHOW}(?:all\s+)?(?:of\s+)?(?:the\s+|my\s+)?(?:{_TRACKED}){_REPO}{_in('1')}"
    rf"|(?:which|what)\s+files\s+(?:does\s+git\s+track|is\s+git\s+tracking|are\s+(?:being\s+)?(?:tracked|versioned)"
    rf"(?:\s+(?:by|in)\s+git)?|are\s+(?:under|in)\s+version\s+control|are\s+committed){_REPO}{_in('2')}"
    rf"|git\s+ls-files"
)
_UNTRACKED = r"(?:untracked|unversioned|new\s+untracked)\s+files"
LS_UNTRACKED = (
    rf"{SHOW}(?:all\s+)?(?:of\s+)?(?:the\s+|my\s+)?{_UNTRACKED}(?:\s+only)?{_REPO}{_in('3')}"
    rf"|(?:which|what)\s+files\s+(?:are\s+untracked|(?:aren'?t|are\s+not)\s+(?:yet\s+)?(?:tracked|in\s+git)(?:\s+yet)?)"
    rf"{_REPO}{_in('4')}"
    rf"|git\s+ls-files\s+(?:-o|--others)(?:\s+--exclude-standard)?"
)


_COMMITS = r"(?:git\s+)?commits"
_WHERE = (rf"(?:\s+(?:(?:are\s+)?there|exist|do\s+(?:i|we)\s+have|have\s+been\s+made|(?:does|do)\s+(?:this|the|my)\s+"
          rf"(?:repo(?:sitory)?|branch|project)\s+have|(?:is|are)\s+(?:in|on)\s+(?:this|the|my)\s+(?:repo(?:sitory)?"
          rf"|branch|project)|so\s+far|in\s+total|total|altogether))*")
def _on(n: str) -> str:
    """"on this branch", "on the branch dev", "on all branches" (groups current, ref, all + n)."""
    return (rf"(?:\s+(?:on|in|of|for)\s+(?:(?P<current{n}>(?:this|the\s+current|my(?:\s+current)?|the)\s+"
            rf"(?:branch|repo(?:sitory)?|project|history))|(?:the\s+)?branch\s+{named('ref' + n)}"
            rf"|(?:the\s+)?{named('refx' + n)}\s+branch|(?P<all{n}>all\s+(?:the\s+)?branches|every\s+branch)))?")


def _by(n: str) -> str:
    return rf"""(?:\s+(?:by|from|authored\s+by|made\s+by)\s+(?P<who{n}>"[^"]+"|'[^']+'|[\w.@+-]+))?"""
COMMIT_COUNT = (
    rf"(?:count|tally)\s+(?:the\s+|all\s+(?:the\s+)?|my\s+)?{_COMMITS}{_by('')}{_on('')}{_WHERE}{_by('2')}"
    rf"|(?:{SHOW}|what(?:'s|\s+is)\s+)?(?:the\s+)?(?:total\s+)?(?:number|count|total)\s+of\s+{_COMMITS}{_by('3')}"
    rf"{_on('3')}{_WHERE}"
    rf"|how\s+many\s+{_COMMITS}{_by('4')}{_on('4')}{_WHERE}{_by('5')}{_on('5')}"
    rf"|how\s+many\s+{_COMMITS}\s+(?:has|did|have)\s+(?P<who7>[\w.@+-]+)\s+(?:made|make|done|pushed|authored|written"
    rf"|committed){_on('8')}"
    rf"|how\s+many\s+(?:times\s+)?(?:has|did)\s+(?P<who6>[\w.@+-]+)\s+committ?(?:ed)?{_on('6')}"
    rf"|(?:{SHOW}|what(?:'s|\s+is)\s+)?(?:the\s+)?commit\s+count{_on('7')}"
)


def _commit_count(m: re.Match) -> list[nlsh.ActionCall] | None:
    found = m.groupdict()
    who = next((unquote(v) for k, v in found.items() if k.startswith("who") and v), None)
    if who and who.lower() in ("me", "i", "we", "us", "the", "all", "each", "every", "author", "person"):
        return None  # "by me" needs the configured name; "by each author" is a shortlog
    ref = next((found[g] for g in found if g.startswith("ref") and found[g]), None)
    every = any(found[g] for g in found if g.startswith("all") and found[g])
    revision = name_arg(ref) if ref else None
    if ref and revision is None:
        return None
    return call("git.commit_count", author=who, revision=revision, all_branches=True if every else None)


_EACH = (r"(?:per|by|for\s+each|by\s+each|of\s+each|for\s+every|from\s+each)\s+"
         r"(?:author|person|contributor|developer|user)")
SHORTLOG = (
    rf"(?:{SHOW}|count\s+)?(?:the\s+)?(?:number\s+of\s+)?(?:git\s+)?commits\s+{_EACH}{_REPO}"
    rf"|how\s+many\s+commits\s+(?:each|every)\s+(?:author|person|contributor|developer)\s+(?:has\s+)?(?:made|did|has)"
    rf"|{SHOW}?(?:the\s+|all\s+(?:the\s+)?)?(?:top\s+)?(?:contributors|committers|authors)"
    rf"(?:\s+(?:of|to)\s+(?:this|the)"
    rf"\s+(?:repo(?:sitory)?|project))?\s+"
    rf"(?:by|with|and\s+their|ranked\s+by|sorted\s+by)\s+(?:the\s+)?(?:number\s+of\s+)?"
    rf"(?:commits?(?:\s+counts?)?)"
    rf"|who\s+(?:has\s+)?(?:made|committed|written|authored)\s+the\s+most\s+commits{_REPO}"
    rf"|git\s+shortlog(?:\s+-sn|\s+-ns|\s+-s\s+-n|\s+--summary\s+--numbered)?"
    rf"|(?:{SHOW})?(?:a\s+)?commit\s+(?:count|summary)\s+{_EACH}"
)

DESCRIBE = (
    r"git\s+describe(?:\s+--tags)?(?:\s+(?:the\s+)?(?:current\s+commit|head|this\s+commit|latest\s+commit))?"
    r"|describe\s+(?:the\s+)?(?:current\s+commit|head|this\s+commit|latest\s+commit)"
    rf"|describe\s+(?:the\s+)?(?:commit\s+|branch\s+|tag\s+)?{named('ref')}\s+(?:with|using)\s+(?:the\s+)?"
    r"(?:nearest|closest|last)\s+tag"
    r"|(?:describe|name)\s+(?:the\s+current\s+commit|head|this\s+commit)"
    r"\s+(?:with|using|relative\s+to|by)\s+(?:the\s+)?"
    r"(?:nearest|closest|last|latest)\s+tag"
)


def _describe(m: re.Match) -> list[nlsh.ActionCall] | None:
    ref = m.groupdict().get("ref")
    if ref and name_arg(ref) is None:
        return None
    return call("git.describe", revision=None if not ref or ref.lower() == "head" else ref)


_NAME = r"(?P<name>user\s*\.?\s*name|(?:user\s+|author\s+|committer\s+)?name)"
_EMAIL = r"(?P<email>user\s*\.\s*email|(?:user\s+|author\s+|committer\s+)?e-?mail(?:\s+address)?)"
CONFIG = (
    rf"(?:{SHOW}|what(?:'s|\s+is)\s+|check\s+)?(?:my\s+|the\s+)?(?:configured\s+|current\s+)?"
    rf"git\s+(?:config(?:ured)?\s+)?"
    rf"(?:{_NAME}|{_EMAIL})(?:\s+(?:setting|config(?:uration)?))?"
    rf"|(?:{SHOW}|what(?:'s|\s+is)\s+|check\s+)?(?:my\s+|the\s+)?(?:{_NAME.replace('name>', 'name2>')}"
    rf"|{_EMAIL.replace('email>', 'email2>')})\s+(?:(?:configured|set|used)\s+)?(?:in|for|from|by)\s+(?:the\s+)?git"
    rf"(?:\s+config(?:uration)?)?"
    rf"|(?:which|what)\s+(?:{_NAME.replace('name>', 'name3>')}|{_EMAIL.replace('email>', 'email3>')})"
    rf"\s+(?:am\s+i|are\s+we"
    rf"|will\s+i\s+be|do\s+i|does\s+git|will\s+git)\s+(?:commit(?:ting)?|us(?:e|ing))(?:\s+(?:as|with|under|for"
    rf"\s+commits))?"
    rf"|(?:what(?:'s|\s+is)\s+|{SHOW})?(?:the\s+)?(?:{_NAME.replace('name>', 'name4>')}"
    rf"|{_EMAIL.replace('email>', 'email4>')})\s+(?:my\s+|the\s+)?commits\s+(?:use|are\s+made\s+with|get)"
)


def _config(m: re.Match) -> list[nlsh.ActionCall]:
    email = any(m.groupdict().get(g) for g in ("email", "email2", "email3", "email4"))
    return call("git.config_get", key="user.email" if email else "user.name")


# --- more ways to ask for things the older patterns know --------------------------------

_STATE = r"(?:status|state)"
_REPO_WORD = r"(?:git\s+)?(?:repo|repository|working\s+(?:tree|copy|directory)|work\s*tree|checkout)"
STATUS = (
    rf"(?:{SHOW}|what(?:'s|\s+is)\s+|check\s+)?(?:the\s+|my\s+)?(?:current\s+)?{_STATE}"
    rf"\s+of\s+(?:the\s+|my\s+|this\s+)?"
    rf"(?:current\s+)?{_REPO_WORD}"
    rf"|(?:{SHOW}|what(?:'s|\s+is)\s+|check\s+)?(?:the\s+|my\s+)?(?:current\s+)?{_REPO_WORD}(?:'s)?\s+{_STATE}"
    rf"|(?:are\s+there\s+|do\s+i\s+have\s+|is\s+there\s+)?any\s+(?:uncommitted|unstaged|pending|local)\s+changes"
    rf"(?:\s+(?:here|in\s+(?:the\s+|this\s+)?repo(?:sitory)?))?"
    rf"|(?:which|what)\s+files\s+(?:have\s+i|did\s+i)\s+(?:modified|changed|edited|touched)"
    rf"(?:\s+(?:since\s+the\s+last\s+commit|but\s+not\s+committed))?"
    rf"|(?:{SHOW})?(?:the\s+)?(?:modified|changed|uncommitted)\s+files(?:\s+in\s+(?:the\s+|this\s+)?(?:git\s+)?"
    rf"repo(?:sitory)?)"
    rf"|is\s+(?:the\s+|my\s+)?(?:{_REPO_WORD})\s+(?:clean|dirty)"
)
STATUS_SHORT = (
    rf"(?:{SHOW})?(?:the\s+)?(?:git\s+)?status\s+of\s+(?:the\s+|this\s+)?(?:repo|repository)\s+in\s+(?:a\s+)?"
    rf"(?:short|compact|brief|condensed)\s+(?:form|format|mode)"
)

_Q = r"""(?:"(?P<msg>[^"]+)"|'(?P<msg2>[^']+)')"""
_TITLED = r"(?:with\s+(?:the\s+)?(?:commit\s+)?(?:message|title|subject|summary)|titled|called|named|saying|message)"
COMMIT = (
    rf"(?:make|create|do|record)\s+(?:a\s+|the\s+|an?\s+new\s+)?commit(?P<all>\s+(?:of|with)\s+(?:all|everything)"
    rf"(?:\s+(?:my\s+)?changes)?)?\s+{_TITLED}\s*:?\s*{_Q}"
)


def _commit(m: re.Match) -> list[nlsh.ActionCall]:
    return call("git.commit", message=m.group("msg") or m.group("msg2"), all_changes=True if m.group("all") else None)


_HASH = r"""["']?(?P<ref>[0-9a-f]{6,40}|HEAD(?:[~^]\d*)+|head(?:[~^]\d*)+)["']?"""
SHOW_COMMIT = (
    rf"(?:{SHOW}|what(?:'s|\s+is)\s+in\s+|inspect\s+|view\s+)(?:the\s+)?(?:details\s+of\s+|contents\s+of\s+"
    rf"|changes\s+(?:in|of|from|made\s+(?:in|by))\s+|diff\s+(?:of|for)\s+|patch\s+(?:of|for)\s+)?(?:the\s+)?"
    rf"(?:commit|revision)\s+{_HASH}"
    rf"|what\s+(?:changed|was\s+changed|happened)\s+in\s+(?:the\s+)?commit\s+{_HASH.replace('ref', 'ref2')}"
    rf"|what\s+did\s+(?:the\s+)?commit\s+{_HASH.replace('ref', 'ref3')}\s+(?:change|do|contain|touch)"
    rf"|git\s+show\s+{_HASH.replace('ref', 'ref4')}"
)


def _show_commit(m: re.Match) -> list[nlsh.ActionCall]:
    ref = next(m.group(g) for g in ("ref", "ref2", "ref3", "ref4") if m.groupdict().get(g))
    return call("git.show", revision=ref)


_AT = (rf"(?:on|in|at|from|as\s+of)\s+(?:the\s+)?(?:branch\s+{named('rev')}|{named('rev2')}\s+branch"
       rf"|(?:tag|commit|revision)\s+{named('rev3')}|{named('rev4')}\s+(?:tag|commit))")
SHOW_FILE = (
    rf"(?:{SHOW}|cat\s+)(?:the\s+)?(?:version|contents?|copy|state)\s+of\s+(?P<path>{FILE})\s+{_AT}"
    rf"|(?:{SHOW}|cat\s+)(?:the\s+)?(?:file\s+)?(?P<path2>{FILE})\s+(?:as\s+it\s+(?:is|was)\s+)?"
    + _AT.replace("rev", "r2ev")
)


def _show_file(m: re.Match) -> list[nlsh.ActionCall] | None:
    found = m.groupdict()
    path = file_arg(found.get("path") or found.get("path2"))
    ref = name_arg(next((v for k, v in found.items() if "ev" in k and v), None))
    if path is None or ref is None:
        return None
    return call("git.show_file", path=path, revision=ref)


_SIDE = r"(?:the\s+)?(?:branch(?:es)?\s+)?"
DIFFERENT = (
    rf"what(?:'s|\s+is|\s+are)\s+(?:the\s+)?(?:different|differences?|changed|diff)\s+between\s+{_SIDE}{named('a')}"
    rf"(?:\s+branch)?\s+and\s+{_SIDE}{named('b')}(?:\s+branch(?:es)?)?"
    rf"|how\s+(?:does|do|is|are)\s+(?:the\s+)?(?:branch\s+)?{named('a2')}(?:\s+branch)?\s+"
    rf"(?:differ|different)\s+from\s+"
    rf"{_SIDE}{named('b2')}(?:\s+branch)?"
)


def _different(m: re.Match) -> list[nlsh.ActionCall] | None:
    a, b = name_arg(m.group("a") or m.group("a2")), name_arg(m.group("b") or m.group("b2"))
    if a is None or b is None or any(re.search(r"\.[A-Za-z][A-Za-z0-9]{0,5}$", n) for n in (a, b)):
        return None
    return call("git.diff", base=a, target=b)


BRANCHES_ALL = (
    rf"{SHOW}(?:all\s+)?(?:of\s+)?(?:the\s+|my\s+)?(?:git\s+)?branches,?\s+"
    rf"(?:including|incl\.?|with|and|plus|as\s+well\s+as)"
    rf"\s+(?:the\s+|all\s+)?remote(?:[- ]tracking)?(?:\s+ones|\s+branches)?(?:\s+too)?"
    rf"|{SHOW}(?:all\s+)?(?:the\s+)?(?:local\s+and\s+remote|remote\s+and\s+local)\s+branches"
    rf"|{SHOW}(?:all\s+)?(?:the\s+)?branches,?\s+(?:both\s+)?(?:local\s+and\s+remote|remote\s+and\s+local)"
    rf"|(?:git\s+)?branch\s+(?:-a|--all)"
)

REMOTE_URLS = (
    rf"(?:{SHOW}|what\s+(?:are|is)\s+)(?:the\s+|my\s+)?(?:git\s+)?remotes?(?:'s?)?\s+(?:urls?|addresses|address)"
    rf"|(?:{SHOW}|what(?:'s|\s+is)\s+)(?:the\s+)?(?:urls?|address)\s+(?:of|for)\s+(?:the\s+)?(?:remote\s+)?"
    rf"(?:origin|upstream|remote(?:s)?)(?:\s+remote)?"
    rf"|where\s+does\s+(?:the\s+)?(?:remote\s+)?(?:origin|upstream)(?:\s+remote)?\s+point(?:\s+to)?"
    rf"|(?:git\s+)?remote\s+-v"
)

TAG_MESSAGE = (
    rf"(?:create|make|add)\s+(?:an?\s+)?(?:annotated\s+)?tag\s+(?:called\s+|named\s+)?{named('name')}"
    rf"(?:\s+(?:at|on|for)\s+(?:commit\s+)?{named('ref')})?\s+(?:with\s+(?:the\s+)?(?:message|annotation|description)"
    rf"|saying|-m|message)\s*:?\s*{_Q}"
    rf"|(?:tag|mark)\s+(?:this|it|the\s+current\s+commit|head|the\s+last\s+commit)\s+(?:as\s+)?{named('name2')}\s+"
    rf"with\s+(?:the\s+)?(?:message|annotation)\s*:?\s*{_Q.replace('msg', 'm2sg')}"
)


def _tag_message(m: re.Match) -> list[nlsh.ActionCall] | None:
    found = m.groupdict()
    name = name_arg(found.get("name") or found.get("name2"))
    message = next((v for k, v in found.items() if "sg" in k and v), None)
    ref = found.get("ref")
    if name is None or (ref and name_arg(ref) is None):
        return None
    return call("git.tag_create", name=name, revision=ref, message=message)


_KEEP = (r"(?:,?\s+(?:but\s+|and\s+|while\s+)?(?:keep(?:ing)?|leav(?:e|ing)|preserv(?:e|ing)|retain(?:ing)?)\s+"
         r"(?:the\s+|my\s+|its\s+|all\s+(?:the\s+|my\s+)?)?"
         r"(?:changes|work|files|edits)(?:\s+(?:staged|intact|in\s+place"
         r"|in\s+the\s+index))?|\s+softly|,?\s+(?:with\s+a\s+|using\s+a\s+|as\s+a\s+)?soft(?:\s+reset)?)")
UNCOMMIT = (
    rf"(?:undo|take\s+back|revert|uncommit|cancel|roll\s+back)\s+(?:the\s+|my\s+)?"
    rf"(?:last|latest|previous|most\s+recent)"
    rf"\s+commit{_KEEP}"
    rf"|(?:soft[- ]reset|reset\s+(?:--soft|softly|soft))\s+(?:to\s+)?(?:head[~^]1?|the\s+previous\s+commit"
    rf"|one\s+commit\s+back)"
)
RESET_HARD = rf"hard[- ]reset(?:\s+(?:to|onto)\s+{named('ref')})?"

_BLAME_VERB = r"(?:changed|wrote|edited|touched|last\s+(?:changed|modified|touched|edited)|modified|authored)"
BLAME = (
    rf"(?:{SHOW})?who\s+{_BLAME_VERB}\s+(?:each|every)\s+line\s+(?:of|in)\s+(?P<path>{FILE})"
    rf"|(?:{SHOW})?(?:the\s+)?(?:(?:line[- ]by[- ]line\s+)?authorship|authors?\s+of\s+(?:each|every)\s+line)"
    rf"\s+(?:of|in|for)"
    rf"\s+(?P<path2>{FILE})(?:\s+line\s+by\s+line)?"
    rf"|annotate\s+(?P<path3>{FILE})\s+with\s+(?:the\s+)?(?:authors?|commits?)(?:\s+of\s+each\s+line)?"
)


def _blame(m: re.Match) -> list[nlsh.ActionCall] | None:
    path = file_arg(next(m.group(g) for g in ("path", "path2", "path3") if m.groupdict().get(g)))
    return call("git.blame", path=path) if path else None


SPECIFIC: list[tuple[str, Build]] = [
    (LS_UNTRACKED, _ls(True)),
    (LS_FILES, _ls(False)),
    (SHORTLOG, lambda m: call("git.shortlog")),
    (COMMIT_COUNT, _commit_count),
    (DESCRIBE, _describe),
    (CONFIG, _config),
    (STATUS_SHORT, lambda m: call("git.status", short=True)),
    (STATUS, lambda m: call("git.status")),
    (COMMIT, _commit),
    (SHOW_COMMIT, _show_commit),
    (SHOW_FILE, _show_file),
    (DIFFERENT, _different),
    (BRANCHES_ALL, lambda m: call("git.branches", remote=True)),
    (REMOTE_URLS, lambda m: call("git.remotes")),
    (TAG_MESSAGE, _tag_message),
    (UNCOMMIT, lambda m: call("git.uncommit")),
    (RESET_HARD, lambda m: call("git.reset_hard", revision=m.group("ref"))),
    (BLAME, _blame),
]


# --- revert, cherry-pick, tag / stash drop, stash show, init ------------------------------

REVERT = (
    rf"(?:revert|reverse|back\s+out|undo)\s+(?:the\s+changes\s+(?:of|from|in|made\s+(?:in|by))\s+)?(?:the\s+)?commit\s+"
    rf"{_HASH.replace('ref', 'rev')}(?:\s+(?:with|in|using|as)\s+a\s+new\s+commit)?"
    rf"|(?:revert|reverse|back\s+out|undo)\s+(?:the\s+)?(?:last|latest|most\s+recent)\s+commit\s+"
    rf"(?:with|in|using|by\s+making|"
    rf"by\s+creating|as)\s+a\s+new\s+(?:commit|revert\s+commit)(?P<last>)"
    rf"|(?:create|make|add)\s+a\s+(?:new\s+)?(?:revert\s+commit|commit\s+that\s+(?:reverts|undoes|reverses))"
    rf"\s+(?:for\s+|of\s+)?"
    rf"(?:the\s+)?(?:commit\s+)?{_HASH.replace('ref', 'rev2')}"
    rf"|git\s+revert\s+{_HASH.replace('ref', 'rev3')}"
)


def _revert(m: re.Match) -> list[nlsh.ActionCall]:
    found = m.groupdict()
    rev = next((v for k, v in found.items() if k.startswith("rev") and v), None)
    return call("git.revert", revision=rev or "HEAD")


_ONTO = r"(?:\s+(?:onto|into|to|on)\s+(?:this|the\s+current|my(?:\s+current)?|the)\s+branch)?"
CHERRY = (
    rf"(?:git\s+)?cherry[- ]?pick\s+(?:the\s+)?(?:commit\s+)?{_HASH.replace('ref', 'rev')}{_ONTO}"
    rf"|(?:copy|apply|bring|take)\s+(?:the\s+)?commit\s+{_HASH.replace('ref', 'rev2')}(?:\s+(?:from\s+(?:the\s+)?"
    rf"(?:branch\s+)?[\w./-]+(?:\s+branch)?))?"
    rf"\s+(?:onto|into|to|on)\s+(?:this|the\s+current|my(?:\s+current)?|the)\s+branch"
    rf"|cherry[- ]?pick\s+(?:the\s+)?(?:last|latest|top|newest)\s+commit\s+(?:of|from|on)\s+(?:the\s+)?(?:branch\s+)?"
    rf"{named('branch')}(?:\s+branch)?{_ONTO}"
)


def _cherry(m: re.Match) -> list[nlsh.ActionCall] | None:
    found = m.groupdict()
    rev = next((v for k, v in found.items() if k.startswith("rev") and v), None) or name_arg(found.get("branch"))
    return call("git.cherry_pick", revision=rev) if rev else None


TAG_DELETE = (
    rf"(?:delete|remove|drop|get\s+rid\s+of|erase)\s+(?:the\s+)?(?:local\s+)?(?:git\s+)?tag\s+(?:called\s+|named\s+)?"
    rf"{named('name')}(?:\s+locally)?"
    rf"|(?:delete|remove|drop|get\s+rid\s+of|erase)\s+(?:the\s+)?(?P<name2>v?\d[\w.+-]*|[\w.+-]*\d[\w.+-]*)"
    rf"\s+(?:git\s+)?tag"
    rf"(?:\s+locally)?"
    rf"|(?:git\s+)?tag\s+(?:-d|--delete)\s+{named('name3')}|untag\s+{named('name4')}"
)


def _tag_delete(m: re.Match) -> list[nlsh.ActionCall] | None:
    name = name_arg(next((v for k, v in m.groupdict().items() if v), None))
    return call("git.tag_delete", name=name) if name else None


_STASH_WHICH = (r"(?:(?:my\s+|the\s+)?(?:(?:last|latest|newest|most\s+recent|top)\s+)?(?:git\s+)?stash(?:ed\s+changes"
                r"|\s+entry)?(?:\s+(?:stash\s*@\{(?P<i>\d+)\}|(?:number\s+|#|no\.?\s*)?(?P<i2>\d+)))?"
                r"|stash\s*@\{(?P<i3>\d+)\})")
STASH_DROP = (
    rf"(?:drop|delete|remove|discard|throw\s+away|get\s+rid\s+of)\s+{_STASH_WHICH}(?:\s+without\s+applying\s+it)?"
    r"|(?:git\s+)?stash\s+drop(?:\s+(?:stash\s*@\{(?P<i4>\d+)\}|(?P<i5>\d+)))?"
)
STASH_SHOW = (
    rf"(?:{SHOW}|what(?:'s|\s+is)\s+in\s+|what\s+changes\s+are\s+in\s+|inspect\s+|view\s+|diff\s+)"
    rf"(?:the\s+)?(?:contents?\s+of\s+"
    rf"|changes\s+in\s+|diff\s+of\s+|patch\s+(?:of|in)\s+|files\s+in\s+)?(?:the\s+)?{_STASH_WHICH}"
    rf"(?P<stat>\s+(?:as\s+a\s+)?(?:summary|stat|diffstat))?"
    r"|(?:git\s+)?stash\s+show(?:\s+-p)?(?:\s+(?:stash\s*@\{(?P<i4>\d+)\}|(?P<i5>\d+)))?"
)


def _index(m: re.Match) -> int | None:
    value = next((v for k, v in m.groupdict().items() if k.startswith("i") and v), None)
    return int(value) if value else None


def _stash_show(m: re.Match) -> list[nlsh.ActionCall] | None:
    text = m.group(0).lower()
    if re.search(r"\bstash(?:es|\s+list)\b", text) or not re.search(r"\b(?:last|latest|newest|most recent|top|\d|"
                                                                    r"contents?|changes|diff|patch|files|stash show)",
                                                                    text):
        return None  # "show the stash" / "show my stashes" are the list
    return call("git.stash_show", index=_index(m), patch=False if m.groupdict().get("stat") else None)


_HERE = r"(?:\s+(?:here|in\s+(?:the\s+)?(?:current|this)\s+(?:folder|directory|dir)|in\s+\.))?"
INIT = (
    rf"git\s+init{_HERE}|(?:init(?:iali[sz]e)?|set\s+up)\s+git{_HERE}"
    rf"|(?:git\s+)?init(?:iali[sz]e)?\s+(?:a\s+|an\s+)?(?:new\s+|empty\s+)?(?:git\s+)?repo(?:sitory)?{_HERE}"
    rf"|(?:create|make|start|set\s+up|initiali[sz]e)\s+(?:a\s+|an\s+)?(?:new\s+|empty\s+)?git\s+repo(?:sitory)?{_HERE}"
    rf"|(?:turn|make)\s+(?:this|the\s+current)\s+(?:folder|directory|dir|project)\s+(?:into\s+)?a\s+git\s+repo(?:sitory)?"
    rf"|(?:create|make|start|set\s+up|initiali[sz]e)\s+(?:a\s+|an\s+)?(?:new\s+|empty\s+)?git\s+repo(?:sitory)?\s+"
    rf"(?:(?:in|inside|at|under)\s+(?:a\s+new\s+|an?\s+|the\s+)?(?:folder\s+|directory\s+|dir\s+)?|(?:called|named)\s+)"
    rf"(?:called\s+|named\s+)?(?P<path>{FILE})"
    rf"|(?:git\s+init|init(?:iali[sz]e)?\s+(?:a\s+|an\s+)?(?:new\s+|empty\s+)?(?:git\s+)?repo(?:sitory)?)\s+"
    rf"(?:(?:in|inside|at|under)\s+(?:a\s+new\s+|an?\s+|the\s+)?(?:folder\s+|directory\s+|dir\s+)?|(?:called|named)\s+)?"
    rf"(?:called\s+|named\s+)?(?P<path2>{FILE})"
    rf"|(?:turn|make)\s+(?:the\s+)?(?:folder\s+|directory\s+|dir\s+)?(?P<path3>{FILE})"
    rf"\s+into\s+a\s+git\s+repo(?:sitory)?"
)


def _init(m: re.Match) -> list[nlsh.ActionCall] | None:
    text = next((v for k, v in m.groupdict().items() if k.startswith("path") and v), None)
    if text is None:
        return call("git.init")
    path = file_arg(text) or (unquote(text) if re.fullmatch(r"[\w.-]+", unquote(text)) else None)
    if path is None or path.lower() in ("it", "git", "there"):
        return None
    return call("git.init", path=path)


_URL_ARG = r"(?P<url>(?:https?|ssh|git|file)://\S+|[\w.-]+@[\w.-]+:\S+)"
REMOTE_ADD = (
    rf"(?:add|create|set\s+up|register)\s+(?:a\s+|the\s+|an?\s+new\s+)?(?:git\s+)?remote\s+(?:called\s+|named\s+)?"
    rf"(?P<name>[\w][\w.-]*)\s+(?:pointing\s+(?:to|at)|for|at|with(?:\s+the)?\s+url|to|->|=)\s+{_URL_ARG}"
    rf"|(?:add|set)\s+{_URL_ARG.replace('url', 'url2')}\s+as\s+(?:a\s+|the\s+)?(?:(?:new|git)\s+)?remote\s+"
    rf"(?:called\s+|named\s+)?(?P<name2>[\w][\w.-]*)"
    rf"|(?:git\s+)?remote\s+add\s+(?P<name3>[\w][\w.-]*)\s+{_URL_ARG.replace('url', 'url3')}"
)


def _remote_add(m: re.Match) -> list[nlsh.ActionCall] | None:
    found = m.groupdict()
    name = name_arg(found.get("name") or found.get("name2") or found.get("name3"))
    url = found.get("url") or found.get("url2") or found.get("url3")
    return call("git.remote_add", name=name, url=url) if name else None


SPECIFIC += [
    (REMOTE_ADD, _remote_add),
    (REVERT, _revert),
    (CHERRY, _cherry),
    (TAG_DELETE, _tag_delete),
    (STASH_DROP, lambda m: call("git.stash_drop", index=_index(m))),
    (STASH_SHOW, _stash_show),
    (INIT, _init),
]
