"""Clause readers for the process patterns: which processes a request names, and which signal.

"forcefully kill every process named node", "terminate process 88 using the default SIGTERM
signal", "the pid of the newest sshd process", "pids of processes whose command line
contains server.py": the verb is matched by a pattern in patterns_proc; the rest is read
here, clause by clause (see clauses.py), so the modifiers may come in any order. Saying two
signals ("forcefully ... gracefully") or two targets is a Reject: the request passes on.
"""

from __future__ import annotations

import re
from typing import Any

from ..types import ActionCall
from .clauses import Clause, Reject, clause, read_clauses, set_once
from .phrases import STOPWORDS, unquote

__all__ = ["NAME", "PICK", "SIG", "pick_of", "pids_plan", "proc_name", "signal_name", "signal_plan"]

NAME = r"""(?:"[^"]+"|'[^']+'|[A-Za-z][\w.+-]*)"""

# Words that follow "kill" or precede "process" without naming a program.
NOT_NAMES = STOPWORDS | frozenset(
    """process processes proc procs program programs task tasks app apps pid pids server job jobs session computer
    machine system myself running everyone everybody anyone someone nothing off now yourself top active current
    biggest largest heaviest hungry busy idle background foreground zombie stuck hung frozen dead slow heavy big
    first last recent main child parent user other open old time instance instances copies copy signal
    newest latest oldest youngest earliest default as owned belonging started launched using listening tree
    daemon service""".split()
)

_SIGNALS = ("TERM", "KILL", "INT", "HUP", "STOP", "CONT", "USR1", "USR2")
_SIGNAL_NUMBERS = {"1": "HUP", "2": "INT", "9": "KILL", "15": "TERM"}
_SIGNAL_WORDS = {"HANGUP": "HUP", "HANG UP": "HUP", "HANG-UP": "HUP", "INTERRUPT": "INT", "TERMINATE": "TERM",
                 "TERMINATION": "TERM"}
SIG = (r"(?:sig)?(?:term|kill|int|hup|stop|cont|usr1|usr2)|9|15|2|1|hang[\s-]?up|interrupt|terminat(?:e|ion)")
_SIG = SIG

PICK = (r"newest|latest|youngest|most\s+recent(?:ly\s+(?:started|launched|created))?|last\s+(?:started|launched)"
        r"|oldest|earliest(?:\s+started)?|first\s+(?:started|launched)|longest[\s-]+running")

_ALL = r"(?:(?:all|every|each|any)(?:\s+single)?(?:\s+(?:one\s+)?of)?\s+(?:the\s+|my\s+|those\s+)?)"
_NOUN = r"(?:process(?:es)?|programs?|apps?|applications?|instances?|copies|tasks?|daemons?)"
_LINK = (r"(?:named|called|of|for|matching|running|with\s+(?:the\s+)?name|"
         r"whose\s+(?:command|name|program|executable|process)(?:\s+name)?\s+is)")


def proc_name(text: str) -> str | None:
    """A program name ("firefox", "'my app'"), or None for "it", "everything", a number."""
    word, quoted = unquote(text)
    if not word.strip() or (not quoted and word.lower() in NOT_NAMES) or word.isdigit():
        return None
    return word


def pick_of(words: str) -> str:
    low = words.lower()
    return "oldest" if re.match(r"oldest|earliest|first|longest", low) else "newest"


def signal_name(word: str) -> str | None:
    """"SIGKILL", "9", "hangup" -> the signal's name ("KILL", "HUP"); None when it names none."""
    sig = word.upper().removeprefix("SIG")
    sig = _SIGNAL_NUMBERS.get(sig) or _SIGNAL_WORDS.get(sig, sig)
    return sig if sig in _SIGNALS else None


def _set_signal(fixed: str | None = None):
    def apply(m: re.Match[str], s: dict[str, Any]) -> bool:
        sig = fixed or signal_name(next(g for g in m.groups() if g))
        return sig is not None and set_once(s, "signal", sig)
    return apply


def _set_name(m: re.Match[str], s: dict[str, Any]) -> bool:
    name = proc_name(m["name"] or m["name2"])
    if name is None:
        return False
    if m.groupdict().get("pick"):
        set_once(s, "pick", pick_of(m["pick"]))
    s["noun"] = s.get("noun") or bool(m["noun"] or m["noun2"])
    return set_once(s, "name", name)


def _set_pid(m: re.Match[str], s: dict[str, Any]) -> bool:
    s["noun"] = s.get("noun") or bool(m["noun"])
    return set_once(s, "pid", int(m["pid"]))


_FORCE = (r"force(?:fully)?|forcibly|instantly|immediately|hard|brutally|(?:with|by)\s+(?:brute\s+)?force"
          r"|no\s+matter\s+what|without\s+(?:mercy|waiting|asking)")
_GENTLE = r"gracefully|nicely|politely|gently|cleanly|softly|normally|(?:with|using)\s+(?:the\s+)?default\s+signal"

SIGNAL_CLAUSES: list[Clause] = [
    clause(rf"-s\s+({_SIG})|--signal[=\s]+({_SIG})|-({_SIG})", _set_signal()),
    clause(r"(?:with|using|by\s+sending|sending|via)\s+(?:a\s+|an\s+|the\s+)?(?:default\s+)?(?:signal\s+)?"
           rf"({_SIG})(?:\s+signal)?", _set_signal()),
    clause(_FORCE, _set_signal("KILL")),
    clause(_GENTLE, _set_signal("TERM")),
]

_FILLER: list[Clause] = [
    clause(r"(?:right\s+)?now|at\s+once|(?:that\s+(?:is|are)\s+|which\s+(?:is|are)\s+)?(?:still\s+|currently\s+)?"
           r"running|on\s+(?:this|the|my)\s+(?:machine|system|computer|box)", lambda m, s: True),
]

_PID_TARGET = clause(
    r"(?:the\s+)?(?P<noun>(?:process|pid|task|job|program|app|application)\s+)?"
    r"(?:(?:with\s+(?:the\s+)?|whose\s+|having\s+(?:the\s+)?)?"
    r"(?:pid|id|process\s+id|number|no\.?)(?:\s+(?:is|of|=))?\s*|#)?(?P<pid>\d+)", _set_pid)
_NAME_TARGET = clause(
    rf"{_ALL}?(?:the\s+)?(?:(?P<pick>{PICK})\s+)?(?:running\s+|active\s+)?"
    rf"(?:(?P<noun>{_NOUN})\s+(?:{_LINK}\s+)?(?P<name>{NAME})"
    rf"|(?P<name2>{NAME})(?:\s+(?P<noun2>{_NOUN}))?)", _set_name)

_NOUN_ONLY = clause(rf"{_ALL}?(?:the\s+)?(?:running\s+|active\s+)?(?:processes|process|programs|tasks)",
                    lambda m, s: True)
_USER = clause(
    r"(?:owned|run|started|launched)\s+by\s+(?:the\s+)?(?:user\s+)?(?P<user>[a-z_][\w.-]*)"
    r"|(?:of|for|belonging\s+to|(?:running\s+)?as|under)\s+(?:the\s+)?user\s+(?P<user2>[a-z_][\w.-]*)"
    r"|running\s+as\s+(?P<user3>[a-z_][\w.-]*)",
    lambda m, s: set_once(s, "user", m["user"] or m["user2"] or m["user3"]))
_CMDLINE = r"(?:full\s+|complete\s+|whole\s+)?(?:command(?:[\s-]*line)?s?|cmd[\s-]*lines?|invocations?)"
_WHICH = rf"(?:{_ALL}?(?:the\s+)?(?:running\s+)?(?:{_NOUN}|whatever\s+{_NOUN}|any\s+{_NOUN})\s+)?"
_FULL = clause(
    rf"{_WHICH}(?:whose\s+|with\s+(?:an?\s+|the\s+)?|having\s+(?:an?\s+|the\s+)?|(?:that|which)\s+(?:has|have)\s+"
    rf"(?:an?\s+|the\s+)?)?(?:{_CMDLINE}\s+(?:contains?|containing|matching|match(?:es)?|includes?|including"
    rf"|mentions?|mentioning|has|having)\s+(?:the\s+(?:text|word|string)\s+)?"
    rf"|(?:full\s+)?(?:command[\s-]*line|cmd[\s-]*line)\s+(?:is|equals)\s+)(?P<name>{NAME})"
    rf"|{_WHICH}(?:with|having|(?:that\s+|which\s+)?(?:has|have))\s+(?P<name2>{NAME})\s+(?:anywhere\s+)?in\s+"
    rf"(?:their|the|its)\s+{_CMDLINE}",
    lambda m, s: bool(n := proc_name(m["name"] or m["name2"])) and set_once(s, "full", True)
    and set_once(s, "name", n) and set_once(s, "noun", True))


def _read(text: str, clauses: list[Clause], state: dict[str, Any]) -> bool:
    try:
        return read_clauses(text, clauses, state)
    except Reject:
        return False


def signal_plan(body: str, *, signal: str | None = None, force: bool = False, needs_noun: bool = False,
                full: bool = False) -> list[ActionCall] | None:
    """proc.signal for the words after the verb: "-9 1234", "every process named node forcefully".

    signal: a signal the verb already named; force: the verb said so ("force kill");
    needs_noun: the verb ("stop", "end") names a process only when "process" or a pid says so;
    full: match the name against whole command lines (pkill -f).
    """
    state: dict[str, Any] = {"full": True} if full else {}
    if signal:
        state["signal"] = signal
    if force and not _read("forcefully", SIGNAL_CLAUSES, state):
        return None
    if not _read(body, [*SIGNAL_CLAUSES, *_FILLER, _PID_TARGET, _FULL, _NAME_TARGET], state):
        return None
    if not ("pid" in state or "name" in state) or "pick" in state or (needs_noun and not state.get("noun")):
        return None
    if state.get("full") and "pid" in state:
        return None
    args: dict[str, Any] = {k: state[k] for k in ("pid", "name") if k in state}  # both: the pid must have the name
    if state.get("full"):
        args["full"] = True  # like pkill -f
    if state.get("signal", "TERM") != "TERM":
        args["signal"] = state["signal"]
    return [ActionCall("proc.signal", args)]


def pids_plan(body: str, *, pick: str | None = None, full: bool = False) -> list[ActionCall] | None:
    """proc.pids for "all bash processes", "the newest sshd process", "all processes owned by bob"."""
    state: dict[str, Any] = {}
    if pick:
        state["pick"] = pick
    if full:
        state["full"] = True
    if not _read(body, [_USER, _FULL, *_FILLER, _NAME_TARGET, _NOUN_ONLY], state):
        return None
    if "name" not in state and "user" not in state:
        return None
    args: dict[str, Any] = {}
    for key in ("name", "full", "user", "pick"):
        if state.get(key):
            args[key] = state[key]
    return [ActionCall("proc.pids", args)]
