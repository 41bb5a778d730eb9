"""Questions about the machine (cpu, memory, disks, uptime, load, network, user, OS, date,
host name) and running an explicitly quoted command line.

Each question is one body regex; a shared prefix ("show me the", "what is my", "check")
and suffix ("on this machine", "right now") are allowed around it.
"""

from __future__ import annotations

import re
import shlex

from ..types import ActionCall
from .phrases import PLACE, place

__all__ = ["GATE", "PATTERNS"]

_PREFIX = (r"(?:(?:show|tell|give|get|display|print|check|report|list|see)(?:\s+me)?\s+|what(?:'s|\s+is|\s+are)\s+"
           r"|how(?:'s|\s+is)\s+)?"
           r"(?:the\s+|my\s+|our\s+)?(?:current\s+)?")
_SUFFIX = (r"(?:\s+(?:on|of|for|in)\s+(?:this|the|my)\s+(?:machine|system|computer|box|server|host|pc|laptop))?"
           r"(?:\s+(?:right\s+now|now|currently|at\s+the\s+moment|today))?")
_MACHINE = r"(?:this|the|my)\s+(?:machine|computer|system|server|box|pc|laptop|host)"

_BODIES = {
    "system.cpu": (
        r"cpu(?:\s+(?:info(?:rmation)?|details|usage|utili[sz]ation|model|type|count|stats|percentage|specs))?"
        r"|cpus|processors?(?:\s+(?:info(?:rmation)?|details|model|usage))?|cores"
        r"|how\s+many\s+(?:cpus?|cores|processors|cpu\s+cores|threads)(?:\s+(?:do\s+i\s+have|are\s+there|does\s+"
        rf"{_MACHINE}\s+have|have\s+i\s+got))?|(?:what|which)\s+(?:cpu|processor)\s+(?:do\s+i\s+have|is\s+(?:this|in\s+"
        rf"{_MACHINE})|does\s+{_MACHINE}\s+have)|number\s+of\s+(?:cpus|cores|processors)"
        rf"|how\s+busy\s+is\s+the\s+(?:cpu|processor)"
        r"|is\s+(?:the|my)\s+(?:cpu|processor)\s+busy"
    ),
    "system.memory": (
        r"(?:memory|ram|mem)(?:\s+(?:usage|use|info(?:rmation)?|stats|status|details|left|available))?"
        r"|(?:free|available|used|unused)\s+(?:memory|ram)|swap(?:\s+(?:usage|space))?"
        r"|how\s+much\s+(?:free\s+|available\s+)?(?:memory|ram)(?:\s+(?:do\s+i\s+have(?:\s+(?:left|free))?"
        r"|is\s+(?:free|used|left"
        rf"|available|in\s+use|there|being\s+used)|am\s+i\s+using|(?:is\s+)?being\s+used|does\s+{_MACHINE}\s+have"
        rf"|have\s+i\s+got"
        r"|is\s+(?:left|free)))?|am\s+i\s+(?:running\s+)?(?:low|out)\s+(?:on|of)\s+(?:memory|ram)"
    ),
    "system.uptime": (
        rf"uptime|system\s+uptime|how\s+long\s+has\s+{_MACHINE}\s+been\s+(?:up|running|on)"
        rf"|how\s+long\s+have\s+i\s+been\s+up"
        rf"|when\s+did\s+{_MACHINE}\s+(?:last\s+)?(?:boot|start|reboot)(?:\s+up)?|(?:last\s+)?boot\s+time"
        r"|when\s+was\s+the\s+last\s+(?:boot|reboot|restart)|time\s+since\s+(?:the\s+)?(?:last\s+)?(?:boot|reboot)"
    ),
    "system.load": (
        rf"(?:system\s+|cpu\s+)?load(?:\s+averages?|\s+avg)?|how\s+(?:loaded|busy)\s+is\s+{_MACHINE}"
        rf"|load\s+on\s+{_MACHINE}"
    ),
    "system.network": (
        r"(?:network|net)\s+(?:interfaces|adapters|devices|cards|info(?:rmation)?|config(?:uration)?|settings|status"
        r"|addresses)"
        r"|(?:local\s+|private\s+|lan\s+)?ip(?:\s+address(?:es)?|s)?|(?:network\s+)?interfaces|network|(?:mac|ipv4"
        r"|ipv6)\s+address(?:es)?"
        r"|(?:what|which)\s+(?:is|are)\s+my\s+(?:local\s+)?ip(?:\s+address(?:es)?)?|am\s+i\s+(?:connected\s+to\s+(?:a"
        r"|the)\s+network)"
    ),
    "system.whoami": (
        r"who\s+am\s+i(?:\s+(?:logged\s+in|running|signed\s+in)\s+as)?|whoami|(?:my\s+)?(?:user(?:\s*name)?"
        r"|login\s+name"
        r"|account\s+name)|current\s+user(?:\s*name)?|(?:which|what)\s+(?:user"
        r"|account)\s+am\s+i(?:\s+(?:logged\s+in\s+as"
        r"|running\s+as|using|on))?|(?:which|what)\s+user\s+(?:is\s+)?(?:this\s+)?(?:shell\s+)?running\s+as"
    ),
    "system.os": (
        r"(?:os|operating\s+system)(?:\s+(?:version|name|info|release|details))?|(?:linux\s+)?kernel(?:\s+(?:version"
        r"|release))?"
        r"|(?:linux\s+)?(?:distro|distribution)(?:\s+(?:version|name))?|linux(?:\s+version)?|uname|system\s+version"
        r"|os\s+and\s+kernel\s+versions?"
        r"|(?:what|which)\s+(?:os|operating\s+system|linux|distro|distribution|kernel|version\s+of\s+(?:linux"
        r"|the\s+kernel|the\s+os))"
        r"(?:\s+(?:version\s+)?(?:is\s+this|am\s+i\s+(?:on|running|using)|is\s+(?:installed|running|this\s+machine)"
        r"|do\s+i\s+have"
        rf"|(?:is|does)\s+{_MACHINE}\s+(?:running|on|have|use)|(?:is\s+)?{_MACHINE}\s+(?:running|on)))?"
    ),
    "system.date": (
        r"(?:today'?s\s+)?(?:date|time|date\s+and\s+time|time\s+and\s+date|day)(?:\s+today)?"
        r"|what\s+(?:time|date|day)\s+is\s+it(?:\s+(?:now|today|right\s+now))?|what\s+(?:day\s+of\s+the\s+week|year"
        r"|month)\s+is\s+it"
        r"|what(?:'s|\s+is)\s+today'?s\s+date|what\s+is\s+the\s+(?:date|time)\s+today"
    ),
    "system.hostname": (
        rf"host\s*name|computer\s+name|machine\s+name|name\s+of\s+{_MACHINE}|{_MACHINE}(?:'s)?\s+(?:name|host\s*name)"
        rf"|what\s+is\s+{_MACHINE}\s+called|what(?:'s|\s+is)\s+{_MACHINE}\s+called"
    ),
}


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


_DISKS = (
    r"(?:disk|disc|storage|drive)\s+(?:space|free|capacity|info(?:rmation)?|usage\s+(?:per|by)\s+(?:drive|disk"
    r"|filesystem|mount))"
    r"|(?:free|available|remaining|empty)\s+(?:disk\s+|storage\s+)?space|disks|drives|(?:mounted\s+)?(?:file\s*systems"
    r"|partitions"
    r"|volumes|mounts)|space\s+(?:left|remaining|available)|how\s+much\s+(?:free\s+|disk\s+"
    r"|storage\s+)?(?:disk\s+)?space\s+"
    r"(?:do\s+i\s+have(?:\s+left)?|is\s+(?:there\s+)?(?:left|free|available|remaining)|have\s+i\s+got(?:\s+left)?"
    r"|remains)"
    r"|how\s+full\s+(?:is|are)\s+(?:the|my)\s+(?:disks?|drives?|hard\s+drives?|file\s*systems?)|(?:is|are)\s+(?:the"
    r"|my)\s+"
    r"(?:disks?|drives?)\s+(?:full|filling\s+up)|am\s+i\s+(?:running\s+)?(?:low|out)\s+(?:on|of)\s+(?:disk\s+)?space"
)

# Every pattern below contains one of these (see patterns.py: the module is registered behind them).
GATE = (r"\b(?:cpus?|processors?|cores|threads|memory|ram|mem|swap|uptime|up|boot|reboot|restart|load|loaded|busy"
        r"|network|net|ips?|interfaces|address(?:es)?|connected|who|whoami|user|username|login|account|os|operating"
        r"|kernel"
        r"|linux|distro|distribution|uname|version|date|time|day|year|month|today'?s|host|hostname|computer|machine"
        r"|system"
        r"|server|box|pc|laptop|disks?|disc|storage|drives?|filesystems|systems|partitions|volumes|mounts|space|run)\b")

PATTERNS = [
    (rf"{_PREFIX}(?:{_DISKS})(?:\s+on\s+(?:(?:the|my)\s+(?:disk|drive|hard\s+drive)"
     rf"|(?P<where>{PLACE})))?{_SUFFIX}", _disks),
    *((rf"{_PREFIX}(?:{body}){_SUFFIX}", _constant(action)) for action, body in _BODIES.items()),
    (r"run\s+(?:the\s+)?(?:command\s+|program\s+)?(?P<cmd>\"[^\"]+\"|'[^']+'|`[^`]+`)", _run),
]
