"""Examples in the README and docs/ are run, and their printed output checked.

A ```console block holds `$ sim ...` commands, each followed by the output it
prints (on stderr, with a non-zero exit, when it starts `error:`). A line holding
only `...` ends the comparison for that command.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sim.cli import app

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "docs" / "lessons").glob("*.md"))
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *LESSONS]
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def examples():
    for doc in DOCS:
        for block in BLOCK.findall(doc.read_text(encoding="utf-8")):
            command, expected = None, []
            for line in block.splitlines():
                if line.startswith("$ "):
                    if command:
                        yield pytest.param(command, expected, id=f"{doc.name}: {command}")
                    command, expected = line[2:], []
                else:
                    expected.append(line)
            if command:
                yield pytest.param(command, expected, id=f"{doc.name}: {command}")


@pytest.mark.parametrize("command, expected", list(examples()))
def test_doc_example(command, expected, monkeypatch, tmp_path):
    """The output shown is the output: line for line, or its head and tail around a
    line of "..." (a file the example writes under ``out/`` goes to a temporary folder)."""
    monkeypatch.chdir(ROOT)
    argv = [a.replace("out/", f"{tmp_path}/") for a in shlex.split(command)]
    assert argv[0] == "sim", command
    result = CliRunner().invoke(app, argv[1:], prog_name="sim")
    if expected and expected[0].startswith("error: "):  # an example of a refusal
        assert result.exit_code in (2, 3) and result.stdout == "", result.output
        actual = result.stderr.rstrip("\n").splitlines()
    else:
        assert result.exit_code == 0, result.output
        actual = result.stdout.replace(f"{tmp_path}/", "out/").rstrip("\n").splitlines()
    cut = next((i for i, line in enumerate(expected) if line.strip() == "..."), None)
    head, tail = (expected, []) if cut is None else (expected[:cut], expected[cut + 1:])
    for i, line in enumerate(head):
        assert i < len(actual), f"missing line {i + 1}: {line!r}"
        assert actual[i].rstrip() == line.rstrip()
    if cut is None:
        assert len(actual) == len(expected)
    elif tail:
        assert [a.rstrip() for a in actual[-len(tail):]] == [t.rstrip() for t in tail]


def test_there_are_examples():
    assert len(list(examples())) >= 1


SH_BLOCK = re.compile(r"```sh\n(.*?)```", re.S)
NEEDS_USER_FILES = ("my-", "report.txt", "holders.csv")


def tour_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for block in SH_BLOCK.findall(text):
        for line in block.splitlines():
            command = line.split("#", 1)[0].strip()
            if command.startswith("sim ") and not any(w in command for w in NEEDS_USER_FILES):
                yield pytest.param(command, id=command[:60])


@pytest.mark.parametrize("command", list(tour_commands()))
def test_readme_tour_commands_run(command, tmp_path, monkeypatch):
    """Every command of the README's tour that needs no file of the reader's own works."""
    monkeypatch.chdir(ROOT)
    argv = [a.replace("out/", f"{tmp_path}/") for a in shlex.split(command)[1:]]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.output


def test_python_examples_in_api_md_run():
    import doctest

    failures, tried = doctest.testfile(str(ROOT / "docs" / "api.md"), module_relative=False,
                                       optionflags=doctest.ELLIPSIS)
    assert tried >= 10 and failures == 0


def test_notebook_example_runs(tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(ROOT / "docs" / "examples" / "notebook.py"),
                           str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[2].startswith("If Homs falls to the opposition")
    assert {p.name for p in tmp_path.iterdir()} == {"homs-after.png", "homs-falls.png",
                                                    "after-homs.geojson"}


def test_cli_reference_is_current():
    from sim.cli.reference import reference

    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == reference(), "run: python -m sim.cli.reference docs/cli.md"


def test_the_limits_page_states_the_limits_in_force():
    """docs/bad-input.md gives every limit as the code has it."""
    from sim import errors, inputs, io, schema
    from sim.analysis import captures, risk
    from sim.api import MAX_ROUTES
    from sim.ingest import MAX_DOCUMENT_BYTES

    text = (ROOT / "docs" / "bad-input.md").read_text(encoding="utf-8")
    for stated in (f"{inputs.MAX_INPUT_BYTES >> 30} GiB", f"{MAX_DOCUMENT_BYTES >> 20} MiB",
                   f"{io.MAX_EXTENDS} scenarios deep", f"| {schema.MAX_POPULATION:,} |",
                   f"| {schema.MAX_KM:,} km |", f"| {risk.MAX_TRIALS:,} |",
                   f"| {MAX_ROUTES:,} |", f"at most {captures.EXACT_SWEEPS:,} sweeps",
                   f"longer than {errors.LONGEST_WORD} characters"):
        assert stated in text, stated
    for code, meaning in errors.EXIT_CODES.items():
        assert f"| {code} |" in text
