"""A local GGUF model through llama-cpp-python (imported only when a model is loaded).

The model is loaded on the first request (or by `load()`, e.g. from a background thread
when the shell starts). Messages are rendered with the model's own chat template; a base
model without one gets a plain "Request:/Plan:" transcript. Decoding is greedy
(temperature 0) and, when the planner passes a GBNF grammar, constrained by it.

The static part of the prompt (the system message) comes first, so llama.cpp keeps its
KV cache between requests and evaluates only what changed. A one-shot `nlsh -c` starts a
new process per request, so the static prefix's KV state is also saved to the cache folder
once and loaded by later processes (`prefix_cache`). `last` holds the figures of the last
call: prompt tokens, tokens reused from the cache, generated tokens and times.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from ..errors import NlshError
from ._constrained import GrammarError, Stats, compile_grammar, free_grammar, greedy_tokens, is_complete_json
from .base import Message

__all__ = ["LlamaBackend", "ModelError"]

_PROBE = ("\x01", "\x02")  # two different user turns: their common rendering is the static prefix
_GRAMMARS_KEPT = 8


class ModelError(NlshError):
    """The model file could not be loaded or run."""


class LlamaBackend:
    supports_prefill = True  # complete(prefill=...) continues a given start of the reply

    def __init__(
        self,
        path: Path,
        *,
        n_ctx: int = 2048,
        n_threads: int | None = None,
        prefix_cache: Path | None = None,
    ) -> None:
        self.path = Path(path)
        self.name = self.path.name
        self.n_ctx = n_ctx
        self.n_threads = n_threads or default_threads()
        self.prefix_cache = prefix_cache
        self.load_seconds = 0.0
        self.last: dict[str, Any] = {}
        self._llm: Any = None
        self._format: Any = None
        self._grammars: dict[str, Any] = {}

    # -- loading --------------------------------------------------------------------------

    def load(self) -> None:
        if self._llm is not None:
            return
        if not self.path.is_file():
            raise ModelError(f"model file not found: {self.path}", hint="give a .gguf file path (--model PATH)")
        started = time.perf_counter()
        try:
            import llama_cpp
        except ImportError as exc:  # pragma: no cover - a broken install
            raise ModelError(f"llama-cpp-python is not installed ({exc})", hint="rerun install.sh") from None
        _quiet_logs(llama_cpp)
        try:
            with _stderr_silenced():
                self._llm = llama_cpp.Llama(
                    model_path=str(self.path), n_ctx=self.n_ctx, n_threads=self.n_threads,
                    n_threads_batch=self.n_threads, n_batch=512, swa_full=True, verbose=False,
                )
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelError(
                f"cannot load model {self.path.name}: {exc}", hint="is it a complete GGUF file? re-download it"
            ) from None
        self._format = _formatter(self._llm)
        self.load_seconds = time.perf_counter() - started

    def _grammar(self, text: str) -> Any:
        """The compiled grammar sampler for `text`, reset to its start."""
        import llama_cpp

        sampler = self._grammars.pop(text, None)
        if sampler is None:
            try:
                with _stderr_silenced():
                    sampler = compile_grammar(self._llm, text)
            except GrammarError as exc:
                raise ModelError(f"the plan grammar was rejected by llama.cpp: {exc}") from None
            while len(self._grammars) >= _GRAMMARS_KEPT:  # grammars differ per request: keep a few
                free_grammar(self._grammars.pop(next(iter(self._grammars))))
        self._grammars[text] = sampler  # most recently used last
        llama_cpp.llama_sampler_reset(sampler)
        return sampler

    def _eval_prompt(self, tokens: list[int]) -> int:
        """Evaluate `tokens`, keeping the KV cache of the prefix already there; return its length."""
        llm = self._llm
        reused = _common_prefix(llm.input_ids[: llm.n_tokens], tokens)
        reused = min(reused, len(tokens) - 1)  # the last token is evaluated again for its logits
        if reused <= 0 or not llm._ctx.kv_cache_seq_rm(-1, reused, -1):
            llm.reset()
            llm._ctx.kv_cache_seq_rm(-1, 0, -1)
            reused = 0
        llm.n_tokens = reused
        llm.eval(tokens[reused:])
        return reused

    # -- prompting -----------------------------------------------------------------------

    def render(self, messages: Sequence[Message]) -> str:
        self.load()
        return self._format(list(messages))

    def complete(
        self,
        messages: Sequence[Message],
        *,
        json_schema: Mapping[str, Any] | None = None,
        grammar: str | None = None,
        max_tokens: int = 256,
        prefill: str = "",
    ) -> str:
        """The greedy reply to `messages`, under `grammar` when given.

        `prefill` is text the reply is known to start with (it is appended to the prompt and
        not returned); the grammar then applies to what follows it.
        """
        self.last = {}
        self.load()
        llm = self._llm
        prompt = self._format(list(messages)) + prefill
        tokens = llm.tokenize(prompt.encode("utf-8"), add_bos=_wants_bos(llm, prompt), special=True)
        if len(tokens) + max_tokens > self.n_ctx:
            raise ModelError(
                f"the prompt is too long for the model's context ({len(tokens)} tokens, {self.n_ctx} in all)"
            )
        started, cpu = time.perf_counter(), time.process_time()
        loaded_prefix = self._restore_prefix(messages, tokens)
        reused = self._eval_prompt(tokens)
        prompt_done = time.perf_counter()
        sampler = self._grammar(grammar) if grammar else None
        out: list[int] = []
        text = ""
        stats = Stats()
        for token in greedy_tokens(llm, sampler, lambda t: _is_end(llm, t), stats):
            out.append(token)
            if len(out) >= max_tokens:
                break
            if sampler is not None and llm.detokenize([token]).endswith(b"}"):
                text = llm.detokenize(out).decode("utf-8", errors="replace")
                if is_complete_json(prefill + text):
                    break
        ended = time.perf_counter()
        text = llm.detokenize(out).decode("utf-8", errors="replace")
        self.last = {
            "prompt_tokens": len(tokens), "reused_tokens": reused, "prefix_loaded": loaded_prefix,
            "completion_tokens": len(out), "full_vocab_checks": stats.full_checks,
            "prompt_ms": round((prompt_done - started) * 1000, 1), "total_ms": round((ended - started) * 1000, 1),
            "cpu_ms": round((time.process_time() - cpu) * 1000, 1),
        }
        return text

    # -- the static prefix's KV state, kept on disk between processes --------------------

    def static_prefix(self, messages: Sequence[Message], tokens: Sequence[int]) -> list[int]:
        """The tokens of `tokens` that depend only on the first (system) message."""
        if not messages or messages[0].get("role") != "system":
            return []
        probes = [self._format([messages[0], {"role": "user", "content": p}]) for p in _PROBE]
        text = os.path.commonprefix(probes)
        head = self._llm.tokenize(text.encode("utf-8"), add_bos=_wants_bos(self._llm, text), special=True)
        n = _common_prefix(head, tokens)
        return list(tokens[: max(0, n - 1)])  # the boundary token may merge with what follows

    def _restore_prefix(self, messages: Sequence[Message], tokens: Sequence[int]) -> bool:
        """Load (or create) the saved KV state of the static prefix; True when it was loaded."""
        llm = self._llm
        if self.prefix_cache is None or llm.n_tokens > 0:
            return False
        prefix = self.static_prefix(messages, tokens)
        if len(prefix) < 32:
            return False
        key = hashlib.sha256(repr((self._model_id(), prefix)).encode()).hexdigest()[:20]
        file = self.prefix_cache / f"kv-{key}.bin"
        try:
            if file.is_file() and _load_state(llm, file, len(prefix)) == prefix:
                return True
        except (OSError, RuntimeError):
            pass
        llm.reset()
        llm.eval(prefix)
        try:
            self.prefix_cache.mkdir(parents=True, exist_ok=True)
            _save_state(llm, file, prefix)
        except OSError:
            pass
        return False

    def _model_id(self) -> tuple[str, int, int]:
        st = self.path.stat()
        return (str(self.path.resolve()), st.st_size, int(st.st_mtime))


def default_threads() -> int:
    """Half the CPUs this process may use (at least 1, at most 4).

    ggml's threads spin while they wait for each other: on a 2-core laptop that also runs
    the shell, a second request or anything else, two threads were 2-3 times slower than
    one (measured: 302-token prompt 0.96 s with 1 thread, 2.3-3.3 s with 2, under load).
    """
    try:
        available = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        available = os.cpu_count() or 1
    return max(1, min(4, available // 2))


def _common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _is_end(llm: Any, token: int) -> bool:
    try:
        return bool(llm._model.token_is_eog(token))  # end-of-turn tokens such as <|im_end|>
    except AttributeError:  # pragma: no cover - older bindings
        return False


def _wants_bos(llm: Any, prompt: str) -> bool:
    """Add BOS unless the rendered template already starts with it."""
    bos = llm.detokenize([llm.token_bos()], special=True).decode("utf-8", "ignore") if llm.token_bos() >= 0 else ""
    return not (bos and prompt.startswith(bos))


def _formatter(llm: Any):
    """Render messages with the GGUF's chat template, or as a plain transcript."""
    template = llm.metadata.get("tokenizer.chat_template")
    if template:
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        def token_text(tid: int) -> str:
            return llm.detokenize([tid], special=True).decode("utf-8", "ignore") if tid >= 0 else ""

        fmt = Jinja2ChatFormatter(template, eos_token=token_text(llm.token_eos()), bos_token=token_text(llm.token_bos()))
        return lambda messages: fmt(messages=messages).prompt
    return _transcript


def _transcript(messages: list[Message]) -> str:
    """A base model's prompt: the system text, then Request/Plan pairs, ending at 'Plan:'."""
    parts: list[str] = []
    for m in messages:
        role, content = m.get("role"), m.get("content", "")
        if role == "system":
            parts.append(content.rstrip() + "\n")
        elif role == "user":
            parts.append(f"\nRequest: {content}\n")
        else:
            parts.append(f"Plan: {content}\n")
    return "".join(parts) + "Plan: "


def _save_state(llm: Any, file: Path, tokens: Sequence[int]) -> None:
    import llama_cpp

    tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    array = (llama_cpp.llama_token * len(tokens))(*tokens)
    if not llama_cpp.llama_state_save_file(llm._ctx.ctx, str(tmp).encode(), array, len(tokens)):
        raise OSError("llama_state_save_file failed")
    os.replace(tmp, file)


def _load_state(llm: Any, file: Path, expected: int) -> list[int]:
    import ctypes

    import llama_cpp

    capacity = expected + 8
    array = (llama_cpp.llama_token * capacity)()
    count = ctypes.c_size_t(0)
    if not llama_cpp.llama_state_load_file(llm._ctx.ctx, str(file).encode(), array, capacity, ctypes.byref(count)):
        llm.reset()
        raise RuntimeError("llama_state_load_file failed")
    tokens = list(array[: count.value])
    llm.input_ids[: len(tokens)] = tokens
    llm.n_tokens = len(tokens)
    llm._requires_eval = True
    return tokens


@contextlib.contextmanager
def _stderr_silenced() -> Iterator[None]:
    """llama.cpp writes notes to file descriptor 2 from C; a person must not see them."""
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _quiet_logs(llama_cpp: Any) -> None:
    """llama.cpp logs to stderr from C; a shell must not show that to a person."""
    try:
        import logging

        import llama_cpp._logger as llama_logger

        llama_logger.logger.setLevel(logging.CRITICAL)
    except ImportError:  # pragma: no cover
        pass
