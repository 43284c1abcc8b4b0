"""errorspec as a guest, option by option: templates a site overrides, redirects, placement
mistakes, and a guest that builds several languages at once."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from conftest import REPO, build_site, internal_links, write_config

GUEST = {
    "home": False,
    "status": False,
    "changes": False,
    "pages": [
        {
            "path": "errors/android.md",
            "platforms": ["android", "jmrtc-android"],
            "title": {"en": "Android", "zh": "安卓"},
        },
        {"path": "errors/server.md", "platforms": ["server"]},
        {"path": "errors/ios.md", "platforms": ["ios"]},
    ],
}


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html5lib")


def host(tmp_path: Path, spec: Path, options: dict[str, object], **extra: object) -> Path:
    config = write_config(tmp_path, spec, {**GUEST, **options}, **extra)
    (tmp_path / "docs" / "index.md").write_text("# Host\n\nThe host's own home.\n", encoding="utf-8")
    return config


def test_a_template_in_the_sites_custom_dir_adds_a_column(tmp_path: Path, spec_copy: Path) -> None:
    path = spec_copy / "android.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(entry for entry in data["codes"] if entry["code"] == 871310)["constants"] = {
        "android": {"name": "NETWORK_UNAVAILABLE"}
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    # The README's example, word for word: copy codes.html and change its two macros.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = readme.split("```jinja\n", 1)[1].split("```", 1)[0]
    original = (REPO / "src/errorspec/publish/templates/errorspec/codes.html").read_text(encoding="utf-8")
    start, end = original.index("{%- macro head(ui) -%}"), original.rindex("{%- endmacro -%}") + len("{%- endmacro -%}")
    (tmp_path / "theme" / "errorspec").mkdir(parents=True)
    (tmp_path / "theme" / "errorspec" / "codes.html").write_text(original[:start] + example + original[end:])
    theme = {"name": "mkdocs", "custom_dir": str(tmp_path / "theme")}
    site = build_site(host(tmp_path, spec_copy, {"languages": ["en"]}, theme=theme), tmp_path / "site")
    android = page(site, "errors/android/index.html")
    assert [th.get_text() for th in android.select_one(".errorspec-codes thead").select("th")] == [
        "Code",
        "Constant",
        "SDK message",
        "Description",
    ]
    row = android.find(id="871310")
    assert row.select("td")[1].get_text() == "NETWORK_UNAVAILABLE"  # escaped: text, not markup
    assert row.select_one("td b") is None


def test_a_moved_page_redirects_with_mkdocs_redirects_keeping_the_code(tmp_path: Path) -> None:
    redirects = {"redirects": {"redirect_maps": {"old/android-errors.md": "errors/android.md"}}}
    config = host(tmp_path, REPO / "spec", {"languages": ["en"]})
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["plugins"].append(redirects)  # after errorspec: errorspec's pages exist before it looks
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site = build_site(config, tmp_path / "site")
    redirect = (site / "old" / "android-errors" / "index.html").read_text(encoding="utf-8")
    assert 'location.href="../../errors/android/"+(anchor?"#"+anchor:"")' in redirect


@pytest.mark.parametrize(
    ("pages", "problem"),
    [
        ([{"path": "a.md", "platforms": ["android", "harmony"]}], "platform 'harmony' is not in the spec"),
        (
            [{"path": "a.md", "platforms": ["android"]}, {"path": "b.md", "platforms": ["android"]}],
            "platform 'android' is placed on more than one page",
        ),
        (
            [{"path": "a.md", "platforms": ["android"]}, {"path": "a.md", "platforms": ["ios"]}],
            "two pages are placed at a.md",
        ),
    ],
)
def test_a_wrong_placement_stops_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, pages: list[object], problem: str
) -> None:
    with pytest.raises(Abort), caplog.at_level(logging.ERROR):
        build_site(host(tmp_path, REPO / "spec", {"pages": pages}), tmp_path / "site")
    assert problem in caplog.text


def test_a_home_path_that_is_not_a_page_is_refused_when_the_config_loads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort), caplog.at_level(logging.ERROR):
        build_site(host(tmp_path, REPO / "spec", {"home": True}), tmp_path / "site")
    assert "expected a page's path in docs_dir (like 'index.md') or false, not True" in caplog.text


def test_a_guest_may_build_both_languages_in_one_site(tmp_path: Path) -> None:
    site = build_site(host(tmp_path, REPO / "spec", {}), tmp_path / "site")
    assert (
        page(site, "index.html")
        .select_one("article, [role=main], .md-content")
        .get_text(" ", strip=True)
        .startswith("Host")
    )
    english, chinese = page(site, "errors/android/index.html"), page(site, "zh/errors/android/index.html")
    assert (english.html["lang"], chinese.html["lang"]) == ("en", "zh")
    assert [h.get_text(strip=True) for h in chinese.select("article h1, article h2")][:3] == [
        "安卓",
        "JMessage Android",
        "JMRTC Android",
    ]
    assert [a["href"] for a in chinese.select("a.md-select__link[hreflang]")] == ["../../../errors/android/", "./"]
    # The host's page is the host's: no language menu, no errorspec stylesheet.
    home = page(site, "index.html")
    assert home.select("a.md-select__link") == []
    assert not home.select('link[href*="errorspec"]')
    assert internal_links(site)[1] == []


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs", "material"])
def test_every_theme_gets_the_language_copy_buttons_and_lookup(tmp_path: Path, theme: str) -> None:
    site = build_site(
        host(
            tmp_path,
            REPO / "spec",
            {"languages": ["zh"], "language_sites": {"en": "https://example.com/en/"}},
            theme={"name": theme},
        ),
        tmp_path / "site",
    )
    android = page(site, "errors/android/index.html")
    assert android.html["lang"] == "zh"
    links = android.select("a[hreflang=en]")
    assert [link["href"] for link in links] == ["https://example.com/en/errors/android/"]
    # errorspec.js gives each code its copy controls from its table's platform and permanent-URL page.
    table = android.find(id="871310").find_parent(class_="errorspec-codes")
    permanent = f"{table['data-errorspec-resolver']}#{table['data-errorspec-platform']}/871310"
    assert permanent == "../../codes/#android/871310"
    scripts = [script["src"] for script in android.select("script[src]")]
    assert any(src.endswith("assets/errorspec/lookup.js") for src in scripts)
    assert any(src.endswith("assets/errorspec/errorspec.js") for src in scripts)


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_the_owners_bilingual_site_builds_with_other_themes(tmp_path: Path, theme: str) -> None:
    # Without highlight.js, which these themes load from a CDN and the site's policy would block.
    config = write_config(tmp_path, REPO / "spec", {"history": 0}, theme={"name": theme, "highlightjs": False})
    site = build_site(config, tmp_path / "site")
    chinese = page(site, "zh/android/index.html")
    assert chinese.html["lang"] == "zh"
    assert [a["href"] for a in chinese.select("a[data-errorspec-language]")] == ["../../android/"]
    assert internal_links(site)[1] == []


def test_a_heading_from_the_spec_is_text_to_the_hosts_markdown() -> None:
    import markdown

    from errorspec.publish.site import heading_markdown

    title = "JMessage *iOS* [x](javascript:alert(1)) <img src=x onerror=alert(1)> & a | b #1"
    html = markdown.markdown(f"## {heading_markdown(title)}", extensions=["toc", "attr_list", "tables"])
    heading = BeautifulSoup(html, "html.parser").h2
    assert heading.get_text() == title
    assert heading.find() is None  # no element inside: no link, no image, no emphasis


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_a_language_name_from_the_spec_is_text_in_the_language_menu(
    tmp_path: Path, spec_copy: Path, theme: str
) -> None:
    manifest = spec_copy / "sources.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("name: 中文", "name: 中文<img src=x onerror=alert(1)>", 1), encoding="utf-8")
    site = build_site(host(tmp_path, spec_copy, {"languages": ["en", "zh"]}, theme={"name": theme}), tmp_path / "site")
    android = page(site, "errors/android/index.html")
    links = android.select("a[hreflang=zh]")
    assert [link.get_text(strip=True) for link in links] == ["中文<img src=x onerror=alert(1)>"]
    assert android.select("img[onerror]") == []


def test_a_guest_that_publishes_some_platforms_links_only_to_those(tmp_path: Path) -> None:
    options = {
        "languages": ["en"],
        "status": "errors/status.md",
        "pages": [{"path": "errors/android.md", "platforms": ["android"]}],
    }
    site = build_site(host(tmp_path, REPO / "spec", options), tmp_path / "site")
    android = page(site, "errors/android/index.html")
    # 871310's message is on other platforms too, which this site has no page for: no "Also on".
    assert android.find(id="871310") is not None
    assert android.select(".errorspec-also") == []
    # "Not in the list? See the server codes": the vendor's server page, as this site has none.
    links = {a["href"] for a in android.select("a[href*='im_errorcode_server']")}
    assert links == {"https://docs.jiguang.cn/jmessage/client/im_errorcode_server/"}
    status = page(site, "errors/status/index.html")
    assert "JMessage iOS" not in status.get_text()
    assert "JMessage Android" in status.get_text()
    assert internal_links(site)[1] == []
