"""Allow / ask / deny rules, matched on capability and resource globs.

Rules are checked deny -> ask -> allow; within each effect the first match wins. Paths are
resolved before matching. Some denies are built in and cannot be overridden by any config:
secrets, shell start-up files, git hooks, and nlsh's own config, audit and trash.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..errors import UsageError

__all__ = ["Rule", "RuleSet", "builtin_denies", "glob_match", "parse_rules", "secret_globs"]

EFFECTS = ("deny", "ask", "allow")
WRITE_CAPS = ("fs.write", "fs.delete")

SHELL_RC = (
    ".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile", ".zshrc",
    ".zprofile", ".zshenv", ".zlogin", ".kshrc", ".cshrc", ".tcshrc", ".inputrc",
)


@dataclass(frozen=True)
class Rule:
    """One rule. `resource` is a glob over resolved paths (or pid:/host:/mail: resources)."""

    effect: str
    capability: str = "*"
    resource: str = "*"
    name: str = ""
    source: str = "config"
    action: str = "*"
    exact: tuple[str, ...] = ()

    def covers_capability(self, capability: str) -> bool:
        return fnmatch.fnmatchcase(capability, self.capability)

    def covers_resource(self, resource: str) -> bool:
        if self.exact:
            return resource in self.exact
        return self.resource == "*" or glob_match(self.resource, resource)

    def label(self) -> str:
        return self.name or f"{self.source}:{self.effect} {self.capability} {self.resource}"


@lru_cache(maxsize=512)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("/**", i) and (i + 3 == len(pattern) or pattern[i + 3] == "/"):
            out.append("(?:/.*)?")  # "a/**" matches a itself and everything beneath
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(c))
            i += 1
    return re.compile("".join(out) + r"\Z", re.S)


def glob_match(pattern: str, value: str) -> bool:
    """Glob with ** across directories; "dir/**" also matches dir itself."""
    return _glob_regex(pattern).match(value) is not None


def _expand(resource: str, home: Path, base: Path | None) -> str:
    if resource.startswith("~"):
        resource = str(home) + resource[1:]
    elif base is not None and not resource.startswith(("/", "*", "pid:", "host:", "mail:")):
        resource = str(base / resource)
    return resource


def parse_rules(
    raw: Iterable[Mapping[str, Any]], *, source: str, home: Path, base: Path | None = None
) -> tuple[Rule, ...]:
    """Rules from config tables: {effect, capability, path|host|recipient|resource}."""
    rules = []
    for i, table in enumerate(raw, 1):
        effect = table.get("effect")
        if effect not in EFFECTS:
            raise UsageError(f"{source} rule {i}: effect must be allow, ask or deny, not {effect!r}")
        resource = "*"
        for key, prefix in (("path", ""), ("host", "host:"), ("recipient", "mail:"), ("resource", "")):
            if key in table:
                resource = prefix + _expand(str(table[key]), home, base)
        rules.append(
            Rule(effect, str(table.get("capability", "*")), resource, str(table.get("name", "")), source)
        )
    return tuple(rules)


def secret_globs(home: Path) -> tuple[str, ...]:
    """Where secrets live: touching them is R3, writing them is denied."""
    h = str(home)
    return (
        f"{h}/.ssh/**", f"{h}/.gnupg/**", f"{h}/.aws/**", f"{h}/.netrc",
        f"{h}/.config/gh/**", f"{h}/.docker/config.json", f"{h}/.kube/**",
        f"{h}/.password-store/**", f"{h}/.local/share/keyrings/**", "/etc/shadow", "/etc/gshadow",
    )


def builtin_denies(home: Path, protected: Sequence[Path]) -> tuple[Rule, ...]:
    """The denies no config can lift."""
    rules = []
    for cap in WRITE_CAPS:
        for glob in secret_globs(home):
            rules.append(Rule("deny", cap, glob, "builtin.secrets", "builtin"))
        for rc in SHELL_RC:
            rules.append(Rule("deny", cap, f"**/{rc}", "builtin.shell-rc", "builtin"))
        rules.append(Rule("deny", cap, f"{home}/.config/fish/**", "builtin.shell-rc", "builtin"))
        rules.append(Rule("deny", cap, "**/.git/hooks/**", "builtin.git-hooks", "builtin"))
        for path in protected:
            rules.append(Rule("deny", cap, f"{path}/**", "builtin.nlsh-state", "builtin"))
    return tuple(rules)


@dataclass(frozen=True)
class RuleSet:
    """Built-in denies, then configured and remembered rules, in order."""

    builtin: tuple[Rule, ...]
    configured: tuple[Rule, ...] = ()

    def with_rules(self, extra: Sequence[Rule]) -> "RuleSet":
        return RuleSet(self.builtin, self.configured + tuple(extra))

    def first(
        self, effect: str, capabilities: Sequence[str], resources: Sequence[str], action: str = ""
    ) -> Rule | None:
        """The first rule of `effect` matching; allow rules must cover every resource."""
        pool = self.builtin + self.configured if effect == "deny" else self.configured
        for rule in pool:
            if rule.effect != effect or not any(rule.covers_capability(c) for c in capabilities):
                continue
            if rule.action != "*" and rule.action != action:
                continue
            if not resources:
                if rule.resource == "*":
                    return rule
                continue
            hits = [rule.covers_resource(r) for r in resources]
            if (all(hits) if effect == "allow" else any(hits)):
                return rule
        return None
