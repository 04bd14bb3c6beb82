# %% [markdown]
# # If Homs falls: a notebook tour of the `sim` library
#
# Each `# %%` starts a cell: open this file in Jupyter (with jupytext) or VS Code
# and run it cell by cell, or run it whole with `python docs/examples/notebook.py
# OUTDIR`. The tests run it on every change, so it stays true.

# %%
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no window: the charts are saved as files
import matplotlib.pyplot as plt

import sim

out = Path(sys.argv[1] if len(sys.argv) > 1 else "out")
out.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## Load a scenario
# A bundled id, a path to a TOML file, or nothing for the default.

# %%
s = sim.load("syria-2024-12-06")
print(s.title, "-", len(s.theatre.places), "places,", len(s.theatre.roads), "roads")
print([row["id"] for row in sim.scenarios()])

# %% [markdown]
# ## Ask what a fall does
# Names resolve in any spelling ("Hims", "Ḥimṣ"); the captor is the holder's
# adversary unless you name it (`"homs:opposition"`).

# %%
r = sim.what_if(s, fall=["Hims"])
print(r.verdict)
print("kind of change:", r.change.kind)
print("lifelines cut:", [c.name for c in r.change.lifelines_of("cut")])

# %% [markdown]
# A wrong name raises the library's error with the closest names.

# %%
try:
    sim.what_if(s, fall=["Homz"])
except sim.UnknownNameError as err:
    print(err)

# %% [markdown]
# ## Rank every place by what its fall alone would cut

# %%
crit = sim.critical(s, faction="government", top=5)
print(crit.verdict)
for entry in crit.value.top(5):
    print(f"  {s.theatre.places[entry.place].name:<12} cuts {len(entry.lifelines)} lifeline(s), "
          f"cuts off {len(entry.strongholds)} stronghold(s)")

# %% [markdown]
# ## Draw the answer on your own axis

# %%
fig, ax = plt.subplots(figsize=(8, 8))
sim.plot.what_if(r, ax=ax)
fig.savefig(out / "homs-after.png", dpi=80)
plt.close(fig)

# The full before / after figure, written atomically (never over a file without force):
fig, (before, after) = sim.plot.what_if(r, filepath=out / "homs-falls.png", force=True)
print("charts:", sorted(p.name for p in out.glob("*.png")))

# %% [markdown]
# ## Export the map after the fall, for QGIS

# %%
geo = sim.export(s, "geojson", fall=["homs"])
(out / "after-homs.geojson").write_text(geo.value, encoding="utf-8")
print("exported", len(geo.scenario.theatre.places), "places seen by the", geo.faction)
