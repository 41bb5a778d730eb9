"""A GBNF grammar for plans, built from the registered actions' JSON schemas.

Every output the grammar allows is one compact JSON object
    {"steps":[{"action":"<name>","args":{...}}, ...]}
naming a registered action (plugin actions included) with an argument object its schema
describes: properties in declaration order, every required one present, enums as their
literal values, strings, integers, numbers, booleans and lists of strings. The planner still
validates the result (`parse_plan`): the grammar makes malformed output impossible, the
validator makes wrong output harmless.

`plan_grammar(actions)` allows any action; `action_grammar(spec)` allows exactly one named
action (the second stage of two-stage decoding); `name_grammar(actions)` allows just the
opening of a plan up to and including an action name (the first stage).

With `spans` (the words of the request), path arguments may only be one of those words,
"." or "~", or a glob built from them ("*.py", "src/*", "docs/**/*.md"): a small model then
cannot invent a path the person never named; it can only pick one.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, Mapping, Sequence

from ..actions.registry import ActionSpec

__all__ = ["MAX_STEPS", "action_grammar", "name_grammar", "plan_grammar", "request_spans", "sequence_grammar",
           "sequence_prefill"]

MAX_STEPS = 4
# Strings are unbounded in the grammar (a bounded repetition such as chr{0,120} expands
# into nested rules that make every grammar check slow); max_tokens bounds them. Lists are
# bounded: a small model that starts repeating an item would otherwise fill max_tokens with it.
MAX_ITEMS = 8
MAX_PATHS = 6

_BASE = rf"""
ws ::= ""
str ::= "\"" chr* "\""
chr ::= [^"\\\x00-\x1f\x7f] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F]{{4}})
int ::= "-"? ([0-9] | [1-9] [0-9]{{1,9}})
num ::= int ("." [0-9]{{1,6}})?
bool ::= "true" | "false"
strs ::= "[" (str ("," str){{0,{MAX_ITEMS - 1}}})? "]"
strs1 ::= "[" str ("," str){{0,{MAX_ITEMS - 1}}} "]"
"""


def _lit(text: str) -> str:
    """A GBNF string literal matching `text` exactly."""
    return json.dumps(text, ensure_ascii=False)


def _rule_name(action: str) -> str:
    return "a-" + re.sub(r"[^a-z0-9]+", "-", action.lower()).strip("-")


def _value_rule(prop: Mapping[str, Any], required: bool, spans: bool = False) -> str:
    if spans and prop.get("x-path"):
        return "paths1" if prop.get("type") == "array" else "path"
    if spans and prop.get("type") == "integer" and "enum" not in prop:
        return "count"
    if "enum" in prop:
        return "(" + " | ".join(_lit(json.dumps(v, ensure_ascii=False)) for v in prop["enum"]) + ")"
    kind = prop.get("type")
    if kind == "array":
        return "strs1" if required else "strs"
    return {"string": "str", "integer": "int", "number": "num", "boolean": "bool"}.get(kind, "str")


def _args_rules(prefix: str, schema: Mapping[str, Any], spans: bool = False, numbers: bool = True) -> list[str]:
    """Rules for an argument object: an ordered subset of the properties, required ones kept.

    `prefix-sI-first` emits the chosen properties from index I on, with no comma before the
    first; `prefix-sI-rest` the same after something was already emitted. 2n rules for n
    properties, however many subsets there are.
    """
    required = set(schema.get("required", ()))
    props = [
        (name, prop) for name, prop in schema.get("properties", {}).items()
        if numbers or name in required or prop.get("type") != "integer" or "enum" in prop
    ]  # a request without a number gets no optional number: the model must not invent one
    rules = [f'{prefix} ::= "{{" {prefix}-s0-first "}}"' if props else f'{prefix} ::= "{{}}"']
    for i, (name, prop) in enumerate(props):
        pair = f'{_lit(json.dumps(name) + ":")} {_value_rule(prop, name in required, spans)}'
        nxt = f"{prefix}-s{i + 1}" if i + 1 < len(props) else ""
        for first in (True, False):
            head = pair if first else f'"," {pair}'
            after = f" {nxt}-rest" if nxt else ""
            skip = f"{nxt}-first" if first else f"{nxt}-rest"
            body = f"{head}{after}"
            if name not in required:
                body = f"{body} | {skip if nxt else chr(34) * 2}"
            rules.append(f"{prefix}-s{i}-{'first' if first else 'rest'} ::= {body}")
    return rules


def _step_rules(
    specs: Iterable[ActionSpec], spans: bool = False, numbers: bool = True
) -> tuple[list[str], list[str]]:
    rules: list[str] = []
    alternatives: list[str] = []
    for spec in specs:
        rule = _rule_name(spec.name)
        opening = _lit(f'{{"action":{json.dumps(spec.name)},"args":')
        rules.append(f'{rule} ::= {opening} {rule}-args "}}"')
        rules += _args_rules(f"{rule}-args", spec.schema(), spans, numbers)
        alternatives.append(rule)
    return rules, alternatives


def _plan_rules(step: str, max_steps: int) -> str:
    more = f' ("," {step}){{0,{max_steps - 1}}}' if max_steps > 1 else ""
    return f'root ::= "{{\\"steps\\":[" {step}{more} "]}}"'


def _span_rules(spans: Sequence[str]) -> str:
    """`path`: one of the request's words, ".", or a glob made from them; `count`: one of
    its numbers. Extensions come from words written like one (".py", "*.c") or standing
    before "file(s)" ("php files"); "~" only when the request names a home folder."""
    names = [w for w in spans if not w.startswith(_MARK)]
    words = sorted(set(names), key=lambda w: (-len(w), w)) or ["."]
    exts = sorted({w[len(_MARK) + 4:] for w in spans if w.startswith(_MARK + "ext:")})
    home = any(w.startswith("~") for w in names) or _MARK + "home" in spans
    word = "span ::= " + " | ".join(_lit(json.dumps(w, ensure_ascii=False)[1:-1]) for w in words)
    glob = '(span "/")? ("**/")? "*"' + (' ("." ext)?' if exts else "")
    ext = ("ext ::= " + " | ".join(_lit(e) for e in exts)) if exts else ""
    numbers = sorted({w for w in names if re.fullmatch(r"[0-9]{1,9}", w)}, key=lambda w: (-len(w), w))
    count = "count ::= " + (" | ".join(_lit(n) for n in numbers) if numbers else '[1-9] [0-9]?')
    quote = _lit('"')
    roots = '"." | "~"' if home else '"."'
    return "\n".join([
        "", word, ext, count,
        f"path ::= {quote} (span | {roots} | {glob}) {quote}",
        f'paths1 ::= "[" path ("," path){{0,{MAX_PATHS - 1}}} "]"', "",
    ])


def _has_numbers(spans: Sequence[str] | None) -> bool:
    return spans is None or any(re.fullmatch(r"[0-9]{1,9}", w) for w in spans)


def plan_grammar(
    actions: Iterable[ActionSpec], *, max_steps: int = MAX_STEPS, spans: Sequence[str] | None = None
) -> str:
    """A grammar for a whole plan of 1..max_steps steps using any of `actions`.

    With `spans`, path arguments are limited to those words and globs made from them.
    """
    rules, alternatives = _step_rules(actions, spans is not None, _has_numbers(spans))
    if not alternatives:
        raise ValueError("no actions to build a grammar from")
    step = "step ::= " + " | ".join(alternatives)
    extra = _span_rules(spans) if spans is not None else ""
    return "\n".join([_plan_rules("step", max_steps), step, *rules]) + _BASE + extra


_QUOTED = re.compile(r"\"([^\"]{1,200})\"|'([^']{1,200})'|`([^`]{1,200})`")


_PATH_LIKE = re.compile(r"[./~_\-*0-9]|.[A-Z]")
_BEFORE_NAME = frozenset("named called in into to from inside under folder directory dir file".split())
_AFTER_NAME = frozenset("folder folders directory directories dir file files".split())
_NOT_NAMES = _BEFORE_NAME | _AFTER_NAME | frozenset(
    """a an the all any every each some my your our this that these those it them its here there
    current new empty hidden whole other same""".split()
)


_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_MARK = "\x00"  # marks the entries of request_spans that are not words: extensions, home
_EXT = re.compile(r"^\*?\.([A-Za-z0-9]{1,6})$")


def request_spans(text: str) -> list[str]:
    """The words of a request that could name paths: quoted strings, words that look like
    paths (a dot, slash, digit, capital...), and words after "named", "in", "into"... or
    before "folder", "file"...; with none, paths can only be "." or globs. Marked entries
    (starting with NUL) carry extensions and whether a home folder is named."""
    found = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(text)]
    words = [_strip(w) for w in text.split()]
    marks = []
    for i, word in enumerate(words):
        before = words[i - 1].lower() if i else ""
        after = words[i + 1].lower() if i + 1 < len(words) else ""
        ext = _EXT.match(word)
        if ext or after in ("file", "files") and re.fullmatch(r"[A-Za-z0-9]{1,6}", word) and word.lower() not in _NOT_NAMES:
            marks.append(_MARK + "ext:" + (ext.group(1) if ext else word.lower()))
        if word.lower() in _NUMBER_WORDS:
            found.append(_NUMBER_WORDS[word.lower()])
        if word.lower() in ("home", "~"):
            marks.append(_MARK + "home")
        named = before in _BEFORE_NAME or after in _AFTER_NAME
        capital = i > 0 and word[:1].isupper()
        if word and (_PATH_LIKE.search(word) or capital or named and word.lower() not in _NOT_NAMES):
            found.append(word)
    return list(dict.fromkeys([*(w for w in found if len(w) <= 200), *marks]))


def _strip(word: str) -> str:
    word = word.strip("\"'`,;:()[]{}!?")
    if word.endswith(".") and not word.endswith(".."):
        word = word.rstrip(".") or word
    return word


def sequence_prefill(specs: Sequence[ActionSpec]) -> str:
    """The text every plan of this shape starts with, up to the first argument object."""
    return '{"steps":[{"action":' + json.dumps(specs[0].name) + ',"args":'


def sequence_grammar(
    specs: Sequence[ActionSpec], *, spans: Sequence[str] | None = None, after_prefill: bool = False
) -> str:
    """A grammar for a plan of exactly these actions, in this order.

    With `after_prefill`, the grammar covers only what follows `sequence_prefill(specs)`
    (the model is given that text and decodes from the first argument object on).
    """
    unique = list({spec.name: spec for spec in specs}.values())
    rules, _ = _step_rules(unique, spans is not None, _has_numbers(spans))
    if after_prefill:
        rest = "".join(f' "," {_rule_name(spec.name)}' for spec in specs[1:])
        root = f'root ::= {_rule_name(specs[0].name)}-args "}}"{rest} "]}}"'
    else:
        body = ' "," '.join(_rule_name(spec.name) for spec in specs)
        root = f'root ::= "{{\\"steps\\":[" {body} "]}}"'
    extra = _span_rules(spans) if spans is not None else ""
    return "\n".join([root, *rules]) + _BASE + extra


def action_grammar(spec: ActionSpec) -> str:
    """A grammar for one step of exactly this action (its arguments filled in)."""
    rules, (rule,) = _step_rules([spec])
    return "\n".join([f"root ::= {rule}", *rules]) + _BASE


def name_grammar(actions: Iterable[ActionSpec]) -> str:
    """A grammar for a plan's opening up to the first action name, closing quote included."""
    names = " | ".join(_lit(spec.name) for spec in actions)
    return f'root ::= "{{\\"steps\\":[{{\\"action\\":\\"" ({names}) "\\""\n'
