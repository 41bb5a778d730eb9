"""Worked examples for the model planner: a request and the plan that answers it.

The planner retrieves the few examples most similar to a request and shows them to the
model, so these cover every built-in action in several phrasings, plus a few multi-step
plans. Paths are kept relative, as a person would type them; globs stay globs (the
grounding stage expands them).
"""

from __future__ import annotations

from typing import Any, Callable

from ..plugins import hookimpl
from ..types import ActionCall

__all__ = ["EXAMPLES", "nlsh_register_examples"]


def _c(action: str, **args: Any) -> ActionCall:
    return ActionCall(action, args)


EXAMPLES: list[tuple[str, list[ActionCall]]] = [
    # files.list
    ("what's in this folder", [_c("files.list")]),
    ("show everything in src including hidden files, with details",
     [_c("files.list", path="src", all=True, long=True)]),
    ("list my downloads, newest first", [_c("files.list", path="~/Downloads", sort="time")]),
    ("ls the docs folder recursively", [_c("files.list", path="docs", recursive=True)]),
    # files.find
    ("find all python files in src bigger than 1 MB",
     [_c("files.find", path="src", extension="py", type="file", min_size="1M")]),
    ("which files did I change in the last 3 hours", [_c("files.find", type="file", newer_than="3h")]),
    ("look for empty folders under build", [_c("files.find", path="build", type="dir", empty=True)]),
    ("where is the file called settings.json", [_c("files.find", name="settings.json")]),
    ("find the .txt files in docs and print only their names, without the folders",
     [_c("files.find", path="docs", extension="txt", type="file", names_only=True)]),
    ("find every file in src except the .c ones", [_c("files.find", path="src", type="file", exclude="*.c")]),
    # files.read
    ("show me what's in notes.txt", [_c("files.read", path="notes.txt")]),
    ("print the contents of config/app.yaml", [_c("files.read", path="config/app.yaml")]),
    ("open README.md so I can read it", [_c("files.read", path="README.md")]),
    # files.head / files.tail
    ("show the first 20 lines of data.csv", [_c("files.head", path="data.csv", lines=20)]),
    ("what does the top of main.py look like", [_c("files.head", path="main.py")]),
    ("show me the last 50 lines of logs/server.log", [_c("files.tail", path="logs/server.log", lines=50)]),
    ("what's at the end of install.log", [_c("files.tail", path="install.log")]),
    # files.count
    ("how many lines are in main.py", [_c("files.count", paths=["main.py"], what="lines")]),
    ("word count of chapter1.md and chapter2.md",
     [_c("files.count", paths=["chapter1.md", "chapter2.md"], what="words")]),
    ("count lines, words and characters in every .txt file", [_c("files.count", paths=["*.txt"])]),
    # files.search
    ("search for TODO in the src folder", [_c("files.search", pattern="TODO", path="src", fixed=True)]),
    ("which python files mention 'import requests'",
     [_c("files.search", pattern="import requests", fixed=True, include="*.py", files_only=True)]),
    ("grep for error in app.log ignoring case, with line numbers",
     [_c("files.search", pattern="error", path="app.log", fixed=True, ignore_case=True, line_numbers=True)]),
    ("how many lines in access.log contain 404",
     [_c("files.search", pattern="404", path="access.log", fixed=True, count=True)]),
    # files.pwd
    ("where am I", [_c("files.pwd")]),
    ("which directory is this", [_c("files.pwd")]),
    # files.disk_usage
    ("what is using up all my disk space here", [_c("files.disk_usage")]),
    ("show the 5 biggest folders in my home", [_c("files.disk_usage", path="~", top=5)]),
    ("how much space does node_modules take", [_c("files.disk_usage", path="node_modules", depth=0)]),
    # files.checksum
    ("sha256 of ubuntu.iso", [_c("files.checksum", paths=["ubuntu.iso"])]),
    ("give me md5 hashes for all the zip files", [_c("files.checksum", paths=["*.zip"], algorithm="md5")]),
    # files.stat
    ("when was report.docx last changed", [_c("files.stat", path="report.docx")]),
    ("who owns the deploy.sh script and what are its permissions", [_c("files.stat", path="deploy.sh")]),
    ("is build a folder or a file", [_c("files.stat", path="build")]),
    # files.copy
    ("copy notes.txt into the backup folder", [_c("files.copy", sources=["notes.txt"], destination="backup")]),
    ("duplicate config.yaml as config.yaml.bak",
     [_c("files.copy", sources=["config.yaml"], destination="config.yaml.bak")]),
    ("copy every jpg from Downloads to Pictures/trip, replacing existing ones",
     [_c("files.copy", sources=["Downloads/*.jpg"], destination="Pictures/trip", overwrite=True)]),
    # files.move
    ("move the PDFs in Downloads into Documents/papers",
     [_c("files.move", sources=["Downloads/*.pdf"], destination="Documents/papers")]),
    ("rename draft.md to final.md", [_c("files.move", sources=["draft.md"], destination="final.md")]),
    ("put report.pdf and slides.pdf in the archive folder",
     [_c("files.move", sources=["report.pdf", "slides.pdf"], destination="archive")]),
    # files.mkdir
    ("make a folder called projects", [_c("files.mkdir", path="projects")]),
    ("create the directory src/utils/helpers", [_c("files.mkdir", path="src/utils/helpers")]),
    # files.touch
    ("create an empty file named .gitkeep in logs", [_c("files.touch", paths=["logs/.gitkeep"])]),
    ("make new files a.txt and b.txt", [_c("files.touch", paths=["a.txt", "b.txt"])]),
    ("update the modification time of Makefile", [_c("files.touch", paths=["Makefile"])]),
    # files.write
    ("write 'hello world' to greeting.txt", [_c("files.write", path="greeting.txt", text="hello world")]),
    ("add the line 'buy milk' to the end of todo.txt",
     [_c("files.write", path="todo.txt", text="buy milk", append=True)]),
    ("replace what's in version.txt with 2.0.1", [_c("files.write", path="version.txt", text="2.0.1")]),
    # files.delete
    ("delete old.log", [_c("files.delete", paths=["old.log"])]),
    ("remove all the .tmp files in build", [_c("files.delete", paths=["build/*.tmp"])]),
    ("throw the cache folder in the trash", [_c("files.delete", paths=["cache"])]),
    # acting on what files.find finds
    ("delete the .tmp files anywhere below src",
     [_c("files.delete_found", path="src", extension="tmp", type="file")]),
    ("remove files older than 30 days in the logs folder",
     [_c("files.delete_found", path="logs", type="file", older_than="30d")]),
    ("delete everything in out except the .txt files", [_c("files.delete_found", path="out", exclude="*.txt")]),
    ("copy every pdf below docs into the backup folder",
     [_c("files.copy_found", path="docs", destination="backup", extension="pdf", type="file")]),
    ("copy all files whose names contain report under work to reports",
     [_c("files.copy_found", path="work", destination="reports", iname="*report*", type="file")]),
    ("move every .log file below src to archive",
     [_c("files.move_found", path="src", destination="archive", extension="log", type="file")]),
    ("gather the jpg files from all subfolders of photos into one folder called all",
     [_c("files.move_found", path="photos", destination="all", extension="jpg", type="file")]),
    # files.archive
    ("zip the src folder into src.zip", [_c("files.archive", sources=["src"], archive="src.zip")]),
    ("make a tar.gz of logs and config called backup.tar.gz",
     [_c("files.archive", sources=["logs", "config"], archive="backup.tar.gz")]),
    ("compress all the csv files into data.zip", [_c("files.archive", sources=["*.csv"], archive="data.zip")]),
    # files.extract
    ("unzip photos.zip", [_c("files.extract", archive="photos.zip")]),
    ("extract release.tar.gz into the build folder",
     [_c("files.extract", archive="release.tar.gz", destination="build")]),
    # files.list_archive
    ("what files are inside backup.zip", [_c("files.list_archive", archive="backup.zip")]),
    ("list the contents of the tarball dist.tar.gz without extracting",
     [_c("files.list_archive", archive="dist.tar.gz")]),
    # proc.list
    ("what is eating my cpu", [_c("proc.list")]),
    ("top 5 processes by memory", [_c("proc.list", sort="memory", limit=5)]),
    ("show the processes running as postgres", [_c("proc.list", user="postgres")]),
    ("list processes with their full command lines", [_c("proc.list", command=True)]),
    # proc.find
    ("is nginx running", [_c("proc.find", name="nginx")]),
    ("what is listening on port 8080", [_c("proc.find", port=8080)]),
    ("find the redis-server process", [_c("proc.find", name="redis-server")]),
    # proc.pids
    ("find the pid of redis-server", [_c("proc.pids", name="redis-server")]),
    ("pid of the newest sshd process", [_c("proc.pids", name="sshd", pick="newest")]),
    ("pids of processes whose command line contains server.py", [_c("proc.pids", name="server.py", full=True)]),
    # proc.info
    ("tell me about process 4242", [_c("proc.info", pid=4242)]),
    ("details of pid 311", [_c("proc.info", pid=311)]),
    # proc.signal
    ("kill process 1234", [_c("proc.signal", pid=1234)]),
    ("force kill firefox", [_c("proc.signal", name="firefox", signal="KILL")]),
    ("send SIGHUP to process 977", [_c("proc.signal", pid=977, signal="HUP")]),
    # system
    ("how many cores does this machine have", [_c("system.cpu")]),
    ("what's the cpu usage right now", [_c("system.cpu")]),
    ("how much ram is free", [_c("system.memory")]),
    ("show memory usage", [_c("system.memory")]),
    ("how much disk space do I have left", [_c("system.disks")]),
    ("free space on /home", [_c("system.disks", path="/home")]),
    ("how long has the computer been up", [_c("system.uptime")]),
    ("when did this machine boot", [_c("system.uptime")]),
    ("what's the load average", [_c("system.load")]),
    ("how busy is the system", [_c("system.load")]),
    ("what's my ip address", [_c("system.network")]),
    ("list network interfaces", [_c("system.network")]),
    ("which user am I logged in as", [_c("system.whoami")]),
    ("what is my username", [_c("system.whoami")]),
    ("which linux version is this", [_c("system.os")]),
    ("kernel version", [_c("system.os")]),
    ("what's the date today", [_c("system.date")]),
    ("what time is it", [_c("system.date")]),
    ("what is this computer called", [_c("system.hostname")]),
    ("show the hostname", [_c("system.hostname")]),
    # shell.run
    ("run the tests with pytest", [_c("shell.run", argv=["pytest"])]),
    ("build the project with make", [_c("shell.run", argv=["make"])]),
    ("run python3 script.py --verbose", [_c("shell.run", argv=["python3", "script.py", "--verbose"])]),
    # several steps
    ("make a folder called old and move every .log file into it",
     [_c("files.mkdir", path="old"), _c("files.move", sources=["*.log"], destination="old")]),
    ("back up notes.txt to notes.bak and then empty notes.txt",
     [_c("files.copy", sources=["notes.txt"], destination="notes.bak"), _c("files.write", path="notes.txt", text="")]),
    # files.chmod
    ("make build.sh executable", [_c("files.chmod", paths=["build.sh"], mode="+x")]),
    ("set the permissions of config.ini to 600", [_c("files.chmod", paths=["config.ini"], mode="600")]),
    ("take away write permission from others on shared.txt", [_c("files.chmod", paths=["shared.txt"], mode="o-w")]),
    ("make the site folder readable by everyone, recursively",
     [_c("files.chmod", paths=["site"], mode="a+r", recursive=True)]),
    # files.replace, files.columns, files.case
    ("replace localhost with 127.0.0.1 in hosts.txt",
     [_c("files.replace", path="hosts.txt", old="localhost", new="127.0.0.1")]),
    ("show config.ini with debug replaced by info",
     [_c("files.replace", path="config.ini", old="debug", new="info", in_place=False)]),
    ("print the third column of scores.csv", [_c("files.columns", path="scores.csv", fields="3")]),
    ("show fields 1 and 7 of passwd.txt separated by colons",
     [_c("files.columns", path="passwd.txt", fields="1,7", delimiter=":")]),
    ("print shout.txt in upper case", [_c("files.case", path="shout.txt", to="upper")]),
    ("convert NAMES.TXT to lowercase", [_c("files.case", path="NAMES.TXT", to="lower")]),
]


@hookimpl
def nlsh_register_examples(register: Callable[..., None]) -> None:
    for request, steps in EXAMPLES:
        register(request, steps)
