"""Fixtures: a JupyterLab server on loopback, and Debian's Chromium driven by Playwright."""
from __future__ import annotations

from pathlib import Path

import pytest

from .lab_server import CHROMIUM, CHROMIUM_ARGS, ROOT, start_lab, stop_lab

OUTPUT = ROOT / "test-output" / "browser"


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """(base_url, token) of a JupyterLab server started for the tests and stopped after them."""
    server, base, token = start_lab(tmp_path_factory.mktemp("jupyter"))
    yield base, token
    stop_lab(server)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
