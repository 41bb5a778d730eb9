"""The action registry: schema from the declaration, loud failures, argument validation."""

from __future__ import annotations

from typing import Literal

import pytest

import nlsh
from nlsh.actions.registry import Registry, build_spec
from nlsh.errors import BadArguments, RegistrationError


@nlsh.action("demo.greet", capabilities=("fs.read",), risk=nlsh.Risk.R0)
def greet(ctx: nlsh.ActionContext, name: str, times: int = 1, tone: Literal["warm", "dry"] = "warm",
          where: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Greet someone.

    Args:
        name: who to greet.
        times: how many times,
            on separate lines.
        tone: how it sounds.
        where: a file to greet from.
    """
    return nlsh.ActionResult(output="\n".join([f"hello {name}"] * times))


def test_schema_comes_from_declaration():
    spec = build_spec(greet, plugin="demo")
    schema = spec.schema()
    assert schema["required"] == ["name"]
    assert schema["properties"]["name"] == {"type": "string", "description": "who to greet."}
    assert schema["properties"]["times"]["type"] == "integer"
    assert schema["properties"]["times"]["description"] == "how many times, on separate lines."
    assert schema["properties"]["tone"]["enum"] == ["warm", "dry"]
    assert schema["properties"]["where"]["x-path"] == "existing"
    assert schema["additionalProperties"] is False
    assert spec.summary == "Greet someone."
    assert spec.risk == nlsh.Risk.R0 and spec.capabilities == ("fs.read",) and spec.plugin == "demo"


def test_undocumented_parameter_fails_loudly():
    @nlsh.action("demo.bad", capabilities=(), risk=nlsh.Risk.R0)
    def bad(ctx, name: str, secret: str) -> nlsh.ActionResult:
        """Do something.

        Args:
            name: documented.
        """

    with pytest.raises(RegistrationError, match="'secret' is not documented"):
        build_spec(bad)


def test_untyped_parameter_and_missing_docstring_fail():
    @nlsh.action("demo.untyped", capabilities=(), risk=nlsh.Risk.R0)
    def untyped(ctx, name) -> nlsh.ActionResult:
        """Do it.

        Args:
            name: documented.
        """

    with pytest.raises(RegistrationError, match="no type annotation"):
        build_spec(untyped)

    @nlsh.action("demo.nodoc", capabilities=(), risk=nlsh.Risk.R0)
    def nodoc(ctx) -> nlsh.ActionResult:
        return nlsh.ActionResult()

    with pytest.raises(RegistrationError, match="no docstring"):
        build_spec(nodoc)


def test_reversible_needs_undo_and_names_are_dotted():
    @nlsh.action("demo.rev", capabilities=(), risk=nlsh.Risk.R1, reversible=True)
    def rev(ctx) -> nlsh.ActionResult:
        """Reversible without undo."""

    with pytest.raises(RegistrationError, match="declares no undo"):
        build_spec(rev)

    @nlsh.action("Bad Name", capabilities=(), risk=nlsh.Risk.R0)
    def named(ctx) -> nlsh.ActionResult:
        """Badly named."""

    with pytest.raises(RegistrationError, match="dotted lower case"):
        build_spec(named)


def test_validate_coerces_and_rejects():
    spec = build_spec(greet)
    assert spec.validate({"name": "bo"}) == {"name": "bo", "times": 1, "tone": "warm", "where": None}
    assert spec.validate({"name": "bo", "times": "3"})["times"] == 3
    with pytest.raises(BadArguments, match="needs name"):
        spec.validate({})
    with pytest.raises(BadArguments, match="has no argument colour"):
        spec.validate({"name": "bo", "colour": "red"})
    with pytest.raises(BadArguments, match="one of warm, dry"):
        spec.validate({"name": "bo", "tone": "loud"})
    with pytest.raises(BadArguments, match="whole number"):
        spec.validate({"name": "bo", "times": True})
    with pytest.raises(BadArguments, match="must be text"):
        spec.validate({"name": 5})


def test_registry_refuses_duplicates():
    reg = Registry()
    reg.add(build_spec(greet, "one"))
    with pytest.raises(RegistrationError, match="already registered by one"):
        reg.add(build_spec(greet, "two"))
    assert "demo.greet" in reg and len(reg) == 1


def test_declared_resources_reach_policy(ctx):
    from nlsh.ground import ground
    from nlsh.types import ActionCall

    @nlsh.action("demo.mail", capabilities=("mail.send",), risk=nlsh.Risk.R3,
                 resources=lambda args: [f"mail:{args['to']}"])
    def mail(ctx: nlsh.ActionContext, to: str) -> nlsh.ActionResult:
        """Send mail.

        Args:
            to: the recipient.
        """

    step = ground(ActionCall("demo.mail", {"to": "bob@example.org"}), build_spec(mail), ctx, source="fastpath")
    assert step.resources == ("mail:bob@example.org",)
