"""Fixtures for nlsh-mail's tests: real servers (mailkit.py), a real file keyring in a temp dir."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from mailkit import DOVECOT, POOL, Dovecot, MailShell, SmtpServer, User, account_config

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def dovecot():
    if DOVECOT is None:
        pytest.skip("Dovecot is not installed (apt-get install dovecot-imapd)")
    server = Dovecot().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def smtp(dovecot):
    server = SmtpServer(dovecot).start()
    yield server
    server.stop()


@pytest.fixture
def file_keyring(tmp_path: Path):
    """keyrings.alt's file backend, its file in a temp dir, as the active keyring."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring" / "keyring_pass.cfg")
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def user(dovecot, smtp) -> User:
    number = next(_numbers)
    assert number <= POOL, "more tests than pooled mail users: raise mailkit.POOL"
    name = f"user{number}"
    found = User(name, dovecot.password(name))
    dovecot.add_user(found.name)
    smtp.users[found.name] = found.password
    return found


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    return ws


@pytest.fixture
def mail(user, dovecot, smtp, file_keyring, workspace, tmp_path) -> MailShell:
    """A session whose account 'test' is `user`, the password already in the keyring."""
    from nlsh_mail.accounts import find_account
    from nlsh_mail.passwords import store_password

    shell = MailShell(workspace, tmp_path / "nlsh-home", tmp_path / "home", account_config(user, dovecot, smtp))
    (tmp_path / "home").mkdir()
    store_password(find_account(shell.session().settings, "test"), user.password)
    return shell
