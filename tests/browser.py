"""Headless Chromium for the explorer's tests, driven by Playwright.

The browser is Debian's ``chromium`` (``.ci/run`` installs it with apt), or the one
``SIM_CHROMIUM`` names; Playwright never downloads one. Where either is missing the
tests that need it are skipped, and ``make test`` prints why (pytest's ``-rs``).
Every page is opened from disk with the network refused: a request for anything
but a ``file:`` or ``data:`` URL fails the test.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    """The Chromium to drive, or None."""
    named = os.environ.get("SIM_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def skip_reason() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "browser tests skipped: the playwright package is not installed (pip install -e '.[test]')"
    if chromium_path() is None:
        return ("browser tests skipped: no Chromium found (install Debian's chromium, as "
                ".ci/run does with apt-get, or set SIM_CHROMIUM to a Chromium binary)")
    return None


needs_browser = pytest.mark.skipif(skip_reason() is not None, reason=skip_reason() or "")


@contextmanager
def browser():
    """A headless Chromium; closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=ARGS)
        try:
            yield b
        finally:
            b.close()


@contextmanager
def offline_page(b, path: Path, *, viewport=(1280, 800)):
    """``path`` opened in a new page of browser ``b`` with every network request refused.
    Yields ``(page, refused)``: ``refused`` lists the URLs the page asked for and was
    refused, and page errors fail the test on exit."""
    ctx = b.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                        offline=True)
    refused: list[str] = []
    errors: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:", "blob:")):
            r.continue_()
        else:
            refused.append(url)
            r.abort()

    ctx.route("**/*", route)
    page = ctx.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(Path(path).resolve().as_uri())
    try:
        yield page, refused
    finally:
        ctx.close()
    assert not errors, f"errors in the page: {errors}"
