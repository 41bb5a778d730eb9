"""Plugin loading: built-ins register like plugins; a broken plugin is named and skipped."""

from __future__ import annotations

import types

import nlsh
from nlsh.plugins import BUILTIN_PLUGINS, load_catalog


def _module(name: str, **hooks) -> types.ModuleType:
    mod = types.ModuleType(name)
    for key, value in hooks.items():
        setattr(mod, key, value)
    return mod


@nlsh.action("hello.greet", capabilities=(), risk=nlsh.Risk.R0)
def greet(ctx: nlsh.ActionContext, name: str) -> nlsh.ActionResult:
    """Greet someone.

    Args:
        name: who to greet.
    """
    return nlsh.ActionResult(output=f"hello, {name}")


def test_builtins_register_through_hooks():
    catalog = load_catalog(entry_points=False)
    assert not catalog.broken, catalog.broken
    assert set(BUILTIN_PLUGINS) <= set(catalog.plugins)
    names = {spec.name for spec in catalog.actions}
    assert {"files.list", "files.delete", "proc.list", "system.cpu", "shell.run"} <= names
    assert all(spec.plugin in BUILTIN_PLUGINS for spec in catalog.actions)
    assert catalog.patterns and catalog.examples


def test_third_party_plugin_registers_actions_patterns_examples():
    good = _module(
        "hello",
        nlsh_register_actions=nlsh.hookimpl(lambda register: register(greet)),
        nlsh_register_patterns=nlsh.hookimpl(
            lambda register: register(r"greet (\w+)", lambda m: [nlsh.ActionCall("hello.greet", {"name": m[1]})], 5)
        ),
        nlsh_register_examples=nlsh.hookimpl(
            lambda register: register("say hi to bob", [nlsh.ActionCall("hello.greet", {"name": "bob"})])
        ),
    )
    catalog = load_catalog(entry_points=False, extra=[("hello", good)])
    assert catalog.actions.get("hello.greet").plugin == "hello"
    assert any(p.plugin == "hello" and p.priority == 5 for p in catalog.patterns)
    assert any(e.request == "say hi to bob" for e in catalog.examples)


def test_broken_plugins_are_reported_by_name_and_do_not_stop_nlsh():
    def boom(register):
        raise RuntimeError("kaboom")

    def undocumented(register):
        @nlsh.action("broken.thing", capabilities=(), risk=nlsh.Risk.R0)
        def thing(ctx, x: str) -> nlsh.ActionResult:
            """No Args section."""

        register(thing)

    unknown_hook = _module("typo", nlsh_register_actionz=nlsh.hookimpl(lambda register: None))
    catalog = load_catalog(
        entry_points=False,
        extra=[
            ("raises", _module("raises", nlsh_register_actions=nlsh.hookimpl(boom))),
            ("undocumented", _module("undocumented", nlsh_register_actions=nlsh.hookimpl(undocumented))),
            ("typo", unknown_hook),
            ("clash", _module("clash", nlsh_register_actions=nlsh.hookimpl(
                lambda register: register(load_catalog(entry_points=False).actions.get("files.list").func)))),
        ],
    )
    assert "kaboom" in catalog.broken["raises"]
    assert "not documented" in catalog.broken["undocumented"]
    assert "nlsh_register_actionz" in catalog.broken["typo"]
    assert "already registered" in catalog.broken["clash"]
    assert "broken.thing" not in catalog.actions
    assert catalog.actions.get("files.list").plugin == "nlsh.actions.files"
    assert not set(catalog.broken) & set(catalog.plugins)
