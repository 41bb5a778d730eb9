"""nlsh-mail as a person meets it: installed, `nlsh mail login`, then `nlsh -c` requests against the
real servers, with the keyring a file backend chosen through keyring's own environment variable."""

from __future__ import annotations

import email
import json
import os
import subprocess
import sys
from email.policy import default
from importlib.metadata import entry_points

import pytest

import nlsh_mail.plugin
from nlsh.intent.fastpath import match
from nlsh.plugins import load_catalog

from mailkit import account_config


@pytest.fixture
def cli(user, dovecot, smtp, tmp_path):
    if not any(ep.name == "mail" and ep.value == "nlsh_mail.plugin" for ep in entry_points(group="nlsh")):
        pytest.skip("nlsh-mail is not installed (pip install -e plugins/nlsh-mail)")
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (tmp_path / "home").mkdir()
    config = tmp_path / "nlsh" / "config"
    config.mkdir(parents=True)
    (config / "config.toml").write_text(f"workspace = {str(workspace)!r}\n" + account_config(user, dovecot, smtp))
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path / "home"),
           "NLSH_HOME": str(tmp_path / "nlsh"), "LANG": "C.UTF-8",
           "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring", "XDG_DATA_HOME": str(tmp_path / "xdg")}

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "nlsh", *args], cwd=workspace, env=env, input=stdin,
                              capture_output=True, text=True, timeout=120)

    run.workspace = workspace
    return run


def test_login_then_email_a_file_then_show_unread_mail(cli, user, smtp):
    done = cli("mail", "login", "test", stdin=user.password + "\n")
    assert done.returncode == 0, done.stderr
    assert user.password not in done.stdout + done.stderr
    (cli.workspace / "report.pdf").write_bytes(b"%PDF q3")
    before = len(smtp.received)
    done = cli("-c", "email report.pdf to bob@example.test with subject Q3", "--yes")
    assert done.returncode == 0, done.stderr + done.stdout
    assert len(smtp.received) == before + 1 and smtp.received[-1].rcpt_tos == ["bob@example.test"]
    sent = email.message_from_bytes(smtp.received[-1].content, policy=default)
    assert sent["Subject"] == "Q3" and [p.get_filename() for p in sent.iter_attachments()] == ["report.pdf"]
    done = cli("-c", f"email report.pdf to {user.address} with subject 'to myself'", "--yes")
    assert done.returncode == 0, done.stderr
    done = cli("-c", "show my unread mail", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert "to myself" in result["output"]


def test_without_yes_a_send_is_declined_and_nothing_goes_out(cli, user, smtp):
    assert cli("mail", "login", "test", stdin=user.password + "\n").returncode == 0
    before = len(smtp.received)
    done = cli("-c", f"send an email to {user.address} with subject nope")
    assert done.returncode == 4, done.stderr
    assert len(smtp.received) == before


def test_the_preview_of_a_send_in_dry_run(cli, user, smtp):
    assert cli("mail", "login", "test", stdin=user.password + "\n").returncode == 0
    done = cli("-c", "send an email to new.person@example.test with subject Hi saying 'hello there'", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "NEW: never mailed before" in done.stdout and "| hello there" in done.stdout and "risk R3" in done.stdout


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False, extra=[("mail", nlsh_mail.plugin)])


@pytest.mark.parametrize("text, action, args", [
    ("email report.pdf to bob@example.test with subject Q3",
     "mail.send", {"to": ["bob@example.test"], "subject": "Q3", "attachments": ["report.pdf"]}),
    ("send report.pdf to bob@example.test", "mail.send",
     {"to": ["bob@example.test"], "subject": "report.pdf", "attachments": ["report.pdf"]}),
    ("send an email to a@example.test and b@example.test with subject 'hi all' saying see you",
     "mail.send", {"to": ["a@example.test", "b@example.test"], "subject": "hi all", "body": "see you"}),
    ("show my unread mail", "mail.list", {"unread_only": True}),
    ("check my email", "mail.list", {"unread_only": True}),
    ("show my inbox", "mail.list", {}),
    ("show emails from bob since yesterday", "mail.search", {"sender": "bob", "since": "yesterday"}),
    ("search my mail for 'invoice'", "mail.search", {"subject": "invoice"}),
    ("read message 12", "mail.read", {"uid": 12}),
    ("read the latest email", "mail.read", {}),
    ("save the attachments of message 12 to docs", "mail.save_attachments", {"uid": 12, "destination": "docs"}),
    ("reply to message 12 saying 'thanks!'", "mail.reply", {"uid": 12, "body": "thanks!"}),
    ("move message 12 to Archive", "mail.move", {"uid": 12, "to_folder": "Archive"}),
    ("mark message 12 as unread", "mail.mark_read", {"uid": 12, "unread": True}),
    ("list my mail folders", "mail.folders", {}),
])
def test_phrasings_become_plans(catalog, text, action, args):
    plan = match(text, catalog.patterns)
    assert plan is not None, text
    assert [(c.action, dict(c.args)) for c in plan] == [(action, args)]


def test_examples_name_real_actions_with_valid_arguments(catalog):
    assert "mail" in catalog.commands
    for example in (e for e in catalog.examples if e.plugin == "mail"):
        for step in example.steps:
            catalog.actions.get(step.action).validate(step.args)
