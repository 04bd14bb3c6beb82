"""Score ``sim ingest`` against hand-labelled texts.

    .venv/bin/python tools/eval_ingest.py LABELS... [--json] [--min-recall R] [--max-wrong W]

Each LABELS file is a JSON object ``{"cases": [...]}`` (the format of
``tests/data/ingest/labels.json``); each case names a text (``file``, relative to
the labels file), the holders each place may have after reading it (``expect``:
place -> accepted faction ids, ``"contested"`` accepted when the output lists
the place as contested) and the holders it must not get (``forbid``: place ->
faction ids, ``"contested"`` allowed too). Places are named by id, name or alias
of the theatre (resolved as ``sim`` resolves them: case, accents and punctuation
ignored), factions by their ids.

Every text is read alone, in this process, through ``sim.api.read_reports([file])``;
only the ``control`` (place id -> faction id) and ``contested`` (place ids) of its
result are looked at. For each labels file the scorer prints one line per failed
expectation, per forbidden holding found, per text that could not be read and per
label naming an unknown place or faction, then the summary line::

    NAME: R/T expected holdings right (recall X%), precision Y%, W wrong control changes, E errors

NAME is the name of the folder that holds the labels file. The counts:

- T, expected holdings: the (text, place) pairs of every ``expect``.
- R, right: those the output gives an accepted holder, or lists as contested where
  ``"contested"`` is accepted.
- W, wrong control changes: (text, place) pairs where the output gives a holder the
  ``forbid`` of that text names (or lists the place as contested, when ``"contested"``
  is forbidden).
- M, mismatched: expected places the output does decide (a holder, or contested)
  but not as the labels accept, and that are not already counted in W.
- recall = R / T.
- precision = R / (R + W + M): of the answers the output gives for labelled places
  whose right answer is known (accepted or forbidden), the share that is right.
  A place the output says nothing about costs recall, not precision. "n/a" when
  the output answers none of them.
- E, errors: texts that failed to read (any exception, reported as a failure line:
  the scorer does not stop) and labels naming an unknown place or faction. Their
  expectations count in T and are not right.

``--json`` prints the same as one JSON object instead. ``--min-recall R`` (a fraction,
``0.5``, or a percentage, ``50%``) and ``--max-wrong W`` make the exit code 1 unless
every labels file meets them. Exit code 2: a labels file that cannot be read or has
not this format.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sim import api, io  # noqa: E402

CONTESTED = "contested"

# A reader: the path of one text -> (control: place id -> faction id, contested place ids).
Reader = Callable[[Path], tuple[dict[str, str], frozenset[str]]]


class LabelsError(Exception):
    """A labels file that cannot be read or has not the expected format."""


@dataclass
class Failure:
    file: str
    # "missed" (no answer), "mismatched" (an answer not accepted), "wrong" (an expected place
    # given a forbidden holder), "forbidden" (a forbidden holding), "error", "label"
    kind: str
    place: str = ""
    wanted: tuple[str, ...] = ()
    got: str = ""
    message: str = ""

    def line(self) -> str:
        if self.kind == "error":
            return f"  {self.file}: ERROR {self.message}"
        if self.kind == "label":
            return f"  {self.file}: LABEL {self.message}"
        if self.kind == "forbidden":
            return f"  {self.file}: {self.place} got {self.got}, which is forbidden"
        return f"  {self.file}: {self.place} expected {' or '.join(self.wanted)}, got {self.got}"

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file, "kind": self.kind}
        if self.place:
            out["place"] = self.place
        if self.wanted:
            out["forbidden" if self.kind == "forbidden" else "expected"] = list(self.wanted)
        if self.kind in ("missed", "mismatched", "wrong", "forbidden"):
            out["got"] = self.got
        if self.message:
            out["message"] = self.message
        return out


@dataclass
class Score:
    name: str
    path: str
    cases: int = 0
    total: int = 0
    right: int = 0
    wrong: int = 0
    mismatched: int = 0
    errors: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.right / self.total if self.total else 1.0

    @property
    def precision(self) -> float | None:
        answered = self.right + self.wrong + self.mismatched
        return self.right / answered if answered else None

    def summary(self) -> str:
        prec = "n/a" if self.precision is None else f"{100 * self.precision:.1f}%"
        return (f"{self.name}: {self.right}/{self.total} expected holdings right "
                f"(recall {100 * self.recall:.1f}%), precision {prec}, "
                f"{self.wrong} wrong control changes, {self.errors} errors")

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "labels": self.path, "cases": self.cases,
                "expected": self.total, "right": self.right, "recall": round(self.recall, 4),
                "precision": None if self.precision is None else round(self.precision, 4),
                "wrong": self.wrong, "mismatched": self.mismatched, "errors": self.errors,
                "failures": [f.as_json() for f in self.failures]}


def read_with_sim(path: Path) -> tuple[dict[str, str], frozenset[str]]:
    """The control and contested places ``sim ingest`` finds in one text."""
    res = api.read_reports([path]).value
    return dict(res.control), frozenset(res.contested)


def load_labels(path: Path) -> list[dict[str, Any]]:
    """The cases of a labels file; :class:`LabelsError` if it has not the format."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise LabelsError(f"{path}: cannot read the labels: {exc}") from None
    cases = data.get("cases") if isinstance(data, dict) else None
    if not isinstance(cases, list):
        raise LabelsError(f"{path}: not a labels file: no list of \"cases\"")
    for i, case in enumerate(cases):
        if not isinstance(case, dict) or not isinstance(case.get("file"), str):
            raise LabelsError(f"{path}: case {i + 1} has no \"file\"")
        for key in ("expect", "forbid"):
            table = case.get(key, {})
            if not isinstance(table, dict) or not all(
                    isinstance(v, list) and all(isinstance(f, str) for f in v)
                    for v in table.values()):
                raise LabelsError(f"{path}: case {i + 1} ({case['file']}): \"{key}\" must map "
                                  "places to lists of faction ids")
    return cases


def _got(place: str, control: dict[str, str], contested: frozenset[str]) -> str:
    holder = control.get(place)
    if place in contested:
        return f"{holder}, contested" if holder else CONTESTED
    return holder or "nothing"


def _answers(place: str, factions: list[str], control: dict[str, str],
             contested: frozenset[str]) -> bool:
    return control.get(place) in factions or (CONTESTED in factions and place in contested)


class _Labels:
    """Resolution of the places and factions that labels name, against one theatre."""

    def __init__(self, theatre) -> None:
        self.theatre = theatre
        self.factions = set(theatre.factions) | {CONTESTED}

    def problems(self, case: dict[str, Any]) -> list[str]:
        out = []
        for key in ("expect", "forbid"):
            for name, factions in case.get(key, {}).items():
                if self.theatre.place_id(name) is None:
                    out.append(f"{key}: unknown place {name!r}")
                bad = [f for f in factions if f not in self.factions]
                if bad:
                    out.append(f"{key} {name}: unknown faction {', '.join(map(repr, bad))}")
        return out


def _score_case(case: dict[str, Any], base: Path, labels: _Labels, read: Reader,
                score: Score) -> None:
    name = case["file"]
    expect, forbid = case.get("expect", {}), case.get("forbid", {})
    score.cases += 1
    score.total += len(expect)
    problems = labels.problems(case)
    for message in problems:
        score.failures.append(Failure(name, "label", message=message))
    score.errors += len(problems)
    try:
        control, contested = read(base / name)
    except Exception as exc:  # noqa: BLE001 - one text that fails is one failure line
        score.errors += 1
        text = str(exc).strip().splitlines()
        score.failures.append(Failure(name, "error", message=f"{type(exc).__name__}: "
                                      f"{text[0] if text else ''}"))
        return
    hits: list[Failure] = []
    for place_name, factions in forbid.items():
        pid = labels.theatre.place_id(place_name)
        if pid is not None and _answers(pid, factions, control, contested):
            hits.append(Failure(name, "forbidden", place_name, tuple(factions),
                                _got(pid, control, contested)))
    forbidden = {labels.theatre.place_id(f.place) for f in hits}
    for place_name, factions in expect.items():
        pid = labels.theatre.place_id(place_name)
        if pid is None:
            continue
        if _answers(pid, factions, control, contested):
            score.right += 1
            continue
        if pid in forbidden:
            kind = "wrong"  # counted once, in W
        elif pid in control or pid in contested:
            kind = "mismatched"
            score.mismatched += 1
        else:
            kind = "missed"
        score.failures.append(Failure(name, kind, place_name, tuple(factions),
                                      _got(pid, control, contested)))
    score.wrong += len(hits)
    score.failures += hits


def score_labels(path: str | Path, *, read: Reader = read_with_sim,
                 theatre: str = "syria") -> Score:
    """Score one labels file: every text read alone by ``read`` (default: ``sim``)."""
    path = Path(path)
    cases = load_labels(path)
    labels = _Labels(io.load_theatre(theatre))
    score = Score(path.resolve().parent.name, str(path))
    for case in cases:
        _score_case(case, path.parent, labels, read, score)
    return score


def _fraction(text: str) -> float:
    try:
        value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a fraction or percentage: {text!r}") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"a recall is between 0 and 1 (or 0% and 100%): {text}")
    return value


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="eval_ingest.py", description="Score sim ingest against hand-labelled texts.")
    p.add_argument("labels", nargs="+", type=Path, metavar="LABELS",
                   help="labels JSON files (texts are relative to each)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--min-recall", type=_fraction, metavar="R",
                   help="exit 1 unless every labels file has at least this recall")
    p.add_argument("--max-wrong", type=int, metavar="W",
                   help="exit 1 if a labels file has more wrong control changes")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    scores = []
    for path in args.labels:
        try:
            scores.append(score_labels(path))
        except LabelsError as exc:
            print(f"eval_ingest: {exc}", file=sys.stderr)
            return 2
    ok = all((args.min_recall is None or s.recall >= args.min_recall)
             and (args.max_wrong is None or s.wrong <= args.max_wrong) for s in scores)
    if args.json:
        print(json.dumps({"ok": ok, "labels": [s.as_json() for s in scores]}, indent=2))
    else:
        for s in scores:
            for failure in s.failures:
                print(failure.line())
            print(s.summary())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
