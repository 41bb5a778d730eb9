"""The model planner: asks a Backend for a plan and accepts only a valid one.

Two stages. First the plan's shape (which actions, in which order) is chosen by a vote of
the worked examples most similar to the request (BM25, `retrieval.py`): on the dev set this
k-nearest-neighbour choice picks the right action far more often than a 135M-270M model
does. Then the model fills in the arguments, decoding under a GBNF grammar for exactly that
shape (`grammar.py`), with path arguments limited to the words of the request and the
forced start of the reply evaluated together with the prompt. (`choose="model"` lets the
model pick the actions among the best voted ones instead; it measured worse.)

The prompt is the static instructions first (llama.cpp reuses their KV cache), then the
chosen actions with their arguments explained, the few most similar examples (most
similar last) and the request. `parse_plan` validates every reply strictly: an unknown
action or a bad argument is NotUnderstood, never executed. When no typed action fits, the
examples lead to `shell.run` with an argv list, which goes through the same policy and
confirmation as anything else. A plan that fails grounding is repaired once: one more
constrained pass that is shown the failed plan and the error.

Each call leaves a trace (examples, actions offered, prompt size, raw reply, errors, tokens,
timings) in `last_trace`, and hands it to `on_trace` (`trace.TraceLog.append`) when given.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any, Callable, Sequence

from ..actions.registry import ActionSpec, Registry
from ..errors import BadArguments, NlshError, NotUnderstood
from ..llm.base import Backend, Message
from ..plugins import Example
from ..types import ActionCall, Plan, Risk
from . import grammar as gbnf
from .retrieval import BM25, tokens

__all__ = ["ModelPlanner", "parse_plan", "plan_schema"]

MAX_REPLY = 16_384
MAX_STEPS = gbnf.MAX_STEPS
MAX_TOKENS = 160
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

INSTRUCTIONS = """\
You are the planner of a natural-language shell. Turn each request into a JSON plan of \
actions, with the arguments taken from the request itself (file names, numbers, text), \
never from the examples. Use several steps only when the request asks for several things. \
Paths are relative to the current folder. When no action fits, use shell.run with the \
program and its arguments as a list."""

# Words that join two requests in one: only then may a plan have several steps.
_SEVERAL = re.compile(r"\b(and|then|also|after|afterwards|before|plus)\b|[;,]", re.I)


class ModelPlanner:
    """Plans a request in two stages: the plan's shape (which actions, in which order) by a
    vote of the most similar worked examples, then the arguments by the model, decoding
    under a grammar for exactly that shape. With `choose="model"` the model picks the
    actions too, among the `shortlist` best voted ones and shell.run."""

    def __init__(
        self,
        backend: Backend,
        actions: Registry,
        examples: Sequence[Example] = (),
        *,
        k: int = 4,
        vote: int = 40,
        choose: str = "vote",
        shortlist: int = 3,
        spans: bool = True,
        on_trace: Callable[[dict[str, Any]], None] | None = None,
    ) -> None:
        self.backend = backend
        self.actions = actions
        self.examples = [ex for ex in examples if all(s.action in actions for s in ex.steps)]
        self.k, self.vote, self.choose, self.shortlist, self.spans = k, vote, choose, shortlist, spans
        self.on_trace = on_trace
        self.last_trace: dict[str, Any] = {}
        self._index = BM25((ex.request, ex) for ex in self.examples)
        self._verbs = _risky_verbs(actions, self.examples)
        self._schema = plan_schema(actions)
        # A backend that can continue a given start of the reply is given the forced part
        # of the plan ({"steps":[{"action":"NAME","args":) with the prompt, evaluated in one batch.
        self._prefill = bool(getattr(backend, "supports_prefill", False)) and choose == "vote"

    # -- choosing the shape and the examples -------------------------------------------------

    def votes(self, text: str) -> list[tuple[tuple[str, ...], float]]:
        """Plan shapes (action sequences) ranked by the summed BM25 scores of the `vote` most
        similar examples having them; several steps only when the request joins requests."""
        several = bool(_SEVERAL.search(text))
        words = set(tokens(text))
        votes: dict[tuple[str, ...], float] = {}
        for score, ex in self._index.ranked(text)[: self.vote]:
            shape = _shape(ex)
            if score > 0 and (several or len(shape) == 1) and self._asked_for(shape, words):
                votes[shape] = votes.get(shape, 0.0) + score
        return sorted(votes.items(), key=lambda kv: -kv[1])

    def _asked_for(self, shape: tuple[str, ...], words: set[str]) -> bool:
        """A step that deletes, signals or commits (risk R2 and up) is only voted for when
        the request uses one of its verbs: a word its examples start with, or of its name
        ("delete", "signal"). Without it, a request that merely looks like "kill the
        worker" ("list the worker's process ids") does not become a kill."""
        return all(words & self._verbs[name] for name in shape if name in self._verbs)

    def shots(self, text: str, shape: tuple[str, ...] = ()) -> list[Example]:
        """The k examples to show: the most similar of this shape first, then any."""
        ranked = [ex for _, ex in self._index.ranked(text)] if self.examples else []
        same = [ex for ex in ranked if _shape(ex) == shape]
        rest = [ex for ex in ranked if ex not in same[: self.k]]
        return (same[: self.k] + rest)[: self.k]

    def choice(self, text: str) -> tuple[list[Example], list[ActionSpec], str, str]:
        """The examples to show, the actions offered, the grammar, and the reply's known
        start (given to a backend that supports it, so it is evaluated with the prompt in
        one batch instead of token by token)."""
        spans = gbnf.request_spans(_clean(text)) if self.spans else None
        ranked = self.votes(text)
        if not ranked and self.examples:
            raise NotUnderstood(
                f"I don't know how to do that: {_clean(text)[:80]!r} shares no word with anything I know",
                hint="rephrase it in English, or run a command with '!'",
            )
        if self.choose == "vote" and ranked:
            specs = [self.actions.get(n) for n in ranked[0][0]]
            grammar = gbnf.sequence_grammar(specs, spans=spans, after_prefill=self._prefill)
            prefill = gbnf.sequence_prefill(specs) if self._prefill else ""
            return self.shots(text, ranked[0][0]), specs, grammar, prefill
        names = [n for shape, _ in ranked for n in shape][: self.shortlist] if ranked else []
        offered = [self.actions.get(n) for n in dict.fromkeys([*names, "shell.run"]) if n in self.actions]
        steps = MAX_STEPS if _SEVERAL.search(text) else 1
        return self.shots(text), offered, gbnf.plan_grammar(offered, max_steps=steps, spans=spans), ""

    def messages(self, text: str, shots: Sequence[Example], offered: Sequence[ActionSpec]) -> list[Message]:
        turns: list[Message] = [
            {"role": "system", "content": INSTRUCTIONS},  # static: its KV cache is reused
            {"role": "system", "content": "Actions:\n" + "\n".join(_signature(s) for s in offered)},
        ]
        for ex in reversed(shots):  # the most similar example sits next to the request
            turns.append({"role": "user", "content": ex.request})
            turns.append({"role": "assistant", "content": dump_plan(ex.steps)})
        turns.append({"role": "user", "content": _clean(text)})
        return turns

    # -- planning ---------------------------------------------------------------------------

    def plan(self, text: str) -> Plan:
        shots, offered, grammar, prefill = self.choice(text)
        return self._ask(text, self.messages(text, shots, offered), grammar, prefill, shots, offered, kind="plan")

    def repair(self, text: str, plan: Plan, error: str) -> Plan:
        """One more constrained pass, shown the plan that failed and why."""
        shots, offered, grammar, prefill = self.choice(text)
        turns = self.messages(text, shots, offered)
        turns.append({"role": "assistant", "content": dump_plan(plan.steps)})
        turns.append({"role": "user", "content": f"That plan failed: {_clean(error)[:300]}. "
                                                  f"Give a corrected plan for: {_clean(text)}"})
        return self._ask(text, turns, grammar, prefill, shots, offered, kind="repair", error=error)

    def _ask(self, text: str, turns: list[Message], grammar: str, prefill: str, shots: Sequence[Example],
             offered: Sequence[ActionSpec], *, kind: str, error: str = "") -> Plan:
        trace: dict[str, Any] = {
            "kind": kind, "request": text, "model": self.backend.name,
            "examples": [ex.request for ex in shots], "offered": [s.name for s in offered],
            "prompt_chars": sum(len(m["content"]) for m in turns), "grounding_error": error,
        }
        started = time.perf_counter()
        try:
            extra = {"prefill": prefill} if prefill else {}
            reply = prefill + self.backend.complete(turns, json_schema=self._schema, grammar=grammar,
                                                    max_tokens=MAX_TOKENS, **extra)
            trace["reply"] = reply[:4000]
            steps = parse_plan(reply, self.actions)
        except NlshError as exc:
            trace["error"] = str(exc)
            raise
        finally:
            trace["ms"] = round((time.perf_counter() - started) * 1000, 1)
            trace.update(getattr(self.backend, "last", None) or {})
            self._record(trace)
        return Plan(steps, source="model", model=self.backend.name)

    def _record(self, trace: dict[str, Any]) -> None:
        self.last_trace = trace
        if self.on_trace is not None:
            try:
                self.on_trace(trace)
            except OSError:
                pass  # a trace that cannot be written must not stop the request


def _clean(text: str) -> str:
    return _CONTROL.sub(" ", text).strip()


def _shape(ex: Example) -> tuple[str, ...]:
    return tuple(s.action for s in ex.steps)


def _risky_verbs(actions: Registry, examples: Sequence[Example]) -> dict[str, set[str]]:
    """For each action of risk R2 and up: the words that ask for it (see `_asked_for`)."""
    verbs: dict[str, set[str]] = {}
    for spec in actions:
        if spec.risk >= Risk.R2:
            verbs[spec.name] = set(tokens(spec.name.rsplit(".", 1)[-1].replace("_", " ")))
    for ex in examples:
        first = tokens(ex.request)[:1]
        for step in ex.steps:
            if step.action in verbs:
                verbs[step.action].update(first)
    return verbs


def _signature(spec: ActionSpec) -> str:
    """One action for the prompt: name, summary, and each argument with its meaning."""
    lines = [f"- {spec.name}: {spec.summary}"]
    for p in spec.params:
        lines.append(f"  {p.name}{'' if p.required else ' (optional)'}: {p.description[:100]}")
    return "\n".join(lines)


def dump_plan(steps: Sequence[ActionCall]) -> str:
    """A plan in exactly the compact form the grammar produces."""
    return json.dumps(
        {"steps": [{"action": s.action, "args": dict(s.args)} for s in steps]},
        separators=(",", ":"), ensure_ascii=False,
    )


def plan_schema(actions: Registry) -> dict[str, Any]:
    """The JSON schema of a plan, for servers that take response_format json_schema."""
    variants = []
    for spec in actions:
        args = spec.schema()
        args["properties"] = {
            k: {kk: vv for kk, vv in v.items() if not kk.startswith("x-")} for k, v in args["properties"].items()
        }
        variants.append({
            "type": "object",
            "properties": {"action": {"const": spec.name}, "args": args},
            "required": ["action", "args"], "additionalProperties": False,
        })
    steps = {"type": "array", "items": {"anyOf": variants}, "minItems": 1, "maxItems": MAX_STEPS}
    return {"type": "object", "properties": {"steps": steps}, "required": ["steps"], "additionalProperties": False}


def parse_plan(reply: str, actions: Registry) -> tuple[ActionCall, ...]:
    """Validate a model reply strictly; raise NotUnderstood saying what was wrong."""
    if len(reply) > MAX_REPLY:
        raise NotUnderstood(f"the model's reply was too long ({len(reply)} characters); nothing ran")
    try:
        data: Any = json.loads(reply)
    except json.JSONDecodeError as exc:
        raise NotUnderstood(f"the model's reply was not valid JSON ({exc.msg}); nothing ran") from None
    steps = data.get("steps") if isinstance(data, dict) else None
    if not isinstance(steps, list) or not steps:
        raise NotUnderstood("the model's reply had no steps; nothing ran")
    if len(steps) > MAX_STEPS:
        raise NotUnderstood(f"the model proposed {len(steps)} steps (at most {MAX_STEPS}); nothing ran")
    calls = []
    for step in steps:
        if not isinstance(step, dict) or not isinstance(step.get("action"), str):
            raise NotUnderstood("a step in the model's reply has no action; nothing ran")
        spec = actions.get(step["action"])
        if spec is None:
            raise NotUnderstood(f"the model proposed an unknown action {step['action']!r:.60}; nothing ran")
        args = _without_repeats(spec, step.get("args", {}))
        try:
            spec.validate(args)
        except BadArguments as exc:
            raise NotUnderstood(f"the model's arguments were invalid: {exc.message}; nothing ran") from None
        calls.append(ActionCall(spec.name, dict(args)))
    return tuple(calls)


def _without_repeats(spec: ActionSpec, args: Any) -> Any:
    """The arguments with each path list's repeated entries dropped (a small model that loops
    writes the same path again and again)."""
    if not isinstance(args, dict):
        return args
    props = spec.schema().get("properties", {})
    return {k: list(dict.fromkeys(v)) if isinstance(v, list) and props.get(k, {}).get("x-path")
            and all(isinstance(x, str) for x in v) else v for k, v in args.items()}
