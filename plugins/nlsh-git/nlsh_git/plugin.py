"""The nlsh entry point of nlsh-git: registers its actions, fast-path patterns and examples.

Installed with `pip install nlsh-git`, found through the entry point group ``nlsh``
(`git = "nlsh_git.plugin"` in pyproject.toml). Only nlsh's public API is used.
"""

from __future__ import annotations

from typing import Callable

import nlsh

from . import (archiving, branching, committing, history, inspecting, listing, reading, remote, renaming, stashing,
               staging, tracking, undoing)
from .examples import EXAMPLES
from .patterns import AMBIGUOUS, GATE, SPECIFIC

__all__ = ["ACTIONS", "nlsh_register_actions", "nlsh_register_examples", "nlsh_register_patterns"]

ACTIONS = (
    reading.status, history.log, reading.diff, reading.show, reading.show_file, reading.blame, reading.grep,
    listing.branches, listing.current_branch, listing.remotes, listing.stashes, listing.stash_count, listing.tags,
    staging.add, staging.unstage, staging.discard, tracking.move, tracking.untrack, tracking.remove,
    committing.commit, committing.amend, committing.uncommit,
    branching.branch_create, branching.switch, branching.branch_delete, branching.branch_force_delete,
    renaming.branch_rename, branching.merge, branching.merge_abort, branching.tag_create,
    stashing.stash_push, stashing.stash_pop, stashing.clean, stashing.clean_dry_run, stashing.reset_hard,
    remote.fetch, remote.pull, remote.push, remote.push_force, remote.clone, archiving.archive,
    inspecting.ls_files, inspecting.commit_count, inspecting.shortlog, inspecting.describe, inspecting.config_get,
    undoing.revert, undoing.cherry_pick, undoing.tag_delete, undoing.stash_drop, undoing.stash_show, undoing.init,
    undoing.remote_add,
)

SPECIFIC_PRIORITY = 5  # before nlsh's own patterns (0): these name git's vocabulary
AMBIGUOUS_PRIORITY = -5  # after nlsh's specific patterns, before its broad readers (-10)


@nlsh.hookimpl
def nlsh_register_actions(register: Callable[..., None]) -> None:
    for action in ACTIONS:
        register(action)


@nlsh.hookimpl
def nlsh_register_patterns(register: Callable[..., None]) -> None:
    register(*nlsh.gated(GATE, SPECIFIC), priority=SPECIFIC_PRIORITY)
    for regex, build in AMBIGUOUS:
        register(regex, build, priority=AMBIGUOUS_PRIORITY)


@nlsh.hookimpl
def nlsh_register_examples(register: Callable[..., None]) -> None:
    for request, steps in EXAMPLES:
        register(request, steps)
