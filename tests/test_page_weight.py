"""A page of codes weighs no more than the same codes written by hand as a Markdown table, built
by plain MkDocs + Material (the benchmark's floor), and what errorspec.js adds to its rows after
the page has loaded moves nothing on it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO, SETTLED, build_site, screen, serve

sys.path.insert(0, str(REPO / "scripts"))

from synthetic import synthetic_spec, write_floor, write_spec  # the benchmark's catalogue and floor

CODES = 2500  # five platforms of 500 codes: a page each per language
CONFIG = """\
site_name: codes
theme: {name: material, font: false}
plugins:
  search: {}
  errorspec: {spec: spec, history: 0}
"""
FLOOR = "site_name: floor\ntheme: {name: material, font: false}\nplugins: [search]\n"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """errorspec's site of the catalogue, and the floor's."""
    root = tmp_path_factory.mktemp("weight")
    spec = synthetic_spec(CODES)
    write_spec(spec, root / "ours" / "spec")
    (root / "ours" / "docs").mkdir()
    (root / "ours" / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    write_floor(spec, root / "floor" / "docs")
    (root / "floor" / "mkdocs.yml").write_text(FLOOR, encoding="utf-8")
    return (
        build_site(root / "ours" / "mkdocs.yml", root / "ours" / "site"),
        build_site(root / "floor" / "mkdocs.yml", root / "floor" / "site"),
    )


@pytest.mark.parametrize(("ours", "floor"), [("android", "en/android-1"), ("zh/android", "zh/android-1")])
def test_a_page_of_codes_weighs_no_more_than_the_same_table_written_by_hand(
    sites: tuple[Path, Path], ours: str, floor: str
) -> None:
    ours_page, floor_page = sites[0] / ours / "index.html", sites[1] / floor / "index.html"
    assert ours_page.read_text(encoding="utf-8").count("<tr id=") == 500
    assert ours_page.stat().st_size <= floor_page.stat().st_size


# At the page's load, before errorspec.js equips the rows: the table's size, each row's height, and
# how many rows are equipped.
AT_LOAD = """
addEventListener('load', () => {
  const table = document.querySelector('.errorspec-codes table')
  const box = table.getBoundingClientRect()
  window.atLoad = {size: [box.width, box.height], rows: [...table.tBodies[0].rows].map(row => row.offsetHeight),
    equipped: table.querySelectorAll('td.errorspec-equipped').length}
})
"""
NOW = """
const table = document.querySelector('.errorspec-codes table')
const box = table.getBoundingClientRect()
return {size: [box.width, box.height], rows: [...table.tBodies[0].rows].map(row => row.offsetHeight),
  equipped: table.querySelectorAll('td.errorspec-equipped').length,
  landed: [...document.getElementById(arguments[0]).cells[0].children].map(child => child.matches('a')
    ? `link to ${child.getAttribute('href')}` : child.getAttribute('data-clipboard-text'))}
"""


@pytest.mark.parametrize(("landed", "width"), [("820250", 1280), (None, 1280), ("820250", 390)])
def test_equipping_the_rows_after_the_page_has_loaded_moves_nothing(
    browser: Any, sites: tuple[Path, Path], landed: str | None, width: int
) -> None:
    script = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": AT_LOAD})
    try:
        with serve(sites[0]) as base, screen(browser, width):
            browser.get(f"{base}android/#{landed or ''}")
            WebDriverWait(browser, 10).until(lambda driver: driver.execute_script(SETTLED))
            at_load, now = browser.execute_script("return window.atLoad"), browser.execute_script(NOW, "820250")
    finally:
        browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})
    assert at_load["equipped"] == 0  # the page shows before any row's controls are made
    assert now["equipped"] == 500
    assert now["landed"] == [
        "link to #820250",
        f"{base}codes/#android/820250",
        f"[820250 {message_of(sites[0], '820250')}]({base}codes/#android/820250)",
    ]
    assert now["size"] == at_load["size"]
    assert now["rows"] == at_load["rows"]


def message_of(site: Path, code: str) -> str:
    """A row's message, as its page writes it."""
    text = (site / "android" / "index.html").read_text(encoding="utf-8")
    return text.split(f'<tr id="{code}"><td>{code}<td><code>', 1)[1].split("</code>", 1)[0]
