"""Mail passwords live in the system keyring (the `keyring` package), nowhere else.

They are never written to config files, logs, the audit log or action results. When no
keyring backend is available nlsh-mail says how to get one and stops; it never falls back
to storing a password in a file of its own.
"""

from __future__ import annotations

import nlsh

from .accounts import Account

__all__ = ["NO_BACKEND_HINT", "backend_name", "delete_password", "get_password", "require_password",
           "store_password"]

SERVICE = "nlsh-mail"
NO_BACKEND_HINT = ("install a keyring backend: a Secret Service such as gnome-keyring or KeePassXC on a "
                   "desktop, or `pip install keyrings.alt` (a file-based keyring) on a server")


def _service(account: Account) -> str:
    return f"{SERVICE}:{account.name}"


def _keyring():
    import keyring
    import keyring.errors

    return keyring, keyring.errors


def backend_name() -> str:
    """Which keyring backend holds the passwords, e.g. SecretService Keyring; "" when there is none."""
    keyring, _ = _keyring()
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if name.startswith("keyring.backends.fail") or getattr(backend, "priority", 1) <= 0:
        return ""
    return name


def plain_file_warning() -> str:
    """A warning when the active backend keeps passwords merely obfuscated in a file."""
    name = backend_name()
    if "Plaintext" in name:
        return (f"note: {name} keeps passwords in a file readable by your user, not encrypted; "
                "a Secret Service keyring or keyrings.alt's EncryptedKeyring is safer")
    return ""


def get_password(account: Account) -> str | None:
    keyring, errors = _keyring()
    try:
        return keyring.get_password(_service(account), account.user)
    except errors.NoKeyringError:
        raise nlsh.ActionFailed("no keyring is available to hold the mail password", hint=NO_BACKEND_HINT) from None
    except errors.KeyringError as exc:
        raise nlsh.ActionFailed(f"the keyring could not be read: {type(exc).__name__}") from None


def require_password(account: Account) -> str:
    found = get_password(account)
    if not found:
        raise nlsh.ActionFailed(f"no password for mail account {account.name} in the keyring",
                                hint=f"run: nlsh mail login {account.name}")
    return found


def store_password(account: Account, password: str) -> None:
    keyring, errors = _keyring()
    if not backend_name():
        raise nlsh.ActionFailed("no keyring is available to hold the mail password", hint=NO_BACKEND_HINT)
    try:
        keyring.set_password(_service(account), account.user, password)
    except errors.NoKeyringError:
        raise nlsh.ActionFailed("no keyring is available to hold the mail password", hint=NO_BACKEND_HINT) from None
    except errors.KeyringError as exc:
        raise nlsh.ActionFailed(f"the keyring refused the password: {type(exc).__name__}") from None


def delete_password(account: Account) -> bool:
    keyring, errors = _keyring()
    try:
        keyring.delete_password(_service(account), account.user)
    except errors.PasswordDeleteError:
        return False
    except errors.NoKeyringError:
        raise nlsh.ActionFailed("no keyring is available", hint=NO_BACKEND_HINT) from None
    return True
