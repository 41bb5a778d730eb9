"""Choosing the backend from the model setting: default, none, a GGUF path, a server URL."""

from __future__ import annotations

import hashlib

import pytest

from nlsh.errors import UsageError
from nlsh.llm import select
from nlsh.llm.openai_compat import OpenAIBackend


@pytest.mark.parametrize("setting", ["none", "NONE", " off "])
def test_none_means_the_fast_path_only(paths, setting):
    assert select.backend_factory(setting, paths) is None
    assert "fast path only" in select.describe_model(setting)


def test_an_empty_setting_means_the_default_model(paths, monkeypatch, tmp_path):
    gguf = tmp_path / "default.gguf"
    gguf.write_bytes(b"GGUF")
    monkeypatch.setattr(select, "_package_dir", lambda package: tmp_path)
    monkeypatch.setattr(select, "default_model_path", lambda p: gguf)
    backend = select.backend_factory("", paths)()
    assert backend.path == gguf and backend.prefix_cache == paths.cache / "kv"


def test_no_default_model_installed_means_no_planner(paths, monkeypatch):
    monkeypatch.setattr(select, "_package_dir", lambda package: None)
    assert select.backend_factory("", paths) is None
    assert "no default model" in select.describe_model("", paths)


def test_a_gguf_path_and_a_missing_one(paths, tmp_path):
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")
    assert select.backend_factory(str(gguf), paths)().path == gguf
    with pytest.raises(UsageError, match="model file not found"):
        select.backend_factory(str(tmp_path / "missing.gguf"), paths)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080", "http://127.0.0.1:8080/", "http://127.0.0.1:8080/v1",
                                 "http://127.0.0.1:8080/v1/chat/completions"])
def test_a_server_url(paths, url):
    backend = select.backend_factory(url, paths)()
    assert isinstance(backend, OpenAIBackend) and backend.base == "http://127.0.0.1:8080"


def test_chunks_are_joined_atomically_and_checked(tmp_path):
    parts = [tmp_path / f"p{i}" for i in range(3)]
    for i, part in enumerate(parts):
        part.write_bytes(bytes([i]) * 1000)
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in parts)).hexdigest()
    target = select._join_chunks(parts, tmp_path / "out" / "m.gguf", digest)
    assert target.read_bytes() == b"".join(p.read_bytes() for p in parts)
    with pytest.raises(UsageError, match="damaged"):
        select._join_chunks(parts, tmp_path / "bad.gguf", "0" * 64)
    assert not (tmp_path / "bad.gguf").exists() and not list(tmp_path.glob(".bad.gguf.*"))
