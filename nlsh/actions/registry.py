"""Actions: typed functions whose declaration is the single source of their schema.

    @action("files.copy", capabilities=("fs.read", "fs.write"), risk=Risk.R1, reversible=True)
    def copy(ctx: ActionContext, sources: InPaths, destination: OutPath) -> ActionResult:
        '''Copy files or folders.

        Args:
            sources: the files or folders to copy.
            destination: where to put them.
        '''

The JSON schema the planner decodes against, the argument validation, the preview and the
policy inputs (capabilities, risk, reversibility) all come from this declaration.
Registering a function whose parameters are not all typed and documented fails loudly.
"""

from __future__ import annotations

import inspect
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Annotated, Any, Callable, Literal, Mapping

from ..errors import BadArguments, RegistrationError
from ..types import Preview, Risk

__all__ = [
    "ActionSpec",
    "InPath",
    "InPaths",
    "OutPath",
    "Param",
    "PathRole",
    "Registry",
    "action",
]


@dataclass(frozen=True)
class PathRole:
    """Marks a parameter as a path: "existing" must exist, "new" may be created."""

    role: str


InPath = Annotated[str, PathRole("existing")]
OutPath = Annotated[str, PathRole("new")]
InPaths = Annotated[list[str], PathRole("existing")]

_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


@dataclass(frozen=True)
class Param:
    name: str
    schema: Mapping[str, Any]
    description: str
    required: bool
    default: Any = None
    path_role: str = ""

    @property
    def is_list(self) -> bool:
        return self.schema.get("type") == "array"


@dataclass(frozen=True)
class ActionSpec:
    name: str
    func: Callable[..., Any]
    summary: str
    params: tuple[Param, ...]
    capabilities: tuple[str, ...]
    risk: Risk
    reversible: bool
    preview: Callable[..., Preview] | None = None
    undo: Callable[..., Any] | None = None
    plugin: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def schema(self) -> dict[str, Any]:
        """The JSON schema of this action's arguments (what the model decodes against)."""
        props = {}
        for p in self.params:
            prop = dict(p.schema)
            prop["description"] = p.description
            if p.path_role:
                prop["x-path"] = p.path_role
            props[p.name] = prop
        return {
            "type": "object",
            "properties": props,
            "required": [p.name for p in self.params if p.required],
            "additionalProperties": False,
        }

    def validate(self, args: Mapping[str, Any]) -> dict[str, Any]:
        """Check and coerce arguments; fill defaults. Raises BadArguments naming the problem."""
        if not isinstance(args, Mapping):
            raise BadArguments(f"{self.name}: arguments must be an object", action=self.name)
        unknown = sorted(set(args) - {p.name for p in self.params})
        if unknown:
            raise BadArguments(
                f"{self.name} has no argument {', '.join(unknown)}",
                action=self.name,
                hint="arguments: " + ", ".join(p.name for p in self.params),
            )
        out: dict[str, Any] = {}
        for p in self.params:
            if p.name not in args or args[p.name] is None:
                if p.required:
                    raise BadArguments(f"{self.name} needs {p.name}: {p.description}", action=self.name)
                out[p.name] = p.default
                continue
            out[p.name] = _coerce(self.name, p, args[p.name])
        return out


def _coerce(action_name: str, p: Param, value: Any) -> Any:
    def bad(expected: str) -> BadArguments:
        return BadArguments(
            f"{action_name}: {p.name} must be {expected}, not {value!r:.60}", action=action_name
        )

    kind = p.schema.get("type")
    if "enum" in p.schema:
        if value not in p.schema["enum"]:
            raise bad("one of " + ", ".join(map(str, p.schema["enum"])))
        return value
    if kind == "string":
        if not isinstance(value, str):
            raise bad("text")
        return value
    if kind == "boolean":
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
                return int(value)
            raise bad("a whole number")
        return value
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise bad("a number")
        return float(value)
    if kind == "array":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad("a list of text")
        if not value and p.required:
            raise bad("a non-empty list")
        return list(value)
    return value


def action(
    name: str,
    *,
    capabilities: tuple[str, ...] | list[str],
    risk: Risk,
    reversible: bool = False,
    preview: Callable[..., Preview] | None = None,
    undo: Callable[..., Any] | None = None,
    resources: Callable[[dict[str, Any]], list[str]] | None = None,
    **extra: Any,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a function as an action. Cheap: the schema is built when it is registered.

    Path parameters are resources of the step automatically; `resources(args)` adds others
    for policy rules to match, as "host:example.org" or "mail:bob@example.org".
    """
    if resources is not None:
        extra["resources"] = resources

    def mark(func: Callable[..., Any]) -> Callable[..., Any]:
        func.__nlsh_action__ = dict(  # type: ignore[attr-defined]
            name=name,
            capabilities=tuple(capabilities),
            risk=Risk(risk),
            reversible=reversible,
            preview=preview,
            undo=undo,
            extra=extra,
        )
        return func

    return mark


def build_spec(func: Callable[..., Any], plugin: str = "") -> ActionSpec:
    decl = getattr(func, "__nlsh_action__", None)
    where = f"{plugin}: " if plugin else ""
    if decl is None:
        raise RegistrationError(f"{where}{func!r} is not declared with @nlsh.action")
    name = decl["name"]
    if not _NAME.match(name):
        raise RegistrationError(f"{where}action name {name!r} must be dotted lower case, e.g. files.copy")
    if decl["reversible"] and decl["undo"] is None:
        raise RegistrationError(f"{where}{name} is reversible but declares no undo function")
    doc = inspect.getdoc(func) or ""
    summary = doc.strip().splitlines()[0] if doc.strip() else ""
    if not summary:
        raise RegistrationError(f"{where}{name} has no docstring")
    described = _param_docs(doc)
    hints = typing.get_type_hints(func, include_extras=True)
    params = []
    for i, (pname, sig) in enumerate(inspect.signature(func).parameters.items()):
        if i == 0:
            continue  # the ActionContext
        if pname not in hints:
            raise RegistrationError(f"{where}{name}: parameter {pname!r} has no type annotation")
        if not described.get(pname):
            raise RegistrationError(
                f"{where}{name}: parameter {pname!r} is not documented",
                hint="add it under 'Args:' in the docstring",
            )
        schema, role, optional = _schema_for(hints[pname], f"{where}{name}.{pname}")
        required = sig.default is inspect.Parameter.empty
        params.append(
            Param(
                name=pname,
                schema=schema,
                description=described[pname],
                required=required,
                default=None if required else sig.default,
                path_role=role,
            )
        )
    return ActionSpec(
        name=name,
        func=func,
        summary=summary,
        params=tuple(params),
        capabilities=decl["capabilities"],
        risk=decl["risk"],
        reversible=decl["reversible"],
        preview=decl["preview"],
        undo=decl["undo"],
        plugin=plugin,
        extra=decl["extra"],
    )


def _param_docs(doc: str) -> dict[str, str]:
    """Parameter descriptions from a Google-style 'Args:' section or ':param x:' lines."""
    found: dict[str, str] = {}
    for m in re.finditer(r":param\s+(\w+):\s*(.+)", doc):
        found[m.group(1)] = m.group(2).strip()
    section = re.search(r"^(?:Args|Arguments|Parameters):\s*\n((?:[ \t]+.*\n?|\s*\n)+)", doc, re.M)
    if section:
        current = ""
        for line in section.group(1).splitlines():
            m = re.match(r"^\s{2,8}(\w+)(?:\s*\([^)]*\))?:\s*(.*)$", line)
            if m and (not current or len(line) - len(line.lstrip()) <= _indent_of(section.group(1))):
                current = m.group(1)
                found[current] = m.group(2).strip()
            elif current and line.strip():
                found[current] = (found[current] + " " + line.strip()).strip()
    return found


def _indent_of(block: str) -> int:
    for line in block.splitlines():
        if line.strip():
            return len(line) - len(line.lstrip())
    return 0


def _schema_for(hint: Any, where: str) -> tuple[dict[str, Any], str, bool]:
    role = ""
    optional = False
    if typing.get_origin(hint) is Annotated:
        base, *meta = typing.get_args(hint)
        role = next((m.role for m in meta if isinstance(m, PathRole)), "")
        hint = base
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(members) != 1:
            raise RegistrationError(f"{where}: only 'X | None' unions are supported")
        optional = True
        inner, inner_role, _ = _schema_for(members[0], where)
        return inner, role or inner_role, optional
    if origin is Literal:
        values = list(typing.get_args(hint))
        kind = "integer" if all(isinstance(v, int) for v in values) else "string"
        return {"type": kind, "enum": values}, role, optional
    if origin is list:
        (item,) = typing.get_args(hint) or (str,)
        if item is not str:
            raise RegistrationError(f"{where}: only list[str] lists are supported")
        return {"type": "array", "items": {"type": "string"}}, role, optional
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if hint in simple:
        return {"type": simple[hint]}, role, optional
    raise RegistrationError(f"{where}: unsupported parameter type {hint!r}")


class Registry:
    """All registered actions, by name."""

    def __init__(self) -> None:
        self._specs: dict[str, ActionSpec] = {}

    def add(self, spec: ActionSpec) -> ActionSpec:
        if spec.name in self._specs:
            other = self._specs[spec.name].plugin
            raise RegistrationError(f"{spec.plugin}: action {spec.name} is already registered by {other}")
        self._specs[spec.name] = spec
        return spec

    def get(self, name: str) -> ActionSpec | None:
        return self._specs.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def __iter__(self):
        return iter(sorted(self._specs.values(), key=lambda s: s.name))

    def __len__(self) -> int:
        return len(self._specs)
