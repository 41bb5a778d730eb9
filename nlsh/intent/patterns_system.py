"""Questions about the machine (cpu, memory, disks, uptime, load, network, user, OS, date,
host name) and running an explicitly quoted command line.

Each question is a list of phrasings; a shared prefix ("show me the", "what is my", "check")
and suffix ("on this machine", "right now") are allowed around them.
"""

from __future__ import annotations

import re
import shlex

from ..types import ActionCall
from .phrases import PLACE, place

__all__ = ["GATE", "PATTERNS"]

_PREFIX = (r"(?:(?:show|tell|give|get|display|print|check|report|list|see)(?:\s+me)?\s+"
           r"|what(?:'s|\s+is|\s+are)\s+|how(?:'s|\s+is)\s+)?(?:the\s+|my\s+|our\s+)?(?:current\s+)?")
_SUFFIX = (r"(?:\s+(?:on|of|for|in)\s+(?:this|the|my)\s+(?:machine|system|computer|box|server|host|pc|laptop))?"
           r"(?:\s+(?:right\s+now|now|currently|at\s+the\s+moment|today))?")
_MACHINE = r"(?:this|the|my)\s+(?:machine|computer|system|server|box|pc|laptop|host)"

_PHRASINGS: dict[str, tuple[str, ...]] = {
    "system.cpu": (
        r"cpu(?:\s+(?:info(?:rmation)?|details|usage|utili[sz]ation|model|type|count|stats|percentage|specs))?",
        r"cpus|cores|processors?(?:\s+(?:info(?:rmation)?|details|model|usage))?",
        r"how\s+many\s+(?:cpus?|cores|processors|cpu\s+cores|threads)"
        rf"(?:\s+(?:do\s+i\s+have|are\s+there|does\s+{_MACHINE}\s+have|have\s+i\s+got))?",
        rf"(?:what|which)\s+(?:cpu|processor)\s+"
        rf"(?:do\s+i\s+have|is\s+(?:this|in\s+{_MACHINE})|does\s+{_MACHINE}\s+have)",
        r"number\s+of\s+(?:cpus|cores|processors)",
        r"how\s+busy\s+is\s+the\s+(?:cpu|processor)|is\s+(?:the|my)\s+(?:cpu|processor)\s+busy",
    ),
    "system.memory": (
        r"(?:memory|ram|mem)(?:\s+(?:usage|use|info(?:rmation)?|stats|status|details|left|available))?",
        r"(?:free|available|used|unused)\s+(?:memory|ram)|swap(?:\s+(?:usage|space))?",
        r"how\s+much\s+(?:free\s+|available\s+)?(?:memory|ram)(?:\s+(?:do\s+i\s+have(?:\s+(?:left|free))?"
        r"|is\s+(?:free|used|left|available|in\s+use|there|being\s+used)|am\s+i\s+using|(?:is\s+)?being\s+used"
        rf"|does\s+{_MACHINE}\s+have|have\s+i\s+got))?",
        r"am\s+i\s+(?:running\s+)?(?:low|out)\s+(?:on|of)\s+(?:memory|ram)",
    ),
    "system.uptime": (
        r"uptime|system\s+uptime|(?:last\s+)?boot\s+time",
        rf"how\s+long\s+has\s+{_MACHINE}\s+been\s+(?:up|running|on)|how\s+long\s+have\s+i\s+been\s+up",
        rf"when\s+did\s+{_MACHINE}\s+(?:last\s+)?(?:boot|start|reboot)(?:\s+up)?",
        r"when\s+was\s+the\s+last\s+(?:boot|reboot|restart)|time\s+since\s+(?:the\s+)?(?:last\s+)?(?:boot|reboot)",
    ),
    "system.load": (
        r"(?:system\s+|cpu\s+)?load(?:\s+averages?|\s+avg)?",
        rf"how\s+(?:loaded|busy)\s+is\s+{_MACHINE}|load\s+on\s+{_MACHINE}",
    ),
    "system.network": (
        r"(?:network|net)\s+(?:interfaces|adapters|devices|cards|info(?:rmation)?|config(?:uration)?|settings|status"
        r"|addresses)",
        r"(?:local\s+|private\s+|lan\s+)?ip(?:\s+address(?:es)?|s)?|(?:network\s+)?interfaces|network",
        r"(?:mac|ipv4|ipv6)\s+address(?:es)?",
        r"(?:what|which)\s+(?:is|are)\s+my\s+(?:local\s+)?ip(?:\s+address(?:es)?)?",
        r"am\s+i\s+connected\s+to\s+(?:a|the)\s+network",
    ),
    "system.whoami": (
        r"who\s+am\s+i(?:\s+(?:logged\s+in|running|signed\s+in)\s+as)?|whoami",
        r"(?:my\s+)?(?:user(?:\s*name)?|login\s+name|account\s+name)|current\s+user(?:\s*name)?",
        r"(?:which|what)\s+(?:user|account)\s+am\s+i(?:\s+(?:logged\s+in\s+as|running\s+as|using|on))?",
        r"(?:which|what)\s+user\s+(?:is\s+)?(?:this\s+)?(?:shell\s+)?running\s+as",
    ),
    "system.os": (
        r"(?:os|operating\s+system)(?:\s+(?:version|name|info|release|details))?|os\s+and\s+kernel\s+versions?",
        r"(?:linux\s+)?kernel(?:\s+(?:version|release))?|(?:linux\s+)?(?:distro|distribution)(?:\s+(?:version|name))?",
        r"linux(?:\s+version)?|uname|system\s+version",
        r"(?:what|which)\s+(?:os|operating\s+system|(?:linux\s+)?(?:distro|distribution|kernel)|linux"
        r"|version\s+of\s+(?:linux|the\s+kernel|the\s+os))"
        r"(?:\s+(?:version\s+)?(?:is\s+this|am\s+i\s+(?:on|running|using)|is\s+(?:installed|running|this\s+machine)"
        rf"|do\s+i\s+have|(?:is|does)\s+{_MACHINE}\s+(?:running|on|have|use)|(?:is\s+)?{_MACHINE}\s+(?:running|on)))?",
    ),
    "system.date": (
        r"(?:today'?s\s+)?(?:date|time|date\s+and\s+time|time\s+and\s+date|day)(?:\s+today)?",
        r"what\s+(?:time|date|day)\s+is\s+it(?:\s+(?:now|today|right\s+now))?",
        r"what\s+(?:day\s+of\s+the\s+week|year|month)\s+is\s+it",
        r"what(?:'s|\s+is)\s+today'?s\s+date|what\s+is\s+the\s+(?:date|time)\s+today",
    ),
    "system.home": (
        r"(?:path\s+(?:of|to)\s+(?:my|the)\s+|location\s+of\s+(?:my|the)\s+)?home\s+(?:folder|directory|dir)"
        r"(?:'s)?\s+(?:path|location)|home\s+path",
        r"(?:path|location)\s+(?:of|to)\s+(?:my|the)\s+(?:user'?s\s+)?home(?:\s+(?:folder|directory|dir))?",
        r"(?:where|which)\s+is\s+(?:my|the)\s+home\s+(?:folder|directory|dir)",
    ),
    "system.hostname": (
        r"host\s*name|computer\s+name|machine\s+name",
        rf"name\s+of\s+{_MACHINE}|{_MACHINE}(?:'s)?\s+(?:name|host\s*name)",
        rf"what(?:'s|\s+is)\s+{_MACHINE}\s+called",
    ),
}

_DISKS = (
    r"(?:disk|disc|storage|drive)\s+(?:space|free|capacity|info(?:rmation)?"
    r"|usage\s+(?:per|by)\s+(?:drive|disk|filesystem|mount))",
    r"(?:free|available|remaining|empty)\s+(?:disk\s+|storage\s+)?space|space\s+(?:left|remaining|available)",
    r"disks|drives|(?:mounted\s+)?(?:file\s*systems|partitions|volumes|mounts)",
    r"how\s+much\s+(?:free\s+|disk\s+|storage\s+)?(?:disk\s+)?space\s+(?:do\s+i\s+have(?:\s+left)?"
    r"|is\s+(?:there\s+)?(?:left|free|available|remaining)|have\s+i\s+got(?:\s+left)?|remains)",
    r"how\s+full\s+(?:is|are)\s+(?:the|my)\s+(?:disks?|drives?|hard\s+drives?|file\s*systems?)",
    r"(?:is|are)\s+(?:the|my)\s+(?:disks?|drives?)\s+(?:full|filling\s+up)",
    r"am\s+i\s+(?:running\s+)?(?:low|out)\s+(?:on|of)\s+(?:disk\s+)?space",
)


# Variables people ask about by name alone ("what is PATH set to", "show my EDITOR").
_KNOWN_VARS = frozenset("""PATH HOME SHELL EDITOR VISUAL USER LOGNAME LANG LANGUAGE LC_ALL TERM PWD OLDPWD PAGER
    TMPDIR TZ DISPLAY HOSTNAME PYTHONPATH VIRTUAL_ENV JAVA_HOME GOPATH GOROOT MANPATH LD_LIBRARY_PATH
    XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR CONDA_DEFAULT_ENV NODE_ENV""".split())
_VAR = r"(?P<dollar>\$)?\{?(?P<name>[A-Za-z_][A-Za-z0-9_]*)\}?"
_VAR_NOUN = r"(?:environment\s+|env\s+|shell\s+)?(?:variable|var)"


def _env(m: re.Match[str]) -> list[ActionCall] | None:
    """A variable: "$NAME", one called a variable, or a well-known NAME written in capitals."""
    name = m["name"]
    groups = m.groupdict()
    said = groups["dollar"] or groups.get("noun") or groups.get("noun2") or m.group(0).lower().startswith("printenv")
    if not (said or name in _KNOWN_VARS or (groups.get("set") and name.isupper())):
        return None
    return [ActionCall("system.env", {"name": name})]


def _constant(action: str):
    return lambda m: [ActionCall(action, {})]


def _disks(m: re.Match[str]) -> list[ActionCall] | None:
    if not m["where"]:
        return [ActionCall("system.disks", {})]
    path = place(m["where"])
    return [ActionCall("system.disks", {"path": path})] if path else None


def _run(m: re.Match[str]) -> list[ActionCall] | None:
    command = m["cmd"][1:-1].strip()
    try:
        argv = shlex.split(command)
    except ValueError:
        return None
    return [ActionCall("shell.run", {"argv": argv})] if argv else None


def _question(phrasings: tuple[str, ...]) -> str:
    return rf"{_PREFIX}(?:{'|'.join(phrasings)}){_SUFFIX}"


# Every pattern below contains one of these (see patterns.py: the module is registered behind them).
GATE = (r"\b(?:cpus?|processors?|cores|threads|memory|ram|mem|swap|uptime|up|boot|reboot|restart|load|loaded|busy"
        r"|network|net|ips?|interfaces|address(?:es)?|connected|who|whoami|user|username|login|account|os|operating"
        r"|kernel|linux|distro|distribution|uname|version|date|time|day|year|month|today'?s|host|hostname|computer"
        r"|machine|system|server|box|pc|laptop|disks?|disc|storage|drives?|filesystems|systems|partitions|volumes"
        r"|mounts|space|run|home|echo|print|printenv|variable|var|env|environment|value|set|path)\b|\$")

PATTERNS = [
    (rf"{_PREFIX}(?:{'|'.join(_DISKS)})(?:\s+on\s+(?:(?:the|my)\s+(?:disk|drive|hard\s+drive)|(?P<where>{PLACE})))?"
     rf"{_SUFFIX}", _disks),
    *((_question(phrasings), _constant(action)) for action, phrasings in _PHRASINGS.items()),
    (r"run\s+(?:the\s+)?(?:command\s+|program\s+)?(?P<cmd>\"[^\"]+\"|'[^']+'|`[^`]+`)", _run),
    # the home folder's path: "print my home folder", "what is my home directory" ("show" and "list" list it)
    (r"(?:print|echo|what(?:'s|\s+is)|tell\s+me|which\s+is)\s+(?:me\s+)?(?:my|the)\s+"
     r"(?:user'?s\s+|current\s+user'?s\s+)?"
     r"home\s+(?:folder|directory|dir)(?:\s+(?:path|location))?|(?:echo|print)\s+(?:\$HOME|~)",
     _constant("system.home")),
    # environment variables
    (rf"(?:echo|print|show|display|get|output|printenv|tell\s+me)\s+(?:me\s+)?(?:my\s+|the\s+)?"
     rf"(?:value\s+of\s+(?:the\s+)?)?"
     rf"(?:(?P<noun>{_VAR_NOUN})\s+)?{_VAR}(?:\s+(?P<noun2>{_VAR_NOUN}))?", _env),
    (rf"what(?:'s|\s+is)\s+(?:my\s+|the\s+)?(?:value\s+of\s+(?:the\s+)?)?(?:(?P<noun>{_VAR_NOUN})\s+)?"
     rf"{_VAR}(?:\s+(?P<noun2>{_VAR_NOUN}))?(?P<set>\s+(?:set\s+to|equal\s+to|defined\s+as))?", _env),
    (rf"(?:what\s+is\s+|what's\s+)?(?:the\s+)?value\s+of\s+(?:the\s+)?(?:(?P<noun>{_VAR_NOUN})\s+)?{_VAR}", _env),
    (rf"what\s+does\s+(?:the\s+)?(?:(?P<noun>{_VAR_NOUN})\s+)?{_VAR}(?:\s+(?P<noun2>{_VAR_NOUN}))?"
     r"\s+(?:contain|hold)", _env),
    (rf"(?:is|check\s+(?:if|whether))\s+(?:the\s+)?(?:(?P<noun>{_VAR_NOUN})\s+)?{_VAR}(?:\s+(?P<noun2>{_VAR_NOUN}))?"
     r"\s+(?P<set>set|defined)", _env),
]
