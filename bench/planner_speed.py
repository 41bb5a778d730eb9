"""How fast does nlsh get from a request to a plan?

    .venv/bin/python bench/planner_speed.py [--model PATH] [--items ../shared/eval/items_dev.jsonl] [--limit N]

Measures, in one process (as the interactive shell runs):
- model load time (GGUF to ready);
- time to plan on the fast path and on the model path: median and 90th percentile over the
  requests of the items file (the fast path over those its patterns take, the model over
  the others);
- generation speed (generated tokens per second of decoding) and the KV prefix reuse
  (share of prompt tokens taken from the cache instead of evaluated);
- the cold start of a new process: evaluating the static prefix vs loading its saved state;
- nlsh's overhead over a bare llama-cpp-python call that evaluates the same prompt (with
  the same cached prefix) and produces the same tokens greedily, without retrieval,
  grammar or validation;
- peak RSS with the model loaded.
Only the request texts of the items file are read (as inputs to time), never its answers.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlsh.config import Paths  # noqa: E402
from nlsh.errors import NlshError  # noqa: E402
from nlsh.intent.fastpath import match  # noqa: E402
from nlsh.intent.planner import ModelPlanner  # noqa: E402
from nlsh.llm.llama import LlamaBackend  # noqa: E402
from nlsh.llm.select import default_model_path  # noqa: E402
from nlsh.plugins import load_catalog  # noqa: E402


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def bare_decode_ms(llm, prompt: list[int], reused: int, output: list[int]) -> float:
    """The same prompt (same cached prefix) and the same tokens, greedily, nothing else."""
    import llama_cpp
    import numpy as np

    n_vocab = llm.n_vocab()
    llm.n_tokens = reused
    started = time.perf_counter()
    llm.eval(prompt[reused:])
    for token in output:
        np.argmax(np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(llm._ctx.ctx, -1), shape=(n_vocab,)))
        llm.eval([token])
    return (time.perf_counter() - started) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="GGUF path (default: the embedded default model)")
    ap.add_argument("--items", default=str(Path(__file__).resolve().parents[2] / "shared/eval/items_dev.jsonl"))
    ap.add_argument("--limit", type=int, default=0, help="at most N model-path requests")
    ap.add_argument("--json", help="also write the figures to this file")
    a = ap.parse_args()

    home = Path(tempfile.mkdtemp(prefix="nlsh-speed-"))
    paths = Paths.from_environ({"NLSH_HOME": str(home)}, home)
    model = Path(a.model) if a.model else default_model_path(paths)
    if model is None:
        sys.exit("no model: give --model PATH or install the default model")
    requests = [json.loads(line)["nl"] for line in open(a.items, encoding="utf-8") if line.strip()]
    catalog = load_catalog()

    fast_ms, model_texts = [], []
    for text in requests:
        started = time.perf_counter()
        calls = match(text, catalog.patterns)
        fast_ms.append((time.perf_counter() - started) * 1000)
        if not calls:
            model_texts.append(text)
    fast_share = 1 - len(model_texts) / len(requests)
    if a.limit:
        model_texts = model_texts[: a.limit]

    backend = LlamaBackend(model, prefix_cache=home / "kv")
    started = time.perf_counter()
    backend.load()
    load_s = time.perf_counter() - started
    planner = ModelPlanner(backend, catalog.actions, catalog.examples)
    llm = backend._llm

    plan_ms, decode_ms, bare_ms, tokens_per_s, reuse, errors = [], [], [], [], [], 0
    for text in model_texts:
        started = time.perf_counter()
        try:
            planner.plan(text)
        except NlshError:
            errors += 1
        elapsed = (time.perf_counter() - started) * 1000
        last = backend.last
        if not last:
            continue
        plan_ms.append(elapsed)
        decode_ms.append(last["total_ms"])
        gen_ms = last["total_ms"] - last["prompt_ms"]
        if last["completion_tokens"] and gen_ms > 0:
            tokens_per_s.append(last["completion_tokens"] / gen_ms * 1000)
        reuse.append(last["reused_tokens"] / last["prompt_tokens"])
        prompt = list(llm.input_ids[: last["prompt_tokens"]])
        output = list(llm.input_ids[last["prompt_tokens"]: llm.n_tokens])
        bare_ms.append(bare_decode_ms(llm, prompt, last["reused_tokens"], output))

    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # one model loaded
    del llm, planner, backend
    cold = LlamaBackend(model, prefix_cache=home / "kv")
    cold.load()
    cold_planner = ModelPlanner(cold, catalog.actions, catalog.examples)
    cold_planner.plan(model_texts[0])
    cold_loaded = dict(cold.last)
    nocache = LlamaBackend(model)
    nocache.load()
    ModelPlanner(nocache, catalog.actions, catalog.examples).plan(model_texts[0])

    overhead = [(p - b) / b for p, b in zip(plan_ms, bare_ms) if b > 0]
    figures = {
        "model": model.name,
        "load_s": round(load_s, 3),
        "requests": len(requests), "fast_path_share": round(fast_share, 3),
        "fast_path_ms_median": round(statistics.median(fast_ms), 3),
        "model_path_requests": len(plan_ms), "model_errors": errors,
        "model_path_ms_median": round(statistics.median(plan_ms), 1),
        "model_path_ms_p90": round(pct(plan_ms, 0.9), 1),
        "decode_ms_median": round(statistics.median(decode_ms), 1),
        "bare_llama_ms_median": round(statistics.median(bare_ms), 1),
        "nlsh_overhead_median": round(statistics.median(overhead), 3),
        "generated_tokens_per_s_median": round(statistics.median(tokens_per_s), 1),
        "prefix_reuse_mean": round(statistics.mean(reuse), 3),
        "cold_first_request_ms_with_saved_prefix": cold_loaded["total_ms"],
        "cold_first_request_ms_without": nocache.last["total_ms"],
        "saved_prefix_loaded": cold_loaded["prefix_loaded"],
        "peak_rss_mb": round(peak_rss_mb, 1),
    }
    for key, value in figures.items():
        print(f"{key:42} {value}")
    if a.json:
        Path(a.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
