"""Every kind of chart by name, as ``sim chart --kind`` draws it.

>>> check_kind("before-after")
'before-after'
>>> check_kind("mapp")
Traceback (most recent call last):
...
sim.errors.UnknownNameError: unknown chart kind 'mapp'; did you mean: map?
"""

from __future__ import annotations

from collections.abc import Iterable

#: The kinds of chart: a neutral map of who holds what; a what-if's before and after
#: maps; the places whose fall alone cuts most; each lifeline's route length over a
#: campaign; the campaign's control over time.
KINDS = ("map", "before-after", "critical", "lifelines", "timeline")


def check_kind(kind: str) -> str:
    """``kind`` if it is one of :data:`KINDS`; else :class:`~sim.errors.UnknownNameError`
    with the closest kinds."""
    import difflib

    from ..errors import UnknownNameError

    if kind in KINDS:
        return kind
    raise UnknownNameError("chart kind", kind,
                           difflib.get_close_matches(str(kind), KINDS, n=3, cutoff=0.5) or KINDS)


#: The kinds that draw a campaign over time (they need dated events).
CAMPAIGN_KINDS = ("lifelines", "timeline")


def default_scenario(kind: str) -> str | None:
    """The scenario a chart of ``kind`` draws when none is named: the bundled campaign
    for a campaign kind, else None (the default scenario)."""
    from ..timelines import default_campaign

    return default_campaign() if check_kind(kind) in CAMPAIGN_KINDS else None


def chart(scenario, kind: str = "map", *, fall: Iterable = (), contest: Iterable[str] = (),
          cut_road: Iterable = (), open_road: Iterable = (), open_transit: Iterable[str] = (),
          close_transit: Iterable[str] = (), faction: str | None = None,
          preset: str = "screen", labels: str | None = None, title: str | None = None,
          top: int = 10):
    """Draw the chart ``kind`` (one of :data:`KINDS`) of ``scenario``; returns ``(fig, ax)``.

    ``map`` and ``before-after`` take events (as :func:`sim.what_if`; ``before-after``
    needs at least one); ``critical`` ranks ``faction``'s places (default: the
    owner of the first lifeline), ``top`` of them; ``lifelines`` and ``timeline``
    need a campaign scenario (dated events).
    """
    from .. import api
    from ..errors import InputError
    from ..events import Fall
    from ..report import describe_events
    from ..timelines import timeline
    from . import campaign, critical, holdings, lifelines, what_if

    check_kind(kind)
    events = dict(fall=fall, contest=contest, cut_road=cut_road, open_road=open_road,
                  open_transit=open_transit, close_transit=close_transit)
    style = dict(preset=preset, title=title)
    if kind == "before-after":
        return what_if(api.what_if(scenario, faction=faction, **events), labels=labels, **style)
    if kind == "map":
        if not api.make_events(scenario, **events):
            return holdings(scenario, labels=labels, **style)
        answer = api.what_if(scenario, faction=faction, **events)
        fallen = [e.place for e in answer.events if isinstance(e, Fall)]
        heading = title or f"Who holds what if {describe_events(scenario, answer.events)}"
        return holdings(scenario, answer.control_after, labels=labels, mark=fallen,
                        preset=preset, title=heading)
    if kind not in ("map", "before-after") and api.make_events(scenario, **events):
        raise InputError(f"a {kind} chart takes no events: they are for a map or a "
                         "before-after chart", key="kind")
    if kind == "critical":
        fac = faction or api.default_faction(scenario).id
        return critical(api.critical(scenario, faction=fac), top=top, **style)
    answer = timeline(scenario, faction=faction)
    return (lifelines if kind == "lifelines" else campaign)(answer, **style)
