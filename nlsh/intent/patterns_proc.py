"""Processes: listing, finding (by name or port), details, and signals.

Signals are read strictly: a pid, or a single program name ("kill firefox", "kill all
python processes"); "kill it", "kill everything", "kill the process on port 8080" (two
steps: find, then signal) and "stop the server" pass to the model.
"""

from __future__ import annotations

import re
from typing import Any

from ..types import ActionCall
from .clauses import Reject, clause, read_clauses, set_once
from .phrases import NUM, STOPWORDS, number, unquote

__all__ = ["GATE", "PATTERNS"]

_NAME = r"""(?:"[^"]+"|'[^']+'|[A-Za-z][\w.+-]*)"""
_PID = r"(?:#|number\s+|no\.?\s*|id\s+|with\s+(?:the\s+)?(?:pid|id)\s+)?(?P<pid>\d+)"
_SIGNALS = ("TERM", "KILL", "INT", "HUP", "STOP", "CONT", "USR1", "USR2")
# Words that follow "kill" or precede "process" without naming a program.
_NOT_NAMES = STOPWORDS | frozenset(
    """process processes proc procs program programs task tasks app apps pid pids server job jobs session computer
    machine system myself running everyone everybody anyone someone nothing off now yourself top active current
    biggest largest heaviest hungry busy idle background foreground zombie stuck hung frozen dead slow heavy big
    first last recent main child parent user other open old time""".split()
)
_FORCE = (r"(?:-9|-kill|-s\s+kill|--signal\s+kill|with\s+(?:sig)?kill|with\s+signal\s+9|forcefully|forcibly|hard"
          r"|with\s+force|immediately|now)")


def _name(text: str) -> str | None:
    word, quoted = unquote(text)
    if not word.strip() or (not quoted and word.lower() in _NOT_NAMES) or word.isdigit():
        return None
    return word


def _signal(m: re.Match[str]) -> list[ActionCall] | None:
    groups = m.groupdict()
    words = " ".join(v for k, v in groups.items() if k.startswith("force") and v).lower()
    sig = "KILL" if re.search(r"force|-9|kill|hard|signal\s+9", words) else "TERM"
    if groups.get("sig"):
        sig = groups["sig"].upper().removeprefix("SIG")
        if sig == "9":
            sig = "KILL"
        if sig not in _SIGNALS:
            return None
    args: dict[str, Any] = {}
    if groups.get("pid"):
        args["pid"] = int(groups["pid"])  # pid 1 or nlsh itself: the policy denies it, saying why
    else:
        name = _name(groups["name"])
        if name is None:
            return None
        args["name"] = name
    if sig != "TERM":
        args["signal"] = sig
    return [ActionCall("proc.signal", args)]


def _signal_each(m: re.Match[str]) -> list[ActionCall] | None:
    """"kill 1234 and 5678": one step per pid."""
    sig = {"signal": "KILL"} if m["force"] else {}
    pids = [int(p) for p in re.findall(r"\d+", m["pids"])]
    return [ActionCall("proc.signal", {"pid": p, **sig}) for p in pids]


def _fixed_signal(sig: str):
    def build(m: re.Match[str]) -> list[ActionCall] | None:
        pid = int(m["pid"])
        return [ActionCall("proc.signal", {"pid": pid, "signal": sig})]
    return build


def _sort(m: re.Match[str], s: dict[str, Any]) -> bool:
    word = m["key"].lower()
    key = "memory" if word.startswith(("mem", "ram")) else "cpu" if word in ("cpu", "processor") else word
    return set_once(s, "sort", key)


_RESOURCE = r"cpu|processor|memory|mem|ram"

_LIST_CLAUSES = [
    clause(rf"(?:sorted\s+|ordered\s+|ranked\s+)?by\s+(?P<key>{_RESOURCE}|name|pid)(?:\s+usage|\s+use)?", _sort),
    clause(r"(?:that\s+are\s+|which\s+are\s+)?(?:using|eating|consuming|with|hogging)\s+(?:the\s+)?"
           rf"(?:most|highest|more)\s+(?P<key>{_RESOURCE})(?:\s+usage)?", _sort),
    clause(r"(?:run|owned|started)\s+by\s+(?:the\s+)?(?:user\s+)?(?P<user>[a-z_][\w.-]*)"
           r"|(?:for|of|belonging\s+to)\s+(?:the\s+)?user\s+(?P<user2>[a-z_][\w.-]*)",
           lambda m, s: set_once(s, "user", m["user"] or m["user2"])),
    clause(rf"(?:named|called|matching)\s+(?P<name>{_NAME})",
           lambda m, s: bool(n := _name(m["name"])) and set_once(s, "name", n)),
    clause(r"(?:that\s+are\s+)?(?:running|active)(?:\s+(?:right\s+)?now)?|(?:right\s+)?now|currently(?:\s+running)?"
           r"|on\s+(?:this|the|my)\s+(?:machine|system|computer|box)|at\s+the\s+moment", lambda m, s: True),
]


def _list(m: re.Match[str]) -> list[ActionCall] | None:
    groups = m.groupdict()
    state: dict[str, Any] = {}
    if groups.get("res"):
        state["sort"] = "memory" if groups["res"].lower().startswith(("mem", "ram")) else "cpu"
    try:
        if not read_clauses(groups.get("rest") or "", _LIST_CLAUSES, state):
            return None
    except Reject:
        return None
    if groups.get("n"):
        limit = number(groups["n"])
        if not limit:
            return None
        state["limit"] = limit
    if state.get("sort") == "cpu":
        state.pop("sort")  # the default
    return [ActionCall("proc.list", {k: state[k] for k in ("sort", "limit", "user", "name") if k in state})]


def _find(m: re.Match[str]) -> list[ActionCall] | None:
    if m.groupdict().get("port"):
        return _find_port(m["port"])
    return _find_name(m["name"])


def _find_port(text: str) -> list[ActionCall] | None:
    port = int(text)
    return [ActionCall("proc.find", {"port": port})] if 0 < port < 65536 else None


def _find_name(text: str) -> list[ActionCall] | None:
    name = _name(text)
    return [ActionCall("proc.find", {"name": name})] if name else None


def _info(m: re.Match[str]) -> list[ActionCall] | None:
    return [ActionCall("proc.info", {"pid": int(m["pid"] or m["pid2"])})]


# Every pattern below contains one of these (see patterns.py: the module is registered behind them).
GATE = (r"\b(?:kill|terminate|end|stop|quit|close|send|pause|suspend|freeze|resume|continue|unpause|unfreeze|interrupt"
        r"|process|processes|procs|pids?|port|running|alive|up|tasks|programs|apps|applications|ps|cpu|processor"
        r"|memory|mem|ram)\b|:\d")

_PROCS = r"(?:processes|procs|tasks|programs|apps|applications)"
_RES = rf"(?P<res>{_RESOURCE})"
_VERB = r"(?:show|list|display|get|give|find|tell)(?:\s+me)?"
_FIND = r"(?:find|show|get|list|search\s+for|look\s+for)(?:\s+me)?"
_PORT = r"(?:port\s+|:)(?P<port>\d+)"
_HOGS = r"(?:using|uses?|eating|eats?|hogging|hogs?|consuming|consumes?|taking|takes?)"

PATTERNS = [
    # signals
    (rf"(?P<force>force[\s-]*)?(?:kill|terminate|end|stop|quit)\s+(?:the\s+)?(?:process|pid|task|job)\s+{_PID}"
     rf"(?:\s+(?P<force2>{_FORCE}))?", _signal),
    (rf"(?P<force>force[\s-]*)?kill\s+(?P<force2>{_FORCE}\s+)?{_PID}(?:\s+(?P<force3>{_FORCE}))?", _signal),
    (rf"(?P<force>force[\s-]*)?(?:kill|terminate)\s+(?P<force2>{_FORCE}\s+)?(?:all\s+)?(?:the\s+)?(?:running\s+)?"
     rf"(?:(?:process|program|app)\s+(?:named\s+|called\s+)?)?(?P<name>{_NAME})(?:\s+(?:process(?:es)?|instances?))?"
     rf"(?:\s+(?P<force3>{_FORCE}))?", _signal),
    (rf"(?:stop|end|quit|close)\s+(?:all\s+)?(?:the\s+)?(?:running\s+)?(?P<name>{_NAME})\s+process(?:es)?", _signal),
    (r"send\s+(?:a\s+|the\s+)?(?:signal\s+)?(?:sig)?(?P<sig>term|kill|int|hup|stop|cont|usr1|usr2|9)(?:\s+signal)?\s+"
     rf"to\s+(?:the\s+)?(?:(?:(?:process|pid)\s+)?{_PID}|(?P<name>{_NAME})(?:\s+process(?:es)?)?)", _signal),
    (r"(?P<force>force[\s-]*)?(?:kill|terminate|stop|end)\s+(?:the\s+)?(?:process(?:es)?\s+|pids?\s+)?"
     r"(?P<pids>\d+(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)\d+)+)", _signal_each),
    (rf"(?:pause|suspend|freeze)\s+(?:the\s+)?(?:process|pid)\s+{_PID}", _fixed_signal("STOP")),
    (rf"(?:resume|continue|unpause|unfreeze)\s+(?:the\s+)?(?:process|pid)\s+{_PID}", _fixed_signal("CONT")),
    (rf"interrupt\s+(?:the\s+)?(?:process|pid)\s+{_PID}", _fixed_signal("INT")),
    # details of one process
    (rf"(?:(?:{_VERB}|what\s+(?:is|are))\s+)?(?:the\s+)?(?:details|info(?:rmation)?|more\s+info|everything)\s+"
     rf"(?:of|on|about|for)\s+(?:the\s+)?(?:process|pid)\s+{_PID}", _info),
    (r"(?:tell\s+me\s+about|describe|inspect|what\s+is|what's|show(?:\s+me)?|info\s+(?:on|about))\s+(?:the\s+)?"
     rf"(?:process|pid)\s+{_PID}|(?:process|pid)\s+(?P<pid2>\d+)\s+(?:details|info)", _info),
    # by port
    (r"(?:what|which\s+(?:process|program|app)|who)(?:'s|\s+is|\s+are)?\s+(?:using|listening\s+on|running\s+on|on"
     rf"|bound\s+to|holding|occupying|blocking|taking|serving\s+on)\s+{_PORT}", _find),
    (rf"(?:{_FIND}\s+)?(?:the\s+)?(?:process(?:es)?|programs?|pids?)\s+"
     rf"(?:using|listening\s+on|on|bound\s+to|holding)\s+{_PORT}", _find),
    (rf"is\s+(?:anything|something|anyone|any\s+process)\s+(?:listening|running)\s+on\s+{_PORT}"
     r"|is\s+port\s+(?P<port2>\d+)\s+(?:in\s+use|taken|busy|open|free)",
     lambda m: _find_port(m["port"] or m["port2"])),
    # listing
    (r"what(?:'s|\s+is)\s+(?:eating|using|hogging|consuming|taking|burning|maxing\s+out|killing|slowing)\s+"
     rf"(?:up\s+)?(?:all\s+)?(?:of\s+)?(?:my\s+|the\s+|so\s+much\s+|all\s+the\s+)?{_RES}(?:\s+usage)?", _list),
    (rf"(?:which|what)\s+(?:process(?:es)?|programs?|apps?|applications?)\s+(?:(?:is|are)\s+)?{_HOGS}\s+(?:up\s+)?"
     rf"(?:the\s+most|most|so\s+much|all\s+(?:the|my)|a\s+lot\s+of)?\s*(?:of\s+)?(?:my\s+|the\s+)?{_RES}", _list),
    (rf"(?:{_VERB}\s+)?(?:me\s+)?(?:the\s+)?(?:top|first)?\s*(?:(?P<n>{NUM})\s+)?"
     rf"(?:(?:most\s+)?{_RES}[\s-]+(?:hungry|heavy|intensive)\s+)?(?:all\s+)?(?:the\s+)?"
     rf"(?:running\s+|active\s+|current\s+)?{_PROCS}(?P<rest>(?:\s+.*)?)", _list),
    (rf"(?:{_VERB}\s+)?(?:me\s+)?(?:the\s+)?top\s+(?:(?P<n>{NUM})\s+)?{_PROCS}?(?:\s+by)?\s+{_RES}(?:\s+usage)?",
     _list),
    (r"what(?:'s|\s+is|\s+are)\s+(?:running|the\s+running\s+processes)"
     r"(?:\s+(?:right\s+)?now|\s+on\s+(?:this|my|the)\s+(?:machine|computer|system))?|ps", _list),
    # by name (after the listings: "show the top processes" is not a program called "top")
    (rf"(?:{_FIND}\s+)?(?:the\s+|all\s+(?:the\s+)?)?(?:process(?:es)?|pids?)\s+"
     rf"(?:named\s+|called\s+|for\s+|of\s+|matching\s+)?(?P<name>{_NAME})", _find),
    (rf"{_FIND}\s+(?:the\s+|all\s+(?:the\s+)?|any\s+)?(?:running\s+)?(?P<name>{_NAME})\s+process(?:es)?", _find),
    (rf"is\s+(?P<name>{_NAME})\s+(?:running|still\s+running|up|alive)"
     rf"|is\s+there\s+(?:an?\s+|any\s+)?(?P<name2>{_NAME})\s+process(?:\s+running)?",
     lambda m: _find_name(m["name"] or m["name2"])),
    (rf"(?:what(?:'s|\s+is|\s+are)\s+)?(?:the\s+)?pids?\s+(?:of|for)\s+(?P<name>{_NAME})", _find),
]

