"""Mail accounts from nlsh's config.toml, validated at the edge.

    [mail]
    default = "work"            # which account to use when none is named
    max_sends = 10              # the send rate limit: at most this many ...
    window_minutes = 10         # ... in this many minutes

    [mail.accounts.work]
    smtp_host = "smtp.example.com"
    smtp_port = 587             # default: 587 starttls, 465 ssl, 25 none
    smtp_tls = "starttls"       # "starttls", "ssl" or "none"
    imap_host = "imap.example.com"
    imap_port = 993             # default: 993 ssl, 143 otherwise
    imap_tls = "ssl"
    user = "me@example.com"     # the login name
    from = "Me <me@example.com>"

Passwords never go here: `nlsh mail login work` puts them in the system keyring.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import nlsh

__all__ = ["Account", "Limits", "find_account", "limits", "load_accounts"]

TLS_MODES = ("starttls", "ssl", "none")
_SMTP_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
_IMAP_PORTS = {"starttls": 143, "ssl": 993, "none": 143}
EXAMPLE = "add [mail.accounts.NAME] with smtp_host, imap_host, user and from to nlsh's config.toml"


@dataclass(frozen=True)
class Account:
    name: str
    user: str
    sender: str
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_tls: str = "starttls"
    imap_host: str = ""
    imap_port: int = 993
    imap_tls: str = "ssl"
    timeout: float = 30.0


@dataclass(frozen=True)
class Limits:
    max_sends: int = 10
    window_minutes: float = 10.0


def _table(settings: Any) -> Mapping[str, Any]:
    extra = getattr(settings, "extra", {}) or {}
    table = extra.get("mail", {}) if isinstance(extra, Mapping) else {}
    if not isinstance(table, Mapping):
        raise nlsh.UsageError("config.toml: [mail] must be a table")
    return table


def _tls(name: str, key: str, value: Any) -> str:
    if value not in TLS_MODES:
        raise nlsh.UsageError(f"config.toml: mail.accounts.{name}.{key} must be one of "
                              f"{', '.join(TLS_MODES)}, not {value!r}")
    return value


def _port(name: str, key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 65536:
        raise nlsh.UsageError(f"config.toml: mail.accounts.{name}.{key} must be a port number, not {value!r}")
    return value


def _account(name: str, raw: Mapping[str, Any]) -> Account:
    if not isinstance(raw, Mapping):
        raise nlsh.UsageError(f"config.toml: mail.accounts.{name} must be a table")
    for secret in ("password", "pass", "secret"):
        if secret in raw:
            raise nlsh.UsageError(f"config.toml: mail.accounts.{name}.{secret}: passwords do not belong in "
                                  f"config files", hint=f"remove it and run: nlsh mail login {name}")
    user = str(raw.get("user", ""))
    sender = str(raw.get("from", user))
    if not user or "@" not in sender:
        raise nlsh.UsageError(f"config.toml: mail.accounts.{name} needs user and from (an address)")
    smtp_tls = _tls(name, "smtp_tls", raw.get("smtp_tls", "starttls"))
    imap_tls = _tls(name, "imap_tls", raw.get("imap_tls", "ssl"))
    return Account(
        name=name, user=user, sender=sender,
        smtp_host=str(raw.get("smtp_host", "")), smtp_tls=smtp_tls,
        smtp_port=_port(name, "smtp_port", raw.get("smtp_port", _SMTP_PORTS[smtp_tls])),
        imap_host=str(raw.get("imap_host", "")), imap_tls=imap_tls,
        imap_port=_port(name, "imap_port", raw.get("imap_port", _IMAP_PORTS[imap_tls])),
        timeout=float(raw.get("timeout", 30.0)),
    )


def load_accounts(settings: Any) -> dict[str, Account]:
    accounts = _table(settings).get("accounts", {})
    if not isinstance(accounts, Mapping):
        raise nlsh.UsageError("config.toml: [mail.accounts] must hold one table per account")
    return {name: _account(name, raw) for name, raw in accounts.items()}


def find_account(settings: Any, name: str | None = None) -> Account:
    """The named account, else [mail] default, else the only one."""
    accounts = load_accounts(settings)
    if not accounts:
        raise nlsh.ActionFailed("no mail account is set up", hint=EXAMPLE)
    wanted = name or _table(settings).get("default")
    if wanted:
        if wanted not in accounts:
            raise nlsh.ActionFailed(f"no mail account named {wanted!r}", hint="accounts: " + ", ".join(accounts))
        return accounts[wanted]
    if len(accounts) > 1:
        raise nlsh.ActionFailed("several mail accounts are set up: say which",
                                hint="accounts: " + ", ".join(accounts) + "; or set [mail] default")
    return next(iter(accounts.values()))


def limits(settings: Any) -> Limits:
    table = _table(settings)
    max_sends = table.get("max_sends", 10)
    window = table.get("window_minutes", 10)
    if isinstance(max_sends, bool) or not isinstance(max_sends, int) or max_sends < 1:
        raise nlsh.UsageError("config.toml: mail.max_sends must be a whole number of at least 1")
    if isinstance(window, bool) or not isinstance(window, (int, float)) or window <= 0:
        raise nlsh.UsageError("config.toml: mail.window_minutes must be a positive number")
    return Limits(max_sends, float(window))
