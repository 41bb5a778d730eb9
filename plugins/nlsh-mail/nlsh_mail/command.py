"""`nlsh mail login ACCOUNT` / `logout ACCOUNT` / `accounts`: the mail password, into the keyring.

The password is read from the terminal without echo (getpass), or as one line from stdin
when stdin is not a terminal (`pass show mail | nlsh mail login work`). It goes straight to
the keyring and is never printed or logged.
"""

from __future__ import annotations

import argparse

import nlsh

from . import passwords
from .accounts import find_account, load_accounts

__all__ = ["HELP", "run"]

HELP = "mail accounts: login ACCOUNT (password into the keyring), logout ACCOUNT, accounts"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nlsh mail", description=HELP)
    sub = p.add_subparsers(dest="what", required=True)
    login = sub.add_parser("login", help="store ACCOUNT's password in the system keyring")
    login.add_argument("account")
    logout = sub.add_parser("logout", help="remove ACCOUNT's password from the keyring")
    logout.add_argument("account")
    sub.add_parser("accounts", help="list the configured accounts and whether a password is stored")
    return p


def _read_password(env: nlsh.Environment, account: str) -> str:
    if env.stdin_isatty:
        import getpass

        return getpass.getpass(f"password for mail account {account}: ", stream=env.stderr)
    return env.stdin.readline().rstrip("\r\n")


def run(env: nlsh.Environment, argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    _, settings = nlsh.paths_and_settings(env)
    try:
        if args.what == "accounts":
            return _accounts(env, settings)
        account = find_account(settings, args.account)
        if args.what == "logout":
            removed = passwords.delete_password(account)
            env.stdout.write(f"removed the password of {account.name}\n" if removed
                             else f"no password was stored for {account.name}\n")
            return 0
        secret = _read_password(env, account.name)
        if not secret:
            env.stderr.write("nlsh mail: no password given; nothing stored\n")
            return 2
        passwords.store_password(account, secret)
    except nlsh.NlshError as exc:
        env.stderr.write(f"nlsh mail: {exc}\n")
        return 1
    env.stdout.write(f"stored the password of {account.name} ({account.user}) in {passwords.backend_name()}\n")
    warning = passwords.plain_file_warning()
    if warning:
        env.stderr.write(warning + "\n")
    return 0


def _accounts(env: nlsh.Environment, settings) -> int:
    accounts = load_accounts(settings)
    if not accounts:
        env.stdout.write("no mail accounts: add [mail.accounts.NAME] to config.toml\n")
        return 0
    for account in accounts.values():
        try:
            stored = "password stored" if passwords.get_password(account) else "no password: nlsh mail login"
        except nlsh.NlshError as exc:
            stored = str(exc)
        env.stdout.write(f"{account.name}  {account.user}  smtp {account.smtp_host}:{account.smtp_port} "
                         f"imap {account.imap_host}:{account.imap_port}  ({stored})\n")
    return 0
