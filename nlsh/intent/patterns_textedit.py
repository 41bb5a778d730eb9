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

GATE = r"replace|substitut|swap|column|field|upper|lower|capital"

_TEXT = r"""(?:"[^"]+"|'[^']+'|`[^`]+`|[^\s"'`]+)"""
_FILE = r"(?P<file>.+?)"
_ALL = r"(?:(?:all|every|each)\s+(?:the\s+)?(?:occurrences?\s+of\s+|instances?\s+of\s+)?|the\s+(?:word|text|string)\s+)?"
_SHOW = r"(?P<show>(?:,?\s+(?:and|then)\s+)?(?:print|show|display|output)\s+(?:the\s+)?(?:result|output|outcome))?"
_ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)}
_ORD = r"(?:\d+(?:st|nd|rd|th)?|" + "|".join(_ORDINALS) + ")"
_DELIM = (r"(?:,?\s+(?:(?:separated|delimited|split)\s+by|using|with)\s+(?:an?\s+|the\s+)?"
          r"(?P<delim>\"[^\"]+\"|'[^']+'|comma|commas|colon|colons|semicolon|semicolons|tab|tabs|space|spaces|pipe|\S)"
          r"(?:\s+(?:as\s+)?(?:the\s+)?(?:delimiter|separator))?(?:s)?)?")
_DELIMS = {"comma": ",", "colon": ":", "semicolon": ";", "tab": "\t", "space": " ", "pipe": "|"}


def _file(chunk: str) -> str | None:
    return target(chunk, strict=True)


def _replace(m: re.Match[str]) -> list[ActionCall] | None:
    path = _file(m["file"])
    old, _ = unquote(m["old"])
    new, _ = unquote(m["new"])
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


def _case(m: re.Match[str]) -> list[ActionCall] | None:
    path = _file(m["file"])
    if path is None:
        return None
    return [ActionCall("files.case", {"path": path, "to": "lower" if m["case"].lower().startswith("lower") else "upper"})]


_CASE = r"(?P<case>upper|lower|capital)(?:\s*-?\s*case)?(?:\s+letters)?"
_WHICH = (rf"(?P<which>{_ORD}(?:(?:\s*,\s*|\s+and\s+){_ORD})*|(?P<range>{_ORD}\s+(?:to|through|-)\s+{_ORD}))")
PATTERNS = [
    (rf"(?:replace|substitute|swap|change)\s+{_ALL}(?P<old>{_TEXT})\s+(?:with|by|for|to|into)\s+(?P<new>{_TEXT})\s+"
     rf"(?:in|inside|throughout|within)\s+(?:the\s+file\s+)?{_FILE}{_SHOW}", _replace),
    (rf"in\s+{_FILE},?\s+(?:replace|substitute|swap|change)\s+{_ALL}(?P<old>{_TEXT})\s+(?:with|by|for|to|into)\s+"
     rf"(?P<new>{_TEXT}){_SHOW}", _replace),
    (rf"(?P<show>show|print|display|output)\s+{_FILE}\s+with\s+{_ALL}(?P<old>{_TEXT})\s+(?:replaced|substituted|swapped)"
     rf"\s+(?:with|by|for)\s+(?P<new>{_TEXT})", _replace),
    (rf"(?:show|print|display|output|get|extract|cut|list|give\s+me)\s+(?:only\s+|just\s+)?(?:the\s+)?"
     rf"(?:columns?|fields?)\s+{_WHICH}\s+(?:of|from|in)\s+(?:each\s+line\s+of\s+|every\s+line\s+of\s+)?{_FILE}{_DELIM}",
     _columns),
    (rf"(?:show|print|display|output|get|extract|cut|list|give\s+me)\s+(?:only\s+|just\s+)?(?:the\s+)?{_WHICH}\s+"
     rf"(?:columns?|fields?)\s+(?:of|from|in)\s+(?:each\s+line\s+of\s+|every\s+line\s+of\s+)?{_FILE}{_DELIM}", _columns),
    (rf"(?:convert|change|turn|transform)\s+(?:the\s+(?:text|contents?)\s+of\s+)?{_FILE}\s+(?:in)?to\s+(?:all\s+)?{_CASE}",
     _case),
    (rf"(?:show|print|display|output|read)\s+(?:the\s+(?:text|contents?)\s+of\s+)?{_FILE}\s+in\s+(?:all\s+)?{_CASE}",
     _case),
    (rf"(?P<case>upper|lower)-?case\s+(?:the\s+(?:text|contents?)\s+of\s+)?{_FILE}", _case),
]

