"""Fast-path patterns: the common ways people ask git for things, turned into plans at once.

Each entry is (regex, build). The regex is matched case-insensitively against the whole,
normalised request ("please" and the final "." already gone). Requests that name git's own
vocabulary (commit, branch, stash, merge, push...) are tried before nlsh's built-in patterns;
ambiguous ones ("what changed", "switch to X") after the built-ins' specific patterns.
A line typed as a raw command ("git status") never gets here: it runs as the command it is.

The phrasings of each area live in their own module (patterns_refs: branches, stashes,
status; patterns_worktree: discarding, unstaging, git mv / rm, clean previews;
patterns_history: log and diff) and are tried before the broader ones kept here.
"""

from __future__ import annotations

import re
from typing import Callable

import nlsh

from . import patterns_export, patterns_facts, patterns_history, patterns_refs, patterns_worktree
from .wording import call, paths, unquote

__all__ = ["AMBIGUOUS", "GATE", "SPECIFIC"]

# Every request a SPECIFIC pattern takes contains one of these (checked by the tests against
# every phrasing in them): the patterns are compiled only once a request passes this gate.
GATE = ("git|branch|commit|stash|stag|status|diff|compare|log|histor|merge|push|pull|fetch|clone|tag|clean|"
        "track|head|check|switch|repo|index|remote|blame|amend|reset|discard|restore|revert|change|upstream|"
        "conflict|rm|mv|author|modif|rename|ignore|wrote|edited|touched|undo|version|unsave|throw|back|archive|describ|origin|upstream|dirty|working tree|working copy")

Build = Callable[[re.Match], "list[nlsh.ActionCall] | None"]
Q = r"""["'](?P<msg>.+)["']"""  # a quoted message
REF = r"(?P<ref>[\w][\w./@{}~^-]*)"
PATH = r"(?P<path>\S+|\"[^\"]+\"|'[^']+')"
THE = r"(?:the |my |our |this |all |all the |all my )?"


def _everything(text: str) -> bool:
    return bool(re.fullmatch(r"(?:all|everything|all (?:the |my )?(?:changes|files)|(?:the |my )?changes|"
                             r"all changed files|\.)", text.strip(), re.I))


def _stage(m: re.Match) -> list[nlsh.ActionCall]:
    what = m.group("what")
    return call("git.add") if _everything(what) else call("git.add", paths=paths(what))


def _unstage(m: re.Match) -> list[nlsh.ActionCall]:
    what = m.group("what")
    return call("git.unstage") if _everything(what) else call("git.unstage", paths=paths(what))


def _commit(m: re.Match) -> list[nlsh.ActionCall]:
    everything = bool(re.search(r"\b(all|everything)\b", m.group("what") or "", re.I))
    return call("git.commit", message=m.group("msg"), all_changes=everything or None)


def _compare(m: re.Match) -> list[nlsh.ActionCall] | None:
    """"compare main with dev": two revisions; two file names (a.txt, b.txt) are not git's to compare."""
    base, target = m.group("a") or m.group("a2"), m.group("b") or m.group("b2")
    if any(re.search(r"\.[A-Za-z][A-Za-z0-9]{0,5}$", name) or name.startswith((".", "/", "~"))
           for name in (base, target)):
        return None  # file names, or paths ("./src"): no revision starts with ".", "/" or "~"
    return call("git.diff", base=base, target=target)


def _checkout(m: re.Match) -> list[nlsh.ActionCall]:
    """"check out X": a branch, or, when X is a file name (a.py), its last committed version."""
    ref = m.group("ref") or m.group("ref2") or m.group("ref3")
    if m.group("ref3") and re.search(r"\.[A-Za-z][A-Za-z0-9]{0,5}$", ref):
        return call("git.discard", paths=[ref])
    return call("git.switch", branch=ref)


def _merge(m: re.Match) -> list[nlsh.ActionCall]:
    return call("git.merge", branch=m.group("ref"), no_ff=True if m.group("noff") else None)


def _blame(m: re.Match) -> list[nlsh.ActionCall]:
    line = m.groupdict().get("line")
    return call("git.blame", path=unquote(m.group("path")), start=int(line) if line else None,
                end=int(line) if line else None)


def _push(m: re.Match) -> list[nlsh.ActionCall]:
    return call("git.push_force" if m.group("force") else "git.push", remote=m.group("remote"))


_BASIC: list[tuple[str, Build]] = [
    (r"(?:show |what(?:'s| is) )?(?:the |my )?(?:git|repo|repository) status|"
     r"(?:show |what(?:'s| is) )?(?:the )?status of (?:the |this |my )?(?:git )?(?:repo|repository)",
     lambda m: call("git.status")),
    (r"(?:show (?:me )?|what (?:is|are) )?(?:the )?(?:staged (?:changes|diff)|changes (?:that are )?staged)"
     r"|what(?:'s| is) staged|what will be committed", lambda m: call("git.diff", staged=True)),
    (r"(?:show (?:me )?)?(?:the |my )?(?:git )?diff|(?:show (?:me )?)?(?:my |the )?(?:uncommitted|unstaged) changes",
     lambda m: call("git.diff")),
    (r"(?:show (?:me )?)?(?:the )?(?:diff|differences?|changes) between (?P<a>\S+) and (?P<b>\S+)|"
     r"compare (?:branch )?(?P<a2>\S+) (?:and|with|to) (?:branch )?(?P<b2>\S+)", _compare),
    (r"commit (?P<what>" + THE + r"(?:staged |current )?(?:changes|files|everything|work|stuff)? ?)"
     r"(?:as|with(?: the)?(?: commit)? message|with|saying|message|-m)?:? ?" + Q, _commit),
    (r"(?:amend|fix|change|reword) the (?:last|previous) commit(?:'s)?(?: message)?(?: (?:to|with(?: message)?|as):? ?"
     + Q + ")?", lambda m: call("git.amend", message=m.group("msg"))),
    (r"(?:undo|take back|revert|uncommit|cancel) (?:the |my )?(?:last|latest|previous) commit|uncommit",
     lambda m: call("git.uncommit")),
    (r"stage (?P<what>.+)", _stage),
    (r"add (?P<what>.+?) to (?:git|the index|the staging area|staging|the next commit)", _stage),
    (r"git add (?P<what>.+)", _stage),
    (r"unstage (?P<what>.+)", _unstage),
    (r"(?:discard|throw away|drop|revert) (?:my |the |all )?(?:local |uncommitted )?changes (?:to|in|on|of) (?P<what>.+)",
     lambda m: call("git.discard", paths=paths(m.group("what")))),
    (r"(?:throw away|discard|drop|reset) (?:all )?(?:of )?(?:my |the )?(?:local |uncommitted )?changes|"
     r"reset (?:hard|--hard)(?: to " + REF + ")?|reset (?:the branch |this branch )?hard to " + REF.replace("ref", "ref2"),
     lambda m: call("git.reset_hard", revision=m.group("ref") or m.group("ref2"))),
    (r"(?:list |show )(?:me )?(?:all )?(?:the |my )?(?:git )?(?P<remote>remote )?branches|"
     r"what branches (?:are there|exist|do i have)",
     lambda m: call("git.branches", remote=True if m.group("remote") else None)),
    (r"(?:switch|check ?out|change) (?:to )?(?:the )?branch (?P<ref>[\w./-]+)|(?:go|move) to (?:the )?branch "
     r"(?P<ref2>[\w./-]+)|check ?out (?P<ref3>[\w./-]+)", _checkout),
    (r"merge (?:the )?(?:branch )?" + REF + r"(?: branch)?(?: in| into (?:this|the current|current|my)(?: branch)?)?"
     r"(?P<noff> (?:without|with no|no) fast[- ]?forward(?:ing)?| --no-ff| with a merge commit)?", _merge),
    (r"(?:abort|cancel|stop) (?:the |this )?merge", lambda m: call("git.merge_abort")),
    (r"stash(?: away)?(?: (?:my|the|all|all my))?(?: (?:local |uncommitted |current )?(?:changes|work))?"
     r"(?P<untracked> (?:including|with|and) (?:the )?untracked(?: files)?)?",
     lambda m: call("git.stash_push", include_untracked=True if m.group("untracked") else None)),
    (r"(?:pop|apply|unstash|restore|bring back) (?:my |the )?(?:last |latest )?(?:stash|stashed changes)|unstash"
     r"(?: my changes)?|stash pop", lambda m: call("git.stash_pop")),
    (r"(?:list|show)(?: me)? (?:my |the |all )?(?:stashes|stashed changes|stash list)", lambda m: call("git.stashes")),
    (r"(?:tag|mark) (?:this|it|the current commit|head|the last commit) (?:as )?(?P<name>[\w./-]+)|"
     r"(?:create|make|add) (?:a )?tag (?P<name2>[\w./-]+)(?: (?:at|on|for) " + REF + ")?",
     lambda m: call("git.tag_create", name=m.group("name") or m.group("name2"), revision=m.groupdict().get("ref"))),
    (r"(?:list|show)(?: me)? (?:all )?(?:the )?(?:git )?tags", lambda m: call("git.tags")),
    (r"(?:list|show)(?: me)? (?:all )?(?:the )?(?:git )?remotes|what remotes (?:are there|do i have)",
     lambda m: call("git.remotes")),
    (r"(?:git )?fetch(?: (?:the )?latest| everything| from (?P<remote>[\w.-]+))?", lambda m: call("git.fetch", remote=m.group("remote"))),
    (r"(?:git )?pull(?: (?:the )?latest(?: changes)?| (?:my |the )?changes)?(?: from (?P<remote>[\w.-]+))?",
     lambda m: call("git.pull", remote=m.group("remote"))),
    (r"(?P<force>force[- ])?push(?: (?:my |the |this |all my )?(?:changes|commits|branch|work|it))?"
     r"(?: to (?P<remote>[\w.-]+))?", _push),
    (r"(?:git )?blame " + PATH, _blame),
    (r"who (?:last )?(?:changed|wrote|edited|touched) (?:line (?P<line>\d+) (?:of|in) )?" + PATH, _blame),
    (r"(?:search|grep) (?:the )?(?:repo|repository|committed (?:code|files)|git|head) for " + Q,
     lambda m: call("git.grep", pattern=m.group("msg"))),
    (r"(?:search|grep) (?:the )?(?:repo|repository|committed (?:code|files)|git|head) for (?P<word>\S+)",
     lambda m: call("git.grep", pattern=m.group("word"))),
    (r"(?:git )?clone (?P<url>\S+)(?: (?:into|to|as) (?P<dest>\S+))?",
     lambda m: call("git.clone", url=m.group("url"), destination=m.group("dest"))),
    (r"(?:remove|delete|clean(?: up)?|get rid of) (?:all )?(?:the )?untracked files(?P<ignored> and ignored files)?",
     lambda m: call("git.clean", ignored=True if m.group("ignored") else None)),
]

_BASIC_AMBIGUOUS: list[tuple[str, Build]] = [
    (r"what(?:'s| has| have i)? changed(?: here)?|what have i changed|what did i change",
     lambda m: call("git.status")),
    (r"what(?:'s| has)? changed (?:since|after) (?P<since>.+)|(?:show )?(?:the )?changes since (?P<since2>.+)",
     lambda m: call("git.log", since=m.group("since") or m.group("since2"), files=True, count=100)),
    (r"what(?:'s| has)? changed in " + PATH + r"|(?:show )?(?:me )?(?:the )?changes (?:to|in) " + PATH.replace(
        "path", "path2"), lambda m: call("git.diff", path=unquote(m.group("path") or m.group("path2")))),
    (r"(?:show )?(?:the )?history of " + PATH, lambda m: call("git.log", path=unquote(m.group("path")))),
    (r"show (?:me )?" + PATH + r" (?:at|as of|as it was (?:at|in)) (?:revision |commit )?" + REF,
     lambda m: call("git.show_file", path=unquote(m.group("path")), revision=m.group("ref"))),
    (r"switch to " + REF, lambda m: call("git.switch", branch=m.group("ref"))),
]

# the precise phrasings of each area first, then the older broad ones
SPECIFIC: list[tuple[str, Build]] = [
    *patterns_refs.SPECIFIC, *patterns_worktree.SPECIFIC, *patterns_history.SPECIFIC, *patterns_export.SPECIFIC,
    *patterns_facts.SPECIFIC,
    *_BASIC,
]
AMBIGUOUS: list[tuple[str, Build]] = [
    *_BASIC_AMBIGUOUS, *patterns_refs.AMBIGUOUS, *patterns_worktree.AMBIGUOUS, *patterns_history.AMBIGUOUS,
]
