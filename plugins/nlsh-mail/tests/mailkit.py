"""Real mail servers for nlsh-mail's tests, on loopback: Dovecot for IMAP, aiosmtpd for SMTP.

Dovecot runs in the foreground (`dovecot -F -c CONF`) from a config written here: a temp mail
root, a passwd-file of users, plaintext logins on a free loopback port. The SMTP server
requires a login, records every message it accepts, and delivers mail for a Dovecot user
straight into that user's Maildir, so a message sent through nlsh can be read back over IMAP.
"""

from __future__ import annotations

import io
import mailbox
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from nlsh.app import open_session
from nlsh.env import Environment
from nlsh.plugins import load_catalog
from nlsh.types import ActionCall, Confirmation, Plan, Request

import nlsh_mail.plugin

IS_ROOT = os.geteuid() == 0
MAIL_UID = 65534 if IS_ROOT else os.getuid()
MAIL_GID = 65534 if IS_ROOT else os.getgid()
DOVECOT = shutil.which("dovecot", path="/usr/sbin:/usr/bin:/sbin:/bin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _chown_tree(path: Path) -> None:
    if not IS_ROOT:
        return
    for root, dirs, files in os.walk(path):
        os.chown(root, MAIL_UID, MAIL_GID)
        for name in files:
            os.chown(os.path.join(root, name), MAIL_UID, MAIL_GID)


POOL = 300  # users made before start: Dovecot notices a changed passwd-file by its mtime, in whole seconds


class Dovecot:
    """A private Dovecot IMAP server with a pool of users ("user1"...), each with an empty Maildir."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="nlsh-dovecot-", dir="/tmp"))
        self.root.chmod(0o755)  # the dropped users must reach their mail and the passwd-file
        self.port = free_port()
        self.passwd = self.root / "passwd"
        self.proc: subprocess.Popen | None = None

    def _config(self) -> str:
        me = pwd.getpwuid(os.getuid()).pw_name
        internal, login = ("dovecot", "dovenull") if IS_ROOT else (me, me)
        return f"""
protocols = imap
listen = 127.0.0.1
base_dir = {self.root}/run
state_dir = {self.root}/state
instance_name = nlsh-test-{self.port}
log_path = {self.root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = 1
mail_location = maildir:{self.root}/mail/%u/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.passwd}
}}
userdb {{
  driver = static
  args = uid={MAIL_UID} gid={MAIL_GID} home={self.root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""

    def start(self) -> "Dovecot":
        for sub in ("run", "state", "mail"):
            (self.root / sub).mkdir()
        _chown_tree(self.root / "mail")
        self.passwd.write_text("".join(f"user{n}:{{PLAIN}}{self.password(f'user{n}')}\n"
                                       for n in range(1, POOL + 1)))
        self.passwd.chmod(0o644)
        conf = self.root / "dovecot.conf"
        conf.write_text(self._config())
        with open(self.root / "stderr.txt", "wb") as stderr:
            self.proc = subprocess.Popen([DOVECOT, "-F", "-c", str(conf)], stdout=subprocess.DEVNULL,
                                         stderr=stderr, start_new_session=True)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return self
            except OSError:
                time.sleep(0.1)
            if self.proc.poll() is not None:
                break
        self.stop()
        raise RuntimeError("dovecot did not start: " + (self.root / "stderr.txt").read_text()[-2000:])

    @staticmethod
    def password(name: str) -> str:
        return f"s3cret-{name}"

    def add_user(self, name: str) -> Path:
        """Give a pool user an empty Maildir (Dovecot would create one; the SMTP side needs it now)."""
        maildir = self.maildir(name)
        maildir.parent.mkdir(parents=True, exist_ok=True)
        mailbox.Maildir(maildir, create=True)
        _chown_tree(self.root / "mail" / name)
        return maildir

    def maildir(self, name: str) -> Path:
        return self.root / "mail" / name / "Maildir"

    def deliver(self, user: str, message: bytes) -> None:
        box = mailbox.Maildir(self.maildir(user), create=False)
        box.add(mailbox.MaildirMessage(message))
        _chown_tree(self.maildir(user))

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes
    login: str


class SmtpServer:
    """aiosmtpd on loopback: logins checked against `users`, messages recorded and delivered."""

    def __init__(self, dovecot: Dovecot) -> None:
        self.dovecot = dovecot
        self.users: dict[str, str] = {}
        self.received: list[Received] = []
        self.port = free_port()
        self.controller = None

    def start(self) -> "SmtpServer":
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        server = self

        def authenticate(smtp, session, envelope, mechanism, auth_data):
            login = auth_data.login.decode()
            ok = server.users.get(login) == auth_data.password.decode()
            return AuthResult(success=ok, handled=False, auth_data=login)

        class Handler:
            async def handle_DATA(self, smtp, session, envelope):
                login = session.auth_data if isinstance(session.auth_data, str) else ""
                server.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content, login))
                for rcpt in envelope.rcpt_tos:
                    local = rcpt.split("@", 1)[0]
                    if local in server.users:
                        server.dovecot.deliver(local, envelope.content)
                return "250 OK"

        class QuietController(Controller):
            def factory(self):
                with warnings.catch_warnings():  # plaintext logins are the point here: loopback, test users
                    warnings.simplefilter("ignore", UserWarning)
                    return super().factory()

        self.controller = QuietController(Handler(), hostname="127.0.0.1", port=self.port,
                                          authenticator=authenticate, auth_required=True, auth_require_tls=False)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()


class Recorder:
    def __init__(self, approve: bool = True) -> None:
        self.approve = approve
        self.asked: list[tuple[str, str, object]] = []

    def confirm(self, step, decision, index, total):
        self.asked.append((step.call.action, str(decision.risk), step.preview))
        return Confirmation(self.approve, "test")


@dataclass
class MailShell:
    """An nlsh Session with nlsh-mail loaded and one account pointing at the test servers."""

    workspace: Path
    nlsh_home: Path
    home: Path
    config: str
    confirmer: Recorder = field(default_factory=Recorder)
    clock: float | None = None

    def session(self):
        (self.nlsh_home / "config").mkdir(parents=True, exist_ok=True)
        (self.nlsh_home / "config" / "config.toml").write_text(
            f"workspace = {str(self.workspace)!r}\n" + self.config)
        env = Environment(stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(), cwd=self.workspace,
                          environ={"NLSH_HOME": str(self.nlsh_home), "HOME": str(self.home),
                                   "PATH": "/usr/bin:/bin"})
        if self.clock is not None:
            env.clock = lambda: self.clock
        catalog = load_catalog(entry_points=False, extra=[("mail", nlsh_mail.plugin)])
        assert "mail" not in catalog.broken, catalog.broken
        return open_session(env, confirmer=self.confirmer, catalog=catalog, model="none")

    def handle(self, line: str, **kwargs):
        return self.session().handle(line, **kwargs)

    def do(self, action: str, **args):
        return self.session().run_plan(Request(action, "request", action), Plan((ActionCall(action, args),),
                                                                                 source="test"))

    def undo(self):
        return self.session().undo()


@dataclass(frozen=True)
class User:
    name: str
    password: str

    @property
    def address(self) -> str:
        return f"{self.name}@example.test"


def account_config(user: User, dovecot: Dovecot, smtp: SmtpServer, extra: str = "") -> str:
    return f"""
[mail]
max_sends = 3
window_minutes = 10
{extra}
[mail.accounts.test]
smtp_host = "127.0.0.1"
smtp_port = {smtp.port}
smtp_tls = "none"
imap_host = "127.0.0.1"
imap_port = {dovecot.port}
imap_tls = "none"
user = "{user.name}"
from = "Test User <{user.address}>"
timeout = 10
"""
