"""Benchmark of ``sim ingest`` on synthetic report text of a chosen size.

Run it with ``.venv/bin/python tools/bench_ingest.py`` (sizes 100 kB, 1 MB and
10 MB by default; ``--sizes 100k,2M``; ``--shape one-sentence`` for the same
words as a single sentence; ``--profile`` prints the top of a cProfile of each
run; ``--write FILE`` writes the text of the first size and stops, for
``sim ingest FILE``). It times reading the claims (``sim.ingest.ingest``) and
writing the review table ``sim ingest`` prints, separately.

The text is made by :func:`report_text`: deterministic for a given size and
seed, built from sentences of this file that name places, factions and the
verbs ``sim ingest`` reads, in the spellings the bundled Syria theatre lists
(``sim.load_theatre("syria")``). Besides ordinary paragraphs it holds what
makes a careless reader slow: long paragraphs, sentences of thousands of
characters without a full stop, sentences naming dozens of places, lines with
no punctuation at all, headings and list items. The time per megabyte should
stay about the same from the smallest size to the largest.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sim  # noqa: E402
from sim.ingest import ingest, parse_document  # noqa: E402
from sim.report.ingest import review_text  # noqa: E402

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# {a}/{b}: a faction's spelling; {p}, {q}: a place's; {w}: a weekday; {d}: a day of December.
SENTENCES = (
    "{a} captured {p} on {w} after a short fight at its northern gate.",
    "{p} was captured by {a} on {w}, according to people in the town.",
    "{a} withdrew from {p} overnight and moved their heavy guns south.",
    "{p} fell to {a} on December {d}.",
    "Officials said {a} had taken control of {p} and were setting up checkpoints.",
    "{a} advanced on {p} as {b} reinforced their positions around {q}.",
    "The {a} still hold {p}, a town on the road to {q}.",
    "{p}, which {a} seized last week, was quiet on {w}.",
    "Fighting continued around {p}, where {b} said they had repelled an attack.",
    "{a} could take {p} within days, which would cut off {q} from the coast.",
    "Residents of {p} reported shelling but no change of control.",
    "{b} denied that {a} had entered {p}.",
    "Columns of {a} were seen nearing {p} on {w} morning.",
    "{a} handed {p} over to {b} without a fight.",
    "Air strikes hit the outskirts of {p} and killed several people.",
    "{p} remains under the control of {a}, local sources said.",
    "Reports that {a} had overrun {p} could not be confirmed.",
    "{a} said they had besieged {p} and closed the road to {q}.",
)

# Pieces of a sentence that never ends: joined by commas and "and", no full stop.
CLAUSES = (
    "{a} pushed towards {p}",
    "{b} pulled back from {p}",
    "convoys left {p} for {q}",
    "{a} took {p}",
    "the road between {p} and {q} was closed",
    "people in {p} waited for news",
    "{a} reached the edge of {p}",
    "{b} held on to {p}",
)

PLAIN_LINES = (
    "{a} entered {p} at dawn and {b} left for {q} with their families",
    "no word from {p} since the lines went down and the road to {q} is empty",
    "{a} now hold {p} and say they will move on {q} next",
)

HEADINGS = ("## Latest from {p}", "# {p} and {q}", "### What we know about {p}")
ITEMS = ("- {a} captured {p}.", "* {b} withdrew from {p}.", "1. {p} fell to {a}.",
         "- Fighting near {q}.")


def _spellings(theatre) -> tuple[list[str], list[str]]:
    places = sorted({n for p in theatre.places.values() for n in (p.name, *p.aliases)
                     if n and n[0].isupper()})
    factions = sorted({n for f in theatre.factions.values() for n in (f.short, *f.aliases)
                       if n})
    return places, factions


def report_text(size: int, *, seed: int = 0, theatre=None) -> str:
    """About ``size`` bytes (UTF-8) of report text naming the theatre's places and factions.

    Deterministic for ``(size, seed)``: a dateline, then paragraphs of several
    kinds in a fixed rotation (ordinary ones, long ones, a sentence without a
    full stop, a sentence listing many places, lines without punctuation, a
    heading with list items), each filled from the theatre's spellings.
    """
    theatre = theatre or sim.load_theatre("syria")
    places, factions = _spellings(theatre)
    rng = random.Random(seed)

    def fill(template: str, cap: bool = True) -> str:
        s = template.format(a=rng.choice(factions), b=rng.choice(factions),
                            p=rng.choice(places), q=rng.choice(places),
                            w=rng.choice(WEEKDAYS), d=rng.randint(1, 8))
        return s[0].upper() + s[1:] if cap else s

    def ordinary(n: int) -> str:
        return " ".join(fill(rng.choice(SENTENCES)) for _ in range(n))

    def run_on(n: int) -> str:
        return ", ".join(fill(rng.choice(CLAUSES)) if i == 0 else
                         rng.choice(("and ", "while ", "")) + fill(rng.choice(CLAUSES), cap=False)
                         for i in range(n))

    def many_places(n: int) -> str:
        names = [rng.choice(places) for _ in range(n)]
        return (f"{rng.choice(factions)} said they now hold " + ", ".join(names[:-1])
                + f" and {names[-1]}, and that {rng.choice(factions)} had withdrawn from "
                + ", ".join(rng.choice(places) for _ in range(n // 2)) + ".")

    kinds = [
        lambda: ordinary(rng.randint(3, 6)),
        lambda: ordinary(rng.randint(40, 80)),                  # a long paragraph
        lambda: run_on(rng.randint(60, 200)),                    # no full stop at all
        lambda: many_places(rng.randint(20, 60)),
        lambda: "\n".join(fill(rng.choice(PLAIN_LINES)) for _ in range(rng.randint(5, 20))),
        lambda: "\n".join([fill(rng.choice(HEADINGS)), ""]
                          + [fill(rng.choice(ITEMS)) for _ in range(rng.randint(3, 8))]),
    ]
    parts = ["DAMASCUS, Dec. 6, 2024 - " + ordinary(3)]
    total = len(parts[0].encode())
    k = 0
    while total < size:
        para = kinds[k % len(kinds)]()
        k += 1
        parts.append(para)
        total += len(para.encode()) + 2
    return "\n\n".join(parts) + "\n"


SHAPES = ("report", "one-block", "one-sentence")


def reshape(text: str, shape: str) -> str:
    """The same words laid out as ``shape``: ``report`` (as made), ``one-block`` (no
    blank line: one paragraph of many sentences) or ``one-sentence`` (no blank line, no
    heading or list mark and no full stop: one sentence as long as the text)."""
    if shape == "one-block":
        return text.replace("\n\n", "\n")
    if shape == "one-sentence":
        text = re.sub(r"(?m)^[#*\-\d. ]+", "", text)
        return re.sub(r"[.!?]", "", text.replace("\n\n", "\n"))
    return text


def _size(word: str) -> int:
    word = word.strip().lower()
    mult = {"k": 1000, "m": 1000_000}.get(word[-1:], 1)
    return int(float(word.rstrip("km")) * mult)


def _label(n: int) -> str:
    return f"{n / 1e6:g} MB" if n >= 1e6 else f"{n / 1e3:g} kB"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100k,1M,10M", help="comma-separated, e.g. 100k,1M")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--shape", choices=SHAPES, default="report", help="how the text is laid out")
    ap.add_argument("--profile", action="store_true", help="print the top of a cProfile")
    ap.add_argument("--write", metavar="FILE", help="write the text of the first size and stop")
    args = ap.parse_args(argv)
    sizes = [_size(s) for s in args.sizes.split(",")]
    theatre = sim.load_theatre("syria")
    if args.write:
        text = reshape(report_text(sizes[0], seed=args.seed, theatre=theatre), args.shape)
        Path(args.write).write_text(text, encoding="utf-8")
        return
    print(f"{args.shape} text, read with sim.ingest.ingest, then its review table")
    print(f"{'size':>8}  {'ingest s':>8}  {'review s':>8}  {'s per MB':>8}  claims")
    for n in sizes:
        text = reshape(report_text(n, seed=args.seed, theatre=theatre), args.shape)
        doc = parse_document(text, "bench.txt")
        prof = cProfile.Profile() if args.profile else None
        t0 = time.perf_counter()
        if prof:
            prof.enable()
        result = ingest([doc], theatre, date="2024-12-06")
        t1 = time.perf_counter()
        review_text(result)
        t2 = time.perf_counter()
        if prof:
            prof.disable()
        mb = len(text.encode()) / 1e6
        print(f"{_label(n):>8}  {t1 - t0:8.2f}  {t2 - t1:8.2f}  {(t2 - t0) / mb:8.2f}  "
              f"{len(result.claims)}", flush=True)
        del result
        if prof:
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(15)
            print(out.getvalue())


if __name__ == "__main__":
    main()
