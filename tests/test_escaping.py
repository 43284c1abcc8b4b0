"""Every text errorspec writes is escaped for where it goes: page, template variable, the page's
title and settings, inline script (issue 19)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import MINI_MANIFEST, build_site, html_page, open_page, run_cli, serve, write_config
from errorspec.publish.site import script_json
from errorspec.sources.importer import run_import

IMG = "<img src=x onerror=alert(1)>"
LINK = "[x](javascript:alert(1))"
# What ends a script element or a JavaScript string; the separators cannot reach a spec text (the
# schema refuses them), so the site's texts hold the rest, and script_json is tested on all.
SCRIPT_ENDERS = "</script><!--&>"
SCRIPT_BREAKERS = SCRIPT_ENDERS + "\u2028\u2029"
# A page's title with a character YAML refuses: once, it made the page's whole front matter page text.
TITLES = {"en": f"\x7f\x9b{LINK}", "zh": f"\ufffe{LINK}"}


def hostile_site(root: Path, mini_spec: Callable[..., Path], theme: str) -> Path:
    manifest = MINI_MANIFEST.replace("{id: zh, name: 中文,", f'{{id: zh, name: "中文{IMG}",')
    page = html_page("iOS", [("1", "msg", "text")])
    spec_dir = mini_spec({"ios.en.md": page, "ios.zh.md": page}, manifest)
    run_import(spec_dir)
    path = spec_dir / "ios.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"] = {"en": f"iOS {SCRIPT_ENDERS}", "zh": f"iOS {SCRIPT_ENDERS}"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    options = {"site_name": {"zh": IMG}, "pages": [{"path": "ios.md", "platforms": ["ios"], "title": TITLES}]}
    # Each theme without what it loads from another origin, which the site's policy would block.
    off_site = {"font": False} if theme == "material" else {"highlightjs": False}
    config = write_config(root, spec_dir, options, theme={"name": theme, **off_site})
    return build_site(config, root / "site")


@pytest.fixture(scope="module", params=["material", "mkdocs"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp(request.param)

    def mini_spec(pages: dict[str, str], manifest: str) -> Path:
        spec_dir = root / "mini"
        (spec_dir / "sources").mkdir(parents=True)
        (spec_dir / "sources.yaml").write_text(manifest, encoding="utf-8")
        for name, text in pages.items():
            (spec_dir / "sources" / name).write_text(text, encoding="utf-8")
        return spec_dir

    return hostile_site(root, mini_spec, request.param)


def pages(site: Path) -> Iterator[tuple[Path, BeautifulSoup]]:
    for path in sorted(site.glob("**/*.html")):
        yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_no_text_becomes_markup_on_any_page(site: Path) -> None:
    for path, soup in pages(site):
        assert not [tag for tag in soup.find_all(True) if any(name.startswith("on") for name in tag.attrs)], path
        assert not soup.select("a[href^='javascript']"), path


def test_language_names_are_text_in_every_theme(site: Path) -> None:
    soup = BeautifulSoup((site / "ios" / "index.html").read_text(encoding="utf-8"), "html.parser")
    menu = soup.select(".md-select__link") or soup.select("nav.errorspec-languages a, nav.errorspec-languages strong")
    assert f"中文{IMG}" in [link.get_text(strip=True) for link in menu]


def test_errorspecs_site_name_is_text(site: Path) -> None:
    soup = BeautifulSoup((site / "zh" / "ios" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title is not None
    assert soup.title.get_text().endswith(IMG)
    shown = soup.select_one(".md-header__topic .md-ellipsis, .navbar-brand")
    assert shown is not None
    assert shown.get_text(strip=True) == IMG


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_control_character_in_a_title_leaves_the_page_whole(site: Path, lang: str) -> None:
    page = site / ("zh/" if lang == "zh" else "") / "ios" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article, [role=main]")
    assert article is not None
    # Its title, as text; none of what front matter would have said is on the page.
    assert soup.select_one("h1").get_text().strip().endswith(LINK)
    assert '"search"' not in article.get_text()
    assert "---" not in article.get_text()
    assert soup.title is not None
    assert LINK in soup.title.get_text()


def test_json_in_scripts_escapes_what_could_end_them(site: Path) -> None:
    assert script_json({"t": SCRIPT_BREAKERS}) == '{"t":"\\u003c/script\\u003e\\u003c!--\\u0026\\u003e\\u2028\\u2029"}'
    resolver = (site / "codes" / "index.html").read_text(encoding="utf-8")
    payload = resolver.split('id="errorspec-codes">', 1)[1].split("</script>", 1)[0]
    assert not set(payload) & set("<>&\u2028\u2029")
    assert "</script><!--&>" in json.loads(payload)["titles"]["ios"]
    for path in [site / "search" / "errorspec-index.js", *site.glob("search/errorspec-codes/*.js")]:
        text = path.read_text(encoding="utf-8")
        assert not set(text) & set("<>&\u2028\u2029"), path
    for path, _ in pages(site):  # Material's settings, which errorspec rewrites
        settings = re.search(r'<script id="__config" type="application/json">(.*?)</script>', path.read_text())
        assert settings is None or not set(settings.group(1)) & set("<>&\u2028\u2029"), path


def test_check_names_a_control_character_with_its_file_and_line(spec_copy: Path) -> None:
    path = spec_copy / "ios.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if row.startswith("  en: "))
    path.write_text(text.replace("\n  en: ", '\n  en: "\\x85[x](javascript:alert(1))" # ', 1), encoding="utf-8")
    code, out, err = run_cli("check", spec_dir=spec_copy)
    assert code != 0
    assert f"ios.yaml:{line}: title.en: holds the control character U+0085" in out + err


# -- the page behind the permanent URLs ----------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(real_site: Path) -> Iterator[str]:
    with serve(real_site) as url:
        yield url


NO_CODE = "No code {} in this catalogue. The platforms:"
NO_NUMBER = "{} is not a code of this catalogue"  # past 2**53: a number all the same, and no code


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("codes/#%E0%A4%A", NO_CODE.format("%E0%A4%A")),
        ("codes/#%", NO_CODE.format("%")),
        ("codes/#%ZZ", NO_CODE.format("%ZZ")),
        ("codes/#constructor/0", NO_CODE.format("constructor/0")),
        ("codes/#constructor", NO_CODE.format("constructor")),
        ("codes/#__proto__/1", NO_CODE.format("__proto__/1")),
        ("codes/#android/9007199254740993", NO_NUMBER.format("9007199254740993")),
        ("android/#9007199254740993", NO_NUMBER.format("9007199254740993")),
        ("codes/#$&", NO_CODE.format("$&")),
    ],
)
def test_a_hash_of_no_code_says_so_and_stays(browser: Any, base_url: str, path: str, heading: str) -> None:
    open_page(browser, base_url + path)
    WebDriverWait(browser, 10).until(
        expected_conditions.text_to_be_present_in_element((By.CSS_SELECTOR, "#errorspec-result h1"), heading)
    )
    assert browser.find_element(By.CSS_SELECTOR, "#errorspec-result h1").text == heading
    url = browser.current_url
    browser.execute_script("return new Promise(resolve => setTimeout(resolve, 500))")
    assert browser.current_url == url
    assert "/codes/" in url
