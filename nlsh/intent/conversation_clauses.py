"""Does every clause of a conversational request belong to the plan that was read from it?

The request is cut into clauses (at ".", ";", ",", "and", "but"). A clause may be
backstory ("I wrote it last week", "there's a log in the logs folder"), a condition ("if
it does"), an option the plan took ("ignoring case"); otherwise every word of it must be
accounted for: a name the plan used, a folder, the intent's cue, or a word from the
intent's small vocabulary. "open notes.txt in vim" leaves "vim"; "read me a story about
notes.md" leaves "story": the request is more than the reader understood, so it passes on.
"""

from __future__ import annotations

import re

from .conversation import Reading, folders
from .conversation_intents import CUES, WORDS

__all__ = ["every_clause_belongs", "refused"]

_NEGATION = re.compile(r"\b(?:don't|do\s+not|dont|never|doesn't\s+need|no\s+need|instead\s+of|rather\s+than|except"
                       r"|otherwise|else|if\s+not|unless|but\s+not|not\s+(?:the|to|in|a|an))\b", re.I)
# Actions this reader does not plan, and plural or vague targets: a request that holds one is not read here.
_OTHER = re.compile(
    r"\b(?:delete|remove|erase|trash|wipe|purge|deleted|removed|erased|trashed|wiped|purged|lost|kill|terminate"
    r"|e?mail|send|upload|download|commit|install|compress|zip|unzip|extract(?!\s+(?:\w+\s+){0,3}?lines?\b)"
    r"|archive|edit|replace|substitute|sort|append|chmod|permissions?|encrypt|decrypt|sync|execute|launch|compile"
    r"|convert|translate|summari[sz]e|explain|fix|format|merge|diff|compare|overwrite|clear|truncate|modify|update"
    r"|change(?!\s+(?:the\s+|its\s+)?name)|symlink|link|chown|git|branch|checksum|hash|md5|sha\d*|tar"
    r"|empty\s+(?:it|out|the)|head|tail"
    r"|every\s+file|all\s+(?:the\s+)?files|files|folders|directories|each|both|either|(?<!\bin\s)them|those|these|or)\b"
    r"(?!\s+(?:sub)?(?:folder|directory|dir|file)\b)", re.I)  # "the archive folder" is a name
_GATE = re.compile(r"«\d+»|\w\.\w|\b(?:file|document|doc|folder|directory|dir|log|note|script|named|called)\b", re.I)
# Words that make a request a sequence of steps: the fast path plans those step by step.
_STEPS = re.compile(r"\b(?:then|after\s+that|afterwards|finally|next|also|as\s+well|second|too"
                    r"|first(?!\s+(?:\w+\s+)?lines?\b))\b", re.I)


def refused(r: Reading) -> bool:
    """A negation, steps, or an action this reader does not plan; or nothing file-like at all."""
    return (not _GATE.search(r.text) or _NEGATION.search(r.text) is not None or _STEPS.search(r.text) is not None
            or _OTHER.search(r.text) is not None)


# Clause openers of backstory, conditions and questions: such a clause may say anything,
# unless it holds the request itself ("I'd love to see what's in it").
_PASSIVE = re.compile(
    r"(?:i|i'm|i'd|i've|we|we're|we've|there|there's|it|it's|this|that|the|a|an|my|our|your|he|she|they|you|if|when"
    r"|once|thanks|thank|ok|okay|yesterday|today|earlier|recently|last|which|who|where|since|as|because|does|is|are"
    r"|whether|someone|somebody|a\s+(?:colleague|teammate|friend))\b",
    re.I)
# "I'd love to", "would you mind", "I'm hoping you can": what comes before the request.
_WANT = re.compile(r"(?:(?:i|we)(?:'d|\s+would)\s+(?:really\s+)?appreciate\s+(?:it\s+)?if\s+you\s+(?:could|would|can)"
                   r"|(?:i|we)(?:'d|\s+would)\s+(?:really\s+)?(?:love|like|want)|(?:i|we)\s+(?:really\s+)?(?:need|want)"
                   r"|(?:i'm|i\s+am|we're)\s+(?:hoping|wondering\s+if)|(?:mind|consider))\s+(?:you\s+)?(?:to\s+)?", re.I)
# Clauses that only qualify the request: "ignoring case", "with line numbers", "in human-readable form".
_OPTION = re.compile(
    r"(?:(?:and\s+|but\s+)?(?:please\s+)?(?:case[\s-]*insensitive(?:ly)?|ignor(?:e|ing)\s+(?:the\s+)?case|regardless\s+of"
    r"\s+(?:the\s+)?case|in\s+(?:any|either)\s+case|(?:with|including|showing|and)\s+(?:the\s+)?line\s+numbers?"
    r"|(?:as\s+)?whole\s+words?(?:\s+only)?|(?:in\s+)?(?:a\s+)?human[\s-]*readable(?:\s+(?:form|format|units|sizes?))?"
    r"|in\s+(?:exact\s+|raw\s+)?bytes|(?:if|when)\s+(?:it|that|so)\b.*|(?:thanks|thank\s+you|cheers|ta)\b.*"
    r"|(?:so\s+(?:that\s+)?)?(?:i|we)\s+can\s+(?:see|read|check|look|review)\b.*"
    r"|(?:(?:return|raise|throw|give|report|show)(?:ing)?\s+an?\s+error|error(?:ing)?(?:\s+out)?|fail(?:ing)?)"
    r"\s+if\s+(?:it|one|that|the\s+\w+)\s+(?:already\s+)?exists?(?:\s+already)?))$", re.I)
# Words any request clause may hold besides its names: pointers, politeness, where things are.
_COMMON = frozenset(
    """a an the this that it its it's me my our your us i we you one
    file document doc log note script page report text markdown plain named called titled
    folder directory dir subfolder subdirectory
    in inside within under at from into to of for on with as
    which who where lives live resides sits sitting located stored saved kept living residing is are was be been
    please kindly thanks now here there right just exactly actually quickly
    can could would will you and but know
    essay letter photo picture image list config configuration spreadsheet csv json yaml readme draft notes""".split())
# Words after "in" that name no place: "in it", "in the ...", "in human-readable form".
_IN_OK = frozenset("""it its the a an my our your this that here there them any human bytes full total order case
    detail details which what to one""".split())
_CLAUSE_END = re.compile(r"\s*(?:[.;:!?]+\s+|,\s*)(?:(?:and|but)\s+)?|\s+(?:and|but)\s+", re.I)


def _clauses(r: Reading) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE_END.finditer(r.text):
        spans.append((start, m.start()))
        start = m.end()
    return [s for s in [*spans, (start, len(r.text))] if s[1] > s[0]]


def _blank(text: str, spans: list[tuple[int, int]], offset: int) -> str:
    chars = list(text)
    for a, b in spans:
        for i in range(max(a - offset, 0), min(b - offset, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _reads_again(clause: str, intent: str) -> bool:
    """A clause that asks to see something besides the plan's own output ("and show it")."""
    m = re.search(CUES["read"], clause, re.I)
    if m is None or re.search(CUES[intent], clause, re.I) or re.fullmatch(r"contents?|open", m.group(), re.I):
        return False
    return re.search(r"\b(?:it|its|them|file|document|contents?|result)\b|«", clause, re.I) is not None


def every_clause_belongs(r: Reading, intent: str, fired: set[str]) -> bool:
    """Each clause is backstory, a condition, an option, or made only of the plan's parts.

    intent: what the request was read as; fired: every intent whose cue it holds ("check
    whether it exists and show it" is a read that holds the words of a check).
    """
    from .fastpath import normalise

    names = list(r.used) + [m.span() for m in folders(r)]
    for m in re.finditer(r"\b(?:in|inside|under|within|into|from)\s+(?:(?:my|our|your)\s+)?(?P<w>[a-z][\w.-]*)", r.text, re.I):
        a, b = m.span("w")
        if re.split(r"[-.]", m["w"].lower())[0] not in _IN_OK and not any(x <= a and b <= y for x, y in names):
            return False  # "in docs": a folder, or not? The paths would be wrong either way.
    words = _COMMON.union(*(WORDS[name] for name in fired | {intent}))
    for start, end in _clauses(r):
        raw = r.text[start:end]
        clause = normalise(raw)
        wanted = _WANT.sub("", clause, count=1) if _WANT.match(clause) else clause
        holds_names = any(start <= a < end for a, _ in r.used)
        holds_cue = any(re.search(CUES[name], text, re.I) for name in fired | {intent} for text in (wanted, clause))
        if not wanted or _OPTION.match(wanted):
            continue
        if _PASSIVE.match(clause) and not holds_cue:
            continue  # backstory
        if not (holds_names or holds_cue):
            return False  # "open vim": a request this reader did not read
        if intent != "read" and _reads_again(wanted, intent):
            return False  # "create a.txt and show it": two steps
        rest = normalise(_blank(raw, names, start))
        rest = _WANT.sub("", rest, count=1) if _WANT.match(rest) else rest
        for name in fired | {intent}:
            rest = re.sub(CUES[name], " ", rest, flags=re.I)
        if not set(re.findall(r"[a-z][\w']*", rest.lower())) <= words:
            return False
    return True
