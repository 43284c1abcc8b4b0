"""Source pages are input, not code: XSS payloads in every field never run in the site, and no text
takes the page's layout over."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import MINI_MANIFEST, REPO, build_site, open_page, screen, serve
from errorspec.sources.importer import run_import

RUN = "window.__xss = (window.__xss || 0) + 1"
PAYLOADS = [
    f"<script>{RUN}</script>",
    f'<img src=x onerror="{RUN}">',
    f'<svg onload="{RUN}"></svg>',
    f'<a href="javascript:{RUN}">click</a>',
    f'<iframe src="javascript:{RUN}"></iframe>',
    f'"><script>{RUN}</script>',
    f'<a href="#" onclick="{RUN}" style="display:block">styled</a>',
]

# A link with a class of the theme's: Material's consent overlay covers the whole page, invisibly.
OVERLAY = '<a class="md-consent__overlay" href="https://evil.example/">the guide</a>'


def hostile_page(lang: str) -> str:
    rows = "".join(
        f"<tr><td>{1000 + index}</td><td>msg {payload}</td><td>xss {lang} {payload} <a href='JaVaScRiPt:{RUN}'>j</a>"
        "</td></tr>\n"
        for index, payload in enumerate(PAYLOADS)
    )
    return (
        f"# Codes\n\n## iOS {PAYLOADS[1]}\n\nIntro {PAYLOADS[0]} [x](javascript:{RUN})\n\n"
        f"<table>\n<tr><th>Code</th><th>Message</th><th>Text</th></tr>\n{rows}</table>\n\n"
        f"Hint {PAYLOADS[2]} <a href='vbscript:x'>v</a>\n\n## Related\n\n- [rel {PAYLOADS[1]}](javascript:{RUN})\n"
    )


def hostile_site(root: Path, mini_spec: Callable[..., Path]) -> Path:
    # The heading reads "iOS" once its <img> is gone; the pages' related links are mapped too.
    manifest = MINI_MANIFEST.replace(
        "      - {heading: iOS, platform: ios}\n",
        "      - {heading: iOS, platform: ios}\n      - {heading: Related, related: true}\n",
    )
    spec_dir = mini_spec({"ios.en.md": hostile_page("en"), "ios.zh.md": hostile_page("zh")}, manifest)
    run_import(spec_dir)
    # A maintainer's hand edits are untrusted too: raw HTML straight into the YAML.
    path = spec_dir / "ios.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"]["en"] = f"Title {PAYLOADS[1]}"
    data["codes"][0]["description"]["en"] = f"edited {PAYLOADS[0]} {PAYLOADS[3]}"
    data["codes"][0]["message"] = f"</code>{PAYLOADS[0]}"
    data["codes"][1]["description"] = {lang: f"See {OVERLAY}." for lang in ("en", "zh")}
    data["related"]["en"] = [{"title": f"rel {PAYLOADS[2]}", "url": f"javascript:{RUN}"}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    config = root / "mkdocs.yml"
    (root / "docs").mkdir()
    config.write_text(
        yaml.safe_dump(
            {
                "site_name": "xss",
                "docs_dir": "docs",
                "theme": {"name": "material", "custom_dir": str(REPO / "overrides"), "font": False},
                "plugins": ["search", {"errorspec": {"spec": str(spec_dir)}}],
            }
        ),
        encoding="utf-8",
    )
    return build_site(config, root / "site")


def test_no_payload_survives_as_markup(tmp_path: Path, mini_spec: Callable[..., Path]) -> None:
    site = hostile_site(tmp_path, mini_spec)
    for path in [*site.glob("ios/index.html"), *site.glob("zh/ios/index.html"), *site.glob("index.html")]:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        main = soup.select_one("article.md-content__inner")
        assert main is not None
        assert main.find(["script", "img", "svg", "iframe"]) is None, path
        assert not [script for script in soup.find_all("script") if "__xss" in script.get_text()], path
        assert not [tag for tag in soup.find_all(True) if any(name.startswith("on") for name in tag.attrs)], path
        for tag in main.find_all(True):
            assert not any(name.startswith("on") or name == "style" for name in tag.attrs), (path, tag)
            assert not str(tag.get("href", "")).strip().lower().startswith(("javascript:", "vbscript:")), (path, tag)
    # What a maintainer typed is still there for a reader to see, as text.
    english = BeautifulSoup((site / "ios" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert english.select_one("h1").get_text() == f"Title {PAYLOADS[1]}"
    assert english.find(id="1000").select_one("code").get_text() == f"</code>{PAYLOADS[0]}"


def test_no_payload_runs_in_the_browser(tmp_path: Path, mini_spec: Callable[..., Path], browser: Any) -> None:
    site = hostile_site(tmp_path, mini_spec)
    with serve(site) as base:
        for path in ["", "ios/", "status/", "zh/ios/", "zh/status/"]:
            browser.get(f"{base}{path}")
            assert browser.execute_script("return window.__xss") is None, path
        browser.get(f"{base}ios/")
        box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
        box.click()
        box.send_keys("xss")
        WebDriverWait(browser, 10).until(
            lambda driver: len(driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item")) >= len(PAYLOADS)
        )
        assert browser.execute_script("return window.__xss") is None
        assert browser.find_elements(By.CSS_SELECTOR, ".md-search-result img, .md-search-result svg[onload]") == []


def test_a_click_at_the_pages_centre_stays_on_the_page(
    tmp_path: Path, mini_spec: Callable[..., Path], browser: Any
) -> None:
    site = hostile_site(tmp_path, mini_spec)
    with serve(site) as base:
        # On a phone a row's description starts at the page's left: a layer from there covers its centre.
        for path, width in itertools.product(("ios/", "zh/ios/"), (1280, 390)):
            with screen(browser, width):
                open_page(browser, f"{base}{path}")
                link = browser.find_element(By.CSS_SELECTOR, "a[href='https://evil.example/']")
                browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
                assert link.text == "the guide"
                centre = browser.execute_script("return [Math.floor(innerWidth / 2), Math.floor(innerHeight / 2)]")
                hit = browser.execute_script(
                    "return document.elementFromPoint(...arguments).closest('a')?.href ?? null", *centre
                )
                assert hit is None, (path, width)
                actions = ActionBuilder(browser)
                actions.pointer_action.move_to_location(*centre).click()
                actions.perform()
                WebDriverWait(browser, 10).until(
                    lambda driver: driver.execute_script("return document.readyState") == "complete"
                )
                assert browser.current_url == f"{base}{path}"
