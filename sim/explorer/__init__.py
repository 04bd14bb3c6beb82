"""The explorer: one self-contained HTML page per scenario, to play what-ifs in a browser.

The page holds the scenario's data (:mod:`sim.explorer.data`), the engine that
answers what-ifs from it (``engine.js``, the same analysis as
:mod:`sim.analysis`), the words that state the answers (``words.js``, the same
sentences as :mod:`sim.report.words`) and the page itself (``page.js``,
``page.css``, ``page.html``). Nothing is fetched: it works from disk, offline.

>>> import sim
>>> page = sim.explore(sim.load("syria-2024-12-06"))
>>> page.html.startswith("<!DOCTYPE html>"), "<script src" in page.html, "<link" in page.html
(True, False, False)
>>> page.size < 2_000_000
True
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources

from ..scenario import Scenario
from .data import SCHEMA, explorer_data, load_words, scenario_ref

__all__ = ["MAX_PLACES", "SCHEMA", "SCRIPTS", "explore", "explorer_data", "load_words",
           "page_html", "scenario_ref", "source"]

#: The most places an explorer page draws: past this a browser's map is no longer
#: usable, and the command line's questions are the way to ask.
MAX_PLACES = 20_000

#: The page's scripts, in the order they load: the engine, its words, the page.
SCRIPTS = ("engine.js", "words.js", "page.js")


def source(name: str) -> str:
    """The text of one of the explorer's own files (``engine.js``, ``page.css``...)."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _inline_json(value) -> str:
    """JSON safe inside a ``<script>`` element: no ``<`` at all (so nothing in it can end
    the element or open a comment), written ``\\u003c`` as JSON allows."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")


def _inline_script(text: str) -> str:
    return text.replace("</script", "<\\/script")


def explore(scenario: Scenario, *, words: list[str] | None = None):
    """The explorer page of ``scenario`` (an :class:`~sim.results.ExploreAnswer`: its
    ``html``, ``size`` in bytes, and ``save(path, force=False)``). ``words``: how the
    page's `sim what-if` command lines name the scenario (:func:`load_words`; by
    default its id or file). A theatre of more than :data:`MAX_PLACES` places is
    refused."""
    from ..errors import InputError
    from ..results import ExploreAnswer

    n = len(scenario.theatre.places)
    if n > MAX_PLACES:
        raise InputError(f"the explorer draws at most {MAX_PLACES:,} places and this theatre "
                         f"has {n:,}: ask sim what-if, show or export instead", key="scenario")
    return ExploreAnswer(scenario, page_html(scenario, words))


def page_html(scenario: Scenario, words: list[str] | None = None) -> str:
    """The explorer page of ``scenario``, as one HTML text (``words``: as :func:`explore`)."""
    data = explorer_data(scenario, words)
    scripts = "\n".join(f"<script>\n{_inline_script(source(name))}\n</script>"
                        for name in SCRIPTS)
    parts = {"title": html.escape(f"{scenario.title}: explorer"), "style": source("page.css"),
             "data": _inline_json(data), "scripts": scripts}
    # One pass, so that nothing a part holds (a place's name) is taken for a slot.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], source("page.html"))
