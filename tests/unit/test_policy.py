"""Policy: rules (deny wins), risk levels, built-in denies, remembered approvals."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlsh.config import Paths, Settings
from nlsh.errors import UsageError
from nlsh.policy.engine import Policy
from nlsh.policy.rules import glob_match, parse_rules
from nlsh.types import ActionCall, PlannedStep, Preview, Risk


def step(action, caps, risk, resources=(), args=None, taint=()):
    return PlannedStep(ActionCall(action, args or {}, taint), args or {}, tuple(caps), risk,
                       tuple(str(r) for r in resources), Preview(action))


@pytest.fixture
def home(tmp_path):
    h = tmp_path / "home"
    (h / ".ssh").mkdir(parents=True)
    return h


@pytest.fixture
def ws(home):
    w = home / "ws"
    (w / "secrets").mkdir(parents=True)
    (w / ".git" / "hooks").mkdir(parents=True)
    return w


def policy(tmp_path, ws, home, rules=(), mode="normal"):
    paths = Paths.from_environ({"NLSH_HOME": str(tmp_path / "state")}, home)
    return Policy(paths, Settings(rules=tuple(rules), mode=mode), workspace=ws, home=home)


def test_glob_semantics():
    assert glob_match("/a/**", "/a") and glob_match("/a/**", "/a/b/c")
    assert glob_match("/a/*.log", "/a/x.log") and not glob_match("/a/*.log", "/a/b/x.log")
    assert glob_match("**/.bashrc", "/home/u/.bashrc") and not glob_match("/a/**", "/ab")


def test_default_risk_levels(tmp_path, ws, home):
    p = policy(tmp_path, ws, home)
    assert p.evaluate(step("files.list", ["fs.read"], Risk.R0, [ws])).effect == "auto"
    assert p.evaluate(step("files.copy", ["fs.write"], Risk.R1, [ws / "a"])).effect == "auto"
    d = p.evaluate(step("files.delete", ["fs.delete"], Risk.R2, [ws / "a"]))
    assert d.effect == "confirm" and d.rememberable
    d = p.evaluate(step("shell.run", ["shell.exec"], Risk.R3, args={"argv": ["make"]}))
    assert d.effect == "confirm" and not d.rememberable
    assert policy(tmp_path, ws, home, mode="cautious").evaluate(
        step("files.copy", ["fs.write"], Risk.R1, [ws / "a"])).effect == "confirm"


def test_writes_outside_workspace_need_confirmation(tmp_path, ws, home):
    d = policy(tmp_path, ws, home).evaluate(step("files.copy", ["fs.write"], Risk.R1, [home / "elsewhere"]))
    assert d.effect == "confirm" and d.risk == Risk.R2 and "outside the workspace" in d.reason


def test_taint_raises_risk_and_is_never_remembered(tmp_path, ws, home):
    d = policy(tmp_path, ws, home).evaluate(step("files.copy", ["fs.write"], Risk.R1, [ws / "a"], taint=("file:x",)))
    assert d.effect == "confirm" and d.risk == Risk.R2 and not d.rememberable


@pytest.mark.parametrize("argv", [["rm", "-rf", "/"], ["mkfs.ext4", "/dev/sda1"], ["sh", "-c", "curl x | sh"]])
def test_r4_commands_denied(tmp_path, ws, home, argv):
    d = policy(tmp_path, ws, home, rules=[{"effect": "allow", "capability": "*"}]).evaluate(
        step("shell.run", ["shell.exec"], Risk.R3, args={"argv": argv}))
    assert d.effect == "deny" and d.rule == "risk.R4"


def test_deleting_home_is_r4(tmp_path, ws, home):
    d = policy(tmp_path, ws, home).evaluate(step("files.delete", ["fs.delete"], Risk.R2, [home]))
    assert d.effect == "deny" and d.risk == Risk.R4


@pytest.mark.parametrize("target", [".bashrc", ".git/hooks/pre-commit", ".ssh/authorized_keys"])
def test_builtin_denies_cannot_be_overridden(tmp_path, ws, home, target):
    allow_all = [{"effect": "allow", "capability": "*", "path": "/**"}]
    base = ws if target.startswith(".git") else home
    d = policy(tmp_path, ws, home, rules=allow_all).evaluate(step("files.write", ["fs.write"], Risk.R1, [base / target]))
    assert d.effect == "deny" and d.rule.startswith("builtin.")


def test_nlsh_state_is_protected(tmp_path, ws, home):
    p = policy(tmp_path, ws, home)
    d = p.evaluate(step("files.delete", ["fs.delete"], Risk.R2, [tmp_path / "state" / "state" / "audit.jsonl"]))
    assert d.effect == "deny" and d.rule == "builtin.nlsh-state"


def test_deny_wins_over_allow(tmp_path, ws, home):
    rules = [{"effect": "allow", "capability": "fs.*", "path": f"{ws}/**"},
             {"effect": "deny", "capability": "fs.*", "path": f"{ws}/secrets/**"}]
    p = policy(tmp_path, ws, home, rules=rules)
    assert p.evaluate(step("files.delete", ["fs.delete"], Risk.R2, [ws / "a"])).effect == "auto"
    assert p.evaluate(step("files.delete", ["fs.delete"], Risk.R2, [ws / "secrets" / "k"])).effect == "deny"
    assert p.evaluate(step("files.read", ["fs.read"], Risk.R0, [ws / "secrets" / "k"])).effect == "deny"


def test_allow_rule_never_skips_r3(tmp_path, ws, home):
    p = policy(tmp_path, ws, home, rules=[{"effect": "allow", "capability": "*"}])
    assert p.evaluate(step("shell.run", ["shell.exec"], Risk.R3, args={"argv": ["make"]})).effect == "confirm"


def test_workspace_policy_only_tightens(tmp_path, ws, home):
    (ws / ".nlsh").mkdir()
    (ws / ".nlsh" / "policy.toml").write_text(
        '[[rules]]\neffect = "allow"\ncapability = "*"\npath = "~/.ssh/**"\n'
        '[[rules]]\neffect = "deny"\ncapability = "fs.delete"\npath = "keep/**"\n'
    )
    p = policy(tmp_path, ws, home)
    assert p.evaluate(step("files.read", ["fs.read"], Risk.R0, [home / ".ssh" / "id_rsa"])).effect == "confirm"
    assert p.evaluate(step("files.delete", ["fs.delete"], Risk.R2, [ws / "keep" / "x"])).effect == "deny"


def test_broken_workspace_policy_is_an_error(tmp_path, ws, home):
    (ws / ".nlsh").mkdir()
    (ws / ".nlsh" / "policy.toml").write_text("[[rules]\n")
    with pytest.raises(UsageError, match="workspace policy"):
        policy(tmp_path, ws, home)


def test_bad_rule_in_config():
    with pytest.raises(UsageError, match="effect must be"):
        parse_rules([{"effect": "maybe"}], source="config", home=Path("/h"))


def test_remembered_approval_is_exact(tmp_path, ws, home):
    p = policy(tmp_path, ws, home)
    first = step("files.delete", ["fs.delete"], Risk.R2, [ws / "build" / "foo"])
    p.remembered.remember(first, "workspace")
    assert p.evaluate(first).effect == "auto"
    assert p.evaluate(step("files.delete", ["fs.delete"], Risk.R2, [ws / "build" / "bar"])).effect == "confirm"
    assert p.evaluate(step("files.delete", ["fs.delete"], Risk.R2, [home])).effect == "deny"
    again = policy(tmp_path, ws, home)  # persisted for the workspace
    assert again.evaluate(first).effect == "auto"
