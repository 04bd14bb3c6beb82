"""Rewrite the printed output of the ```console examples in README.md and docs/*.md.

Run from the repository root after a deliberate change of wording:

    .venv/bin/python tools/update_doc_examples.py

Each `$ sim ...` command is run again; its output replaces the lines under it.
Where the old output stopped at a line holding only `...`, the new one stops
after as many lines. tests/test_docs.py checks the result.
"""

from __future__ import annotations

import re
import shlex
import sys
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
        result = CliRunner().invoke(app, shlex.split(command)[1:])
        lines = result.stdout.rstrip("\n").splitlines()
        if "..." in [line.strip() for line in old]:
            keep = [line.strip() for line in old].index("...")
            lines = lines[:keep] + ["..."]
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
