"""Processes: listing, finding (by name, pid or port), their pids (pgrep), details, and signals.

Signals are read strictly: a pid, a single program name or both ("kill firefox", "kill every
python process", "terminate the python process with id 42"), or text in the command line
("kill every process whose command line contains server.py", like pkill -f), with force
words ("instantly", "-9", "forcefully") giving KILL and everything else TERM; the words after
the verb are read by proc_clauses. "kill it", "kill everything", "kill the process on port 8080" (two steps:
find, then signal) and "stop the server" pass to the model.
"""

from __future__ import annotations

import re
from typing import Any

from ..types import ActionCall
from .clauses import Reject, clause, read_clauses, set_once
from .phrases import NUM, number
from .proc_clauses import NAME, PICK, SIG, pick_of, pids_plan, proc_name, signal_name, signal_plan

__all__ = ["GATE", "PATTERNS"]

_NAME = NAME
_PID = r"(?:#|number\s+|no\.?\s*|id\s+|with\s+(?:the\s+)?(?:pid|id)\s+)?(?P<pid>\d+)"
_name = proc_name


def _kill(m: re.Match[str]) -> list[ActionCall] | None:
    """"kill -9 1234", "forcefully terminate every process named node", "stop the nginx processes"."""
    verb = m["verb"].lower()
    force = bool(m["force"]) or verb.startswith("force")
    body, full = m["body"], False
    if verb == "pkill":
        body, flags = re.subn(r"(?<!\S)(?:-f|--full)(?!\S)", " ", body)
        full = flags > 0  # pkill -f TEXT: TEXT in the command line
    return signal_plan(body, force=force, signal="TERM" if m["gentle"] else None, full=full,
                       needs_noun=not (force or re.match(r"kill|pkill|terminate", verb)))


def _send(m: re.Match[str]) -> list[ActionCall] | None:
    sig = signal_name(m["sig"] or m.groupdict().get("sig2") or "")
    return signal_plan(m["body"], signal=sig) if sig else None


def _pids(m: re.Match[str]) -> list[ActionCall] | None:
    groups = m.groupdict()
    pick = pick_of(groups["pick"]) if groups.get("pick") else None
    return pids_plan(m["body"], pick=pick)


def _pgrep(m: re.Match[str]) -> list[ActionCall] | None:
    flags = set((m["flags"] or "").replace("-", "").replace(" ", ""))
    if not flags <= set("nof") or {"n", "o"} <= flags:
        return None
    pick = "newest" if "n" in flags else "oldest" if "o" in flags else None
    return pids_plan(m["body"], pick=pick, full="f" in flags)


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
    clause(rf"(?:sorted\s+|ordered\s+|ranked\s+)?by\s+(?P<key>{_RESOURCE}|name|pid)"
           r"(?:\s+(?:usage|use|consumption|utili[sz]ation))?", _sort),
    clause(r"(?:that\s+are\s+|which\s+are\s+)?(?:using|eating|consuming|with|hogging)\s+(?:the\s+)?"
           rf"(?:most|highest|more)\s+(?P<key>{_RESOURCE})(?:\s+usage)?", _sort),
    clause(r"(?:run|owned|started|launched)\s+by\s+(?:the\s+)?(?:user\s+)?(?P<user>[a-z_][\w.-]*)"
           r"|(?:for|of|belonging\s+to|(?:that\s+|which\s+)?belongs?\s+to|under|(?:running\s+)?as)\s+(?:the\s+)?user\s+"
           r"(?P<user2>[a-z_][\w.-]*)|(?:(?:that\s+are\s+)?running|run)\s+as\s+(?P<user3>[a-z_][\w.-]*)",
           lambda m, s: set_once(s, "user", m["user"] or m["user2"] or m["user3"])),
    clause(r"(?:with|including|showing|and)\s+(?:their\s+|the\s+|its\s+)?(?:full\s+|complete\s+|whole\s+|entire\s+)?"
           r"(?:command[\s-]*lines?|commands?|cmdlines?|arguments|args)(?:\s+(?:too|as\s+well))?"
           r"(?:\s+(?:for|of)\s+each(?:\s+(?:one|process))?)?|in\s+full(?:\s+format)?",
           lambda m, s: set_once(s, "command", True)),
    clause(rf"(?:named|called|matching|whose\s+names?\s+(?:contains?|includes?|matches)|with\s+names?\s+(?:containing|like))"
           rf"\s+(?P<name>{_NAME})|(?:containing|with|having)\s+(?P<name2>{_NAME})\s+in\s+(?:their|the|its)\s+names?",
           lambda m, s: bool(n := _name(m["name"] or m["name2"])) and set_once(s, "name", n)),
    clause(r"(?:as|in)\s+(?:a\s+)?(?:tree|hierarchy|forest)(?:\s+(?:view|form|format|structure))?|hierarchically"
           r"|(?:with|showing|and)\s+(?:their\s+)?(?:parent|child(?:ren)?)"
           r"(?:\s+(?:and|&)\s+(?:child(?:ren)?|parents?))?"
           r"(?:\s+process(?:es)?)?|(?:grouped|nested)\s+(?:by|under)\s+(?:their\s+)?parents?",
           lambda m, s: set_once(s, "tree", True)),
    clause(r"(?:in\s+)?(?:descending|decreasing)(?:\s+order)?|(?:highest|biggest|largest|most|heaviest)\s+first"
           r"|(?:with|and)\s+(?:their\s+|the\s+)?(?:pids?|process\s+ids?|ids)", lambda m, s: True),
    clause(r"(?:that\s+are\s+)?(?:running|active)(?:\s+(?:right\s+)?now)?|(?:right\s+)?now|currently(?:\s+running)?"
           r"|on\s+(?:this|the|my)\s+(?:machine|system|computer|box)|at\s+the\s+moment", lambda m, s: True),
]


_NOT_USERS = frozenset("i you we they he she it me us them this that these those".split())


def _list(m: re.Match[str]) -> list[ActionCall] | None:
    groups = m.groupdict()
    state: dict[str, Any] = {}
    if groups.get("res"):
        state["sort"] = "memory" if groups["res"].lower().startswith(("mem", "ram")) else "cpu"
    owner = groups.get("owner") or groups.get("owner2")
    if owner:
        if owner.lower() in _NOT_USERS:
            return None  # "what processes do you have": no user named
        state["user"] = owner
    try:
        if not read_clauses(groups.get("rest") or "", _LIST_CLAUSES, state):
            return None
    except Reject:
        return None
    if groups.get("pname"):
        if not (name := _name(groups["pname"])) or not set_once(state, "name", name):
            return None
    if groups.get("n"):
        limit = number(groups["n"])
        if not limit:
            return None
        state["limit"] = limit
    if state.get("sort") == "cpu":
        state.pop("sort")  # the default
    if groups.get("cmd"):
        state["command"] = True
    if groups.get("tree"):
        state["tree"] = True
    if state.get("tree"):
        state.pop("sort", None), state.pop("limit", None)  # a tree is every process, in parent order
    keys = ("sort", "limit", "user", "name", "command", "tree")
    return [ActionCall("proc.list", {k: state[k] for k in keys if k in state})]


def _find(m: re.Match[str]) -> list[ActionCall] | None:
    if m.groupdict().get("port"):
        return _find_port(m["port"])
    return _find_name(m["name"])


def _find_port(text: str) -> list[ActionCall] | None:
    port = int(text)
    return [ActionCall("proc.find", {"port": port})] if 0 < port < 65536 else None


def _pids_on(text: str) -> list[ActionCall] | None:
    port = int(text)
    return [ActionCall("proc.pids", {"port": port})] if 0 < port < 65536 else None


def _find_name(text: str) -> list[ActionCall] | None:
    name = _name(text)
    return [ActionCall("proc.find", {"name": name})] if name else None


def _info(m: re.Match[str]) -> list[ActionCall] | None:
    return [ActionCall("proc.info", {"pid": int(m["pid"] or m["pid2"])})]


# Every pattern below contains one of these (see patterns.py: the module is registered behind them).
GATE = (r"\b(?:kill|terminate|end|stop|quit|close|send|pause|suspend|freeze|resume|continue|unpause|unfreeze|interrupt"
        r"|process|processes|procs|pids?|port|running|alive|up|tasks|programs|apps|applications|ps|cpu|processor"
        r"|memory|mem|ram|pidof|pgrep|pkill|killall|pstree|instances?"
        r"|sig(?:term|kill|int|hup|stop|cont|usr1|usr2))\b|:\d")

_PROCS = r"(?:processes|procs|tasks|programs|apps|applications)"
_RES = rf"(?P<res>{_RESOURCE})"
_VERB = r"(?:show|list|display|get|give|find|tell)(?:\s+me)?"
_LIST = r"(?:show|list|display|get|give|find|tell|print|view|see|sort|order|rank)(?:\s+me)?"
_FIND = r"(?:find|show|get|list|search\s+for|look\s+for)(?:\s+me)?"
_PORT = r"(?:port\s+|:)(?P<port>\d+)"
_ASK = (r"(?:show|list|display|get|give|find|tell|print|output|return|fetch|retrieve|report|look\s+up|i\s+need"
        r"|what(?:'s|\s+is|\s+are|\s+were)|which\s+(?:is|are))(?:\s+me)?")
_PIDS = r"(?:pids?|pid\s+numbers?|process\s+ids?|process\s+id\s+numbers?|process\s+numbers?)"
_PIDS_LINK = (r"(?:of|for|belonging\s+to|(?:that|which)\s+belongs?\s+to|with\s+(?:the\s+)?(?:process\s+|program\s+)?name"
              r"|(?:that\s+are\s+|which\s+are\s+)?(?:named|called|matching))")
_SIGWORD = r"sig(?:term|kill|int|hup|stop|cont|usr1|usr2)"
_ALIVE = r"(?:still\s+|currently\s+)?(?:running|up|alive|active)(?:\s+(?:right\s+)?now)?"
_HOGS = r"(?:using|uses?|eating|eats?|hogging|hogs?|consuming|consumes?|taking|takes?)"

PATTERNS = [
    # signals
    (r"(?:(?P<force>force(?:fully)?|forcibly|instantly|immediately|hard|brutally)\s+"
     r"|(?P<gentle>gracefully|nicely|politely|gently|cleanly)\s+)?"
     r"(?P<verb>force[\s-]*(?:kill|quit|stop)|kill(?:all)?|pkill|terminate|end|stop|quit|close|shut\s+down)\s+"
     r"(?P<body>.+)", _kill),
    (rf"(?:send|deliver)\s+(?:a\s+|an\s+|the\s+)?(?:signal\s+)?(?P<sig>{SIG})(?:\s+signal)?\s+to\s+(?P<body>.+)", _send),
    (rf"(?:send|give)\s+(?P<body>.+?)\s+(?:a|an|the)\s+(?:(?P<sig>{_SIGWORD})(?:\s+signal)?|(?P<sig2>{SIG})\s+signal)",
     _send),
    (rf"(?P<sig>{_SIGWORD})\s+(?P<body>.+)", _send),
    (r"(?P<force>force[\s-]*)?(?:kill|terminate|stop|end)\s+(?:the\s+)?(?:process(?:es)?\s+|pids?\s+)?"
     r"(?P<pids>\d+(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)\d+)+)", _signal_each),
    (rf"(?:pause|suspend|freeze)\s+(?:the\s+)?(?:process|pid)\s+{_PID}", _fixed_signal("STOP")),
    (rf"(?:resume|continue|unpause|unfreeze)\s+(?:the\s+)?(?:process|pid)\s+{_PID}", _fixed_signal("CONT")),
    (rf"interrupt\s+(?:the\s+)?(?:process|pid)\s+{_PID}", _fixed_signal("INT")),
    # pids (like pgrep and pidof)
    (r"(?:pidof|pgrep)(?P<flags>(?:\s+-[nof]+)*)\s+(?P<body>.+)", _pgrep),
    (rf"(?:{_ASK}\s+)?(?:the\s+|(?:all|every|each)\s+(?:of\s+)?(?:the\s+)?|an?\s+list\s+of\s+(?:the\s+)?)?"
     rf"(?:(?P<pick>{PICK})\s+)?{_PIDS}\s+{_PIDS_LINK}\s+(?P<body>.+)", _pids),
    (rf"(?:which|what)\s+{_PIDS}\s+(?:belong|belongs|are\s+for)\s+to\s+(?P<body>.+)", _pids),
    (rf"what\s+{_PIDS}\s+(?:does|do)\s+(?P<body>.+?)\s+(?:have|use|run\s+(?:as|with|under))", _pids),
    (rf"(?:{_ASK}\s+)?(?:the\s+)?(?P<body>{_NAME})(?:'s|\s+process(?:es)?(?:'s?)?)?\s+{_PIDS}", _pids),
    (rf"(?:(?:{_ASK}|select|pick|choose|grab|keep|give\s+me)\s+)?(?:(?:only|just)\s+)?(?:the\s+)?(?P<pick>{PICK})\s+"
     r"(?P<body>(?=.*\b(?:process|processes|instance|instances)\b).+)", _pids),
    # details of one process
    (rf"(?:(?:{_VERB}|what\s+(?:is|are))\s+)?(?:the\s+)?(?:details|info(?:rmation)?|more\s+info|everything)\s+"
     rf"(?:of|on|about|for)\s+(?:the\s+)?(?:process|pid)\s+{_PID}", _info),
    (rf"(?:(?:{_VERB}|what\s+(?:is|are|was)|what's|whats)\s+)?(?:the\s+)?(?:full\s+|complete\s+)?(?:command[\s-]*line"
     rf"|cmdline|command|arguments|args|owner|user|status|state|start(?:ed)?\s+time|parent(?:\s+(?:process|pid))?"
     rf"|open\s+files|threads|memory(?:\s+usage)?|cpu(?:\s+usage)?|executable|exe|name)\s+(?:of|for)\s+(?:the\s+)?"
     rf"(?:process|pid)\s+{_PID}", _info),
    (r"(?:what|which)\s+(?:process|program|command|app)\s+(?:has|is|owns|uses)\s+(?:the\s+)?(?:pid|process\s+id|id)\s+"
     r"(?P<pid>\d+)|what(?:'s|\s+is)\s+(?:running\s+(?:as|with)\s+)?(?:the\s+)?pid\s+(?P<pid2>\d+)", _info),
    (r"(?:tell\s+me\s+about|describe|inspect|what\s+is|what's|show(?:\s+me)?|info\s+(?:on|about))\s+(?:the\s+)?"
     rf"(?:process|pid)\s+{_PID}|(?:process|pid)\s+(?P<pid2>\d+)\s+(?:details|info)", _info),
    (rf"when\s+(?:did|was)\s+(?:the\s+)?(?:process|pid)\s+{_PID}\s+(?:start|started|launched|created|begin|began)"
     rf"|how\s+(?:much|many)\s+(?:memory|ram|cpu|mb|megabytes)\s+(?:is|does)\s+(?:the\s+)?(?:process|pid)\s+"
     r"(?P<pid2>\d+)\s+(?:using|use|taking|consuming|have)"
     r"|(?:who|which\s+user)\s+(?:owns|started|launched|is\s+running|runs)\s+(?:the\s+)?(?:process|pid)\s+"
     r"(?P<pid3>\d+)",
     lambda m: [ActionCall("proc.info", {"pid": int(m["pid"] or m["pid2"] or m["pid3"])})]),
    # by port
    (r"(?:what|which\s+(?:process|program|app)|who)(?:'s|\s+is|\s+are)?\s+(?:using|listening\s+on|running\s+on|on"
     rf"|bound\s+to|holding|occupying|blocking|taking|serving\s+on)\s+{_PORT}", _find),
    (rf"(?:{_ASK}\s+)?(?:the\s+|all\s+(?:the\s+)?)?{_PIDS}\s+(?:of\s+(?:(?:the\s+|any\s+|all\s+(?:the\s+)?)?"
     rf"(?:process(?:es)?|programs?)|whatever(?:\s+process)?)\s+)?(?:that\s+(?:is|are)\s+|which\s+(?:is|are)\s+|is\s+)?"
     rf"(?:using|listening\s+on|on|bound\s+to|holding|running\s+on)\s+(?:tcp\s+|udp\s+)?{_PORT}"
     rf"|which\s+{_PIDS}\s+(?:is|are)\s+(?:using|listening\s+on|on|bound\s+to|holding)\s+(?:tcp\s+|udp\s+)?"
     rf"(?:port\s+|:)(?P<port2>\d+)",
     lambda m: _pids_on(m["port"] or m["port2"])),
    (rf"(?:{_FIND}\s+)?(?:the\s+|all\s+(?:the\s+)?)?(?:process(?:es)?|programs?)\s+"
     rf"(?:that\s+(?:is|are)\s+|which\s+(?:is|are)\s+)?(?:using|listening\s+on|on|bound\s+to|holding)\s+"
     rf"(?:tcp\s+|udp\s+)?{_PORT}", _find),
    (rf"is\s+(?:anything|something|anyone|any\s+process)\s+(?:listening|running)\s+on\s+{_PORT}"
     r"|is\s+port\s+(?P<port2>\d+)\s+(?:in\s+use|taken|busy|open|free)",
     lambda m: _find_port(m["port"] or m["port2"])),
    # listing
    (r"what(?:'s|\s+is)\s+(?:eating|using|hogging|consuming|taking|burning|maxing\s+out|killing|slowing)\s+"
     rf"(?:up\s+)?(?:all\s+)?(?:of\s+)?(?:my\s+|the\s+|so\s+much\s+|all\s+the\s+)?{_RES}(?:\s+usage)?", _list),
    (rf"(?:which|what)\s+(?:the\s+)?(?:top\s+)?(?:(?P<n>{NUM})\s+)?(?:process(?:es)?|programs?|apps?|applications?)\s+"
     rf"(?:(?:is|are)\s+)?{_HOGS}\s+(?:up\s+)?"
     rf"(?:the\s+most|most|so\s+much|all\s+(?:the|my)|a\s+lot\s+of)?\s*(?:of\s+)?(?:my\s+|the\s+)?{_RES}", _list),
    (rf"(?:{_LIST}\s+)?(?:me\s+)?(?:the\s+)?(?:top|first)?\s*(?:(?P<n>{NUM})\s+)?"
     rf"(?:(?:most\s+)?{_RES}[\s-]+(?:hungry|heavy|intensive|consuming|using|hogging|eating)\s+)?(?:(?:every|each)\s+(?:running\s+)?process|(?:all\s+)?"
     rf"(?:the\s+)?(?:running\s+|active\s+|current\s+)?{_PROCS})(?P<rest>(?:,?\s+.*)?)", _list),
    # the process tree: pstree, ps -ef --forest
    (rf"(?:{_LIST}\s+)?(?:me\s+)?(?:the\s+|a\s+)?(?:full\s+|whole\s+|entire\s+)?(?P<tree>(?:process|proc|pid)\s+"
     rf"(?:tree|hierarchy|forest)|(?:tree|hierarchy)\s+of\s+(?:all\s+)?(?:the\s+)?(?:running\s+)?{_PROCS})"
     r"(?P<rest>(?:,?\s+.*)?)", _list),
    (r"pstree(?:\s+-[apuAlnU]+)*|ps\s+(?:-?(?:auxf|axf|axjf|ejH|efH)|(?:-?(?:e|ef|eF|A|aux|ax|axu)\s+)?--forest)",
     lambda m: [ActionCall("proc.list", {"tree": True})]),
    # "the node processes with their command lines", "all java processes sorted by memory" (a bare name is a find)
    (rf"(?:{_LIST}\s+)?(?:me\s+)?(?:the\s+)?(?:top|first)?\s*(?:(?P<n>{NUM})\s+)?(?:all\s+)?(?:the\s+)?(?:running\s+)?"
     rf"(?P<pname>{_NAME})\s+(?:processes|procs|process)(?P<rest>\s+.+)", _list),
    (rf"(?:{_VERB}\s+)?(?:me\s+)?(?:the\s+)?top\s+(?:(?P<n>{NUM})\s+)?{_PROCS}?(?:\s+by)?\s+{_RES}(?:\s+usage)?",
     _list),
    (rf"(?:{_VERB}\s+)?(?:me\s+)?(?:the\s+)?(?P<cmd>(?:full\s+|complete\s+|whole\s+)?(?:command[\s-]*lines?|commands))"
     rf"\s+(?:of|for)\s+(?:all\s+|every\s+|each\s+)?(?:the\s+)?(?:running\s+|active\s+)?(?:{_PROCS}|process)"
     r"(?P<rest>(?:,?\s+.*)?)", _list),
    (rf"(?:which|what)\s+{_PROCS}\s+(?:are|is)(?P<rest>\s+.+)", _list),
    (rf"(?:which|what)\s+{_PROCS}\s+(?:does|do)\s+(?:the\s+)?(?:user\s+)?(?P<owner>[a-z_][\w.-]*)\s+"
     r"(?:own|have|run(?:\s+right\s+now)?)", _list),
    (rf"(?:which|what)\s+{_PROCS}\s+(?:is|are)\s+(?:the\s+)?(?:user\s+)?(?P<owner>[a-z_][\w.-]*)\s+running"
     r"(?:\s+(?:right\s+)?now)?", _list),
    (rf"(?:{_LIST}\s+)?(?:me\s+)?(?:the\s+)?top\s+(?P<res>{_RESOURCE})\s+(?:consumers|users|hogs|eaters)", _list),
    (r"what(?:'s|\s+is|\s+are)\s+(?:(?:the\s+)?user\s+(?P<owner>[a-z_][\w.-]*)|(?P<owner2>root))\s+running"
     r"(?:\s+(?:right\s+)?now)?", _list),
    (r"what(?:'s|\s+is|\s+are)\s+(?:running|the\s+running\s+processes)"
     r"(?:\s+(?:right\s+)?now|\s+on\s+(?:this|my|the)\s+(?:machine|computer|system))?|ps(?:\s+-?[eAax]+)?", _list),
    (r"ps\s+(?:-?auxw*|-?axuw*|-e?f|-e[fF]+|-aux|-eo\s+\S+)", lambda m: [ActionCall("proc.list", {"command": True})]),
    # by name (after the listings: "show the top processes" is not a program called "top")
    (rf"(?:{_FIND}\s+)?(?:the\s+|all\s+(?:the\s+)?)?(?:process(?:es)?|pids?)\s+"
     rf"(?:named\s+|called\s+|for\s+|of\s+|matching\s+)?(?P<name>{_NAME})", _find),
    (rf"{_FIND}\s+(?:the\s+|all\s+(?:the\s+)?|any\s+)?(?:running\s+)?(?P<name>{_NAME})\s+process(?:es)?", _find),
    (rf"(?:(?:check|see|tell\s+me|find\s+out|verify)\s+(?:if|whether)\s+(?P<name3>{_NAME})\s+is\s+{_ALIVE})"
     rf"|(?:is|are)\s+there\s+any\s+(?P<name4>{_NAME})\s+processes"
     r"(?:\s+running)?", lambda m: _find_name(m["name3"] or m["name4"])),
    (rf"(?:do|does)\s+(?:i|we|you|it|this\s+(?:machine|computer|system|box))\s+have\s+any\s+(?P<name>{_NAME})\s+"
     r"(?:process(?:es)?|instances?)(?:\s+(?:running|open|active|alive))?(?:\s+(?:right\s+)?now)?", _find),
    (rf"is\s+(?P<name>{_NAME})\s+{_ALIVE}"
     rf"|is\s+there\s+(?:an?\s+|any\s+)?(?P<name2>{_NAME})\s+process(?:\s+running)?",
     lambda m: _find_name(m["name"] or m["name2"])),
]

