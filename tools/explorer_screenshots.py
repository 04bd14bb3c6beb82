"""Take the screenshots docs/explorer.md shows, from the pages `sim explore` writes
(``make docs`` runs it; it needs Playwright and Chromium, as the browser tests do):

- docs/explorer.png: the default scenario's page once Homs is handed to the opposition;
- docs/explorer-campaign.png: the campaign's page on 30 November 2024, in large text.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sim  # noqa: E402
from tests.browser import browser, offline_page, skip_reason  # noqa: E402

DOCS = ROOT / "docs"


def main() -> int:
    why = skip_reason()
    if why:
        print(why.replace("browser tests skipped", "no screenshots taken"))
        return 1
    with tempfile.TemporaryDirectory() as folder, browser() as b:
        default = sim.explore(sim.load("syria-2024-12-06")).save(Path(folder) / "default.html")
        campaign = sim.explore(sim.load("syria-2024-campaign")).save(Path(folder) / "campaign.html")
        with offline_page(b, default) as (page, _):
            page.fill("#search", "Hims")
            page.keyboard.press("Enter")
            page.get_by_role("button", name="Hand to the opposition").click()
            page.screenshot(path=str(DOCS / "explorer.png"))
        with offline_page(b, campaign, viewport=(1600, 900)) as (page, _):
            page.get_by_role("button", name="Large text").click()
            page.locator("#date").focus()
            for _ in range(8):
                page.keyboard.press("ArrowLeft")
            page.screenshot(path=str(DOCS / "explorer-campaign.png"))
    print("wrote docs/explorer.png and docs/explorer-campaign.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
