"""A non-editable install carries the theatre data, the bundled scenarios and the explorer's
page files."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_ships_data_and_scenarios(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("sim-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for scenario in (ROOT / "scenarios").glob("*.toml"):
        assert f"sim/_bundled_scenarios/{scenario.name}" in names
    for data in ("places.toml", "roads.csv", "factions.toml", "theatre.toml"):
        assert f"sim/data/theatres/syria/{data}" in names
    assert "sim/data/basemap/eastern-med.geojson" in names
    for part in ("engine.js", "words.js", "page.js", "page.css", "page.html"):
        assert f"sim/explorer/{part}" in names  # the explorer page is built from them
