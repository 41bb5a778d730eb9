"""Sending through a real SMTP server (aiosmtpd, login required) and reading it back over real IMAP."""

from __future__ import annotations

import email
import io
from email.policy import default

import keyring
import pytest
from keyring.backends import fail

from nlsh.env import Environment
from nlsh.types import ExitStatus
from nlsh_mail import command


def last_message(smtp):
    return email.message_from_bytes(smtp.received[-1].content, policy=default)


def test_send_with_an_attachment_arrives_with_the_right_headers_and_reads_back(mail, smtp, user, workspace):
    (workspace / "report.pdf").write_bytes(b"%PDF-1.4 quarterly numbers\x00\x01")
    before = len(smtp.received)
    turn = mail.handle(f"email report.pdf to {user.address} with subject Q3")
    assert turn.status == ExitStatus.OK, turn.message
    assert len(smtp.received) == before + 1
    got = smtp.received[-1]
    assert got.rcpt_tos == [user.address] and got.mail_from == user.address and got.login == user.name
    msg = last_message(smtp)
    assert msg["Subject"] == "Q3" and msg["To"] == user.address and msg["From"] == f"Test User <{user.address}>"
    assert msg["Message-ID"] and msg["Date"]
    (part,) = list(msg.iter_attachments())
    assert part.get_filename() == "report.pdf" and part.get_content_type() == "application/pdf"
    assert part.get_payload(decode=True) == b"%PDF-1.4 quarterly numbers\x00\x01"
    unread = mail.handle("show my unread mail")
    assert unread.status == ExitStatus.OK, unread.message
    (listed,) = unread.outcomes[0].data["messages"]
    assert listed["subject"] == "Q3" and not listed["seen"]
    read = mail.do("mail.read", uid=listed["uid"])
    assert read.outcomes[0].data["attachments"] == [{"name": "report.pdf", "size": 28}]
    assert read.outcomes[0].data["taint"] == "mail"


def test_send_is_r3_and_its_preview_shows_everything_with_new_recipients_flagged(mail, smtp, user, workspace):
    (workspace / "notes.txt").write_text("n" * 2048)
    body = "Hello,\nthe numbers are attached.\nBye"
    args = dict(to=[user.address], cc=["carol@example.test"], subject="Numbers", body=body, attachments=["notes.txt"])
    assert mail.do("mail.send", **args).status == ExitStatus.OK
    action, risk, preview = mail.confirmer.asked[-1]
    assert (action, risk) == ("mail.send", "R3")
    details = "\n".join(preview.details)
    assert f"to: {user.address}  [!] NEW: never mailed before" in details
    assert "cc: carol@example.test  [!] NEW" in details
    assert "subject: Numbers" in details and "attachment: notes.txt (2.0 KiB)" in details
    assert "  | the numbers are attached." in details and "(2 new recipients)" in preview.summary
    assert preview.bytes == 2048 and not preview.reversible
    assert mail.do("mail.send", **args).status == ExitStatus.OK
    again = "\n".join(mail.confirmer.asked[-1][2].details)
    assert "NEW" not in again and "rate limit: 2 of 3 sends left" in again
    assert sorted(smtp.received[-1].rcpt_tos) == sorted([user.address, "carol@example.test"])


def test_a_declined_send_sends_nothing(mail, smtp, user):
    mail.confirmer.approve = False
    before = len(smtp.received)
    turn = mail.handle(f"send an email to {user.address} with subject hi saying hello")
    assert turn.status == ExitStatus.DECLINED
    assert len(smtp.received) == before


def test_the_rate_limit_stops_the_fourth_send_in_ten_minutes(mail, smtp, user):
    mail.clock = 1_000_000.0
    for i in range(3):
        assert mail.do("mail.send", to=[user.address], subject=f"n{i}").status == ExitStatus.OK
    before = len(smtp.received)
    turn = mail.do("mail.send", to=[user.address], subject="one too many")
    assert turn.status == ExitStatus.FAILED and "rate limit" in turn.message
    assert len(smtp.received) == before
    mail.clock += 601
    assert mail.do("mail.send", to=[user.address], subject="later").status == ExitStatus.OK


@pytest.mark.parametrize("args, problem", [
    (dict(to=["bob@example.test"], subject="two\nlines"), "one line"),
    (dict(to=["bob@example.test\nBcc: eve@example.test"], subject="x"), "not an email address"),
    (dict(to=["not-an-address"], subject="x"), "not an email address"),
    (dict(to=[], subject="x"), "to must be a non-empty list"),
    (dict(to=["", " "], subject="x"), "who the mail goes to"),
    (dict(to=[f"u{i}@example.test" for i in range(51)], subject="x"), "bulk"),
])
def test_bad_sends_are_refused_before_anything_goes_out(mail, smtp, args, problem):
    before = len(smtp.received)
    turn = mail.do("mail.send", **args)
    assert turn.status == ExitStatus.FAILED and problem in turn.message
    assert len(smtp.received) == before


def test_a_missing_attachment_is_caught_while_grounding(mail, smtp, user):
    turn = mail.handle(f"email nothere.pdf to {user.address} with subject Q3")
    assert turn.status == ExitStatus.FAILED and "no such file" in turn.message


def test_a_wrong_password_and_a_missing_one_say_what_to_do(mail, user, file_keyring):
    file_keyring.set_password("nlsh-mail:test", user.name, "wrong")
    turn = mail.do("mail.send", to=[user.address], subject="x")
    assert turn.status == ExitStatus.FAILED and "refused the login" in turn.message
    assert "nlsh mail login test" in turn.message
    listing = mail.handle("show my unread mail")
    assert listing.status == ExitStatus.FAILED and "refused the login" in listing.message
    file_keyring.delete_password("nlsh-mail:test", user.name)
    turn = mail.do("mail.send", to=[user.address], subject="x")
    assert "no password for mail account test" in turn.message and "nlsh mail login test" in turn.message


def test_without_a_keyring_backend_it_says_how_to_get_one(mail, user):
    keyring.set_keyring(fail.Keyring())  # the file_keyring fixture restores the previous one
    turn = mail.do("mail.send", to=[user.address], subject="x")
    assert turn.status == ExitStatus.FAILED
    assert "no keyring is available" in turn.message and "keyrings.alt" in turn.message
    env = Environment(stdin=io.StringIO("pw\n"), stdout=io.StringIO(), stderr=io.StringIO(), cwd=mail.workspace,
                      environ={"NLSH_HOME": str(mail.nlsh_home), "HOME": str(mail.home)})
    assert command.run(env, ["login", "test"]) == 1
    assert "keyrings.alt" in env.stderr.getvalue()


def test_login_stores_the_password_in_the_keyring_and_never_prints_it(mail, user, file_keyring, smtp):
    file_keyring.delete_password("nlsh-mail:test", user.name)
    env = Environment(stdin=io.StringIO(user.password + "\n"), stdout=io.StringIO(), stderr=io.StringIO(),
                      cwd=mail.workspace, environ={"NLSH_HOME": str(mail.nlsh_home), "HOME": str(mail.home)})
    assert command.run(env, ["login", "test"]) == 0
    assert file_keyring.get_password("nlsh-mail:test", user.name) == user.password
    out = env.stdout.getvalue() + env.stderr.getvalue()
    assert "stored the password of test" in out and "PlaintextKeyring" in out and "not encrypted" in out
    assert user.password not in out
    assert mail.do("mail.send", to=[user.address], subject="after login").status == ExitStatus.OK
    for path in mail.nlsh_home.rglob("*"):
        if path.is_file():
            assert user.password not in path.read_text(errors="replace"), path
    assert command.run(env, ["accounts"]) == 0 and "password stored" in env.stdout.getvalue()
    assert command.run(env, ["logout", "test"]) == 0
    assert file_keyring.get_password("nlsh-mail:test", user.name) is None


def test_a_password_in_the_config_file_is_refused(mail):
    mail.config += 'password = "hunter2"\n'
    turn = mail.handle("show my unread mail")
    assert turn.status != ExitStatus.OK and "passwords do not belong in config files" in turn.message
