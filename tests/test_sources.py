"""The sources the bundled scenarios cite are ones a journalist can cite.

Every source names its outlet and links to the publisher's own page over https: no
IP-address host, no Wikipedia mirror or fan wiki, no bare home page. A page that
only republishes another outlet's report is allowed when it says so
(``secondary = true``, and the outlet names whose report it carries). Every source
is cited: by a holding, or by a ``[[road]]`` entry (road states are not holdings,
so those citations are read from the files). A scenario that ``extends`` another
inherits its parent's sources, holdings and roads.
"""

from __future__ import annotations

import ipaddress
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import sim

SCENARIOS = sorted((Path(__file__).resolve().parents[1] / "scenarios").glob("*.toml"))

#: Hosts that copy other sites' pages (Wikipedia mirrors, reader proxies) or host fan
#: wikis. A host matches itself and its subdomains.
MIRROR_HOSTS = (
    "wikimili.com", "wikizero.net", "wikizero.com", "wiki.x.io", "kampuspedia.com",
    "strabon.io", "fandom.com", "wikiwand.com", "wikiup.org", "qaz.wiki", "abcdef.wiki",
    "wiki2.org", "wikibrief.org", "wikitia.com", "infinitelexicon.com", "handwiki.org",
    "encycloreader.org", "askwikinow.com", "friendlywiki.com", "wiki.gravy.cc",
    "wiki.studentb.eu", "perceptiofr.com", "cryer.org.uk", "alchetron.com", "hmong.es",
    "self.gutenberg.org", "wikisum.wiki", "nina.az", "fonk.bid", "movatter.jp",
    "piglix.com", "wiki.li", "kihulane.eu", "n.global.ssl.fastly.net",
)


def mirror_host(host: str) -> str | None:
    """The entry of MIRROR_HOSTS that ``host`` is, or is a subdomain of."""
    host = host.lower().rstrip(".")
    return next((m for m in MIRROR_HOSTS if host == m or host.endswith("." + m)), None)


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a citable publisher's page, or None."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme != "https":
        return f"not an https address: {url!r}"
    if not host:
        return f"no host: {url!r}"
    if is_ip(host):
        return f"an IP address, not a publisher's host: {url!r}"
    if mirror_host(host):
        return f"a mirror or fan-wiki host ({mirror_host(host)}): {url!r}"
    if parts.path in ("", "/") and not parts.query:
        return f"a bare home page, not a report or article: {url!r}"
    return None


def raw_data(path: Path) -> dict:
    """The file's TOML, with its ``extends`` chain merged the way the loader merges it
    (only what this test reads: ``[[road]]`` entries)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    parent = data.get("scenario", {}).get("extends")
    if not parent:
        return data
    up = raw_data(path.parent / f"{parent}.toml")
    return {**data, "road": [*up.get("road", []), *data.get("road", [])]}


@pytest.fixture(scope="module", params=SCENARIOS, ids=[p.stem for p in SCENARIOS])
def scenario(request):
    return request.param, sim.load_scenario(request.param)


def test_the_bundled_scenarios_are_found():
    assert {p.stem for p in SCENARIOS} >= {"syria-2024-11-26", "syria-2024-12-06"}


def test_a_holding_inherited_through_extends_keeps_its_source():
    """Sanity check of what the other tests rely on: a child sees its parent's sources
    and the holdings it does not override."""
    eve = sim.load_scenario("syria-2024-11-26")
    dec6 = sim.load_scenario("syria-2024-12-06")
    assert set(eve.sources) <= set(dec6.sources)
    assert dec6.control.holdings["al-tanf"].source == eve.control.holdings["al-tanf"].source


def test_every_cited_source_exists(scenario):
    path, scen = scenario
    for pid, holding in scen.control.holdings.items():
        assert holding.source in scen.sources, f"{path.name}: {pid} cites {holding.source!r}"
    for road in raw_data(path).get("road", []):
        assert road.get("source") in scen.sources, f"{path.name}: road {road} cites no source"


def test_every_source_names_its_outlet_and_links_to_a_publishers_page(scenario):
    path, scen = scenario
    problems = []
    for sid, src in scen.sources.items():
        if not src.outlet.strip():
            problems.append(f"{sid}: no outlet")
        if not src.title.strip():
            problems.append(f"{sid}: no title")
        why = url_problem(src.url)
        if why:
            problems.append(f"{sid}: {why}")
        if "mirror" in src.outlet.lower():
            problems.append(f"{sid}: the outlet is a mirror: {src.outlet!r}")
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def test_every_source_is_cited(scenario):
    path, scen = scenario
    cited = {h.source for h in scen.control.holdings.values()}
    cited |= {e.source for e in scen.events}  # a campaign's events cite theirs too
    cited |= {r.get("source") for r in raw_data(path).get("road", [])}
    uncited = sorted(set(scen.sources) - cited)
    assert not uncited, f"{path.name}: sources no holding or road cites: {uncited}"


@pytest.mark.parametrize("url, ok", [
    ("https://en.wikipedia.org/wiki/Al-Tanf", True),
    ("https://npasyria.com/en/?p=119222", True),
    ("http://5.180.24.3/info/raqqa-governorate", False),
    ("https://5.180.24.3/info/raqqa-governorate", False),
    ("https://[2001:db8::1]/page", False),
    ("https://wikimili.com/en/M5_Motorway_(Syria)", False),
    ("https://en.m.wiki.x.io/wiki/Masnaa", False),
    ("https://historica.fandom.com/wiki/Southern_Syria_offensive_(2024)", False),
    ("https://www.aajeg.com/", False),
    ("https://www.aajeg.com", False),
    ("", False),
])
def test_the_address_check_itself(url, ok):
    assert (url_problem(url) is None) == ok
