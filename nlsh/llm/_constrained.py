"""Greedy decoding under a GBNF grammar, checking the grammar lazily.

llama.cpp's grammar sampler tests every token of the vocabulary against the grammar at each
step; with Gemma's 262k-token vocabulary that costs more than the model itself. Greedy
decoding needs only the best token the grammar allows, so this loop tries the model's own
best candidates first (usually the first one is allowed) and falls back to the whole
vocabulary only when none of the top few is. The result is exactly what full grammar
sampling with greedy selection gives.
"""

from __future__ import annotations

import ctypes
import json
from typing import Any, Callable, Iterator

import numpy as np

__all__ = ["GrammarError", "Stats", "compile_grammar", "free_grammar", "greedy_tokens", "is_complete_json"]

_TRY_FIRST = 32


class GrammarError(ValueError):
    """llama.cpp could not parse the grammar."""


def compile_grammar(llm: Any, text: str) -> Any:
    """A llama.cpp grammar sampler for `text` (root rule "root"); raises GrammarError."""
    import llama_cpp

    sampler = llama_cpp.llama_sampler_init_grammar(llm._model.vocab, text.encode("utf-8"), b"root")
    if not sampler:
        raise GrammarError("llama.cpp rejected the grammar")
    return sampler


def free_grammar(sampler: Any) -> None:
    import llama_cpp

    if sampler:
        llama_cpp.llama_sampler_free(sampler)


class _Candidates:
    """A reusable llama_token_data_array over at most n tokens."""

    def __init__(self, n: int) -> None:
        import llama_cpp

        self.data = np.zeros(n, dtype=np.dtype([("id", np.intc), ("logit", np.single), ("p", np.single)], align=True))
        self.array = llama_cpp.llama_token_data_array(
            data=self.data.ctypes.data_as(llama_cpp.llama_token_data_p), size=n, selected=-1, sorted=False,
        )

    def allowed(self, sampler: Any, ids: np.ndarray, logits: np.ndarray) -> np.ndarray:
        """Of `ids`, those the grammar allows next (in the order given)."""
        import llama_cpp

        n = len(ids)
        self.data["id"][:n] = ids
        self.data["logit"][:n] = logits
        self.data["p"][:n] = 0.0
        self.array.size = n
        self.array.selected = -1
        self.array.sorted = False
        llama_cpp.llama_sampler_apply(sampler, ctypes.byref(self.array))
        kept = np.isfinite(self.data["logit"][:n])
        return self.data["id"][:n][kept]


class Stats:
    """How often the whole vocabulary had to be checked (for the planner's trace)."""

    def __init__(self) -> None:
        self.full_checks = 0


def greedy_tokens(
    llm: Any, sampler: Any | None, stop: Callable[[int], bool], stats: Stats | None = None
) -> Iterator[int]:
    """Yield the greedy tokens after what `llm` has evaluated, under `sampler` when given.

    The caller evaluates the prompt first (llm.eval) and stops iterating when done;
    `stop(token)` ends the loop on end-of-generation tokens.
    """
    import llama_cpp

    n_vocab = llm.n_vocab()
    candidates = _Candidates(n_vocab)
    while True:
        logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(llm._ctx.ctx, -1), shape=(n_vocab,))
        if sampler is None:
            token = int(np.argmax(logits))
        else:
            token = _best_allowed(candidates, sampler, logits, stats)
            llama_cpp.llama_sampler_accept(sampler, token)
        if stop(token):
            return
        yield token
        llm.eval([token])


def _best_allowed(candidates: _Candidates, sampler: Any, logits: np.ndarray, stats: Stats | None) -> int:
    top = np.argpartition(-logits, _TRY_FIRST)[:_TRY_FIRST]
    top = top[np.argsort(-logits[top], kind="stable")].astype(np.intc)
    allowed = candidates.allowed(sampler, top, logits[top])
    if len(allowed):
        return int(allowed[0])
    if stats is not None:
        stats.full_checks += 1
    every = np.arange(len(logits), dtype=np.intc)
    allowed = candidates.allowed(sampler, every, logits)
    if not len(allowed):
        raise GrammarError("the grammar allows no token here")
    return int(allowed[np.argmax(logits[allowed])])


def is_complete_json(text: str) -> bool:
    """True when `text` is one whole JSON object (the plan grammar's end)."""
    if not text.endswith("}"):
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True
