"""Text transformations: "replace foo with bar in notes.txt", "show the second column of
data.csv", "print names.txt in upper case".

Replacing changes the file unless the request asks only to see the result ("... and print
the result", "show a.txt with foo replaced by bar"). The text to replace is one word or a
quoted string; anything vaguer passes to the model.
"""

from __future__ import annotations

import re

from ..types import ActionCall
from .phrases import target, unquote

__all__ = ["GATE", "PATTERNS"]

GATE = r"replace|substitut|swap|column|field|upper|lower|capital|\bcut\b|\bawk\b|\bchange\b|\bsed\b"

_TEXT = r"""(?:"[^"]+"|'[^']+'|`[^`]+`|[^\s"'`]+)"""
_FILE = r"(?P<file>.+?)"
_ALL = r"(?:(?:all|every|each)\s+(?:the\s+)?(?:occurrences?\s+of\s+|instances?\s+of\s+)?|the\s+(?:word|text|string)\s+)?"
_SHOW = (r"(?P<show>(?:,?\s+(?:and|then|but)\s+)?(?:(?:only|just)\s+)?(?:print|show|display|output)\s+"
         r"(?:me\s+)?(?:the\s+)?(?:result|output|outcome)"
         r"|,?\s+without\s+(?:changing|modifying|touching|saving|editing)\s+(?:the\s+file|it)"
         r"|,?\s+(?:as\s+a\s+)?dry[\s-]run)?")
_ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)}
_ORD = r"(?:\d+(?:st|nd|rd|th)?|" + "|".join(_ORDINALS) + ")"
_DELIM = (r"(?:,?\s+(?:(?:(?:with\s+)?(?:the\s+)?(?:fields|columns)\s+)?(?:separated|delimited|split)\s+by"
          r"|using|with)\s+"
          r"(?:an?\s+|the\s+)?"
          r"(?P<delim>\"[^\"]+\"|'[^']+'|comma|commas|colon|colons|semicolon|semicolons|tab|tabs|space|spaces|pipe|\S)"
          r"(?:\s+(?:as\s+)?(?:the\s+)?(?:delimiter|separator))?(?:s)?)?")
_DELIMS = {"comma": ",", "colon": ":", "semicolon": ";", "tab": "\t", "space": " ", "pipe": "|"}


def _file(chunk: str) -> str | None:
    return target(chunk, strict=True)


# "replace tabs with commas": characters people name rather than type
_NAMED = {"tab": "\t", "comma": ",", "space": " ", "semicolon": ";", "colon": ":", "underscore": "_", "dash": "-",
          "hyphen": "-", "pipe": "|", "period": ".", "dot": ".", "slash": "/", "backslash": "\\"}


def _text(token: str) -> str:
    word, quoted = unquote(token)
    if quoted:
        return word
    return _NAMED.get(re.sub(r"(?<=h)es$|s$", "", word.lower()), word)


def _replace(m: re.Match[str]) -> list[ActionCall] | None:
    path = _file(m["file"])
    old, new = _text(m["old"]), _text(m["new"])
    if path is None or not old:
        return None
    args: dict = {"path": path, "old": old, "new": new}
    if m.groupdict().get("show"):
        args["in_place"] = False
    return [ActionCall("files.replace", args)]


def _number(word: str) -> int | None:
    low = word.lower()
    if low in _ORDINALS:
        return _ORDINALS[low]
    digits = re.match(r"\d+", low)
    return int(digits.group()) if digits and int(digits.group()) > 0 else None


def _columns(m: re.Match[str]) -> list[ActionCall] | None:
    path = _file(m["file"])
    numbers = [_number(w) for w in re.findall(_ORD, m["which"], re.I)]
    if path is None or not numbers or None in numbers:
        return None
    if m.groupdict().get("range"):
        fields = f"{numbers[0]}-{numbers[-1]}"
    else:
        fields = ",".join(str(n) for n in sorted(set(numbers)))
    args: dict = {"path": path, "fields": fields}
    if m["delim"]:
        word, quoted = unquote(m["delim"])
        args["delimiter"] = word if quoted else _DELIMS.get(word.lower().rstrip("s"), word)
    return [ActionCall("files.columns", args)]


def _operand(token: str) -> str | None:
    """A command's file operand: any name will do, but not standard input ("-")."""
    word, _ = unquote(token)
    return word if word.strip() and word != "-" else None


def _cut(m: re.Match[str]) -> list[ActionCall] | None:
    """"cut -d, -f2 data.csv": cut splits at tabs unless told otherwise."""
    path = _operand(m["file"])
    if path is None:
        return None
    delim = m["delim"] or m["delim2"]
    return [ActionCall("files.columns", {"path": path, "fields": m["fields"],
                                         "delimiter": unquote(delim)[0] if delim else "\t"})]


def _awk(m: re.Match[str]) -> list[ActionCall] | None:
    """"awk '{print $1}' f": awk splits at runs of blanks (an empty delimiter) unless given -F."""
    path = _operand(m["file"])
    numbers = [int(n) for n in re.findall(r"\$(\d+)", m["prog"])]
    if path is None or not numbers or 0 in numbers or len(set(numbers)) != len(numbers) or numbers != sorted(numbers):
        return None  # $0, repeats or another order: columns prints each once, in order
    delim = unquote(m["delim"])[0] if m["delim"] else ""
    if delim and len(numbers) > 1:
        return None  # awk -F: '{print $1, $3}' joins with a space, columns with the delimiter
    return [ActionCall("files.columns", {"path": path, "fields": ",".join(map(str, numbers)), "delimiter": delim})]


def _sed(m: re.Match[str]) -> list[ActionCall] | None:
    """"sed 's/foo/bar/g' f": a global, literal substitution (sed's regex dialect is another matter)."""
    old, new, path = m["old"], m["new"], _operand(m["file"])
    if path is None or not old or any(c in old for c in ".*[]^$\\") or any(c in new for c in "&\\"):
        return None
    args: dict = {"path": path, "old": old, "new": new}
    if not m["inplace"]:
        args["in_place"] = False
    return [ActionCall("files.replace", args)]


def _case(m: re.Match[str]) -> list[ActionCall] | None:
    path = _file(m["file"])
    if path is None:
        return None
    return [ActionCall("files.case", {"path": path, "to": "lower" if m["case"].lower().startswith("lower") else "upper"})]


_CASE = r"(?P<case>upper|lower|capital)(?:\s*-?\s*case)?(?:\s+letters)?"
_WHICH = (rf"(?P<which>(?P<range>{_ORD}(?:\s+(?:to|through|thru)\s+|\s*-\s*){_ORD})"
          rf"|{_ORD}(?:(?:\s*,\s*|\s+and\s+){_ORD})*)")
PATTERNS = [
    (rf"(?:replace|substitute|swap|change)\s+{_ALL}(?P<old>{_TEXT})\s+(?:with|by|for|to|into)\s+(?P<new>{_TEXT})\s+"
     rf"(?:in|inside|throughout|within)\s+(?:the\s+file\s+)?{_FILE}{_SHOW}", _replace),
    (rf"in\s+{_FILE},?\s+(?:replace|substitute|swap|change)\s+{_ALL}(?P<old>{_TEXT})\s+(?:with|by|for|to|into)\s+"
     rf"(?P<new>{_TEXT}){_SHOW}", _replace),
    (rf"(?P<show>show|print|display|output)\s+{_FILE}\s+with\s+{_ALL}(?P<old>{_TEXT})\s+(?:replaced|substituted|swapped)"
     rf"\s+(?:with|by|for)\s+(?P<new>{_TEXT})", _replace),
    (rf"(?:show|print|display|output|get|extract|cut|list|give\s+me)\s+(?:only\s+|just\s+)?(?:the\s+)?"
     rf"(?:columns?|fields?)\s+{_WHICH}\s+(?:of|from|in)\s+(?:(?:each|every)\s+line\s+(?:of|in)\s+)?{_FILE}{_DELIM}",
     _columns),
    (rf"(?:show|print|display|output|get|extract|cut|list|give\s+me)\s+(?:only\s+|just\s+)?(?:the\s+)?{_WHICH}\s+"
     rf"(?:columns?|fields?)\s+(?:of|from|in)\s+(?:(?:each|every)\s+line\s+(?:of|in)\s+)?{_FILE}{_DELIM}", _columns),
    (r"awk\s+(?:-F\s*(?P<delim>'[^']+'|\"[^\"]+\"|\S+)\s+)?'\{\s*print\s+(?P<prog>\$\d+(?:\s*,\s*\$\d+)*)\s*\}'\s+"
     r"(?P<file>\S+|'[^']+'|\"[^\"]+\")", _awk),
    (r"sed\s+(?P<inplace>-i\s+)?(?:-e\s+)?(?P<q>['\"])s(?P<sep>[/|#:,])(?P<old>(?:(?!(?P=sep)).)+)(?P=sep)"
     r"(?P<new>(?:(?!(?P=sep)).)*)(?P=sep)g(?P=q)\s+(?P<file>\S+|'[^']+'|\"[^\"]+\")", _sed),
    (r"cut\s+(?:-d\s*(?P<delim>'[^']+'|\"[^\"]+\"|\S)\s+)?-f\s*(?P<fields>\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*)\s+"
     r"(?:-d\s*(?P<delim2>'[^']+'|\"[^\"]+\"|\S)\s+)?(?P<file>\S+|'[^']+'|\"[^\"]+\")", _cut),
    (rf"(?:convert|change|turn|transform)\s+(?:(?:all\s+)?(?:the\s+)?(?:text|contents?)\s+(?:of|in)\s+)?{_FILE}\s+"
     rf"(?:in)?to\s+(?:all\s+)?{_CASE}",
     _case),
    (rf"(?:show|print|display|output|read)\s+(?:the\s+(?:text|contents?)\s+of\s+)?{_FILE}\s+in\s+(?:all\s+)?{_CASE}",
     _case),
    (rf"(?P<case>upper|lower)-?case\s+(?:(?:all\s+)?the\s+(?:text|contents?|lines|words)\s+(?:of|in)\s+)?{_FILE}",
     _case),
]

