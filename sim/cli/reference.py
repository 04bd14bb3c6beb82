"""The command-line reference (``docs/cli.md``), generated from the app itself.

``python -m sim.cli.reference docs/cli.md`` rewrites the file; a test checks it
is current, so the reference never drifts from the commands.
"""

from __future__ import annotations

import sys

import typer

from ..errors import EXIT_CODES


def _param_row(param) -> str:
    argument = param.param_type_name == "argument"
    if argument:
        name = f"`{param.human_readable_name}`"
    else:
        name = ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts])
        if not param.is_flag and param.metavar:
            name += f" {param.metavar}"
    text = (getattr(param, "help", None) or "").replace("|", "\\|")
    default = param.default
    if not argument and not param.is_flag and not param.multiple \
            and default not in (None, "", ()) and not callable(default) and not param.required:
        text += f" Default: `{default}`."
    if param.required:
        text += " Required."
    if getattr(param, "multiple", False):
        text += " May be repeated."
    return f"| {name} | {text.strip()} |"


def _section(name: str, cmd) -> list[str]:
    ctx = typer.Context(cmd, info_name=f"sim {name}")
    usage = " ".join(cmd.collect_usage_pieces(ctx))
    out = [f"## `sim {name}`", "", cmd.help.strip().splitlines()[0], "",
           "```", f"sim {name} {usage}", "```", ""]
    rows = [_param_row(p) for p in cmd.params if p.name != "help"]
    if rows:
        out += ["| Argument or option | Meaning |", "|---|---|", *rows, ""]
    if cmd.epilog:
        example = cmd.epilog.removeprefix("Example: ")
        out += ["Example:", "", "```sh", example, "```", ""]
    return out


def reference(app: typer.Typer | None = None) -> str:
    """The Markdown reference of every command and option of ``app`` (default: ``sim``'s)."""
    if app is None:
        from . import app
    group = typer.main.get_command(app)
    out = ["# Command-line reference", "",
           "Generated from the commands themselves by `python -m sim.cli.reference docs/cli.md`;",
           "a test fails when it is out of date. `sim COMMAND --help` prints the same.", "",
           "Every command takes `--json` and prints each error as one line on stderr (a",
           "file's problems as one line each, under it), never a traceback. `sim --version`",
           "prints the version; `sim --install-completion` installs shell completion.", "",
           "## Exit codes", "", "Every command ends with one of these:", "",
           "| Code | Meaning |", "|---|---|",
           *(f"| {code} | {meaning[0].upper() + meaning[1:]}. |"
             for code, meaning in EXIT_CODES.items()), "",
           "## Commands", "", "| Command | What it answers |", "|---|---|"]
    ctx = typer.Context(group, info_name="sim")
    names = group.list_commands(ctx)
    for name in names:
        cmd = group.get_command(ctx, name)
        out.append(f"| [`sim {name}`](#sim-{name}) | {cmd.short_help} |")
    out.append("")
    for name in names:
        out += _section(name, group.get_command(ctx, name))
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover - a maintenance tool
    text = reference()
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
