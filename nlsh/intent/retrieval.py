"""Retrieval of worked examples: Okapi BM25 over the example requests.

The planner shows the model the few registered examples (built-in and plugin) most similar
to the current request. Requests are short, so the index is tiny and built in memory when
the planner starts; a lookup is a few microseconds per example. Words are lower-cased,
split on anything but letters and digits, stripped of a few English endings and of stop
words, so that "copying the logs" and "copy log" meet.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Generic, Iterable, Sequence, TypeVar

__all__ = ["BM25", "tokens"]

T = TypeVar("T")

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    """a an the this that these those it its of to in on at for from by with and or as is are be
    been was were do does did me my i you your we our us please can could would will should
    shall want need let s""".split()
)
_ENDINGS = ("ies", "ing", "ed", "es", "s")


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            return stem + "y" if ending == "ies" else stem
    return word


def tokens(text: str) -> list[str]:
    """The index terms of a text: lower-case words, stemmed, without stop words."""
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP]


class BM25(Generic[T]):
    """Okapi BM25 (k1, b) over (text, item) pairs; `top(query, k)` returns the best items."""

    def __init__(self, docs: Iterable[tuple[str, T]], *, k1: float = 1.2, b: float = 0.75) -> None:
        self.items: list[T] = []
        self._terms: list[Counter[str]] = []
        for text, item in docs:
            self.items.append(item)
            self._terms.append(Counter(tokens(text)))
        self.k1, self.b = k1, b
        lengths = [sum(c.values()) for c in self._terms]
        self._lengths = lengths
        self._avg = (sum(lengths) / len(lengths)) if lengths else 0.0
        df: Counter[str] = Counter(t for c in self._terms for t in c)
        n = len(self._terms)
        self._idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    def scores(self, query: str) -> list[float]:
        q = set(tokens(query))
        out = []
        for terms, length in zip(self._terms, self._lengths):
            norm = self.k1 * (1 - self.b + self.b * length / self._avg) if self._avg else self.k1
            s = 0.0
            for t in q:
                f = terms.get(t)
                if f:
                    s += self._idf[t] * f * (self.k1 + 1) / (f + norm)
            out.append(s)
        return out

    def top(self, query: str, k: int) -> list[T]:
        """The k best-scoring items, best first; ties keep registration order."""
        ranked = sorted(enumerate(self.scores(query)), key=lambda p: (-p[1], p[0]))
        return [self.items[i] for i, _ in ranked[:k]]

    def ranked(self, query: str) -> Sequence[tuple[float, T]]:
        scores = self.scores(query)
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        return [(scores[i], self.items[i]) for i in order]
