"""Rewrite the printed output of the ```console examples in README.md and docs/*.md.

Run from the repository root after a deliberate change of wording:

    .venv/bin/python tools/update_doc_examples.py

Each `$ sim ...` command is run again; its output replaces the lines under it (its
error output, for an example of a refusal: one whose first line starts "error: ").
Where the old output had a line holding only `...`, the new one keeps as many lines
before and after it. A file an example writes under `out/` goes to a temporary
folder. tests/test_docs.py checks the result.
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


def rerun(block: str) -> str:
    out, command, old = [], None, []

    def flush():
        if command is None:
            return
        with tempfile.TemporaryDirectory() as tmp:
            argv = [a.replace("out/", f"{tmp}/") for a in shlex.split(command)[1:]]
            result = CliRunner().invoke(app, argv, prog_name="sim")
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
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        new = BLOCK.sub(lambda m: m.group(1) + rerun(m.group(2)) + m.group(3), text)
        if new != text:
            doc.write_text(new, encoding="utf-8")
            print(f"updated {doc.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
