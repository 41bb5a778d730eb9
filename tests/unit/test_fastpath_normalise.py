"""normalise(): third-person command descriptions read as the imperative the patterns expect."""

import pytest

from nlsh.intent.fastpath import normalise


@pytest.mark.parametrize("text, expected", [
    ("Prints the first line of a.txt", "Print the first line of a.txt"),
    ("Recursively finds all files in src", "Recursively find all files in src"),
    ("Copies notes.txt to backup", "Copy notes.txt to backup"),
    ("Searches for TODO in main.py.", "Search for TODO in main.py"),
    ("Empties the trash", "Empty the trash"),
    ("Displays the date", "Display the date"),
])
def test_third_person_verbs_become_imperative(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize("text", [
    "changes since yesterday",      # a noun, not "change"
    "archives in this folder",      # "archive in this folder" would create one
    "reports older than a week",
    "processes using port 80",
    "copy a.txt to b",
    "show files",
])
def test_other_first_words_are_left_alone(text):
    assert normalise(text) == text
