"""Answers: what each question of :mod:`sim.api` returns.

An answer holds the scenario it was asked of and the analysis value (its
``value``), and knows how it reads: ``verdict`` (the one sentence that opens
the report, where the question has one), ``text()`` (the report the command
line prints) and ``to_json()`` (the JSON document of ``--json``). The
attributes of the analysis value can be read on the answer itself:
``answer.change`` is ``answer.value.change``.

>>> import sim
>>> r = sim.what_if(sim.load(), fall=["Hims"])
>>> r.verdict == r.text().splitlines()[0]
True
>>> r.change.kind
'lifeline-cut'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import report
from .report import analyses as ra
from .report import tables
from .report import timeline as rt
from .scenario import Scenario


@dataclass(frozen=True)
class Answer:
    """A question's answer: the scenario, the analysis value, and how it reads.

    A subclass names its report functions in ``_report``: ``(verdict, text,
    json)``, each called with the scenario and the value (``verdict`` may be
    None: the first line of the text is then the verdict).
    """

    scenario: Scenario
    value: Any
    _report = (None, None, None)

    @property
    def verdict(self) -> str:
        """The sentence that opens the report."""
        verdict = self._report[0]
        return verdict(self.scenario, self.value) if verdict else self.text().splitlines()[0]

    def text(self) -> str:
        """The report as the command line prints it."""
        return self._report[1](self.scenario, self.value)

    def to_json(self) -> dict[str, Any]:
        """The report as the JSON document of ``--json``."""
        return self._report[2](self.scenario, self.value)

    def json(self) -> str:
        """:meth:`to_json` as stable JSON text (sorted keys, trailing newline)."""
        return report.dumps(self.to_json())

    def __str__(self) -> str:
        return self.text()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name == "value":
            raise AttributeError(name)
        return getattr(self.value, name)


@dataclass(frozen=True)
class WhatIfAnswer(Answer):
    """What a set of events does to a faction (``value``: :class:`sim.analysis.WhatIf`)."""

    _report = (report.verdict, report.whatif_text, report.whatif_json)

    @property
    def sentence(self):
        """The verdict as a :class:`~sim.report.words.Sentence` (its kind and clauses)."""
        return report.verdict_sentence(self.scenario, self.value)


@dataclass(frozen=True)
class ShowAnswer(Answer):
    """A scenario's control, pockets, lifelines and chokepoints (``value``: the
    :class:`~sim.analysis.Assessment` of each faction by id); ``faction`` limits the text."""

    faction: str | None = None

    def text(self) -> str:
        return report.show_text(self.scenario, self.faction, self.value)

    def to_json(self) -> dict[str, Any]:
        return report.show_json(self.scenario, self.value)


@dataclass(frozen=True)
class CriticalAnswer(Answer):
    """The criticality sweep (``value``: :class:`sim.analysis.critical.Criticality`).

    ``top``: how many places the report lists (None: 10 in text, all in JSON).
    """

    top: int | None = None

    @property
    def verdict(self) -> str:
        return ra.critical_verdict(self.scenario, self.value, self._text_top)

    @property
    def _text_top(self) -> int:
        return 10 if self.top is None else self.top

    def text(self) -> str:
        return ra.critical_text(self.scenario, self.value, self._text_top)

    def to_json(self) -> dict[str, Any]:
        return ra.critical_json(self.scenario, self.value, self.top)


@dataclass(frozen=True)
class CriticalPairsAnswer(Answer):
    """The pairs of falls that cut most together (``value``:
    :class:`sim.analysis.pairs.CriticalPairs`)."""

    _report = (ra.pairs_verdict, ra.pairs_text, ra.pairs_json)


@dataclass(frozen=True)
class CutAnswer(Answer):
    """The fewest captures that sever a lifeline (``value``: :class:`sim.analysis.cuts.MinCut`)."""

    _report = (ra.cut_verdict, ra.cut_text, ra.cut_json)


@dataclass(frozen=True)
class CapturesAnswer(Answer):
    """The captures that cut most off a capital (``value``: :class:`sim.analysis.cuts.Captures`)."""

    _report = (ra.captures_verdict, ra.captures_text, ra.captures_json)


@dataclass(frozen=True)
class RoutesAnswer(Answer):
    """The shortest passable routes between two places (``value``: :class:`sim.analysis.routes.Routes`)."""

    _report = (ra.routes_verdict, ra.routes_text, ra.routes_json)


@dataclass(frozen=True)
class RiskAnswer(Answer):
    """Monte Carlo chances of cuts and losses (``value``: :class:`sim.analysis.risk.Risk`)."""

    _report = (ra.risk_verdict, ra.risk_text, ra.risk_json)


@dataclass(frozen=True)
class PlacesAnswer(Answer):
    """Every place of the theatre with its holder (``value``: a tuple of row dicts)."""

    _report = (None, tables.places_text, tables.places_json)


@dataclass(frozen=True)
class FactionsAnswer(Answer):
    """The scenario's factions and their roles (``value``: a tuple of row dicts)."""

    _report = (None, tables.factions_text, tables.factions_json)


@dataclass(frozen=True)
class ExportAnswer(Answer):
    """A scenario written as GeoJSON, GraphML or CSV (``value``: the text, or for csv
    the texts by file name), seen by ``faction``, in ``fmt``."""

    faction: str = ""
    fmt: str = ""
    events: tuple = ()

    def text(self) -> str:
        if isinstance(self.value, dict):
            return "".join(str(text) for text in self.value.values())
        return str(self.value)

    def to_json(self) -> dict[str, Any]:
        return tables.export_json(self.scenario, self.faction, self.fmt, self.events, ())


@dataclass(frozen=True)
class ExploreAnswer(Answer):
    """An explorer page (``value``: its HTML text), to open in a browser."""

    @property
    def html(self) -> str:
        return self.value

    @property
    def size(self) -> int:
        """The page's size in bytes (UTF-8)."""
        return len(self.value.encode("utf-8"))

    def save(self, path, *, force: bool = False):
        """Write the page to ``path`` whole or not at all; an existing file only with
        ``force``. Returns the path."""
        from .output import write_atomic

        return write_atomic(path, self.value, force=force)

    def text(self) -> str:
        return tables.explore_text(self.scenario, self.size)

    def to_json(self) -> dict[str, Any]:
        return tables.explore_json(self.scenario, self.size)


@dataclass(frozen=True)
class ValidateAnswer(Answer):
    """A file that passed validation: ``value`` is the scenario or the theatre it holds;
    ``pieces``, for a theatre, how many parts no road joins."""

    file: str = ""
    pieces: int = 0

    def text(self) -> str:
        if self.scenario is None:
            return tables.validate_theatre_text(self.value, self.pieces)
        return tables.validate_scenario_text(self.scenario)

    def to_json(self) -> dict[str, Any]:
        if self.scenario is None:
            return tables.validate_theatre_json(self.value, self.pieces, self.file)
        return tables.validate_scenario_json(self.scenario, self.file)


@dataclass(frozen=True)
class IngestAnswer(Answer):
    """Claims read from news reports (``value``: :class:`sim.ingest.IngestResult`);
    ``scenario`` is the base they update, if any, ``ref`` how what-ifs name it."""

    ref: str | None = None
    base_path: str | None = None

    def text(self) -> str:
        from .report.ingest import review_text

        return review_text(self.value, self.ref)

    def to_json(self) -> dict[str, Any]:
        from .report.ingest import to_json

        return to_json(self.value, self.ref)


@dataclass(frozen=True)
class TimelineAnswer(Answer):
    """A campaign day by day for one faction (``value``:
    :class:`sim.analysis.timeline.Timeline`)."""

    _report = (rt.timeline_verdict, rt.timeline_text, rt.timeline_json)

    #: One date (YYYY-MM-DD) the report speaks of, or None for every date.
    date: str | None = None

    @property
    def verdict(self) -> str:
        if self.date:
            return self.day_verdict(self.date)
        return rt.timeline_verdict(self.scenario, self.value)

    def text(self) -> str:
        if self.date:
            return rt.day_text(self.scenario, self.value, self.date)
        return rt.timeline_text(self.scenario, self.value)

    def to_json(self) -> dict[str, Any]:
        return rt.timeline_json(self.scenario, self.value, self.date)

    def day_verdict(self, date: str) -> str:
        """The sentence of one day (YYYY-MM-DD) of the timeline."""
        return rt.day_verdict(self.scenario, self.value.day(date))
