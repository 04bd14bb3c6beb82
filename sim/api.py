"""The library's front door: load a scenario, name places and factions, ask every question.

Each function here is one command of the ``sim`` command line without the
printing: it resolves names the way the command line does (any spelling,
"did you mean" on a miss), applies the same defaults and refusals, and
returns an answer (:mod:`sim.results`) whose ``text()`` and ``to_json()``
are what the command prints.

>>> import sim
>>> s = sim.load("syria-2024-12-06")
>>> r = sim.what_if(s, fall=["Hims"])
>>> r.faction.id, r.events[0].faction
('government', 'opposition')
>>> sim.what_if(s, fall=["Homz"])
Traceback (most recent call last):
...
sim.errors.UnknownNameError: unknown place 'Homz'; did you mean: homs, hama?
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from . import campaign, io
from . import output as output_
from .control import Faction
from .errors import InputError
from .results import (CapturesAnswer, CriticalAnswer, CriticalPairsAnswer, CutAnswer, ExportAnswer, FactionsAnswer,
                      IngestAnswer, PlacesAnswer, RiskAnswer, RoutesAnswer, ShowAnswer,
                      ValidateAnswer, WhatIfAnswer)
from .scenario import Scenario
from .whatifs import _listed, judged_faction, make_events  # the events of a what-if, by name

DEFAULT_SCENARIO = io.DEFAULT_SCENARIO


# ---------------------------------------------------------------- loading and names

def load(name: str | Path | None = None, *, theatre: str | Path | None = None,
         control: str | Path | None = None, default_holder: str | None = None,
         home_country: str | None = None) -> Scenario:
    """A scenario: a bundled id (``"syria-2024-12-06"``), a TOML path, or None for the default.

    With ``theatre`` (a bundled theatre id, a theatre folder, a GraphML,
    GeoJSON or places.csv file), the scenario is built on that theatre;
    ``control`` (a CSV or TOML file) and ``default_holder`` say who holds
    what; ``home_country`` is the ISO code of a foreign file's home country.
    Decisions the loader makes for you (a snapped line end) come as
    :class:`sim.errors.LoadNote` warnings.
    """
    for key, value in (("scenario", name), ("theatre", theatre), ("control", control),
                       ("default_holder", default_holder), ("home_country", home_country)):
        _not_blank(value, key)
    return io.load_scenario(name, theatre=theatre, control=control,
                            default_holder=default_holder, home_country=home_country)


def _not_blank(value: object, key: str) -> None:
    """Refuse a name given as empty text (``-f ''``), which would otherwise read as not
    given at all."""
    if value is not None and not str(value).strip():
        raise InputError("is empty: give a name, or leave the option out", key=key)


load_theatre = io.load_theatre  # a bundled id, a theatre folder, or a foreign file


def scenarios() -> tuple[dict, ...]:
    """The bundled scenarios: id, date, title, the scenario each extends, and which is default."""
    rows = []
    for path in io.list_scenarios():
        head = io.read_toml(path).get("scenario", {})
        rows.append({"id": path.stem, "date": str(head.get("date", "")),
                     "title": head.get("title", ""), "extends": head.get("extends"),
                     "default": path.stem == io.DEFAULT_SCENARIO})
    return tuple(rows)


def is_scenario_name(word: str) -> bool:
    """Whether ``word`` names a scenario (a TOML path or a bundled id) rather than a place."""
    import os

    return word.endswith(".toml") or os.sep in word or word in {p.stem for p in io.list_scenarios()}


def resolve_place(scenario: Scenario, name: str) -> str:
    """The id of the place ``name`` spells; :class:`~sim.errors.UnknownNameError` with
    the closest names if none.

    >>> import sim
    >>> sim.resolve_place(sim.load(), "Ḥimṣ")
    'homs'
    """
    _not_blank(name, "place")
    places = scenario.theatre.places
    # An id names itself (the index, costly on a large theatre, is built only for names).
    return name if name in places else scenario.theatre.places_index.resolve(name)


def resolve_faction(scenario: Scenario, name: str) -> Faction:
    """The scenario's faction ``name`` spells (id, name or alias).

    >>> import sim
    >>> sim.resolve_faction(sim.load(), "HTS").id
    'opposition'
    """
    _not_blank(name, "faction")
    return scenario.faction(name)


def resolve_country(scenario: Scenario, name: str) -> str:
    """The ISO code of the country ``name`` spells ("Lebanon", "LB")."""
    _not_blank(name, "country")
    return scenario.theatre.resolve_country(name)


def default_faction(scenario: Scenario) -> Faction:
    """Whose view a map or an export takes when none is named: the owner of the first
    lifeline, else the first faction with a capital, else the one holding most places."""
    from .formats import default_faction as first_faction

    return first_faction(scenario)


# ---------------------------------------------------------------- the questions

def what_if(scenario: Scenario, *, fall: Iterable = (), contest: Iterable[str] = (),
            cut_road: Iterable = (), open_road: Iterable = (),
            open_transit: Iterable[str] = (), close_transit: Iterable[str] = (),
            faction: str | None = None, date: str | None = None) -> WhatIfAnswer:
    """If places fall (or roads are cut, or transit opens), which lifelines are cut and
    which strongholds cut off? Events as in :func:`make_events`; ``faction``: whose
    lifelines to judge (default: :func:`judged_faction`).

    With ``date`` (YYYY-MM-DD), a campaign scenario is judged on its control of that
    date (:func:`sim.timelines.on_date`: from the eve of the campaign to the
    scenario's own date), and the answer's scenario carries that date.

    >>> import sim
    >>> print(sim.what_if(sim.load(), fall=["homs"]).verdict)  # doctest: +ELLIPSIS
    If Homs falls to the opposition, Damascus is cut off from the coast: ...
    >>> sim.what_if(sim.load("syria-2024-campaign"), fall=["homs"], date="2024-12-01"
    ...             ).scenario.date
    '2024-12-01'
    """
    from .analysis import what_if as analyse
    from .timelines import on_date

    if date is not None:
        scenario = on_date(scenario, date)
    events = make_events(scenario, fall=fall, contest=contest, cut_road=cut_road,
                         open_road=open_road, open_transit=open_transit,
                         close_transit=close_transit)
    if not events:
        raise InputError("name at least one event: a fall, a contest, a cut or reopened road, "
                         "or transit opened or closed", key="events")
    fac = judged_faction(scenario, events, faction)
    return WhatIfAnswer(scenario, analyse(scenario.theatre, scenario.control, fac,
                                          scenario.lifelines, events))


def show(scenario: Scenario, *, faction: str | None = None) -> ShowAnswer:
    """The scenario's control, and each faction's pockets, lifelines and chokepoints;
    with ``faction``, the text speaks of that faction only."""
    from .report import scenario_assessments

    only = resolve_faction(scenario, faction).id if faction is not None else None
    return ShowAnswer(scenario, scenario_assessments(scenario), only)


def critical(scenario: Scenario, *, faction: str, top: int | None = None, pairs: bool = False,
             workers: int | None = None, scheduler: str | None = None,
             chunks: int | None = None, progress: Callable[[int, int], None] | None = None
             ) -> CriticalAnswer | CriticalPairsAnswer:
    """For every place ``faction`` holds, what its fall alone would cut, ranked.
    ``top``: how many the report lists (None: 10 in text, all in JSON).

    With ``pairs``, every pair of those places (the capital aside) instead, ranked by
    what their falls together would cut, with what neither fall alone cuts
    (:func:`sim.analysis.pairs.critical_pairs`); ``top`` (None: 10, in text and JSON)
    pairs are listed. Its sweeps, one per first place, run here, on ``workers`` local
    processes or on the Dask cluster at ``scheduler`` (``"tcp://host:8786"``), in
    ``chunks`` parts, with the same answer wherever they run; ``progress``, if given,
    is called with ``(sweeps done, sweeps)``.

    >>> import sim
    >>> sim.critical(sim.load(), faction="government", pairs=True).value.pairs[0].places
    ('dumayr', 'qutayfah')
    """
    from .analysis.critical import criticality

    if top is not None and top < 0:
        raise InputError(f"top must be at least 0, got {top}", key="top")
    fac = resolve_faction(scenario, faction)
    if pairs:
        from .analysis.pairs import critical_pairs

        return CriticalPairsAnswer(scenario, critical_pairs(
            scenario.theatre, scenario.control, fac, scenario.lifelines, top,
            workers=workers, scheduler=scheduler, chunks=chunks, progress=progress))
    for key, value in (("workers", workers), ("scheduler", scheduler), ("chunks", chunks)):
        if value is not None:
            raise InputError("only the ranking of pairs runs on a cluster (one sweep of "
                             "single falls takes milliseconds): ask for the pairs, or leave "
                             "this out", key=key)
    return CriticalAnswer(scenario, criticality(scenario.theatre, scenario.control, fac,
                                                scenario.lifelines), top)


def _faction_or_holder(scenario: Scenario, faction: str | None, place: str) -> Faction:
    if faction is not None:
        return resolve_faction(scenario, faction)
    holder = scenario.control.holder(place)
    if holder is None or holder not in scenario.factions:
        raise InputError(f"nobody in the scenario holds {scenario.theatre.places[place].name}: "
                         f"say whose roads to use", key="faction")
    return scenario.factions[holder]


def cut(scenario: Scenario, source: str, targets: str | Iterable[str], *,
        faction: str | None = None, weight: str = "uniform") -> CutAnswer:
    """The fewest (or, by ``weight``, cheapest) captures that sever ``source`` from
    every one of ``targets``, on the roads of ``faction`` (default: the holder of
    ``source``). ``weight``: ``"uniform"``, ``"population"`` or a place attribute."""
    from .analysis.cuts import min_cut

    src = resolve_place(scenario, source)
    ends = list(dict.fromkeys(resolve_place(scenario, t) for t in _listed(targets)))
    if not ends:
        raise InputError("name at least one target", key="targets")
    if src in ends:
        raise InputError(f"{scenario.theatre.places[src].name} is both source and target",
                         key="targets")
    fac = _faction_or_holder(scenario, faction, src)
    return CutAnswer(scenario, min_cut(scenario.theatre, scenario.control, fac, src, ends,
                                       weight=weight))


def captures(scenario: Scenario, n: int, *, faction: str, by: str = "strongholds",
             progress: Callable[[int, int], None] | None = None) -> CapturesAnswer:
    """The at most ``n`` captures that cut the most off ``faction``'s capital, counted
    ``by`` strongholds or population. The search runs a bounded number of sweeps
    (exact within its budget, else greedy beyond it); ``progress``, if given, is
    called with ``(sweeps done, sweeps expected at most)`` as it goes."""
    from .analysis.cuts import best_captures

    fac = resolve_faction(scenario, faction)
    return CapturesAnswer(scenario, best_captures(scenario.theatre, scenario.control, fac, n,
                                                  by=by, progress=progress))


#: The most routes :func:`routes` lists. Each next shortest simple route costs more than
#: the last: on the whole Syrian road graph, 100 routes take 0.1 s, 1,000 take 2 s and
#: 10,000 take 4.5 minutes.
MAX_ROUTES = 1000


def routes(scenario: Scenario, a: str, b: str, *, faction: str | None = None, k: int = 3,
           ignore_control: bool = False) -> RoutesAnswer:
    """The ``k`` shortest routes from ``a`` to ``b`` on ``faction``'s roads (default: the
    holder of ``a``), and how wide the corridor is; with ``ignore_control``, also the
    peacetime route and the detour factor. ``k`` runs from 1 to :data:`MAX_ROUTES`."""
    from .analysis.routes import find_routes

    if k > MAX_ROUTES:
        raise InputError(f"k must be at most {MAX_ROUTES:,}, got {k:,} (each further route "
                         f"takes longer to find than the last)", key="k")
    pa, pb = resolve_place(scenario, a), resolve_place(scenario, b)
    fac = _faction_or_holder(scenario, faction, pa)
    return RoutesAnswer(scenario, find_routes(scenario.theatre, scenario.control, fac, pa, pb,
                                              k=k, ignore_control=ignore_control))


def parse_chances(scenario: Scenario, chances: Mapping[str, float] | Iterable[str] | None
                  ) -> dict[str, float]:
    """Chances by place id, from a mapping of names or ``"PLACE=CHANCE"`` strings."""
    if chances is None:
        return {}
    if isinstance(chances, Mapping):
        pairs = list(chances.items())
    else:
        pairs = []
        for spec in _listed(chances):
            place, sep, value = spec.rpartition("=")
            if not sep or not place.strip():
                raise InputError(f"a chance is given as PLACE=CHANCE, got {spec!r}",
                                 key="chances")
            try:
                pairs.append((place.strip(), float(value)))
            except ValueError:
                raise InputError(f"the chance in {spec!r} is not a number",
                                 key="chances") from None
    return {resolve_place(scenario, place): chance for place, chance in pairs}


def risk(scenario: Scenario, *, faction: str,
         chances: Mapping[str, float] | Iterable[str] | None = None, trials: int = 10000,
         seed: int = 0, progress: Callable[[int, int], None] | None = None,
         workers: int | None = None, scheduler: str | None = None,
         chunks: int | None = None) -> RiskAnswer:
    """The chance each lifeline of ``faction`` is cut and each stronghold cut off or lost
    when places may fall: those in ``chances`` with their chance, every other contested
    place with 0.5; ``trials`` Monte Carlo draws (at most
    :data:`~sim.analysis.risk.MAX_TRIALS`) from ``seed``. ``progress``, if given, is
    called with ``(trials done, trials)`` after each chunk of trials.

    The trials run in fixed blocks, each seeded by ``seed`` and its number: here, on
    ``workers`` local processes or on the Dask cluster at ``scheduler``, in ``chunks``
    parts, with the same numbers wherever they run."""
    from .analysis.risk import estimate_risk

    fac = resolve_faction(scenario, faction)
    return RiskAnswer(scenario, estimate_risk(scenario.theatre, scenario.control, fac,
                                              scenario.lifelines,
                                              parse_chances(scenario, chances),
                                              trials=trials, seed=seed,
                                              progress=progress, workers=workers,
                                              scheduler=scheduler, chunks=chunks))


def places(scenario: Scenario, *, country: str | None = None) -> PlacesAnswer:
    """Every place of the theatre (of ``country`` only, if named) with its governorate and
    holder."""
    from .formats.stream import place_rows

    code = resolve_country(scenario, country) if country is not None else None
    return PlacesAnswer(scenario, place_rows(scenario, code))


def factions(scenario: Scenario) -> FactionsAnswer:
    """The scenario's factions: names, allies, adversary, capital, strongholds, lifelines.

    >>> import sim
    >>> [r["id"] for r in sim.factions(sim.load()).value][:2]
    ['druze', 'government']
    """
    rows = []
    for fid, fac in scenario.factions.items():
        info = scenario.theatre.factions.get(fid)
        rows.append({"id": fid, "name": info.name if info else fid,
                     "label": scenario.faction_label(fid),
                     "aliases": list(info.aliases) if info else [],
                     "places": len(scenario.control.places_of(fid)),
                     "capital": fac.capital, "allies": sorted(fac.allies),
                     "adversary": fac.adversary, "strongholds": list(fac.strongholds),
                     "lifelines": [ll.name for ll in scenario.lifelines_of(fid)],
                     "transit": sorted(scenario.control.transit_for(fac.side))})
    return FactionsAnswer(scenario, tuple(rows))


def export(scenario: Scenario, fmt: str = "geojson", *, faction: str | None = None,
           fall: Iterable = (), contest: Iterable[str] = (), cut_road: Iterable = (),
           open_road: Iterable = (), open_transit: Iterable[str] = (),
           close_transit: Iterable[str] = ()) -> ExportAnswer:
    """The theatre with holders, pockets, chokepoints and usable roads as ``fmt``
    (geojson, graphml or csv), seen by ``faction`` (default: :func:`default_faction`).

    With events (as in :func:`make_events`), the state after them is written:
    the map a what-if leaves, ready for QGIS. The answer's ``value`` is the text (for
    csv, the texts by file name); on a theatre of over
    :data:`~sim.report.common.SUMMARY_ABOVE` places it is
    :class:`~sim.formats.stream.Chunks` instead, which ``str()`` joins and
    :func:`sim.io.write_export` streams to the file.
    """
    from . import formats
    from .events import apply_events

    if fmt not in formats.EXPORT_FORMATS:
        raise InputError(f"format must be one of {', '.join(formats.EXPORT_FORMATS)}, "
                         f"got {fmt!r}", key="fmt")
    events = make_events(scenario, fall=fall, contest=contest, cut_road=cut_road,
                         open_road=open_road, open_transit=open_transit,
                         close_transit=close_transit)
    after = scenario.with_control(apply_events(scenario.control, events)) if events else scenario
    if faction is not None:
        fac = resolve_faction(scenario, faction)
    elif events:
        fac = judged_faction(scenario, events)
    else:
        fac = default_faction(scenario)
    from .report.common import summarising

    # A large theatre's export is too big to hold as one text: it streams as it is written.
    write = formats.export_chunks if summarising(after) else formats.export
    return ExportAnswer(after, write(after, fac, fmt), fac.id, fmt, events)


def road_pieces(theatre) -> int:
    """How many pieces the theatre's road graph falls into (1: every place joined).

    >>> road_pieces(load_theatre("syria"))
    1
    """
    from .analysis.size import use_arrays

    if use_arrays(theatre):
        import numpy as np

        from .analysis.arrays import passable_from_mask, theatre_arrays
        from .analysis.engine import pieces
        arr = theatre_arrays(theatre)
        labels = pieces(passable_from_mask(arr, np.ones(arr.n, dtype=bool)))
        return int(labels.max()) + 1 if arr.n else 0
    import networkx as nx
    return nx.number_connected_components(theatre.graph)


def validate(path: str | Path) -> ValidateAnswer:
    """Check a scenario TOML file, or a theatre (a folder, GraphML, GeoJSON or places.csv),
    and report every problem at once (:class:`~sim.errors.ValidationError`).

    The answer to "is this file valid?" is no when the file exists but has problems:
    those errors carry exit code 1 (a file that isn't there, or an unknown name, is
    bad input: 2).
    """
    _not_blank(path, "file")
    path = Path(path)
    if not path.exists():
        raise InputError("file not found", file=str(path))
    try:
        if path.is_dir() or path.name == "theatre.toml" or io.foreign_source(path) is not None:
            th = load_theatre(path)
            th.places_index  # builds the name index: ambiguous spellings are reported here
            return ValidateAnswer(None, th, str(path), road_pieces(th))
        scen = io.load_scenario(path)
    except InputError as exc:
        exc.exit_code = 1
        raise
    return ValidateAnswer(scen, scen, str(path))


# ---------------------------------------------------------------- reports in, scenario out

def read_reports(files: Iterable[str | Path], *, theatre: str | None = None,
                 base: str | Path | None = None, date: str | None = None,
                 min_confidence: float = 0.6, campaign: bool = False) -> IngestAnswer:
    """Read news reports into cited control claims, what-ifs and contradictions.

    ``files``: documents, or folders of them (:func:`sim.io.document_files`).
    ``base``: the scenario the documents update (its theatre and factions are
    used); else ``theatre`` (default: syria). ``date``: the date of every
    document (else front matter, else a dateline in the text). Claims at
    least ``min_confidence`` confident are applied. With ``campaign`` (for
    :func:`campaign_scenario`), every document must have a date; they are read
    in date order, on ``base`` or else on :func:`campaign_base` of their first date.
    """
    from . import ingest as ing

    _not_blank(base, "base")
    _not_blank(theatre, "theatre")
    scen = io.load_scenario(base) if base is not None else None
    if scen is not None and theatre and io.load_theatre(theatre).id != scen.theatre.id:
        raise InputError(f"the theatre {theatre} differs from the theatre of {base} "
                         f"({scen.theatre.id})", key="theatre")
    docs = [io.read_document(f) for f in io.document_files(files)]
    if campaign:
        docs, base, scen = _in_campaign_order(docs, scen, base, theatre, date)
    th = scen.theatre if scen else io.load_theatre(theatre or "syria")
    adversaries = {f.id: f.adversary for f in scen.factions.values()} if scen else None
    result = ing.ingest(docs, th, base=scen.control if scen else None,
                        base_id=scen.id if scen else None, adversaries=adversaries, date=date,
                        min_confidence=min_confidence, base_date=scen.date if scen else None)
    return IngestAnswer(scen, result, scen.id if scen else None,
                        str(io.find_scenario(base).resolve()) if base else None)


def check_scenario_output(output: str | Path, *, base, force: bool | None = None) -> Path:
    """Refuse a derived scenario's file before any work: it needs a ``base`` to extend and
    a .toml name; with ``force`` given, an existing file is refused unless it is True."""
    output = Path(output)
    if base is None:
        raise InputError("a derived scenario extends another: give the base scenario",
                         key="base")
    if output.suffix != ".toml":
        raise InputError(f"the scenario file must end in .toml, got {output.name!r}",
                         key="output")
    if force is not None:
        output_.check_writable(output, force=force)
    return output


def derived_scenario(answer: IngestAnswer, output: str | Path) -> dict:
    """The scenario TOML data (a dict for ``tomli_w``) that extends the base of ``answer``
    with the holdings its documents establish, to be written to ``output``."""
    from . import ingest as ing

    output = check_scenario_output(output, base=answer.scenario)
    _refuse_undated(d.file for d in answer.value.documents if not d.date)
    scen = answer.scenario
    return ing.scenario_data(
        answer.value, id=output.stem,
        title=f"{scen.title}, updated from {len(answer.value.documents)} document(s)",
        date=max(d.date for d in answer.value.documents if d.date), theatre=scen.theatre.id,
        extends=_extends(answer, output))


def _refuse_undated(files: Iterable[str]) -> None:
    undated = list(files)
    if undated:
        raise InputError(f"cannot date {', '.join(undated)}: give a date or a front-matter date",
                         key="date")


def _extends(answer: IngestAnswer, output: Path) -> str:
    """The base of ``answer`` named from ``output``: its id if bundled or beside it, else its path."""
    base_path = Path(answer.base_path)
    near = [d.resolve() for d in io.scenario_dirs()] + [output.resolve().parent]
    return base_path.stem if base_path.parent in near else str(base_path)


# ---- a campaign

def campaign_base(before: str, *, theatre: str | None = None) -> Path:
    """The bundled scenario of ``theatre`` (default: syria) dated last strictly before
    ``before`` (YYYY-MM-DD): the base of a campaign whose first document is of that date."""
    th = io.load_theatre(theatre or "syria").id
    found = io.bundled_before(th, campaign.day(before))
    if found is None:
        raise InputError(f"no bundled scenario of the theatre {th!r} is dated before "
                         f"{before}, the date of the first document: give --base", key="base")
    return found


def _in_campaign_order(docs: list, scen: Scenario | None, base, theatre: str | None,
                       date: str | None) -> tuple[list, str | Path, Scenario]:
    """The documents of a campaign in date order, its base and the base's scenario."""
    from .ingest.campaign import document_day, in_date_order

    if scen is None:
        days = [d for d in (document_day(doc, date=date) for doc in docs) if d]
        if not days:
            _refuse_undated(doc.name for doc in docs)
        base = campaign_base(min(days), theatre=theatre)
        scen = io.load_scenario(base)
    _refuse_undated(doc.name for doc in docs if not document_day(doc, date=date,
                                                                 after=scen.date))
    return in_date_order(docs, date=date, after=scen.date), base, scen


def check_campaign_output(output: str | Path | None, *, force: bool | None = None) -> Path:
    """Refuse a campaign's file before any work: it must be given, as for a derived one."""
    if output is None:
        raise InputError("a campaign is written to a scenario file: give -o CAMPAIGN.toml",
                         key="output")
    return check_scenario_output(output, base=True, force=force)


def campaign_scenario(answer: IngestAnswer, output: str | Path) -> dict:
    """The campaign TOML data (a dict for ``tomli_w``) of ``answer`` (:func:`read_reports`
    with ``campaign``), to be written to ``output``: the base it extends, and one cited
    ``[[event]]`` per change of hands (:func:`sim.ingest.writers.campaign_data`)."""
    from .ingest.writers import campaign_data

    output = check_campaign_output(output)
    _refuse_undated(d.file for d in answer.value.documents if not d.date)
    scen, docs = answer.scenario, answer.value.documents
    days = sorted(d.date for d in docs if d.date)
    return campaign_data(answer.value, id=output.stem, theatre=scen.theatre.id,
                         title=f"{scen.theatre.name}, {days[0]} to {days[-1]}: a campaign of "
                               f"{len(docs)} document(s) on {scen.id}",
                         extends=_extends(answer, output))


def write_toml(path: str | Path, data: Mapping, *, force: bool = False) -> Path:
    """Write ``data`` as TOML to ``path`` atomically (arrays of tables as ``[[name]]``
    tables: :func:`sim.campaign.toml_text`); an existing file only with ``force``."""
    return output_.write_atomic(path, campaign.toml_text(data), force=force)
