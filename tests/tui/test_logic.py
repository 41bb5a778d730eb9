"""Desktop logic without a screen: the selection context, edits, sorting, bars and audit lines."""

from __future__ import annotations

from pathlib import Path

from nlsh.types import ActionCall
from nlsh.ui.tui.panes.audit import audit_lines
from nlsh.ui.tui.panes.system import bar
from nlsh.ui.tui.selection import Selection
from nlsh.ui.tui.sources import ProcessRow, sort_rows
from nlsh.ui.tui.turns import _edited, kill_plan
from nlsh.ui.tui.confirm import Edit
from nlsh.types import Plan

CWD = Path("/w")


def selection(*names: str, pid: int | None = None) -> Selection:
    s = Selection(CWD, [CWD / n for n in names], pid)
    return s


def test_delete_these_builds_a_delete_plan():
    plan = selection("a.txt", "b c.txt").plan_for("delete these")
    assert plan.steps == (ActionCall("files.delete", {"paths": ["/w/a.txt", "/w/b c.txt"]}),)
    assert plan.source == "tui"


def test_compress_them_names_the_archive():
    assert selection("a.txt").plan_for("compress them").steps[0].args == {"sources": ["/w/a.txt"], "archive": "/w/a.txt.zip"}
    assert selection("a", "b").plan_for("zip these").steps[0].args["archive"] == "/w/selection.zip"
    assert selection("a").plan_for("compress it into out.tar.gz").steps[0].args["archive"] == "out.tar.gz"


def test_kill_it_uses_the_selected_pid():
    assert selection(pid=42).plan_for("kill it").steps == (ActionCall("proc.signal", {"pid": 42, "signal": "TERM"}),)
    assert selection(pid=42).plan_for("force kill this process").steps[0].args["signal"] == "KILL"


def test_nothing_selected_means_no_plan_and_no_rewrite():
    empty = selection()
    assert empty.plan_for("delete these") is None
    assert empty.plan_for("kill it") is None
    assert empty.rewrite("delete these") == "delete these"


def test_kill_needs_a_process_not_files():
    assert selection("a.txt").plan_for("kill it") is None


def test_rewrite_quotes_paths_with_spaces_and_keeps_other_words():
    s = selection("my file.txt", "b.txt")
    assert s.rewrite("copy these to backup") == "copy 'my file.txt' b.txt to backup"
    assert s.rewrite("show the itinerary") == "show the itinerary"  # "it" only as a word
    assert selection(pid=7).rewrite("show info about it") == "show info about 7"


def test_toggle_and_describe():
    s = selection()
    assert s.toggle_file(CWD / "x") is True
    assert s.describe() == "files: x"
    assert s.toggle_file(CWD / "x") is False
    assert s.describe() == "nothing selected"
    s.pid = 9
    assert s.describe() == "process: 9"
    outside = Selection(CWD, [Path("/elsewhere/y")])
    assert outside.describe() == "files: /elsewhere/y"


def test_kill_plan_and_edit_replace_one_step():
    request, plan = kill_plan(123)
    assert request.line == "kill 123" and plan.steps[0].args == {"pid": 123, "signal": "TERM"}
    two = Plan((ActionCall("a", {}), ActionCall("b", {"x": 1})), source="model", model="m")
    edited = _edited(two, Edit(2, "b", {"x": 2}))
    assert edited.steps == (ActionCall("a", {}), ActionCall("b", {"x": 2})) and edited.source == "tui-edit"
    assert _edited(two, Edit(9, "b", {})).steps == two.steps  # out of range: unchanged


def test_sort_rows_by_cpu_and_memory_with_stable_ties():
    rows = [ProcessRow(3, "c", 1.0, 9.0), ProcessRow(1, "a", 5.0, 1.0), ProcessRow(2, "b", 5.0, 2.0)]
    assert [r.pid for r in sort_rows(rows, "cpu")] == [1, 2, 3]
    assert [r.pid for r in sort_rows(rows, "memory")] == [3, 2, 1]
    assert len(sort_rows(rows, "cpu", limit=2)) == 2


def test_bar_clamps():
    assert bar(0, 4) == "░░░░" and bar(100, 4) == "████" and bar(250, 4) == "████" and bar(50, 4) == "██░░"


def test_audit_lines_newest_first_and_escaped():
    records = [{"event": "request", "ts": 0}, {"event": "execute", "action": {"name": "files.delete\x1b[31m"}, "ts": 0}]
    text = audit_lines(records, True, 2)
    lines = text.splitlines()
    assert lines[0] == "chain ok · 2 records"
    assert "files.delete" in lines[1] and "\x1b" not in text
    assert "request" in lines[2]
    assert audit_lines([], False, 0).startswith("chain BROKEN")


def test_real_sources_see_this_process_and_the_disk(tmp_path):
    import os

    from nlsh.ui.tui.sources import process_rows, system_stats

    assert os.getpid() in {r.pid for r in process_rows()}
    stats = system_stats(tmp_path)
    assert 0 <= stats.memory <= 100 and 0 <= stats.disk <= 100 and stats.memory_total > 0
    assert system_stats(tmp_path / "missing").disk == 0.0  # unreadable path: no crash
