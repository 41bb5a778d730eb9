"""system.* actions: short text like the classic tools, numbers in data."""

from __future__ import annotations

import os
import pwd
import re
import socket
import time

import psutil
import pytest

from nlsh.actions import system
from nlsh.actions.registry import build_spec
from nlsh.errors import ActionFailed

ALL = {"system.cpu", "system.memory", "system.disks", "system.uptime", "system.load", "system.network",
       "system.whoami", "system.os", "system.date", "system.hostname", "system.home", "system.env",
       "system.which"}


@pytest.fixture
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_all_register_as_read_only():
    found = []
    system.nlsh_register_actions(register=found.append)
    specs = {s.name: s for s in map(build_spec, found)}
    assert set(specs) == ALL
    for spec in specs.values():
        assert spec.capabilities == ("proc.read",) and int(spec.risk) == 0 and not spec.reversible
    assert [p.name for p in specs["system.disks"].params] == ["path"]
    assert [p.name for p in specs["system.env"].params] == ["name", "split"]
    assert [p.name for p in specs["system.date"].params] == ["utc", "format"]
    assert [p.name for p in specs["system.which"].params] == ["program"]
    assert all(not specs[n].params for n in ALL - {"system.disks", "system.env", "system.date", "system.which"})


@pytest.mark.parametrize(
    "size, text",
    [(0, "0B"), (1023, "1023B"), (1024, "1.0Ki"), (1536, "1.5Ki"), (15 * 1024**3, "15Gi"),
     (int(3.2 * 1024**3), "3.2Gi"), (5 * 1024**5, "5.0Pi")],
)
def test_human_size_like_free_h(size, text):
    assert system.human_size(size) == text


def test_whoami_prints_the_effective_user(ctx):
    result = system.whoami(ctx)
    assert result.output == pwd.getpwuid(os.geteuid()).pw_name
    assert result.data["uid"] == os.geteuid()


def test_hostname(ctx):
    assert system.hostname(ctx).output == socket.gethostname()


def test_date_uses_the_environment_clock(ctx, utc):
    ctx.env.clock = lambda: 1705312800.0  # 2024-01-15 10:00:00 UTC, a Monday
    result = system.date(ctx)
    assert result.output == "Mon Jan 15 10:00:00 UTC 2024"
    assert result.data["iso"] == "2024-01-15T10:00:00+0000" and result.data["epoch"] == 1705312800.0


def test_date_pads_the_day_like_date(ctx, utc):
    ctx.env.clock = lambda: 1704103200.0  # 2024-01-01 10:00:00 UTC
    assert system.date(ctx).output == "Mon Jan  1 10:00:00 UTC 2024"


@pytest.mark.parametrize(
    "seconds, text",
    [(0, "up 0 minutes"), (59, "up 0 minutes"), (61, "up 1 minute"), (3 * 3600 + 120, "up 3 hours, 2 minutes"),
     (2 * 86400 + 3 * 3600 + 5 * 60, "up 2 days, 3 hours, 5 minutes"), (8 * 86400, "up 1 week, 1 day")],
)
def test_uptime_wording_like_uptime_p(seconds, text):
    assert system.duration_words(seconds) == text


def test_uptime_from_boot_time(ctx):
    boot = psutil.boot_time()
    ctx.env.clock = lambda: boot + 2 * 86400 + 3 * 3600 + 5 * 60 + 7
    result = system.uptime(ctx)
    assert result.output == "up 2 days, 3 hours, 5 minutes"
    assert result.data["seconds"] == 2 * 86400 + 3 * 3600 + 5 * 60 + 7


def test_memory_looks_like_free(ctx):
    result = system.memory(ctx)
    header, mem, swap = result.output.splitlines()
    assert header.split() == ["total", "used", "free", "shared", "buff/cache", "available"]
    assert mem.startswith("Mem:") and len(mem.split()) == 7
    assert swap.startswith("Swap:") and len(swap.split()) == 4
    assert result.data["total"] == psutil.virtual_memory().total
    assert 0 <= result.data["used"] <= result.data["total"]


def test_disks_looks_like_df(ctx):
    result = system.disks(ctx)
    lines = result.output.splitlines()
    assert lines[0].split() == ["Filesystem", "Size", "Used", "Avail", "Use%", "Mounted", "on"]
    assert len(lines) == len(result.data) + 1 and result.data
    for row in result.data:
        assert row["total"] > 0 and 0 <= row["percent"] <= 100


def test_disks_for_a_path_gives_its_file_system(ctx, workspace):
    (workspace / "sub").mkdir()
    result = system.disks(ctx, path="sub")
    (row,) = result.data
    mount = row["mountpoint"]
    assert str(workspace).startswith(mount.rstrip("/") + "/") or str(workspace) == mount
    assert os.stat(mount).st_dev == os.stat(workspace).st_dev
    assert result.output.splitlines()[1].endswith(mount)


def test_disks_for_a_missing_path_fails(ctx):
    with pytest.raises(ActionFailed, match="no such file or directory: missing"):
        system.disks(ctx, path="missing")


def test_load_average(ctx):
    result = system.load(ctx)
    assert re.fullmatch(r"load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d \(\d+ CPUs\)", result.output)
    assert set(result.data) == {"1m", "5m", "15m", "cpus"}


def test_cpu(ctx):
    result = system.cpu(ctx)
    assert result.output.splitlines()[0].startswith("model: ")
    assert f"{psutil.cpu_count(logical=True)} logical" in result.output
    assert result.data["logical_cores"] == psutil.cpu_count(logical=True)
    assert 0 <= result.data["percent"] <= 100


def test_network_lists_loopback(ctx):
    result = system.network(ctx)
    lo = next(i for i in result.data if i["name"] == "lo")
    assert {"family": "ipv4", "address": "127.0.0.1", "netmask": "255.0.0.0"} in lo["addresses"]
    line = next(line for line in result.output.splitlines() if line.startswith("lo "))
    assert "127.0.0.1" in line and ("UP" in line or "DOWN" in line)


def test_os(ctx):
    result = system.operating_system(ctx)
    u = os.uname()
    assert f"{u.sysname} {u.release} {u.machine}" in result.output
    assert result.data["kernel"] == u.release
