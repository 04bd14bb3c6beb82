"""Campaigns: `sim ingest FOLDER --campaign -o FILE.toml` writes one cited [[event]] per change
of hands, and the loader, `sim validate` and `Scenario.control_on` read them back."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sim import api, io
from sim.campaign import CampaignEvent, key_lines
from sim.cli import app
from sim.errors import InputError, ValidationError

ROOT = Path(__file__).resolve().parent.parent
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "ingest-dev"
runner = CliRunner()

#: Three short reports of our own, each dated a different way.
REPORTS = {
    "01-aleppo.txt": "Date: 2024-11-30\n\nRebels captured Aleppo on Saturday.\n",
    "02-hama.md": "---\ntitle: Hama falls\noutlet: Example Wire\ndate: 2024-12-05\n---\n"
                  "Insurgents seized Hama on Thursday.\n",
    "03-deir.txt": "DEIR EZ-ZOR, Dec. 6, 2024 - The Syrian Democratic Forces took control of "
                   "Deir ez-Zor on Friday.\n",
}


def cli(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def folder_of(tmp_path: Path, reports: dict[str, str], name: str = "reports") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for file, text in reports.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


def campaign(tmp_path: Path, reports: dict[str, str], *extra: str) -> tuple[Path, object]:
    target = tmp_path / "campaign.toml"
    out = cli("ingest", folder_of(tmp_path, reports), "--campaign", "-o", target, *extra)
    assert out.exit_code == 0, out.output
    return target, out


# ---------------------------------------------------------------- a folder of reports

def test_a_folder_of_reports_makes_a_campaign_the_validator_accepts(tmp_path):
    target, out = campaign(tmp_path, {**REPORTS, "README.md": "Rebels captured Homs.\n"})
    assert out.stdout.rstrip("\n").splitlines()[-1] == (
        f"Campaign written to {target}: 3 events from 3 documents (extends syria-2024-11-26)")
    assert "README" not in out.stdout
    checked = cli("validate", target)
    assert checked.exit_code == 0, checked.output

    scen = io.load_scenario(target)
    assert scen.extends == "syria-2024-11-26" and scen.date == "2024-12-06"
    assert [(e.date, e.place, e.faction, e.before, e.source) for e in scen.events] == [
        ("2024-11-30", "aleppo", "opposition", "government", "01-aleppo"),
        ("2024-12-05", "hama", "opposition", "government", "02-hama"),
        ("2024-12-06", "deir-ez-zor", "sdf", "government", "03-deir"),
    ]
    assert [e.evidence for e in scen.events] == [
        "Rebels captured Aleppo on Saturday.", "Insurgents seized Hama on Thursday.",
        REPORTS["03-deir.txt"].strip()]
    assert all(e.status == "held" and 0 < e.confidence <= 1 for e in scen.events)
    assert sorted(scen.sources) > ["01-aleppo", "02-hama", "03-deir"]
    assert scen.sources["02-hama"].outlet == "Example Wire"
    assert scen.control.holder("homs") == "government"  # the README was not read


def test_control_on_each_date(tmp_path):
    target, _ = campaign(tmp_path, REPORTS)
    scen = io.load_scenario(target)
    holders = {day: tuple(scen.control_on(day).holder(p) for p in ("aleppo", "hama", "deir-ez-zor"))
               for day in ("2024-11-26", "2024-11-30", "2024-12-04", "2024-12-05", "2024-12-06")}
    assert holders == {
        "2024-11-26": ("government", "government", "government"),
        "2024-11-30": ("opposition", "government", "government"),
        "2024-12-04": ("opposition", "government", "government"),
        "2024-12-05": ("opposition", "opposition", "government"),
        "2024-12-06": ("opposition", "opposition", "sdf"),
    }
    assert scen.control_on("2024-12-06").holdings == scen.control.holdings
    assert scen.control_on("2024-11-30").holdings["aleppo"].source == "01-aleppo"
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        scen.control_on("30 Nov")


def test_the_scenario_file_cites_each_document_and_sentence(tmp_path):
    target, _ = campaign(tmp_path, REPORTS)
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert [s["id"] for s in data["source"]] == ["01-aleppo", "02-hama", "03-deir"]
    assert data["source"][1]["title"] == "Hama falls" and data["source"][1]["date"] == "2024-12-05"
    first = data["event"][0]
    assert first == {"date": "2024-11-30", "place": "aleppo", "faction": "opposition",
                     "status": "held", "from": "government", "source": "01-aleppo",
                     "evidence": "Rebels captured Aleppo on Saturday.",
                     "confidence": first["confidence"]}
    assert "01-aleppo.txt" in data["scenario"]["description"]
    assert "contradiction" not in data
    assert "[[event]]" in target.read_text(encoding="utf-8")


def test_json_names_the_campaign(tmp_path):
    target, out = campaign(tmp_path, REPORTS, "--json")
    doc = json.loads(out.stdout)
    assert doc["campaign"] == {"path": str(target), "events": 3, "contradictions": 0,
                               "documents": 3, "extends": "syria-2024-11-26"}
    assert doc["schema"] == "sim.ingest/1" and len(doc["documents"]) == 3


def test_a_later_report_overrides_an_earlier_one_whatever_the_file_order(tmp_path):
    target, _ = campaign(tmp_path, {
        "a-retaken.txt": "Date: 2024-12-07\n\nThe Syrian army recaptured Hama on Saturday.\n",
        "b-seized.txt": "Date: 2024-12-05\n\nInsurgents seized Hama on Thursday.\n",
    })
    scen = io.load_scenario(target)
    assert [(e.date, e.faction, e.before, e.source) for e in scen.events] == [
        ("2024-12-05", "opposition", "government", "b-seized"),
        ("2024-12-07", "government", "opposition", "a-retaken")]
    assert scen.control_on("2024-12-06").holder("hama") == "opposition"
    assert scen.control.holder("hama") == "government"


def test_a_contradiction_is_listed(tmp_path):
    target, _ = campaign(tmp_path, {
        "a.txt": "Date: 2024-12-05\n\nInsurgents seized Hama on Thursday.\n",
        "b.txt": "Date: 2024-12-05\n\nThe Syrian army retook Hama on Thursday, the defence "
                 "ministry said.\n",
    })
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["contradiction"] == [{"date": "2024-12-05", "place": "hama",
                                      "factions": ["opposition", "government"],
                                      "winner": "government", "sources": ["a", "b"]}]
    scen = io.load_scenario(target)
    (x,) = scen.contradictions
    assert (x.place, x.factions, x.winner, x.sources) == (
        "hama", ("opposition", "government"), "government", ("a", "b"))
    assert cli("validate", target).exit_code == 0


def test_a_given_base_is_extended(tmp_path):
    target, _ = campaign(tmp_path, {"r.txt": "Date: 2024-12-08\n\nRebels captured Homs on "
                                             "Saturday.\n"}, "--base", "syria-2024-12-06")
    scen = io.load_scenario(target)
    assert scen.extends == "syria-2024-12-06"
    assert scen.control_on("2024-12-05").holder("hama") == "opposition"  # from the base
    assert [(e.date, e.place, e.faction, e.status) for e in scen.events] == [
        ("2024-12-07", "homs", "opposition", "held")]


def test_a_scenario_extending_a_campaign_starts_from_its_end_without_its_events(tmp_path):
    target, _ = campaign(tmp_path, REPORTS)
    child = tmp_path / "after.toml"
    child.write_text('[scenario]\nid = "after"\ndate = "2024-12-07"\ntheatre = "syria"\n'
                     'extends = "campaign"\n\n[[control]]\nfaction = "opposition"\n'
                     'place = "homs"\n', encoding="utf-8")
    scen, parent = io.load_scenario(child), io.load_scenario(target)
    assert scen.events == () and scen.contradictions == ()
    assert scen.control.holder("deir-ez-zor") == "sdf" and scen.control.holder("homs") == \
        "opposition"
    assert scen.control_on("2024-11-26").holder("aleppo") == "opposition"  # no events: one
    assert {p: h.faction for p, h in scen.control.holdings.items() if p != "homs"} == \
        {p: h.faction for p, h in parent.control.holdings.items() if p != "homs"}


# ---------------------------------------------------------------- the library

def test_a_folder_gives_its_reports_by_name(tmp_path):
    folder = folder_of(tmp_path, {"b.md": "x", "a.txt": "x", "c.markdown": "x",
                                  "README.md": "x", "readme-too.txt": "x", "Changelog.md": "x",
                                  "LICENSE.txt": "x", "notes.pdf": "x", "data.json": "x"})
    (folder / "sub.txt").mkdir()
    single = tmp_path / "single.txt"
    single.write_text("x", encoding="utf-8")
    found = io.document_files([folder, single])
    assert [p.name for p in found] == ["a.txt", "b.md", "c.markdown", "single.txt"]
    with pytest.raises(InputError, match="holds no report"):
        io.document_files([folder_of(tmp_path, {"README.md": "x"}, "empty")])


def test_the_base_is_the_bundled_scenario_dated_last_before_the_first_report():
    assert api.campaign_base("2024-11-27").name == "syria-2024-11-26.toml"
    assert api.campaign_base("2024-12-06").name == "syria-2024-11-26.toml"
    assert api.campaign_base("2024-12-07").name == "syria-2024-12-06.toml"
    with pytest.raises(InputError, match="--base"):
        api.campaign_base("2024-11-26")


def test_read_reports_as_a_campaign_records_every_change(tmp_path):
    answer = api.read_reports([folder_of(tmp_path, REPORTS)], campaign=True)
    assert answer.scenario.id == "syria-2024-11-26"
    assert [d.date for d in answer.value.documents] == ["2024-11-30", "2024-12-05",
                                                        "2024-12-06"]
    data = api.campaign_scenario(answer, tmp_path / "c.toml")
    assert len(data["event"]) == len(answer.value.changes) == 3


def test_key_lines_and_a_scenario_without_events():
    assert key_lines('[[event]]\ndate = "x"\n[[event]]\n\nplace = "y"\n') == {
        "event": 1, "event[0]": 1, "event[0].date": 2, "event[1]": 3, "event[1].place": 5}
    scen = io.load_scenario("syria-2024-12-06")
    assert scen.events == () and scen.control_on("2024-11-01") is scen.control
    assert CampaignEvent("2024-12-05", "hama", "opposition").holding().faction == "opposition"


# ---------------------------------------------------------------- refusals

def one_error(out) -> str:
    assert out.exit_code != 0 and "Traceback" not in out.output, out.output
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), out.stderr
    return lines[0]


def test_campaign_needs_an_output_file(tmp_path):
    line = one_error(cli("ingest", folder_of(tmp_path, REPORTS), "--campaign"))
    assert "-o" in line and "campaign" in line


def test_an_undated_document_is_refused_by_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # short paths: an error cuts a word over 80 characters short
    folder_of(tmp_path, {**REPORTS, "04-undated.txt": "Rebels captured Homs.\n"})
    folder, target = Path("reports"), Path("c.toml")
    line = one_error(cli("ingest", folder, "--campaign", "-o", target))
    assert "04-undated.txt" in line and "--date" in line and not target.exists()
    alone = one_error(cli("ingest", folder / "04-undated.txt", "--campaign", "-o", target))
    assert "04-undated.txt" in alone and not target.exists()


def test_reports_older_than_every_bundled_scenario_need_a_base(tmp_path):
    folder = folder_of(tmp_path, {"old.txt": "Date: 2020-01-05\n\nRebels captured Hama.\n"})
    line = one_error(cli("ingest", folder, "--campaign", "-o", tmp_path / "c.toml"))
    assert "--base" in line and "2020-01-05" in line


def test_an_existing_campaign_is_kept_without_force(tmp_path):
    target, _ = campaign(tmp_path, REPORTS)
    before = target.read_text(encoding="utf-8")
    line = one_error(cli("ingest", tmp_path / "reports", "--campaign", "-o", target))
    assert "--force" in line and target.read_text(encoding="utf-8") == before
    again = cli("ingest", tmp_path / "reports", "--campaign", "-o", target, "--force")
    assert again.exit_code == 0, again.output


HAND_WRITTEN = """[scenario]
id = "hand"
date = "2024-12-06"
theatre = "syria"
extends = "syria-2024-11-26"

[[source]]
id = "wire"

[[event]]
date = "2024-12-05"
place = "Hamah"
faction = "rebels"
source = "wire"
{extra}
"""


@pytest.mark.parametrize("extra, line, key, words", [
    ('colour = "red"', 15, "event[0].colour", "unknown key"),
    ('\n[[event]]\ndate = "2024-12-04"\nplace = "Atlantis"\nfaction = "opposition"', 18,
     "event[1].place", "unknown place 'Atlantis'"),
    ('\n[[event]]\ndate = "2024-12-09"\nplace = "homs"\nfaction = "opposition"', 17,
     "event[1].date", "after the scenario's date 2024-12-06"),
    ('\n[[event]]\ndate = "2024-12-04"\nplace = "homs"\nfaction = "opposition"\n'
     'source = "nowhere"', 20, "event[1].source", "unknown source 'nowhere'"),
    ('\n[[event]]\ndate = "4 Dec"\nplace = "homs"\nfaction = "opposition"', 17,
     "event[1].date", "YYYY-MM-DD"),
    ('status = "besieged"', 15, "event[0].status", "held, contested"),
    ('confidence = 1.5', 15, "event[0].confidence", "from 0 to 1"),
    ('from = "Martians"', 15, "event[0].from", "unknown faction 'Martians'"),
    ('\n[[contradiction]]\nplace = "hama"\nfactions = ["opposition"]\nsources = ["gone"]', 19,
     "contradiction[0].sources[0]", "unknown source 'gone'"),
])
def test_a_bad_event_is_one_line_naming_its_key(extra, line, key, words, tmp_path):
    path = tmp_path / "hand.toml"
    path.write_text(HAND_WRITTEN.format(extra=extra), encoding="utf-8")
    out = cli("validate", path)
    assert out.exit_code == 1 and "Traceback" not in out.output
    problems = out.stderr.strip().splitlines()[1:]
    assert len(problems) == 1, out.stderr
    assert problems[0].strip().startswith(f"line {line}: [{key}]") and words in problems[0]
    with pytest.raises(ValidationError):
        io.load_scenario(path)


def test_a_good_hand_written_campaign_loads(tmp_path):
    path = tmp_path / "hand.toml"
    path.write_text(HAND_WRITTEN.format(extra='status = "contested"\nconfidence = 0.7'),
                    encoding="utf-8")
    assert cli("validate", path).exit_code == 0
    (event,) = io.load_scenario(path).events
    assert (event.place, event.faction, event.status) == ("hama", "opposition", "contested")
    assert io.load_scenario(path).control.is_contested("hama")


# ---------------------------------------------------------------- the development corpus

@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="the development corpus is not here")
def test_the_dev_corpus_makes_a_campaign(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    target = tmp_path / "c.toml"
    out = cli("ingest", DEV_CORPUS, "--campaign", "-o", target)
    assert out.exit_code == 0, out.output
    assert out.stdout.rstrip("\n").splitlines()[-1].startswith(f"Campaign written to {target}: ")
    assert cli("validate", target).exit_code == 0
    scen = io.load_scenario(target)
    answer = api.read_reports([DEV_CORPUS], campaign=True)
    assert len(scen.events) == len(answer.value.changes) > 0
    assert [e.date for e in scen.events] == sorted(e.date for e in scen.events)
    texts = {d.source: (DEV_CORPUS / Path(d.file).name).read_text(encoding="utf-8")
             for d in answer.value.documents}
    for event in scen.events:
        assert event.source in scen.sources and event.evidence
        words = " ".join(texts[event.source].split())
        assert event.evidence in words, event
    end = answer.value.control_over(answer.scenario.control)
    assert {p: (h.faction, h.status) for p, h in scen.control.holdings.items()} == \
        {p: (h.faction, h.status) for p, h in end.holdings.items()}
