"""Rewrite the printed output of the ```console examples in README.md, docs/*.md and
docs/lessons/*.md; with ``--figures`` (``make docs``), also redraw the lessons' figures.

Run from the repository root after a deliberate change of wording:

    .venv/bin/python tools/update_doc_examples.py            # the printed output
    .venv/bin/python tools/update_doc_examples.py --figures  # and the lesson figures

Each `$ sim ...` command is run again; its output replaces the lines under it (its
error output, for an example of a refusal: one whose first line starts "error: ").
Where the old output had a line holding only `...`, the new one keeps as many lines
before and after it. A file an example writes under `out/` goes to a temporary
folder; in a lesson, with ``--figures``, it goes to docs/lessons/figures/ instead
(overwriting the figure there), which is where the lesson's images come from.
tests/test_docs.py checks the result.
"""

from __future__ import annotations

import re
import shlex
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sim.cli import app  # noqa: E402

BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.S)


FIGURES = ROOT / "docs" / "lessons" / "figures"


def arguments(command: str, folder: str) -> list[str]:
    """The command's arguments with each file under ``out/`` put in ``folder``; with
    ``--force`` when the folder is the lessons' figures (they are redrawn in place)."""
    argv = [a.replace("out/", f"{folder}/") for a in shlex.split(command)[1:]]
    if folder == str(FIGURES) and any(a.startswith(folder) for a in argv) and "--force" not in argv:
        argv.append("--force")
    return argv


def rerun(block: str, figures: bool = False) -> str:
    out, command, old = [], None, []

    def flush():
        if command is None:
            return
        with tempfile.TemporaryDirectory() as tmp:
            folder = str(FIGURES) if figures else tmp
            argv = arguments(command, folder)
            result = CliRunner().invoke(app, argv, prog_name="sim")
            tmp = folder
            refusal = bool(old) and old[0].startswith("error: ")
            text = (result.stderr if refusal else result.stdout).replace(f"{tmp}/", "out/")
        lines = text.rstrip("\n").splitlines()
        marks = [line.strip() for line in old]
        if "..." in marks:
            cut = marks.index("...")
            tail = len(old) - cut - 1
            lines = lines[:cut] + ["..."] + (lines[-tail:] if tail else [])
        out.extend([f"$ {command}", *[line.rstrip() for line in lines]])

    for line in block.splitlines():
        if line.startswith("$ "):
            flush()
            command, old = line[2:], []
        elif command is None:
            out.append(line)
        else:
            old.append(line)
    flush()
    return "\n".join(out) + "\n"


def main() -> None:
    import os

    os.chdir(ROOT)
    figures = "--figures" in sys.argv[1:]
    FIGURES.mkdir(parents=True, exist_ok=True)
    lessons = sorted((ROOT / "docs" / "lessons").glob("*.md"))
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *lessons]:
        text = doc.read_text(encoding="utf-8")
        draw = figures and doc in lessons
        new = BLOCK.sub(lambda m: m.group(1) + rerun(m.group(2), draw) + m.group(3), text)
        if new != text:
            doc.write_text(new, encoding="utf-8")
            print(f"updated {doc.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
