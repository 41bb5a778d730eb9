"""Meaning-preserving rewrites of a request, tried when the request as given matches no pattern.

People pad a request with words that never change its plan: remarks in parentheses ("(if
any)", "(recursively)"), scope phrases the patterns say another way ("and all its
subfolders", "throughout src", "in the entire src tree"), filler ("all of the", "the
existing", "currently") and verbs of showing ("display", "print", "give me", "tell me
how many"). `variants` gives the request itself first, then forms that each apply one more
family of rewrites than the one before; the fast path plans the first form a pattern takes.

Quoted text is never rewritten (it is masked while the rewrites run), and the words a
rewrite looks for must stand alone: "existing.txt", "all-of-the" or "file(1).txt" are names,
not words.
"""

from __future__ import annotations

import functools
import re
from typing import Callable

from .phrases import STOPWORDS

__all__ = ["outside_quotes", "variants"]

_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")


def outside_quotes(text: str, change: Callable[[str], str]) -> str:
    """`change` applied to the text between quoted strings; quoted text is kept exactly."""
    out, start = [], 0
    for q in _QUOTED.finditer(text):
        out += [change(text[start:q.start()]), q.group()]
        start = q.end()
    return "".join(out + [change(text[start:])])


# A word that is not part of a path or a name: nothing path-like touches it on either side.
_L = r"(?<![\w./~*\-\\])"
_R = r"(?![\w/~*\-\\]|\.\w)"
# A folder as a scope phrase names it: "src", "the src folder", a quoted name (masked: \ue000N\ue001).
_NAME = r"(?:\ue000\d+\ue001|[\w.~/-]+)"
_DIR = r"(?:folder|directory|dir)"
_SUBDIRS = r"(?:sub-?(?:folders?|directories|directory|dirs?)|child\s+(?:folders|directories)|descendants)"

# Remarks in parentheses that never change a plan; any other remark is kept, without its brackets.
_FILLER_REMARK = (
    r"if\s+any|if\s+there\s+are\s+any|if\s+(?:it|they|one|any)\s+exists?|if\s+present|if\s+possible"
    r"|if\s+(?:needed|necessary)|approx\.?|approximately|roughly|about|please|thanks|thank\s+you|optional(?:ly)?"
    r"|just\s+in\s+case|etc\.?|e\.g\.?|i\.e\.?"
)
_OPEN = r"(?:^|(?<=\s))\(\s*"
_CLOSE = r"\s*\)(?=$|[\s,.;:!?])"

_REMARKS = [
    (rf"\s*{_OPEN}(?:{_FILLER_REMARK}){_CLOSE}", ""),
]
_BRACKETS = [
    (rf"{_OPEN}([^()]*?){_CLOSE}", r"\1"),
]
_FILLER = [
    (rf"{_L}(?:all|each|every|any)\s+(?:one\s+)?of\s+(the|my|our|these|those|your){_R}", r"all \1"),
    # "in the folder named docs": the patterns read "the folder docs"
    (rf"{_L}(the|this|that)\s+({_DIR}|file)\s+(?:that\s+is\s+|which\s+is\s+)?(?:named|called){_R}\s*", r"\1 \2 "),
    (rf"{_L}an\s+(?:already[\s-]+)?existing\s+", "the "),
    (rf"{_L}(?:already[\s-]+)?existing\s+", ""),
    (rf"\s+{_L}(?:currently|actually|really|presently|at\s+the\s+moment|at\s+present){_R}", ""),
    (r"^(?:currently|actually|really|presently)\s*,?\s+", ""),
    # what is left of "would you be able to ..." once "would you" is taken off as politeness
    (r"^be\s+(?:able|so\s+kind\s+as|kind\s+enough)\s+to\s+", ""),
]


def _deeper(m: re.Match[str]) -> str:
    """"in src and below" is src's whole tree; "10k and below" is a size."""
    return m[0] if re.search(r"\d\s*[a-z]{0,2}$", m["before"], re.I) else " recursively"


def _throughout(m: re.Match[str]) -> str:
    """"throughout src" is in src, at any depth; "throughout the day" is not about folders."""
    if m[1].lower() in STOPWORDS and not m[2]:
        return m[0]
    return f"in {m[1]} {m[2]} recursively" if m[2] else f"in {m[1]} recursively"


_SCOPE = [
    # "recursively copy X": the patterns read the adverb at the end
    (r"^recursively\s+(\S+)\s+(.+)$", r"\1 \2 recursively"),
    (rf",?\s+{_L}(?:and|including|plus|as\s+well\s+as|along\s+with|with)\s+"
     r"(?:(?:those|the\s+ones|ones|files|everything|anything|what(?:'s|\s+is))\s+)?"
     r"(?:in\s+|inside\s+)?(?:all\s+)?(?:of\s+)?"
     rf"(?:its|their|the|any|every)?\s*{_SUBDIRS}(?:\s+(?:too|as\s+well|recursively))?{_R}", " recursively"),
    (rf",?\s+{_L}(?:and|or|plus)\s+(?:anything|everything|all|whatever(?:'s|\s+is)?)\s+"
     rf"(?:below|beneath|under(?:neath)?|inside|within|in)(?:\s+(?:it|them|that))?{_R}", " recursively"),
    (rf"(?<=(?P<before>\S{{3}}))\s+{_L}and\s+(?:below|beneath|deeper|down|lower|under(?:neath)?){_R}", _deeper),
    (rf"\s+{_L}(?:at\s+(?:any|all|every)\s+(?:depths?|levels?)|on\s+(?:all|every)\s+levels?"
     rf"|all\s+the\s+way\s+down){_R}", " recursively"),
    (rf"{_L}(?:in|within|inside|under|across|throughout)\s+(?:the\s+)?(?:entire|whole|full|complete)\s+"
     rf"(?:current\s+|working\s+)?(?:{_DIR}|tree|hierarchy){_R}", "here recursively"),
    (rf"{_L}(?:in|within|inside|under|across|throughout)\s+(?:the\s+)?(?:entire|whole|full|complete)\s+"
     rf"({_NAME})\s+(?:{_DIR}|tree|hierarchy){_R}", r"in \1 recursively"),
    (rf"{_L}(?:in|within|inside|under|across|throughout)\s+(?:the\s+|this\s+)?(?:current\s+|working\s+|present\s+)?"
     rf"(?:{_DIR}\s+)?(?:tree|hierarchy){_R}", "here recursively"),
    (rf"{_L}(?:in|within|inside|under|across|throughout|of)\s+the\s+({_NAME})\s+(?:tree|hierarchy){_R}",
     r"in \1 recursively"),
    (rf"{_L}(?:throughout|across|all\s+over)\s+(?:the\s+)?({_NAME})(?:\s+({_DIR}))?{_R}", _throughout),
]
_GERUNDS = {
    "showing": "show", "listing": "list", "counting": "count", "finding": "find", "deleting": "delete",
    "removing": "remove", "moving": "move", "copying": "copy", "creating": "create", "making": "make",
    "compressing": "compress", "extracting": "extract", "telling": "tell", "giving": "give", "checking": "check",
    "printing": "print", "displaying": "display", "searching": "search", "looking": "look", "renaming": "rename",
    "unpacking": "unpack", "zipping": "zip", "archiving": "archive", "comparing": "compare", "sorting": "sort",
}


def _gerund(m: re.Match[str]) -> str:
    """"would you mind showing me ...": "show me ..."."""
    return _GERUNDS.get(m[1].lower(), m[0])


def _tree(m: re.Match[str]) -> str:
    """"show the directory tree of src": every entry under src, as `ls -R src` or `tree src` show it."""
    return f"list everything in {m[1]} recursively" if m[1] else "list everything recursively"


_VERBS = [
    (r"^(?:(?:would|do|could)\s+you\s+)?mind\s+(\w+ing)(?=\s)", _gerund),
    (r"^(list|show|find|count|copy|move|delete|remove|display|print|search)\s*,\s*", r"\1 "),
    (r"^(?:i\s+(?:want|need|would\s+like)\s+|(?:give|get|show|send|print|display|output|produce|generate|return"
     r"|make|provide)(?:\s+me)?\s+)(?:a|an|the)\s+(?:full\s+|complete\s+|quick\s+)?(?:list(?:ing)?|overview)\s+of\s+", "list "),
    (r"^(?:(?:tell|show|let)\s+me(?:\s+know)?|find\s+out|figure\s+out|work\s+out|determine|check|calculate|compute"
     r"|count|report|print|display|output|show|get|give\s+me|say)\s+(how\s+(?:many|much|big|large)|which|what)\b",
     r"\1"),
    (r"^(?:find\s+out|determine|calculate|compute|work\s+out|figure\s+out|measure|report|return|summari[sz]e)\s+"
     r"(?=(?:the\s+|my\s+)?(?:number|total|count|size|disk\s+usage|amount|names?)\b)", "show "),
    (r"^(?:display|print|output|give\s+me|tell\s+me|let\s+me\s+see|show\s+me|return|report|write\s+out|dump"
     r"|produce)\b", "show"),
    # "I need a new file called a.txt with 'hi' in it": asking for a thing by its name is making it
    (r"^(?:i\s+(?:need|want|would\s+like)|i'd\s+like)\s+(?=(?:a|an)\s+(?:(?:new|empty|blank|fresh)\s+)?"
     r"(?:text\s+)?(?:file|folder|directory|dir|document)\s+(?:called|named)\s)", "create "),
    # "only list folders" says what is listed; "only delete the .tmp files" says no more than the rest does
    (r"^(?:only|just)\s+(list|show|find|display|print|count)\s+(?=(?:the\s+|all\s+)?(?:files?|folders?|directories"
     r"|directory|dirs?|sub-?(?:folders?|directories|dirs?)|hidden|regular|symlinks?|links?)\b)", r"\1 only "),
    (r"^(?:only|just)\s+(?!only\b)", ""),
    (r"^(?:list|show)\s+(?:the|a)\s+(?:(?:directory|folder|file)\s+)?(?:tree|hierarchy)"
     r"(?:\s+(?:of|for|under)\s+(.+))?$", _tree),
]

# One family more at each step; the first form is the request itself.
_FAMILIES = (_REMARKS, _BRACKETS, _FILLER, _SCOPE, _VERBS)


@functools.cache
def _compiled() -> list[list[tuple[re.Pattern[str], object]]]:
    return [[(re.compile(regex, re.I), repl) for regex, repl in family] for family in _FAMILIES]


def _masked(text: str) -> tuple[str, list[str]]:
    quoted: list[str] = []

    def mask(m: re.Match[str]) -> str:
        quoted.append(m.group())
        return f"\ue000{len(quoted) - 1}\ue001"

    return _QUOTED.sub(mask, text), quoted


def _unmasked(text: str, quoted: list[str]) -> str:
    return re.sub(r"\ue000(\d+)\ue001", lambda m: quoted[int(m[1])], text)


def variants(request: str) -> list[str]:
    """The request, then its rewritten forms, each differing from the one before."""
    if "\ue000" in request or "\ue001" in request:
        return [request]
    text, quoted = _masked(request)
    forms = [request]
    for family in _compiled():
        for regex, repl in family:
            text = regex.sub(repl, text)  # type: ignore[arg-type]
        text = re.sub(r"\s{2,}", " ", text).strip()
        form = _unmasked(text, quoted)
        if form and form != forms[-1]:
            forms.append(form)
    return forms
