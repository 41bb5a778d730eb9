"""The one PluginManager, and the Catalog of everything plugins registered.

Built-in actions and patterns are plugins like any other: they are registered through
the hooks in hookspecs.py. Third-party plugins come from entry points in group ``nlsh``.
A plugin that fails to import, implements an unknown hook, or raises while registering is
recorded in ``Catalog.broken`` with its name and the reason, and nlsh goes on without it.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import pluggy

from . import hookspecs
from .actions.registry import Registry, build_spec
from .errors import RegistrationError
from .types import ActionCall

__all__ = ["BUILTIN_PLUGINS", "Catalog", "Command", "Example", "Pattern", "hookimpl", "load_catalog"]

hookimpl = pluggy.HookimplMarker("nlsh")

BUILTIN_PLUGINS = (
    "nlsh.actions.files",
    "nlsh.actions.fileops",
    "nlsh.actions.archive",
    "nlsh.actions.permissions",
    "nlsh.actions.textedit",
    "nlsh.actions.processes",
    "nlsh.actions.system",
    "nlsh.actions.shell",
    "nlsh.intent.patterns",
    "nlsh.intent.examples",
    "nlsh.intent.examples_extra",
    "nlsh.services.actions",
)


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]
    build: Callable[[re.Match[str]], list[ActionCall] | None]
    priority: int = 0
    plugin: str = ""


@dataclass(frozen=True)
class Example:
    request: str
    steps: tuple[ActionCall, ...]
    plugin: str = ""


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[..., int]
    plugin: str = ""


@dataclass
class Catalog:
    actions: Registry = field(default_factory=Registry)
    patterns: list[Pattern] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    commands: dict[str, Command] = field(default_factory=dict)
    plugins: list[str] = field(default_factory=list)
    broken: dict[str, str] = field(default_factory=dict)


def _entry_point_plugins(disabled: Iterable[str]) -> list[tuple[str, Callable[[], Any]]]:
    """Entry points in group ``nlsh``, read straight from the installed dist-info folders.

    importlib.metadata would do the same, but importing it (and the email package it pulls
    in) costs more than the whole fast-path request; this reads only entry_points.txt.
    """
    found: dict[str, str] = {}
    for base in sys.path:
        try:
            names = os.listdir(base or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                for ep_name, target in _nlsh_entries(os.path.join(base, name, "entry_points.txt")):
                    found.setdefault(ep_name, target)
    return [(name, lambda target=target: _load(target)) for name, target in found.items() if name not in disabled]


def _nlsh_entries(path: str) -> list[tuple[str, str]]:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError:
        return []
    entries, section = [], ""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line.strip("[]").strip()
        elif section == "nlsh" and "=" in line and not line.startswith(("#", ";")):
            name, _, target = line.partition("=")
            entries.append((name.strip(), target.strip()))
    return entries


def _load(target: str) -> Any:
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name.strip())
    for part in filter(None, attr.strip().split(".")):
        module = getattr(module, part)
    return module


def load_catalog(
    *,
    disabled: Iterable[str] = (),
    extra: Iterable[tuple[str, Any]] = (),
    entry_points: bool = True,
) -> Catalog:
    """Register the built-ins, the installed plugins and `extra` (name, module) pairs."""
    disabled = set(disabled)
    pm = pluggy.PluginManager("nlsh")
    pm.add_hookspecs(hookspecs)
    catalog = Catalog()

    sources: list[tuple[str, Callable[[], Any]]] = [
        (name, lambda name=name: importlib.import_module(name)) for name in BUILTIN_PLUGINS
    ]
    if entry_points:
        sources += _entry_point_plugins(disabled)
    sources += [(name, lambda module=module: module) for name, module in extra]

    for name, load in sources:
        try:
            pm.register(load(), name=name)
            pm.check_pending()
        except Exception as exc:  # a broken plugin must not take nlsh down
            if pm.has_plugin(name):
                pm.unregister(name=name)
            catalog.broken[name] = _reason(exc)
            continue
        catalog.plugins.append(name)

    _collect(pm, "nlsh_register_actions", catalog, _add_actions)
    _collect(pm, "nlsh_register_patterns", catalog, _add_patterns)
    _collect(pm, "nlsh_register_examples", catalog, _add_examples)
    _collect(pm, "nlsh_register_commands", catalog, _add_commands)
    catalog.patterns.sort(key=lambda p: -p.priority)
    return catalog


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if isinstance(exc, RegistrationError) else f"{type(exc).__name__}: {text}"


def _collect(pm: pluggy.PluginManager, hook: str, catalog: Catalog, add: Callable[..., None]) -> None:
    """Call one hook plugin by plugin, so that one plugin's failure leaves the others."""
    for impl in getattr(pm.hook, hook).get_hookimpls():
        plugin = impl.plugin_name
        if plugin in catalog.broken:
            continue
        staged: list[tuple] = []
        try:
            impl.function(register=lambda *a, **kw: staged.append((a, kw)))
            add(catalog, plugin, staged)
        except Exception as exc:
            catalog.broken[plugin] = _reason(exc)
            if plugin in catalog.plugins:
                catalog.plugins.remove(plugin)


def _add_actions(catalog: Catalog, plugin: str, staged: list[tuple]) -> None:
    specs = [build_spec(*a, plugin=plugin, **kw) for a, kw in staged]
    for spec in specs:
        if spec.name in catalog.actions:
            raise RegistrationError(f"action {spec.name} is already registered")
    for spec in specs:
        catalog.actions.add(spec)


def _add_patterns(catalog: Catalog, plugin: str, staged: list[tuple]) -> None:
    for args, kw in staged:
        regex, build, *rest = args
        priority = kw.get("priority", rest[0] if rest else 0)
        compiled = regex if isinstance(regex, re.Pattern) else re.compile(regex, re.I)
        catalog.patterns.append(Pattern(compiled, build, int(priority), plugin))


def _add_examples(catalog: Catalog, plugin: str, staged: list[tuple]) -> None:
    for args, kw in staged:
        request, steps = (list(args) + [kw.get("request"), kw.get("steps")])[:2]
        if not isinstance(request, str) or not steps:
            raise RegistrationError(f"example {request!r} needs a request and at least one step")
        catalog.examples.append(Example(request, tuple(steps), plugin))


def _add_commands(catalog: Catalog, plugin: str, staged: list[tuple]) -> None:
    for args, kw in staged:
        name, help_text, run = (list(args) + [kw.get("name"), kw.get("help"), kw.get("run")])[:3]
        if name in catalog.commands:
            raise RegistrationError(f"command {name!r} is already registered")
        catalog.commands[name] = Command(name, help_text, run, plugin)
