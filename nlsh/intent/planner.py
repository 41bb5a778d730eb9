"""The model planner: asks a Backend for a plan and accepts only a valid one.

The prompt is the static part first (instructions and the action catalogue: the same for
every request, so llama.cpp reuses its KV cache), then the few worked examples most similar
to the request (BM25, `retrieval.py`), then the request. The backend decodes under a GBNF
grammar built from the actions' schemas (`grammar.py`), so the reply is always shaped like
{"steps": [{"action": NAME, "args": {...}}]}; `parse_plan` still validates it strictly —
an unknown action or a bad argument is NotUnderstood, never executed. When no typed action
fits, the model may propose `shell.run` with an argv list, which goes through the same
policy and confirmation as anything else. A plan that fails grounding is repaired once:
one more constrained pass that is shown the failed plan and the error.

Each call leaves a trace (examples retrieved, prompt size, raw reply, errors, timings) in
`last_trace`, and hands it to `on_trace` when one is given (the front end stores it).
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
from ..types import ActionCall, Plan
from . import grammar as gbnf
from .retrieval import BM25

__all__ = ["ModelPlanner", "parse_plan", "plan_schema"]

MAX_REPLY = 16_384
MAX_STEPS = gbnf.MAX_STEPS
MAX_TOKENS = 200
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
    def __init__(
        self,
        backend: Backend,
        actions: Registry,
        examples: Sequence[Example] = (),
        *,
        k: int = 4,
        shortlist: int = 6,
        spans: bool = True,
        on_trace: Callable[[dict[str, Any]], None] | None = None,
    ) -> None:
        self.backend = backend
        self.actions = actions
        self.examples = [ex for ex in examples if all(s.action in actions for s in ex.steps)]
        self.k = k
        self.shortlist = shortlist
        self.spans = spans
        self.on_trace = on_trace
        self.last_trace: dict[str, Any] = {}
        self._index = BM25((_example_text(ex), ex) for ex in self.examples)
        self._action_index = BM25((_action_text(spec, self.examples), spec.name) for spec in actions)
        self._schema = plan_schema(actions)

    # -- prompt ---------------------------------------------------------------------------

    def retrieve(self, text: str) -> list[Example]:
        """The k most similar examples, best first."""
        return self._index.top(text, self.k) if self.examples else []

    def candidates(self, text: str, shots: Sequence[Example]) -> list[ActionSpec]:
        """The actions offered for this request: those of the retrieved examples, the best
        matches of the actions' own descriptions, and shell.run as the fallback."""
        names = [s.action for ex in shots for s in ex.steps]
        if self.shortlist:
            names += self._action_index.top(text, self.shortlist)
        else:
            names += [spec.name for spec in self.actions]
        names.append("shell.run")
        specs = [self.actions.get(n) for n in dict.fromkeys(names)]
        return [spec for spec in specs if spec is not None]

    def messages(
        self, text: str, shots: Sequence[Example] | None = None, offered: Sequence[ActionSpec] | None = None
    ) -> list[Message]:
        shots = self.retrieve(text) if shots is None else shots
        offered = self.candidates(text, shots) if offered is None else offered
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
        shots = self.retrieve(text)
        offered = self.candidates(text, shots)
        return self._ask(text, self.messages(text, shots, offered), shots, offered, kind="plan")

    def repair(self, text: str, plan: Plan, error: str) -> Plan:
        """One more constrained pass, shown the plan that failed and why."""
        shots = self.retrieve(text)
        offered = self.candidates(text, shots)
        turns = self.messages(text, shots, offered)
        turns.append({"role": "assistant", "content": dump_plan(plan.steps)})
        turns.append({"role": "user", "content": f"That plan failed: {_clean(error)[:300]}. "
                                                  f"Give a corrected plan for: {_clean(text)}"})
        return self._ask(text, turns, shots, offered, kind="repair", error=error)

    def grammar(self, text: str, offered: Sequence[ActionSpec]) -> str:
        """The grammar for this request: the offered actions, one step unless the request
        joins several, paths limited to the request's words."""
        steps = MAX_STEPS if _SEVERAL.search(text) else 1
        spans = gbnf.request_spans(_clean(text)) if self.spans else None
        return gbnf.plan_grammar(offered, max_steps=steps, spans=spans)

    def _ask(self, text: str, turns: list[Message], shots: Sequence[Example], offered: Sequence[ActionSpec],
             *, kind: str, error: str = "") -> Plan:
        trace: dict[str, Any] = {
            "kind": kind, "request": text, "model": self.backend.name,
            "examples": [ex.request for ex in shots], "offered": [s.name for s in offered],
            "prompt_chars": sum(len(m["content"]) for m in turns), "grounding_error": error,
        }
        started = time.perf_counter()
        try:
            reply = self.backend.complete(turns, json_schema=self._schema, grammar=self.grammar(text, offered),
                                          max_tokens=MAX_TOKENS)
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


def _example_text(ex: Example) -> str:
    return ex.request


def _action_text(spec: ActionSpec, examples: Sequence[Example]) -> str:
    """What an action is found by: its name's words, summary, and its examples' requests."""
    own = [ex.request for ex in examples if any(s.action == spec.name for s in ex.steps)]
    return " ".join([spec.name.replace(".", " ").replace("_", " "), spec.summary, *own])


def _signature(spec: ActionSpec) -> str:
    params = ", ".join(p.name + ("" if p.required else "?") for p in spec.params)
    return f"- {spec.name}({params}): {spec.summary}"


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
        args = step.get("args", {})
        try:
            spec.validate(args)
        except BadArguments as exc:
            raise NotUnderstood(f"the model's arguments were invalid: {exc.message}; nothing ran") from None
        calls.append(ActionCall(spec.name, dict(args)))
    return tuple(calls)
