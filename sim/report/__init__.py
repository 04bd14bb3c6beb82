"""Reports: every command's answer as text for people and JSON for machines.

One module per report: :mod:`~sim.report.whatif`, :mod:`~sim.report.show`,
:mod:`~sim.report.analyses` (critical, cut, routes, risk),
:mod:`~sim.report.tables` (places, scenarios, factions, validate, export)
and :mod:`~sim.report.ingest`. Every sentence they print is written by
:mod:`sim.report.words` from the analysis values, in the words of
``docs/glossary.md``. Output is deterministic: the same question gives the
same bytes.
"""

from __future__ import annotations

from .common import describe_events, dumps, json_chunks, name_of, scenario_json, status_words, via
from .show import SHOW_SCHEMA, scenario_assessments, show_json, show_text
from .whatif import WHATIF_SCHEMA, verdict, verdict_sentence, whatif_json, whatif_text

__all__ = ["SHOW_SCHEMA", "WHATIF_SCHEMA", "describe_events", "dumps", "json_chunks", "name_of",
           "scenario_assessments", "scenario_json", "show_json", "show_text", "status_words",
           "verdict", "verdict_sentence", "via", "whatif_json", "whatif_text"]
