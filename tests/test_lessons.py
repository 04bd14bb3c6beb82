"""The lessons: each asks a question, shows the commands (run by tests/test_docs.py),
shows the figures those commands draw, says what to notice and what the model leaves
out, sets exercises, and links a teacher's page with the answers."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

import sim

LESSONS = Path(__file__).resolve().parent.parent / "docs" / "lessons"
PAGES = sorted(p for p in LESSONS.glob("[0-9]*.md") if not p.stem.endswith("-answers"))
COMMAND = re.compile(r"^\$ (sim .*)$", re.M)
IMAGE = re.compile(r"!\[[^\]]*\]\(figures/([^)]+)\)")


def test_there_are_at_least_three_lessons():
    assert [p.stem for p in PAGES] == ["01-the-homs-gap", "02-the-m5-spine", "03-the-east"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_each_lesson_has_its_parts(page):
    text = page.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("# Lesson ")
    for part in ("**The question.**", "## What to notice", "## Exercises",
                 "> **What the model leaves out.**"):
        assert part in text, part
    assert len(re.findall(r"^\d\. ", text.split("## Exercises", 1)[1], re.M)) >= 3
    answers = page.with_name(page.stem + "-answers.md")
    assert f"]({answers.name})" in text and answers.is_file()
    assert f"]({page.name})" in answers.read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_figure_is_committed_and_drawn_by_a_command_of_its_lesson(page):
    text = page.read_text(encoding="utf-8")
    drawn = {Path(arg).name for command in COMMAND.findall(text)
             for arg in shlex.split(command) if arg.startswith("out/")}
    shown = IMAGE.findall(text)
    assert shown, "a lesson shows at least one figure"
    for name in shown:
        assert name in drawn, f"no command of {page.name} draws {name}"
        figure = LESSONS / "figures" / name
        assert figure.is_file() and figure.stat().st_size > 10_000, f"make docs draws {name}"


def test_no_figure_is_left_over():
    shown = {name for page in PAGES for name in IMAGE.findall(page.read_text(encoding="utf-8"))}
    assert {p.name for p in (LESSONS / "figures").iterdir()} == shown


def test_the_chart_summary_a_teacher_s_page_quotes_is_the_chart_s():
    fig, _ = sim.plot.campaign(sim.load("syria-2024-campaign"))
    summary = " ".join(t.get_text().replace("\n", " ") for t in fig.texts)
    page = (LESSONS / "03-the-east-answers.md").read_text(encoding="utf-8")
    quote = re.search(r'says it: "([^"]+)"', page, re.S).group(1)
    assert " ".join(quote.split()) in summary
