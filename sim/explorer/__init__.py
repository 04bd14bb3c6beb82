"""The explorer: one self-contained HTML page per scenario, to play what-ifs in a browser.

The page holds the scenario's data (:mod:`sim.explorer.data`), the engine that
answers what-ifs from it (``engine.js``, the same analysis as
:mod:`sim.analysis`), the words that state the answers (``words.js``, the same
sentences as :mod:`sim.report.words`) and the page itself (``page.js``,
``page.css``, ``page.html``). Nothing is fetched: it works from disk, offline.

>>> import sim
>>> html = page_html(sim.load("syria-2024-12-06"))
>>> html.startswith("<!DOCTYPE html>"), "http://" in html or "https://" in html
(True, False)
"""

from __future__ import annotations

import json
from importlib import resources

from ..scenario import Scenario
from .data import SCHEMA, explorer_data, scenario_ref

__all__ = ["SCHEMA", "SCRIPTS", "explorer_data", "page_html", "scenario_ref", "source"]

#: The page's scripts, in the order they load: the engine, its words, the page.
SCRIPTS = ("engine.js", "words.js", "page.js")


def source(name: str) -> str:
    """The text of one of the explorer's own files (``engine.js``, ``page.css``...)."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _inline_json(value) -> str:
    """JSON safe inside a ``<script>`` element (no ``</`` can close it early)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _inline_script(text: str) -> str:
    return text.replace("</script", "<\\/script")


def page_html(scenario: Scenario) -> str:
    """The explorer page of ``scenario``, as one HTML text."""
    data = explorer_data(scenario)
    scripts = "\n".join(f"<script>\n{_inline_script(source(name))}\n</script>"
                        for name in SCRIPTS)
    title = f"{scenario.title}: explorer"
    return (source("page.html")
            .replace("{{title}}", _escape(title))
            .replace("{{style}}", source("page.css"))
            .replace("{{data}}", _inline_json(data))
            .replace("{{scripts}}", scripts))


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))
