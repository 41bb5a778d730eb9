"""Questions about the machine (cpu, memory, disks, uptime, load, network, user, OS, date,
host name, environment variables, where a program is) and running an explicitly quoted
command line. The classic commands typed as they are ("df -h", "free -m", "date -u +%s",
"which python3") plan the same actions.

Each question is a list of phrasings; a shared prefix ("show me the", "what is my", "check")
and suffix ("on this machine", "right now") are allowed around them.
"""

from __future__ import annotations

import re
import shlex

from ..types import ActionCall
from .phrases import PLACE, STOPWORDS, place

__all__ = ["GATE", "PATTERNS"]

_PREFIX = (r"(?:(?:show|tell|give|get|display|print|check|report|list|see)(?:\s+me)?\s+"
           r"|what(?:'s|\s+is|\s+are)\s+|how(?:'s|\s+is)\s+)?(?:the\s+|my\s+|our\s+)?(?:current\s+)?")
_SUFFIX = (r"(?:\s+(?:on|of|for|in)\s+(?:this|the|my)\s+(?:machine|system|computer|box|server|host|pc|laptop))?"
           r"(?:\s+(?:right\s+now|now|currently|at\s+the\s+moment|today))?"
           r"(?:\s+in\s+(?:megabytes|mb|mib|gigabytes|gb|gib|human[\s-]+readable(?:\s+(?:format|form|units|sizes))?))?")
_MACHINE = r"(?:this|the|my)\s+(?:machine|computer|system|server|box|pc|laptop|host)"

_PHRASINGS: dict[str, tuple[str, ...]] = {
    "system.cpu": (
        r"cpu(?:\s+(?:info(?:rmation)?|details|usage|utili[sz]ation|model|type|count|stats|percentage|specs))?",
        r"cpus|cores|processors?(?:\s+(?:info(?:rmation)?|details|model|usage))?",
        r"how\s+many\s+(?:logical\s+|physical\s+|cpu\s+)?(?:cpus?|cores|processors|threads)"
        rf"(?:\s+(?:do\s+i\s+have|are\s+there|(?:are\s+)?available|does\s+{_MACHINE}\s+have|have\s+i\s+got))?",
        rf"(?:what|which)\s+(?:cpu|processor)\s+"
        rf"(?:do\s+i\s+have|is\s+(?:this|in\s+{_MACHINE})|does\s+{_MACHINE}\s+have)",
        r"number\s+of\s+(?:cpus|cores|processors)",
        r"how\s+busy\s+is\s+the\s+(?:cpu|processor)|is\s+(?:the|my)\s+(?:cpu|processor)\s+busy",
    ),
    "system.memory": (
        r"(?:memory|ram|mem)(?:\s+(?:usage|use|info(?:rmation)?|stats|status|details|left|available))?",
        r"(?:free|available|used|unused)\s+(?:memory|ram)|swap(?:\s+(?:usage|space))?",
        r"(?:total|used)\s+and\s+(?:free|available|used)\s+(?:memory|ram)",
        r"how\s+much\s+(?:free\s+|available\s+)?(?:memory|ram)(?:\s+(?:do\s+i\s+have(?:\s+(?:left|free))?"
        r"|is\s+(?:free|used|left|available|in\s+use|there|being\s+used)|am\s+i\s+using|(?:is\s+)?being\s+used"
        rf"|does\s+{_MACHINE}\s+have|have\s+i\s+got))?",
        r"am\s+i\s+(?:running\s+)?(?:low|out)\s+(?:on|of)\s+(?:memory|ram)",
        r"how\s+much\s+swap(?:\s+space)?\s+(?:is\s+(?:free|used|left|available|in\s+use|there|being\s+used)"
        r"|do\s+i\s+have|am\s+i\s+using|is\s+configured)",
    ),
    "system.uptime": (
        r"uptime|system\s+uptime|(?:last\s+)?boot\s+time",
        rf"how\s+long\s+has\s+{_MACHINE}\s+been\s+(?:up|running|on)|how\s+long\s+have\s+i\s+been\s+up",
        rf"when\s+did\s+{_MACHINE}\s+(?:last\s+)?(?:boot|start|reboot)(?:\s+up)?",
        r"when\s+was\s+the\s+last\s+(?:boot|reboot|restart)|time\s+since\s+(?:the\s+)?(?:last\s+)?(?:boot|reboot)",
    ),
    "system.load": (
        r"(?:system\s+|cpu\s+)?load(?:\s+averages?|\s+avg)?",
        rf"how\s+(?:loaded|busy)\s+is\s+{_MACHINE}|load\s+on\s+(?:{_MACHINE}|the\s+(?:cpu|processor|cpus))",
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
        r"(?:my\s+|current\s+)?(?:user\s*id|uid)",
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
        rf"what\s+host\s*name\s+(?:does\s+{_MACHINE}\s+have|is\s+this|(?:is|does)\s+{_MACHINE}\s+(?:use|have))",
    ),
}

_DISKS = (
    r"(?:disk|disc|storage|drive)\s+(?:space|free|capacity|info(?:rmation)?"
    r"|usage\s+(?:per|by)\s+(?:drive|disk|filesystem|mount))",
    r"(?:free|available|remaining|empty)(?:\s+and\s+used)?\s+(?:disk\s+|storage\s+)?space"
    r"|(?:space|room)\s+(?:left|remaining|available)",
    r"how\s+much\s+(?:free\s+|disk\s+)?room\s+(?:is\s+(?:there\s+)?)?(?:left|free|available|remaining)",
    r"(?:used\s+and\s+(?:free|available)|disk\s+usage\s+and\s+free)\s+(?:disk\s+)?space",
    r"disks|drives|(?:mounted\s+)?(?:file\s*systems|partitions|volumes|mounts)",
    r"(?:disk|space)\s+usage\s+(?:of|on|for|across)\s+(?:all|every|each)\s+(?:the\s+)?(?:mounted\s+)?"
    r"(?:file\s*systems?|disks|drives|partitions|volumes)",
    r"how\s+much\s+(?:free\s+|disk\s+|storage\s+)?(?:disk\s+)?space\s+(?:do\s+i\s+have(?:\s+left)?"
    r"|is\s+(?:there\s+)?(?:left|free|available|remaining)|have\s+i\s+got(?:\s+left)?|remains)",
    r"how\s+full\s+(?:is|are)\s+(?:the|my)\s+(?:disks?|drives?|hard\s+drives?|file\s*systems?|partitions?)",
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
    groups = m.groupdict()
    if groups.get("root") or groups.get("here"):
        return [ActionCall("system.disks", {"path": "/" if groups.get("root") else "."})]
    if groups.get("mount"):
        return [ActionCall("system.disks", {"path": groups["mount"]})]
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


# The formats a request names, as words or as date's own options (date -I prints the day only).
_FORMAT_WORDS = (
    ("unix", r"\b(?:unix|epoch|posix)\b|\+%s"),
    ("iso", r"(?<![-\w])iso\b|-iseconds|--iso-8601=seconds"),
    ("date", r"yyyy-mm-dd|\+%f|\+%y-%m-%d|(?<!\S)-i(?!\S)|--iso-8601(?![=\w])"),
    ("time", r"hh:mm:ss|\+%t|\+%h:%m:%s"),
)


def _date(m: re.Match[str]) -> list[ActionCall] | None:
    """The date with a zone or format said: "date in utc", "unix timestamp", "date -u +%s"."""
    words = m.group(0).lower()
    args: dict[str, object] = {}
    if re.search(r"\b(?:utc|gmt|universal|zulu)\b|-u\b|--utc", words):
        args["utc"] = True
    formats = [fmt for fmt, said in _FORMAT_WORDS if re.search(said, words)]
    if len(formats) > 1:
        return None
    if formats:
        args["format"] = formats[0]
    return [ActionCall("system.date", args)] if args else None


_PATH_VAR = (r"\$?(?P<var>path|(?:python|man|info|class|go|node|ld_library|library|cd|fpath|pkg_config)_?path)"
             r"(?:\s+(?:environment\s+|env\s+)?(?:variable|var))?")


def _split_path(m: re.Match[str]) -> list[ActionCall] | None:
    """"the directories in my PATH": a search path one entry per line."""
    return [ActionCall("system.env", {"name": m["var"].upper(), "split": True})]


def _which(m: re.Match[str]) -> list[ActionCall] | None:
    name = m["prog"].strip("'\"`")
    if name.lower() in STOPWORDS or name.lower() in _NOT_PROGRAMS or re.search(r"\.[A-Za-z]\w*$", name):
        return None  # "which branch", "where is main.py located": not a program on PATH
    return [ActionCall("system.which", {"program": name})]


# Words after "which" that name no program ("which one", "which way").
_NOT_PROGRAMS = frozenset("""one ones way is are was were do does did can should version shell user users branch
    branches remote remotes commit commits tag tags port ports day days time date year month week line lines
    column columns option options process pid window tab page part side disk drive partition device interface
    path config configuration setting settings""".split())
_PROGRAM = r"(?P<prog>[A-Za-z][\w.+-]*|'[A-Za-z][\w.+-]*'|\"[A-Za-z][\w.+-]*\"|`[A-Za-z][\w.+-]*`)"
_BINARY = r"(?:binary|executable|program|command|tool|interpreter|compiler|cli)"
_DATE_WORDS = (r"(?:(?:current|today'?s|the)\s+)?(?:(?:utc|gmt|unix|epoch|posix|iso(?:[\s-]?8601)?)\s+){0,2}"
               r"(?:date(?:\s*(?:and|&)\s*time)?|time(?:\s*(?:and|&)\s*date)?|timestamp|date\s*time|time\s+stamp)")
_DATE_FORM = (r"(?:in|as|using|with|for)\s+(?:the\s+|an?\s+)?(?:utc|gmt|universal\s+time|zulu(?:\s+time)?"
              r"|iso(?:[\s-]?8601)?(?:\s+(?:format|form))?|unix(?:\s+(?:time|seconds|timestamp|format))?"
              r"|epoch(?:\s+(?:time|seconds))?|(?:yyyy-mm-dd|hh:mm:ss)(?:\s+format)?"
              r"|seconds\s+since\s+(?:the\s+)?epoch)"
              r"(?:\s+(?:time\s*zone|timezone|format))?")


def _question(phrasings: tuple[str, ...]) -> str:
    return rf"{_PREFIX}(?:{'|'.join(phrasings)}){_SUFFIX}"


# Every pattern below contains one of these (see patterns.py: the module is registered behind them).
GATE = (r"\b(?:cpus?|processors?|cores|threads|memory|ram|mem|swap|uptime|up|boot|reboot|restart|load|loaded|busy"
        r"|network|net|ips?|interfaces|address(?:es)?|connected|who|whoami|user|username|login|account|os|operating"
        r"|kernel|linux|distro|distribution|uname|version|date|time|day|year|month|today'?s|host|hostname|computer"
        r"|machine|system|server|box|pc|laptop|disks?|disc|storage|drives?|filesystems|systems|partitions|volumes"
        r"|mounts|space|run|home|echo|print|printenv|variable|var|env|environment|value|set|path|df|free|nproc|lscpu"
        r"|id|uname|which|where|whereis|command|installed|locate|executable|binary|[a-z_]*path|located"
        r"|utc|gmt|iso|unix|epoch|timestamp|shell|variables|vars)\b|\$")

PATTERNS = [
    (rf"{_PREFIX}(?:{'|'.join(_DISKS)})(?:\s+(?:on|of|for|in|mounted\s+(?:at|on))\s+"
     rf"(?:(?:the|my)\s+(?:disk|drive|hard\s+drive)"
     rf"|(?:all|every|each)\s+(?:the\s+)?(?:mounted\s+)?(?:file\s*systems?|disks?|drives?|partitions?|volumes?)"
     rf"|(?P<root>(?:the\s+)?root\s+(?:partition|file\s*system|drive|volume|disk))"
     rf"|(?:the\s+)?(?P<mount>/\S*)\s+(?:volume|partition|mount(?:\s*point)?|file\s*system|drive|disk)"
     rf"|(?P<here>(?:the\s+)?(?:current|this)\s+(?:directory|folder|dir)'s\s+(?:file\s*system|disk|partition|drive))"
     rf"|(?P<where>{PLACE})))?{_SUFFIX}", _disks),
    (r"df(?:\s+-[hHkmTPal]+)*(?:\s+(?P<where>/\S*|~\S*|\.\S*))?", _disks),
    *((_question(phrasings), _constant(action)) for action, phrasings in _PHRASINGS.items()),
    # classic commands typed as they are
    (r"free(?:\s+(?:-[hmgbkwt]+|--human|--mega|--giga))*", _constant("system.memory")),
    (r"nproc(?:\s+--all)?|lscpu", _constant("system.cpu")),
    (r"uname(?:\s+-[asrvmo]+)*|cat\s+/etc/os-release|lsb_release(?:\s+-[a-z]+)*|hostnamectl", _constant("system.os")),
    (r"id(?:\s+-u?n)?|id\s+-un|who\s+am\s+i", _constant("system.whoami")),
    (r"uptime(?:\s+-p)?", _constant("system.uptime")),
    (r"printenv|env", _constant("system.env")),
    # the date in a zone or format: "date in utc", "current unix timestamp", "date -u", "date +%s"
    (rf"date(?:\s+(?:-u|--utc|-I(?:seconds)?|--iso-8601(?:=seconds)?|\+%[sFT]|\+%Y-%m-%d|\+%H:%M:%S|-R))+", _date),
    (rf"{_PREFIX}{_DATE_WORDS}(?:\s+{_DATE_FORM})?(?:\s+{_DATE_FORM})?{_SUFFIX}", _date),
    (rf"{_PREFIX}(?:time|date)\s+in\s+(?:utc|gmt)|what\s+(?:time|date|day)\s+is\s+it\s+in\s+(?:utc|gmt)"
     rf"|{_PREFIX}(?:number\s+of\s+)?seconds\s+since\s+(?:the\s+)?(?:unix\s+)?epoch"
     rf"|(?:{_PREFIX})?(?:utc|gmt)(?:\s+(?:time|date))?(?:\s+now)?", _date),
    # every environment variable
    (r"(?:show|list|print|display|dump|get|give|see)(?:\s+me)?\s+(?:all\s+|every\s+|each\s+)?(?:of\s+)?"
     r"(?:the\s+|my\s+)?"
     r"(?:current\s+|exported\s+)?(?:environment|env|shell)\s+(?:variables|vars)(?:\s+(?:and\s+their|with\s+their)"
     r"\s+values)?|what\s+(?:environment|env)\s+(?:variables|vars)\s+(?:are|have\s+been)\s+(?:set|defined|exported)"
     r"(?:\s+(?:here|now|in\s+(?:this|my)\s+shell))?",
     _constant("system.env")),
    # a search path one entry per line: echo "$PATH" | tr : '\n'
    *((regex, _split_path) for regex in (
        r"(?:(?:show|list|print|display|get|give|tell)(?:\s+me)?\s+|what\s+are\s+|which\s+are\s+)?"
        r"(?:all\s+|each\s+of\s+)?"
        r"(?:the\s+)?(?:directories|dirs|folders|entries|paths|components|elements|locations)\s+(?:in|on|of)\s+"
        rf"(?:my\s+|the\s+)?{_PATH_VAR}",
        rf"(?:show|list|print|display|split|get|give)(?:\s+me)?\s+(?:my\s+|the\s+)?{_PATH_VAR}\s+(?:"
        r"(?:with\s+)?(?:one\s+)?(?:entry|directory|dir|folder|path|item|element)\s+(?:per|on\s+each|a)\s+line"
        r"|(?:split\s+)?(?:by|on|at)\s+(?:the\s+)?colons?|as\s+a\s+list|line\s+by\s+line|entries|directories|dirs)",
        r"(?:which|what)\s+(?:directories|dirs|folders)\s+are\s+(?:in|on)\s+(?:my\s+|the\s+)?"
        rf"{_PATH_VAR}",
    )),
    # the shell: echo $SHELL
    (r"(?:what|which)\s+shell\s+(?:am\s+i\s+(?:using|in|running|on)|is\s+(?:this|running|being\s+used|in\s+use)"
     r"|do\s+i\s+(?:use|have))|(?:show|print|tell|what(?:'s|\s+is))(?:\s+me)?\s+(?:my|the)\s+(?:current\s+|default\s+"
     r"|login\s+)?shell(?:\s+(?:name|path))?|(?:my\s+)?(?:current|default|login)\s+shell",
     lambda m: [ActionCall("system.env", {"name": "SHELL"})]),
    # where a program is: which python3
    (rf"(?:which|whereis|command\s+-v|type\s+-[pP])\s+{_PROGRAM}", _which),
    *((regex, _which) for regex in (
        rf"where\s+(?:is|are|does)\s+(?:the\s+)?{_PROGRAM}(?:\s+{_BINARY})?\s+(?:installed|located|live|lives|found"
        rf"|from)(?:\s+on\s+{_MACHINE})?",
        rf"(?:where\s+is|locate|find)\s+(?:the\s+)?{_PROGRAM}\s+{_BINARY}",
        rf"(?:show|print|get|give|find|tell|what(?:'s|\s+is))(?:\s+me)?\s+(?:the\s+)?(?:full\s+|absolute\s+)?"
        rf"(?:path|location)\s+(?:of|to|for)\s+(?:the\s+)?{_PROGRAM}\s+{_BINARY}",
        rf"(?:which|what)\s+{_PROGRAM}\s+(?:{_BINARY}\s+)?(?:is\s+(?:being\s+)?used|am\s+i\s+using|runs|will\s+run)",
        rf"(?:is|(?:check|see|tell\s+me)\s+(?:if|whether)(?:\s+or\s+not)?)\s+{_PROGRAM}\s+(?:is\s+)?"
        r"(?:installed|available|on\s+(?:the\s+|my\s+)?path)"
        rf"(?:\s+on\s+{_MACHINE})?",
    )),
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
