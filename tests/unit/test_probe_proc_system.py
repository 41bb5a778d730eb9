"""Probe of processes and system facts with fresh phrasings (round 3).

Requests written the way different people type them (terse, formal "Display ...", man-page
"Prints ...", chatty, the classic command itself), with the plan each must give; requests
that must pass to the model (no program named, a git word after "which", a file rather
than a program); and the actions added for them: system.which, system.date's zone and
formats, system.env with no name (every variable, secrets hidden).
"""

from __future__ import annotations

import os
import stat
import time

import pytest

from nlsh.actions import system
from nlsh.actions._proctable import forest, table
from nlsh.errors import ActionFailed
from nlsh.intent.fastpath import match
from nlsh.plugins import load_catalog
from nlsh.types import ActionCall


def C(action: str, **args) -> ActionCall:
    return ActionCall(action, args)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False)


PROBE: list[tuple[str, list[ActionCall]]] = [
    ('show all running processes', [C('proc.list')]),
    ('ps aux', [C('proc.list', command=True)]),
    ('list every process on the system', [C('proc.list')]),
    ('Display all processes with their full command lines', [C('proc.list', command=True)]),
    ('Lists the processes owned by the user www-data', [C('proc.list', user='www-data')]),
    ('show processes for user postgres', [C('proc.list', user='postgres')]),
    ('what is root running right now', [C('proc.list', user='root')]),
    ('top 5 processes by memory', [C('proc.list', sort='memory', limit=5)]),
    ('Show the 10 processes using the most CPU', [C('proc.list', limit=10)]),
    ('which processes use the most ram', [C('proc.list', sort='memory')]),
    ('sort processes by memory usage', [C('proc.list', sort='memory')]),
    ('list processes sorted by pid', [C('proc.list', sort='pid')]),
    ("what's hogging my cpu", [C('proc.list')]),
    ('give me the 3 most memory-hungry processes', [C('proc.list', sort='memory', limit=3)]),
    ('list all python processes', [C('proc.find', name='python')]),
    ('show me every process named nginx', [C('proc.list', name='nginx')]),
    ('procs matching java', [C('proc.list', name='java')]),
    ('show the node processes with their command lines', [C('proc.list', name='node', command=True)]),
    ('are there any ruby processes running', [C('proc.find', name='ruby')]),
    ('is postgres running', [C('proc.find', name='postgres')]),
    ('check whether redis-server is running', [C('proc.find', name='redis-server')]),
    ('is there a sshd process', [C('proc.find', name='sshd')]),
    ('find the process called firefox', [C('proc.find', name='firefox')]),
    ('pgrep nginx', [C('proc.pids', name='nginx')]),
    ('pidof sshd', [C('proc.pids', name='sshd')]),
    ('pgrep -f server.py', [C('proc.pids', name='server.py', full=True)]),
    ('pgrep -n bash', [C('proc.pids', name='bash', pick='newest')]),
    ('get the pid of firefox', [C('proc.pids', name='firefox')]),
    ("what's the pid of the newest chrome process", [C('proc.pids', name='chrome', pick='newest')]),
    ('Prints the PIDs of all processes named httpd', [C('proc.pids', name='httpd')]),
    ('pids of processes whose command line contains manage.py', [C('proc.pids', name='manage.py', full=True)]),
    ('the oldest sshd process', [C('proc.pids', name='sshd', pick='oldest')]),
    ('give me the process id of the most recently started python process',
     [C('proc.pids', name='python', pick='newest')]),
    ('pids of processes owned by alice', [C('proc.pids', user='alice')]),
    ('which process is listening on port 8080', [C('proc.find', port=8080)]),
    ("what's running on port 3000", [C('proc.find', port=3000)]),
    ('who is using port 5432', [C('proc.find', port=5432)]),
    ('is port 80 in use', [C('proc.find', port=80)]),
    ('pid of the process on port 8000', [C('proc.pids', port=8000)]),
    ('Find the process bound to tcp port 443', [C('proc.find', port=443)]),
    ('show the details of process 1234', [C('proc.info', pid=1234)]),
    ('tell me about pid 4321', [C('proc.info', pid=4321)]),
    ('what is the command line of process 777', [C('proc.info', pid=777)]),
    ('when did process 999 start', [C('proc.info', pid=999)]),
    ('how much memory is process 555 using', [C('proc.info', pid=555)]),
    ('what is the parent of pid 321', [C('proc.info', pid=321)]),
    ('info on process 42', [C('proc.info', pid=42)]),
    ('kill 1234', [C('proc.signal', pid=1234)]),
    ('kill -9 4567', [C('proc.signal', pid=4567, signal='KILL')]),
    ('kill process 890', [C('proc.signal', pid=890)]),
    ('terminate the process with pid 2345', [C('proc.signal', pid=2345)]),
    ('force kill 6789', [C('proc.signal', pid=6789, signal='KILL')]),
    ('kill all firefox processes', [C('proc.signal', name='firefox')]),
    ('killall node', [C('proc.signal', name='node')]),
    ('pkill -f "python app.py"', [C('proc.signal', name='python app.py', full=True)]),
    ('Terminates every process named chrome', [C('proc.signal', name='chrome')]),
    ('kill every process whose command line contains worker.js', [C('proc.signal', name='worker.js', full=True)]),
    ('forcefully kill all java processes', [C('proc.signal', name='java', signal='KILL')]),
    ('gracefully stop the nginx processes', [C('proc.signal', name='nginx')]),
    ('send SIGHUP to process 100', [C('proc.signal', pid=100, signal='HUP')]),
    ('send a hangup signal to nginx', [C('proc.signal', name='nginx', signal='HUP')]),
    ('send SIGUSR1 to pid 300', [C('proc.signal', pid=300, signal='USR1')]),
    ('pause process 555', [C('proc.signal', pid=555, signal='STOP')]),
    ('suspend pid 666', [C('proc.signal', pid=666, signal='STOP')]),
    ('resume process 555', [C('proc.signal', pid=555, signal='CONT')]),
    ('continue the process 777', [C('proc.signal', pid=777, signal='CONT')]),
    ('kill -STOP 888', [C('proc.signal', pid=888, signal='STOP')]),
    ('kill -CONT 888', [C('proc.signal', pid=888, signal='CONT')]),
    ('sigterm 1212', [C('proc.signal', pid=1212)]),
    ('interrupt process 1313', [C('proc.signal', pid=1313, signal='INT')]),
    ('kill 100, 200 and 300', [C('proc.signal', pid=100), C('proc.signal', pid=200), C('proc.signal', pid=300)]),
    ('stop process 4444', [C('proc.signal', pid=4444)]),
    ('end task 5555', [C('proc.signal', pid=5555)]),
    ('kill -HUP 1', [C('proc.signal', pid=1, signal='HUP')]),
    ('disk space', [C('system.disks')]),
    ('df -h', [C('system.disks')]),
    ('how much free disk space do i have', [C('system.disks')]),
    ('show disk usage for /home', [C('files.disk_usage', path='/home')]),
    ('how full is the disk mounted at /var', [C('system.disks', path='/var')]),
    ('free space on /', [C('system.disks', path='/')]),
    ('Displays free and used space on every mounted filesystem', [C('system.disks')]),
    ('memory usage', [C('system.memory')]),
    ('free -h', [C('system.memory')]),
    ('how much ram is free', [C('system.memory')]),
    ('how much memory does this machine have', [C('system.memory')]),
    ('uptime', [C('system.uptime')]),
    ('how long has this machine been up', [C('system.uptime')]),
    ('load average', [C('system.load')]),
    ("what's the system load", [C('system.load')]),
    ('how many cpu cores do I have', [C('system.cpu')]),
    ('what cpu does this machine have', [C('system.cpu')]),
    ('cpu model', [C('system.cpu')]),
    ('nproc', [C('system.cpu')]),
    ('what os is this', [C('system.os')]),
    ('kernel version', [C('system.os')]),
    ('uname -a', [C('system.os')]),
    ('which linux distro am i running', [C('system.os')]),
    ('hostname', [C('system.hostname')]),
    ("what's the name of this computer", [C('system.hostname')]),
    ('whoami', [C('system.whoami')]),
    ('who am i logged in as', [C('system.whoami')]),
    ('id', [C('system.whoami')]),
    ("what's the date", [C('system.date')]),
    ('date in utc', [C('system.date', utc=True)]),
    ('what time is it', [C('system.date')]),
    ('print the current date in ISO format', [C('system.date', format='iso')]),
    ('echo $PATH', [C('system.env', name='PATH')]),
    ('show my PATH', [C('system.env', name='PATH')]),
    ('what is my home directory', [C('system.home')]),
    ('print the value of the EDITOR variable', [C('system.env', name='EDITOR')]),
    ('is JAVA_HOME set', [C('system.env', name='JAVA_HOME')]),
    ('show the environment variable LANG', [C('system.env', name='LANG')]),
    ('which python3', [C('system.which', program='python3')]),
    ('where is git installed', [C('system.which', program='git')]),
    ('what shell am I using', [C('system.env', name='SHELL')]),
    ('show my ip address', [C('system.network')]),
    ('list network interfaces', [C('system.network')]),
    ('what is my local ip', [C('system.network')]),
    ('show all environment variables', [C('system.env')]),
    # a second round, written after the first fixes
    ('where is config.yaml', [C('files.find', name='config.yaml')]),
    ('is python installed', [C('system.which', program='python')]),
    ('check if docker is installed', [C('system.which', program='docker')]),
    ('where is the node binary', [C('system.which', program='node')]),
    ('show me the full path of the python3 executable', [C('system.which', program='python3')]),
    ('command -v gcc', [C('system.which', program='gcc')]),
    ('whereis vim', [C('system.which', program='vim')]),
    ('which java am i using', [C('system.which', program='java')]),
    ('is curl available on this machine', [C('system.which', program='curl')]),
    ('what time is it in utc', [C('system.date', utc=True)]),
    ('current unix timestamp', [C('system.date', format='unix')]),
    ('give me the epoch time', [C('system.date', format='unix')]),
    ('seconds since the epoch', [C('system.date', format='unix')]),
    ('show the utc time', [C('system.date', utc=True)]),
    ('date -u', [C('system.date', utc=True)]),
    ('date +%s', [C('system.date', format='unix')]),
    ('print the time in hh:mm:ss format', [C('system.date', format='time')]),
    ("today's date in yyyy-mm-dd format", [C('system.date', format='date')]),
    ("what's today's date", [C('system.date')]),
    ('show the time', [C('system.date')]),
    ('print all env vars', [C('system.env')]),
    ('list the environment variables and their values', [C('system.env')]),
    ('printenv', [C('system.env')]),
    ('env', [C('system.env')]),
    ('what environment variables are set', [C('system.env')]),
    ('which shell is this', [C('system.env', name='SHELL')]),
    ('show my login shell', [C('system.env', name='SHELL')]),
    ('my default shell', [C('system.env', name='SHELL')]),
    ('df -h /home', [C('system.disks', path='/home')]),
    ('df', [C('system.disks')]),
    ('how much space is left on /data', [C('system.disks', path='/data')]),
    ('check the disk space on the root partition', [C('system.disks', path='/')]),
    ('show disk usage of all mounted filesystems', [C('system.disks')]),
    ('free -m', [C('system.memory')]),
    ('how much swap is in use', [C('system.memory')]),
    ('nproc --all', [C('system.cpu')]),
    ('lscpu', [C('system.cpu')]),
    ('cat /proc/cpuinfo', [C('files.read', path='/proc/cpuinfo')]),
    ('uname -r', [C('system.os')]),
    ('what kernel am i running', [C('system.os')]),
    ('id -un', [C('system.whoami')]),
    ('show the processes of user bob sorted by memory', [C('proc.list', sort='memory', user='bob')]),
    ('list java processes sorted by memory', [C('proc.list', sort='memory', name='java')]),
    ('top 3 python processes by cpu', [C('proc.list', limit=3, name='python')]),
    ('show all python processes', [C('proc.find', name='python')]),
    ('show python processes', [C('proc.find', name='python')]),
    ('kill python processes', [C('proc.signal', name='python')]),
    ('list the firefox processes and their pids', [C('proc.list', name='firefox')]),
    ('list processes started by root', [C('proc.list', user='root')]),
    ('ps -ef', [C('proc.list', command=True)]),
    ('ps -e', [C('proc.list')]),
    ('ps', [C('proc.list')]),
    ('who owns process 4242', [C('proc.info', pid=4242)]),
    ('which user is running pid 31', [C('proc.info', pid=31)]),
    ('how much cpu is process 77 using', [C('proc.info', pid=77)]),
    ('when was pid 88 started', [C('proc.info', pid=88)]),
    ('pkill firefox', [C('proc.signal', name='firefox')]),
    ('pkill -9 -f celery', [C('proc.signal', name='celery', full=True, signal='KILL')]),
    ('pids of all processes started by www-data', [C('proc.pids', user='www-data')]),
    ('the pid of whatever is listening on port 9000', [C('proc.pids', port=9000)]),
    # a third round: trees, PATH entries, attributes of a pid, more system phrasings
    ('Display the process tree', [C('proc.list', tree=True)]),
    ('show a tree of processes', [C('proc.list', tree=True)]),
    ('list processes as a tree', [C('proc.list', tree=True)]),
    ('list all processes running as root', [C('proc.list', user='root')]),
    ('what processes is bob running', [C('proc.list', user='bob')]),
    ('Lists all running processes, showing the full command line for each', [C('proc.list', command=True)]),
    ('show the 20 most cpu intensive processes', [C('proc.list', limit=20)]),
    ('which 5 processes are using the most memory', [C('proc.list', sort='memory', limit=5)]),
    ("what's eating all my memory", [C('proc.list', sort='memory')]),
    ('list processes by memory consumption', [C('proc.list', sort='memory')]),
    ('show top memory consumers', [C('proc.list', sort='memory')]),
    ('display processes sorted by name', [C('proc.list', sort='name')]),
    ('find the pid of the sshd daemon', [C('proc.pids', name='sshd')]),
    ('get me the pids for all java processes', [C('proc.pids', name='java')]),
    ('what process has pid 2000', [C('proc.info', pid=2000)]),
    ('what program is pid 2000', [C('proc.info', pid=2000)]),
    ('show full command line of pid 2000', [C('proc.info', pid=2000)]),
    ('whats the command for process 2000', [C('proc.info', pid=2000)]),
    ('show open files of process 2000', [C('proc.info', pid=2000)]),
    ('kill the process named "my app"', [C('proc.signal', name='my app')]),
    ("kill 'node server.js'", [C('proc.signal', name='node server.js')]),
    ('terminate all processes called python3', [C('proc.signal', name='python3')]),
    ('stop all instances of firefox', [C('proc.signal', name='firefox')]),
    ('kill every chrome process immediately', [C('proc.signal', name='chrome', signal='KILL')]),
    ('send signal 9 to process 321', [C('proc.signal', pid=321, signal='KILL')]),
    ('send kill signal to 321', [C('proc.signal', pid=321, signal='KILL')]),
    ('kill -s TERM 500', [C('proc.signal', pid=500)]),
    ('kill -SIGKILL 600', [C('proc.signal', pid=600, signal='KILL')]),
    ('kill -15 700', [C('proc.signal', pid=700)]),
    ('end the firefox process', [C('proc.signal', name='firefox')]),
    ('quit all slack processes', [C('proc.signal', name='slack')]),
    ("What's the free disk space on the /mnt/data volume", [C('system.disks', path='/mnt/data')]),
    ("show available space in the current directory's filesystem", [C('system.disks', path='.')]),
    ('how much room is left on my drive', [C('system.disks')]),
    ('total and free memory', [C('system.memory')]),
    ('how much memory is free right now in megabytes', [C('system.memory')]),
    ('show memory in human readable format', [C('system.memory')]),
    ("what's the current load on the cpu", [C('system.load')]),
    ('give me the CPU information', [C('system.cpu')]),
    ('how many logical processors are available', [C('system.cpu')]),
    ('which kernel version is installed', [C('system.os')]),
    ("what's my username", [C('system.whoami')]),
    ('print the current user id', [C('system.whoami')]),
    ('what hostname does this machine have', [C('system.hostname')]),
    ('display the date and time', [C('system.date')]),
    ('what day is it today', [C('system.date')]),
    ('show the current time in UTC', [C('system.date', utc=True)]),
    ('print the current unix epoch time', [C('system.date', format='unix')]),
    ('is git installed on this system', [C('system.which', program='git')]),
    ('locate the python3 executable', [C('system.which', program='python3')]),
    ('print my PATH one entry per line', [C('system.env', name='PATH', split=True)]),
    ('list the directories in my PATH', [C('system.env', name='PATH', split=True)]),
    ('show the value of HOME', [C('system.env', name='HOME')]),
    ('show my ip', [C('system.network')]),
    ("what's the IP address of this machine", [C('system.network')]),
    ('print my PATH one entry per line', [C('system.env', name='PATH', split=True)]),
    ('list the directories in my PATH', [C('system.env', name='PATH', split=True)]),
    ('which directories are on my path', [C('system.env', name='PATH', split=True)]),
    ('show the entries of PYTHONPATH', [C('system.env', name='PYTHONPATH', split=True)]),
    ('split $PATH on colons', [C('system.env', name='PATH', split=True)]),
    ('Display the process tree', [C('proc.list', tree=True)]),
    ('show a tree of processes', [C('proc.list', tree=True)]),
    ('list processes as a tree', [C('proc.list', tree=True)]),
    ('pstree', [C('proc.list', tree=True)]),
    ('pstree -p', [C('proc.list', tree=True)]),
    ('ps -ef --forest', [C('proc.list', tree=True)]),
    ('ps auxf', [C('proc.list', tree=True)]),
    ('ps axjf', [C('proc.list', tree=True)]),
    ('show the process hierarchy', [C('proc.list', tree=True)]),
    ('list all processes with their parent and child processes', [C('proc.list', tree=True)]),
    ('show the process tree of user bob', [C('proc.list', user='bob', tree=True)]),
    ('show processes hierarchically', [C('proc.list', tree=True)]),
    ('show the process tree with full command lines', [C('proc.list', command=True, tree=True)]),
    # date's own options
    ('date +%H:%M:%S', [C('system.date', format='time')]),
    ('date -I', [C('system.date', format='date')]),
    ('date -Iseconds', [C('system.date', format='iso')]),
    ('date -u +%s', [C('system.date', utc=True, format='unix')]),
    ('show the date in iso-8601 format', [C('system.date', format='iso')]),
]

PASS_ON = [
    "reload nginx with sighup",  # "reload" is no signal verb
    "which files are big",
    "which one",
    "type readme.txt",  # cmd.exe's type prints a file
    "which version of python",
    "what is nginx running",
    "pkill -f",
    "kill all processes owned by bob",  # proc.signal takes no user
    "which branch",
    "which remote",
    "which commit",
    "which port",
    "which tag",
    "where is main.py located",  # a file, not a program
    "set",
    "show the environment",
    "date -R",
    "restart nginx",  # a service manager's job, not a signal
    "close chrome",  # "close" names a process only with "process" or a pid
    "which version of bash am I running",
    "list the files in my path",
]


@pytest.mark.parametrize(("request_text", "expected"), PROBE)
def test_probe_request_gives_plan(catalog, request_text, expected):
    assert match(request_text, catalog.patterns, catalog.actions) == expected


@pytest.mark.parametrize("request_text", PASS_ON)
def test_probe_unclear_request_passes_on(catalog, request_text):
    assert match(request_text, catalog.patterns, catalog.actions) is None


def test_probe_plans_validate(catalog):
    for _, plan in PROBE:
        for call in plan:
            catalog.actions.get(call.action).validate(call.args)


# --- the actions ---------------------------------------------------------------------------


def test_which_finds_a_program_on_path(ctx, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    tool = bin_dir / "mytool"
    tool.write_text("#!/bin/sh\n")
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    ctx.env.environ["PATH"] = f"{tmp_path / 'nowhere'}{os.pathsep}{bin_dir}"
    result = system.which(ctx, "mytool")
    assert result.output == str(tool)
    assert result.data == {"program": "mytool", "path": str(tool)}
    with pytest.raises(ActionFailed, match="no nosuchtool on PATH"):
        system.which(ctx, "nosuchtool")
    for bad in ("", "a b", "../mytool"):
        with pytest.raises(ActionFailed, match="not a program name"):
            system.which(ctx, bad)


@pytest.fixture
def fixed_clock(ctx, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setattr(ctx.env, "clock", lambda: 1_700_000_000.5)
    yield ctx
    monkeypatch.undo()
    time.tzset()


def test_date_formats_like_the_date_command(fixed_clock):
    ctx = fixed_clock
    assert system.date(ctx).output == "Tue Nov 14 22:13:20 UTC 2023"
    assert system.date(ctx, utc=True).output == "Tue Nov 14 22:13:20 UTC 2023"
    assert system.date(ctx, format="iso").output == "2023-11-14T22:13:20+00:00"
    assert system.date(ctx, format="date").output == "2023-11-14"
    assert system.date(ctx, format="time").output == "22:13:20"
    assert system.date(ctx, format="unix").output == "1700000000"


def test_every_environment_variable_with_secrets_hidden(ctx):
    ctx.env.environ["API_TOKEN"] = "s3cret"
    result = system.env(ctx)
    lines = result.output.splitlines()
    assert "PATH=/usr/bin:/bin" in lines and "API_TOKEN=(hidden)" in lines
    assert "s3cret" not in result.output and "API_TOKEN" not in result.data["variables"]


def test_env_splits_a_search_path_one_entry_per_line(ctx):
    ctx.env.environ["PATH"] = os.pathsep.join(["/usr/local/bin", "/usr/bin", "/bin"])
    result = system.env(ctx, "PATH", split=True)
    assert result.output == "/usr/local/bin\n/usr/bin\n/bin"
    assert result.data["entries"] == ["/usr/local/bin", "/usr/bin", "/bin"]


def test_forest_puts_children_under_their_parent_like_ps_forest():
    def row(pid, ppid, name):
        return {"pid": pid, "ppid": ppid, "user": "u", "cpu": 0.0, "memory": 0.0, "name": name}

    rows = [row(9, 5, "bash"), row(1, 0, "init"), row(7, 1, "cron"), row(5, 1, "sshd"), row(20, 999, "orphan")]
    assert table(forest(rows)).splitlines() == [
        "PID USER  CPU%  MEM% NAME",
        "  1 u      0.0   0.0 init",
        "  5 u      0.0   0.0  \\_ sshd",
        "  9 u      0.0   0.0      \\_ bash",
        "  7 u      0.0   0.0  \\_ cron",
        " 20 u      0.0   0.0 orphan",
    ]
