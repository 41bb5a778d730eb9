"""Reading a text file's lines: by number (sed -n), sorted, de-duplicated, reversed, numbered.

"lines 3 to 5 of notes.txt", "the 10th line of f", "sort names.txt numerically", "show the
distinct lines of list.txt", "which lines appear more than once in x.csv", "tac notes.txt",
"show main.py with line numbers". The file is only read; editing it is another module's.

Each group is registered behind its gate (see patterns.py). A file must look like a file
(an extension, a well-known name, quoted or called a file) wherever the verb alone leaves it
open ("sort files by size" is a listing, "sort names.txt" is not).
"""

from __future__ import annotations

import re

from ..types import ActionCall
from .phrases import PLACE, TOKEN, dirlike, file_like, named

__all__ = ["GATED"]

_SHOW = (r"(?:(?:show|print|display|give|get|list|output|view|read|tell|cat)(?:\s+me)?(?:\s+only|\s+just)?"
         r"|what(?:'s|\s+is|\s+are))")


def _file(chunk: str, *, certain: bool = False) -> str | None:
    """A file named by `chunk`: it must look like one unless the sentence makes it certain."""
    found = named(chunk)
    if found is None or found[1] == "dir" or dirlike(found[0]):
        return None
    word, noun, quoted = found
    return word if certain or quoted or noun == "file" or file_like(word) or "/" in word else None


# --- lines by number ------------------------------------------------------------------

_ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20, "fiftieth": 50, "hundredth": 100,
}
_ORDINAL = r"(?:\d+(?:st|nd|rd|th)|" + "|".join(_ORDINALS) + ")"
_OF = r"\s+(?:of|in|from)\s+"
_TO_END = r"(?:the\s+)?(?:end(?:\s+of\s+(?:the\s+)?file)?|last\s+line|bottom)"


def _line_no(text: str) -> int | None:
    low = text.lower()
    if low in _ORDINALS:
        return _ORDINALS[low]
    digits = re.match(r"\d+", low)
    return int(digits[0]) if digits else None


def _range(m: re.Match[str]) -> list[ActionCall] | None:
    path = _file(m["what"], certain=m.groupdict().get("sure") is not None)
    start = _line_no(m["a"])
    if path is None or not start:
        return None
    args: dict = {"path": path, "start": start}
    if m.groupdict().get("b"):
        end = _line_no(m["b"])
        if not end or end < start:
            return None
        if end != start:
            args["end"] = end
    elif m.groupdict().get("end"):
        args["end"] = -1
    return [ActionCall("files.line_range", args)]


def _after(m: re.Match[str], skipped: str | None = None) -> list[ActionCall] | None:
    """"everything after line 20 of f": from line 21 to the end, as `tail -n +21 f` prints."""
    path = _file(m["what"] or m.groupdict().get("what2") or "")
    start = _line_no(skipped or m["a"])
    return [ActionCall("files.line_range", {"path": path, "start": start + 1, "end": -1})] if path and start else None


LINES_GATE = r"\blines?\b|\brows?\b|\bsed\b|\bheader\b"
LINES = [
    (rf"(?:{_SHOW}\s+)?(?:the\s+)?(?:lines?|rows?)\s+(?:from\s+)?(?:number\s+)?(?P<a>\d+)\s*(?:to|through|thru|until"
     rf"|till|-)\s*(?:(?:line\s+)?(?P<b>\d+)|(?P<end>{_TO_END})){_OF}(?P<what>{PLACE})", _range),
    # "everything except the first line of data.csv", "skip the first 5 lines of f": `tail -n +2`
    (rf"(?:(?:{_SHOW}\s+)?(?:everything|all(?:\s+the)?\s+lines|the\s+lines)\s+(?:except|but|other\s+than|apart\s+from"
     rf"|after)|skip(?:ping)?|drop|without)\s+the\s+(?:first|top)\s+(?:(?P<a>\d+)\s+lines|line|(?P<header>header"
     rf"(?:\s+(?:line|row))?)){_OF}(?P<what>{PLACE})"
     rf"|{_SHOW}\s+(?P<what2>{PLACE})\s+(?:without|minus|except(?:\s+for)?|but\s+not)\s+(?:the\s+|its\s+)?"
     r"(?:header(?:\s+(?:line|row))?|first\s+line)", lambda m: _after(m, m["a"] or "1")),
    (rf"(?:{_SHOW}\s+)?(?:the\s+)?(?:lines|rows|everything)\s+between\s+(?:lines?\s+)?(?P<a>\d+)\s+and\s+(?:line\s+)?"
     rf"(?P<b>\d+){_OF}(?P<what>{PLACE})", _range),
    (rf"what\s+does\s+(?:line|row)\s+(?:number\s+)?(?P<a>\d+){_OF}(?P<what>{PLACE})\s+(?:say|contain|read|show)",
     _range),
    (rf"(?:{_SHOW}\s+|what(?:'s|\s+is)\s+(?:on|at|in)\s+)?(?:the\s+)?(?:line|row)\s+(?:number\s+|no\.?\s+|#)?"
     rf"(?P<a>\d+){_OF}(?P<what>{PLACE})", _range),
    (rf"(?:{_SHOW}\s+)?(?:the\s+)?(?P<a>{_ORDINAL})\s+(?:line|row){_OF}(?P<what>{PLACE})", _range),
    (rf"(?:{_SHOW}\s+)?(?:the\s+)?(?:lines\s+|everything\s+)?from\s+line\s+(?P<a>\d+)\s+(?:to|through|until|till)\s+"
     rf"(?:(?:line\s+)?(?P<b>\d+)|(?P<end>{_TO_END})){_OF}(?P<what>{PLACE})", _range),
    (rf"(?:{_SHOW}\s+)?(?P<what>{PLACE})\s+from\s+line\s+(?P<a>\d+)\s+(?:(?:to|through|until|till)\s+(?:line\s+)?"
     rf"(?P<b>\d+)|(?P<end>on(?:wards?)?|(?:to|until|till)\s+{_TO_END}))", _range),
    (rf"(?:{_SHOW}\s+)?(?:the\s+)?(?:lines\s+|everything\s+)?(?:from|after)\s+line\s+(?P<a>\d+)\s+"
     rf"(?P<end>on(?:wards?)?){_OF}(?P<what>{PLACE})", _range),
    (rf"(?:{_SHOW}\s+)?(?:the\s+)?(?:everything|(?:all\s+)?(?:the\s+)?(?:lines|rows))\s+(?:after|following|past)\s+"
     rf"line\s+(?P<a>\d+){_OF}(?P<what>{PLACE})", _after),
    (rf"sed\s+-n\s+['\"]?(?P<a>\d+)(?:,(?P<b>\d+))?p['\"]?\s+(?P<sure>)(?P<what>{TOKEN})", _range),
]


# --- sort, uniq, tac, cat -n ------------------------------------------------------------


def _lines(how: str, *, certain: bool = False):
    def build(m: re.Match[str]) -> list[ActionCall] | None:
        sure = certain or m.groupdict().get("sure") is not None
        path = _file(m["what"] or m.groupdict().get("what2") or "", certain=sure)
        if path is None:
            return None
        mode = how
        extra = (m.groupdict().get("how") or "").lower()
        numeric = bool(re.search(r"numer|number", extra))
        if mode == "sorted" and re.search(r"revers|descend|backward|z\s+to\s+a|largest|highest|biggest", extra):
            mode = "reverse_sorted"
        args: dict = {"path": path, "how": mode}
        if numeric:
            args["numeric"] = True
        return [ActionCall("files.lines", args)]
    return build


_LINES_OF = (r"(?:(?:all\s+)?(?:the\s+)?(?P<sure>lines|contents?|rows|entries|words|names|values|numbers)"
             r"\s+(?:of|in|from)\s+)?")
_ORDER = (r"(?P<how>(?:\s+(?:alphabetically|numerically|in\s+(?:reverse|reversed|descending|ascending|alphabetical"
          r"|numeric(?:al)?)\s+order|in\s+(?:reverse|reversed|descending)\s+(?:alphabetical|numeric(?:al)?)\s+order"
          r"|in\s+reverse|descending|ascending|backwards|reversed?|by\s+number"
          r"|from\s+(?:z\s+to\s+a|a\s+to\s+z|largest\s+to\s+smallest|highest\s+to\s+lowest|smallest\s+to\s+largest"
          r"|lowest\s+to\s+highest)|as\s+numbers))*)")
_UNIQUE = r"(?:unique|uniq(?:ue)?d?|non-?repeated|non-?duplicated?)"
_DISTINCT = r"(?:distinct|sorted\s+unique|unique\s+sorted|unique\s+and\s+sorted|sorted\s+and\s+unique)"
_DUPES = r"(?:duplicated?|duplicate|repeated|repeating|doubled)"


def _sort(m: re.Match[str]) -> list[ActionCall] | None:
    """"sort names.txt", "sort -n data.txt", "sort the lines of x in reverse order"."""
    flag = (m["flag"] or "").lower()
    path = _file(m["what"], certain=m["sure"] is not None or bool(flag))
    if path is None:
        return None
    calls = _lines("sorted", certain=True)(m)
    if calls and "r" in flag:
        calls[0].args["how"] = "reverse_sorted"
    if calls and "n" in flag:
        calls[0].args["numeric"] = True
    return calls


def _distinct(m: re.Match[str]) -> list[ActionCall] | None:
    chunk = m["what"] or m["what2"]
    path = _file(chunk, certain=m.groupdict().get("sure") is not None)
    return [ActionCall("files.lines", {"path": path, "how": "distinct"})] if path else None


TRANSFORM_GATE = (r"\b(?:sort|sorted|unique|uniq|uniqued|distinct|duplicates?|duplicated|repeated|repeating|doubled"
                  r"|reverse|reversed|backwards|upside|numbered|numbers|number|tac|nl|cat|occurrences?|appears?|times"
                  r"|each|every|first|alphabetical|alphabetically|numerically|numerical)\b")
TRANSFORM = [
    # sort
    (rf"sort\s+(?:-(?P<flag>[nr]{{1,2}})\s+)?{_LINES_OF}(?P<what>{PLACE}){_ORDER}", _sort),
    (rf"{_SHOW}\s+{_LINES_OF}(?P<what>{PLACE})\s+(?:sorted|in\s+sorted\s+order|in\s+order|ordered){_ORDER}",
     _lines("sorted")),
    (rf"{_SHOW}\s+{_LINES_OF}(?P<what>{PLACE})\s+"
     r"(?P<how>alphabetically|numerically|in\s+(?:alphabetical|numeric(?:al)?)"
     r"\s+order)", _lines("sorted")),
    (rf"{_SHOW}\s+(?:the\s+)?sorted\s+(?:lines|contents?)\s+(?:of|in)\s+(?P<what>{PLACE}){_ORDER}",
     _lines("sorted", certain=True)),
    # uniq and sort -u
    (rf"(?:{_SHOW}\s+|list\s+|find\s+)?(?:all\s+)?(?:the\s+|only\s+the\s+)?{_DISTINCT}\s+(?:lines|entries|values|rows)"
     rf"\s+(?:of|in|from)\s+(?P<what>{PLACE})", _lines("distinct", certain=True)),
    (rf"(?:{_SHOW}\s+|list\s+)?(?:all\s+)?(?:the\s+|only\s+the\s+)?{_UNIQUE}\s+(?:lines|entries|values|rows)"
     rf"\s+(?:of|in|from)\s+(?P<what>{PLACE})", _lines("unique", certain=True)),
    (rf"uniq\s+(?P<sure>)(?P<what>{PLACE})", _lines("unique")),
    (rf"sort\s+-u\s+(?P<sure>)(?P<what>{PLACE})|sort\s+(?P<what2>{PLACE})(?:\s+alphabetically)?,?\s+and\s+"
     r"(?:remove|drop|delete|strip|eliminate|get\s+rid\s+of|dedupe)\s+(?:the\s+|any\s+|all\s+)?"
     r"(?:duplicates?|duplicated?\s+lines|repeated\s+lines)", _distinct),
    (rf"{_SHOW}\s+(?P<what>{PLACE})\s+(?:without|with\s+no|minus)\s+(?:any\s+)?(?:duplicates?|duplicated?\s+lines"
     r"|repeated\s+lines)|" + rf"{_SHOW}\s+(?P<what2>{PLACE})\s+with\s+(?:the\s+)?duplicates?\s+removed", _distinct),
    # duplicates and counts
    (rf"(?:{_SHOW}\s+|list\s+|find\s+|which\s+are\s+)?(?:all\s+)?(?:the\s+)?{_DUPES}\s+(?:lines|entries|values|rows)"
     rf"\s+(?:of|in|from)\s+(?P<what>{PLACE})", _lines("duplicates", certain=True)),
    (rf"(?:(?:which|what)\s+(?:lines|entries)\s+are\s+(?:repeated|duplicated|duplicates)\s+in\s+(?P<what2>{PLACE}))|"
     rf"(?:{_SHOW}\s+|list\s+|find\s+|which\s+|what\s+)?(?:the\s+)?(?:lines|entries)\s+(?:that\s+|which\s+)?"
     r"(?:appear|occur|are\s+repeated|show\s+up)"
     rf"\s+(?:more\s+than\s+once|twice\s+or\s+more|multiple\s+times|several\s+times)\s+in\s+(?P<what>{PLACE})",
     _lines("duplicates", certain=True)),
    (rf"(?:count|tally)\s+(?:the\s+)?(?:occurrences\s+of\s+)?(?:each|every)\s+(?:unique\s+|distinct\s+)?"
     rf"(?:line|entry|value)\s+(?:of|in)\s+(?P<what>{PLACE})", _lines("counted", certain=True)),
    (rf"how\s+(?:many\s+times|often)\s+(?:does\s+)?(?:each|every)\s+(?:line|entry|value)\s+(?:appears?|occurs?)"
     rf"\s+in\s+(?P<what>{PLACE})", _lines("counted", certain=True)),
    # tac
    (rf"(?:reverse|flip|invert)\s+(?:the\s+)?(?:order\s+of\s+(?:the\s+)?)?(?:lines|rows)\s+(?:of|in)\s+"
     rf"(?P<what>{PLACE})",
     _lines("reversed", certain=True)),
    (rf"{_SHOW}\s+{_LINES_OF}(?P<what>{PLACE})\s+(?:in\s+reverse(?:d)?(?:\s+order)?|backwards|upside\s+down"
     r"|(?:from\s+|with\s+)?(?:the\s+)?last\s+line\s+(?:first|to\s+(?:the\s+)?first))", _lines("reversed")),
    (rf"tac\s+(?P<sure>)(?P<what>{PLACE})", _lines("reversed")),
    # cat -n
    (rf"(?:{_SHOW}\s+)?{_LINES_OF}(?P<what>{PLACE})\s+with\s+(?:the\s+)?(?:line\s+numbers|numbered\s+lines)",
     _lines("numbered")),
    (rf"number\s+(?:all\s+)?(?:the\s+)?(?:lines|rows)\s+(?:of|in)\s+(?P<what>{PLACE})",
     _lines("numbered", certain=True)),
    (rf"{_SHOW}\s+(?:the\s+)?numbered\s+lines\s+(?:of|in)\s+(?P<what>{PLACE})", _lines("numbered", certain=True)),
    (rf"(?:cat\s+-n|nl)\s+(?P<sure>)(?P<what>{TOKEN})", _lines("numbered")),
]

GATED = [(LINES_GATE, LINES), (TRANSFORM_GATE, TRANSFORM)]
