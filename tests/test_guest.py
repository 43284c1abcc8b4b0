"""errorspec as a guest on a documentation site that is not its own (tests/host/, modelled on the vendor's).

The host has two sites, each built on its own: Chinese at the root (`tests/host/mkdocs.yml`) and English
under /en/ (`tests/host/en/mkdocs.yml`), on the `mkdocs` theme with a custom theme folder, each also on
Material (`mkdocs.material.yml`). errorspec writes three of their pages and must leave everything else as
the host builds it without errorspec, but for one script tag per page.
"""

from __future__ import annotations

import contextlib
import difflib
import gzip
import json
import logging
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO, SPEC, build_site, internal_links, lookup_results, open_page, row_in_view, search_box, serve
from errorspec.sources.manifest import load_manifest
from errorspec.spec.specfiles import load_spec

HOST = Path(__file__).resolve().parent / "host"
PLATFORMS = {platform.platform: platform for platform in load_spec(SPEC, load_manifest(SPEC)).platforms}

# The pages errorspec writes on the host: their path, and the platforms' sections on each, with their ids.
GENERATED = {
    "jmessage/client/im_errorcode_android": [("android", "jmessage-android"), ("jmrtc-android", "jmrtc-android")],
    "jmessage/client/im_errorcode_ios": [("ios", "jmessage-ios"), ("jmrtc-ios", "jmrtc-ios")],
    "jmessage/client/im_errorcode_js": [("web", "jmessage-web")],
    "jmessage/client/im_errorcode_server": [("server", "server-error")],
}
# The links of the hand-written pages to errorspec's pages carry these anchors (sections and codes).
LINKED = {"server-error", "871310", "871308", "871302", "863004", "899001", "jmessage-ios", "jmessage-web"}
ANCHORS = {"zh": LINKED | {"jmrtc-android"}, "en": LINKED | {"jmessage-android"}}
# What errorspec may add to a one-language site (see the design: search worker and files, permanent URLs,
# data files, its assets), beside its pages.
OWN_FILES = re.compile(
    r"(search/errorspec-[^/]+|search/errorspec-codes/[^/]+|codes/index\.html|data/[^/]+|assets/errorspec/[^/]+)"
)
LOOKUP_TAG = re.compile(r'<script src="([^"]*assets/errorspec/lookup\.js)"></script>')
BUILD_DATE = "1700000000"  # SOURCE_DATE_EPOCH: the same build date in every build, for byte comparisons


@dataclass(frozen=True)
class Variant:
    """One of the host's sites: its config file (relative to tests/host/), language and place on the server."""

    name: str
    config: str
    lang: str
    other: str
    base: str
    other_base: str
    title: dict[str, str]  # errorspec's page title by page
    home_title: str

    @property
    def material(self) -> bool:
        return "material" in self.config


ZH_TITLES = dict.fromkeys(GENERATED, "IM SDK ErrorCode 定义") | {
    "jmessage/client/im_errorcode_js": "IM Web ErrorCode 定义"
}
EN_TITLES = {
    "jmessage/client/im_errorcode_android": "Definition of IM SDK ErrorCode",
    "jmessage/client/im_errorcode_ios": "Definition of IM SDK ErrorCode",
    "jmessage/client/im_errorcode_js": "Definition of IM Web ErrorCode",
    "jmessage/client/im_errorcode_server": "IM SDK ErrorCode Definition",
}
ZH = Variant("zh", "mkdocs.yml", "zh", "en", "/", "/en/", ZH_TITLES, "极光文档")
EN = Variant("en", "en/mkdocs.yml", "en", "zh", "/en/", "/", EN_TITLES, "JiGuang Docs")
ZH_MATERIAL = Variant("zh-material", "mkdocs.material.yml", "zh", "en", "/", "/en/", ZH_TITLES, "极光文档")
EN_MATERIAL = Variant("en-material", "en/mkdocs.material.yml", "en", "zh", "/en/", "/", EN_TITLES, "JiGuang Docs")
VARIANTS = [ZH, EN, ZH_MATERIAL, EN_MATERIAL]
# The two sites of each theme, published together as the vendor does: Chinese at the root, English in en/.
PUBLISHED = {"mkdocs": (ZH, EN), "material": (ZH_MATERIAL, EN_MATERIAL)}
CONFIGS = ("mkdocs.yml", "en/mkdocs.yml")  # the files that name errorspec (the Material ones inherit them)


# --- the host without errorspec ----------------------------------------------------------------------------


def edit_config(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def errorspec_options(data: dict[str, Any]) -> dict[str, Any]:
    return next(entry["errorspec"] for entry in data["plugins"] if isinstance(entry, dict) and "errorspec" in entry)


def without_nav_entries(nav: list[Any], paths: set[str]) -> list[Any]:
    """The navigation without the entries that lead to `paths`."""
    kept = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            kept.append({next(iter(item)): without_nav_entries(value, paths)})
        elif value not in paths:
            kept.append(item)
    return kept


def host_copy(target: Path, *, errorspec: bool = True, old_pages: bool = True) -> Path:
    """A copy of tests/host/ in `target`, its configs changed:

    - errorspec=True: as it is, the spec named by its absolute path (it is not beside the copy);
    - errorspec=False: without errorspec's plugin entry and without the `exclude_docs` of the old error pages,
      so that the pages written by hand before errorspec are built, under the same navigation;
    - errorspec=False, old_pages=False: without errorspec and without those pages either (excluded, out of
      the navigation; links to them lead nowhere, which is not what this build is for).
    """
    root = target / "host"
    shutil.copytree(HOST, root)

    def change(data: dict[str, Any]) -> None:
        if errorspec:
            errorspec_options(data)["spec"] = str(SPEC)
            return
        data["plugins"] = [entry for entry in data["plugins"] if not (isinstance(entry, dict) and "errorspec" in entry)]
        if old_pages:
            del data["exclude_docs"]
        else:
            excluded = {line.strip().lstrip("/") for line in data["exclude_docs"].splitlines() if line.strip()}
            data["nav"] = without_nav_entries(data["nav"], excluded)
            data["validation"] = {"links": {"not_found": "info"}}

    for name in CONFIGS:
        edit_config(root / name, change)
    return root


def build(config: Path, site: Path) -> Path:
    """`mkdocs build --strict`, in-process, with a fixed build date."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE)
        return build_site(config, site)


class Sites:
    """The host's sites, each built once when first asked for: with errorspec (guest), without (plain), and
    without errorspec and its pages (bare); and each theme's two guest sites published together."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.built: dict[tuple[str, str], Path] = {}

    def _site(self, kind: str, name: str, make: Callable[[Path], Path]) -> Path:
        if (kind, name) not in self.built:
            folder = self.root / kind / name
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            self.built[kind, name] = make(folder)
        return self.built[kind, name]

    def guest(self, variant: Variant) -> Path:
        return self._site("guest", variant.name, lambda folder: build(HOST / variant.config, folder / "site"))

    def plain(self, variant: Variant) -> Path:
        return self._site("plain", variant.name, lambda folder: self._without(variant, folder, old_pages=True))

    def bare(self, variant: Variant) -> Path:
        return self._site("bare", variant.name, lambda folder: self._without(variant, folder, old_pages=False))

    @staticmethod
    def _without(variant: Variant, folder: Path, *, old_pages: bool) -> Path:
        return build(host_copy(folder, errorspec=False, old_pages=old_pages) / variant.config, folder / "site")

    def published(self, theme: str) -> Path:
        chinese, english = PUBLISHED[theme]

        def publish(folder: Path) -> Path:
            shutil.copytree(self.guest(chinese), folder / "www")
            shutil.copytree(self.guest(english), folder / "www" / "en")
            return folder / "www"

        return self._site("published", theme, publish)


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    return Sites(tmp_path_factory.mktemp("host-sites"))


@pytest.fixture(params=VARIANTS, ids=[variant.name for variant in VARIANTS])
def variant(request: pytest.FixtureRequest) -> Variant:
    return request.param


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html5lib")


def files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


# --- the fixture itself -------------------------------------------------------------------------------------


def test_the_host_builds_strictly_without_errorspec_with_its_old_pages(sites: Sites, variant: Variant) -> None:
    site = sites.plain(variant)
    for path in GENERATED:
        headings = [h2.get_text(strip=True) for h2 in page(site, f"{path}/index.html").select("h2")]
        assert headings, path  # the page written by hand before errorspec
    assert len([path for path in files(site) if path.endswith("index.html")]) >= 20
    assert page(site, "index.html").find("h1").get_text(strip=True) == variant.home_title


# --- 1. the host's pages are the host's ---------------------------------------------------------------------


def assert_one_lookup_tag_added(site: Path, path: str, plain: str, base: str) -> None:
    """The page at `path` of the guest `site` is `plain` with one lookup.js script tag added, leading to
    errorspec's lookup.js at the site's root."""
    guest = (site / path).read_text(encoding="utf-8")
    tags = list(LOOKUP_TAG.finditer(guest))
    assert len(tags) == 1, f"{path}: {len(tags)} lookup.js script tags"
    tag = tags[0]
    source = tag.group(1)
    # 404.html is served at any depth: its links start at the server's root, the site being at `base`.
    target = site / source.removeprefix(base) if source.startswith("/") else (site / path).parent / source
    assert target.resolve() == (site / "assets/errorspec/lookup.js").resolve(), (path, source)
    before, after = guest[: tag.start()], guest[tag.end() :]
    if before + after == plain:
        return
    # The tag may come on a line of its own: whitespace at its place is no change.
    head, tail = before.rstrip(), after.lstrip()
    middle = plain[len(head) : len(plain) - len(tail)]
    same = plain.startswith(head) and plain.endswith(tail) and len(head) + len(tail) <= len(plain)
    if same and not middle.strip():
        return
    diff = difflib.unified_diff(plain.splitlines(), (before + after).splitlines(), "without errorspec", path, n=1)
    pytest.fail(f"{path} differs from the host's page by more than the lookup.js tag:\n" + "\n".join(diff)[:6000])


def test_pages_errorspec_does_not_own_are_the_hosts_with_one_script_tag(sites: Sites, variant: Variant) -> None:
    guest, plain = sites.guest(variant), sites.plain(variant)
    owned = {f"{path}/index.html" for path in GENERATED}
    pages = sorted(path for path in files(plain) if path.endswith(".html") and path not in owned)
    assert "index.html" in pages
    assert "404.html" in pages
    assert "jmessage/client/im_sdk_js_v2/index.html" in pages  # a hand-written page beside errorspec's
    for path in pages:
        assert_one_lookup_tag_added(guest, path, (plain / path).read_text(encoding="utf-8"), variant.base)


def test_the_home_page_is_the_hosts(sites: Sites, variant: Variant) -> None:
    home = page(sites.guest(variant), "index.html")
    assert home.find("h1").get_text(strip=True) == variant.home_title
    assert not home.select("[class^=errorspec], [data-errorspec-language]")


def test_the_sitemap_is_the_hosts(sites: Sites, variant: Variant) -> None:
    guest, plain = sites.guest(variant), sites.plain(variant)
    assert (guest / "sitemap.xml").read_bytes() == (plain / "sitemap.xml").read_bytes()
    assert gzip.decompress((guest / "sitemap.xml.gz").read_bytes()) == (plain / "sitemap.xml").read_bytes()
    sitemap = (guest / "sitemap.xml").read_text(encoding="utf-8")
    home = "https://docs.example.com" + variant.base
    assert f"<loc>{home}jmessage/client/im_errorcode_android/</loc>" in sitemap
    assert f"<loc>{home}codes/" not in sitemap


def test_errorspec_adds_only_its_own_files_and_changes_no_other(sites: Sites, variant: Variant) -> None:
    guest, plain = sites.guest(variant), sites.plain(variant)
    assert files(plain) - files(guest) == set()
    added = files(guest) - files(plain)
    assert {path for path in added if not OWN_FILES.fullmatch(path)} == set()
    assert "assets/errorspec/lookup.js" in added
    # Theme files, the custom theme's stylesheet, the sitemap: the host's, byte for byte. (The pages are
    # compared above; the theme's search index below.)
    for path in sorted(files(plain)):
        if not path.endswith(".html") and path != "search/search_index.json":
            assert (guest / path).read_bytes() == (plain / path).read_bytes(), path


# --- 2. the theme's search index ----------------------------------------------------------------------------


def search_index(site: Path) -> dict[str, Any]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_the_theme_search_index_is_the_hosts_without_errorspecs_pages(sites: Sites, variant: Variant) -> None:
    guest, bare = search_index(sites.guest(variant)), search_index(sites.bare(variant))
    assert [doc["location"] for doc in guest["docs"]] == [doc["location"] for doc in bare["docs"]]
    assert guest["docs"] == bare["docs"]
    assert guest == bare
    assert (sites.guest(variant) / "search/search_index.json").read_bytes() == (
        sites.bare(variant) / "search/search_index.json"
    ).read_bytes()
    locations = [doc["location"] for doc in guest["docs"]]
    assert not [location for location in locations if location.startswith(tuple(f"{p}/" for p in GENERATED))]
    assert "jmessage/client/im_sdk_js_v2/" in locations  # the host's own pages stay
    # The host's old error pages were in its index before errorspec: the comparison above means something.
    plain = [doc["location"] for doc in search_index(sites.plain(variant))["docs"]]
    assert "jmessage/client/im_errorcode_android/" in plain


# --- 3. errorspec's pages -----------------------------------------------------------------------------------


def sections(soup: BeautifulSoup) -> list[tuple[str | None, list[str]]]:
    """The page's rows with an id, by the <h2> before them: (the heading's id, the rows' ids), in page order;
    headings without such rows left out."""
    found: list[tuple[str | None, list[str]]] = [(None, [])]
    for element in soup.select("h2, tr[id]"):
        if element.name == "h2":
            found.append((element.get("id"), []))
        else:
            found[-1][1].append(str(element["id"]))
    return [(heading, rows) for heading, rows in found if rows]


def test_the_generated_pages_hold_every_code_of_their_platforms_by_section(sites: Sites, variant: Variant) -> None:
    site = sites.guest(variant)
    for path, parts in GENERATED.items():
        soup = page(site, f"{path}/index.html")
        assert soup.html["lang"] == variant.lang, path
        assert soup.find("h1").get_text(strip=True) == variant.title[path]
        # A row's id is its code; where an earlier section of the page has the code too (0 is on
        # Android and JMRTC Android), it is `<platform>-<code>`, so that ids stay unique.
        expected, taken = [], set()
        for platform, anchor in parts:
            ids = [
                str(e.code) if str(e.code) not in taken else f"{platform}-{e.code}" for e in PLATFORMS[platform].entries
            ]
            taken.update(ids)
            expected.append((anchor, ids))
        assert sections(soup) == expected, path
        assert len(soup.select("[id]")) == len({element["id"] for element in soup.select("[id]")}), path
        for heading, _ in expected:
            assert soup.find(id=heading).name == "h2", (path, heading)
        # Each row's copy controls are made by errorspec.js from its table's platform and permanent-URL page.
        for table in soup.select(".errorspec-codes"):
            assert table["data-errorspec-platform"] in PLATFORMS, path
            assert table["data-errorspec-resolver"].endswith("codes/"), path


def test_the_android_page_holds_jmessage_android_then_jmrtc_android(sites: Sites, variant: Variant) -> None:
    soup = page(sites.guest(variant), "jmessage/client/im_errorcode_android/index.html")
    ids = [h2.get("id") for h2 in soup.select("h2[id]")]
    assert "jmessage-android" in ids
    assert "jmrtc-android" in ids
    assert ids.index("jmessage-android") < ids.index("jmrtc-android")
    assert soup.find(id="871310").name == "tr"
    assert soup.find(id="872100").name == "tr"
    server = page(sites.guest(variant), "jmessage/client/im_errorcode_server/index.html")
    assert server.find(id="server-error").name == "h2"


# --- 4. links ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", sorted(PUBLISHED))
def test_no_link_of_the_published_sites_is_broken(sites: Sites, theme: str) -> None:
    checked, broken = internal_links(sites.published(theme))
    assert checked > 1000
    assert broken == []


def test_links_with_anchors_from_hand_written_pages_reach_their_row_or_section(sites: Sites, variant: Variant) -> None:
    site = sites.guest(variant)
    generated = {(site / path / "index.html").resolve() for path in GENERATED}
    reached: set[str] = set()
    for source in sorted(site.rglob("*.html")):
        if source.resolve() in generated:
            continue
        soup = BeautifulSoup(source.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("a[href*='im_errorcode_'][href*='#']"):
            path, _, fragment = str(link["href"]).partition("#")
            target = (source.parent / path).resolve()
            target = target / "index.html" if target.is_dir() else target
            if target not in generated:
                continue
            element = page(target.parent, target.name).find(id=fragment)
            assert element is not None, f"{source.relative_to(site)}: {link['href']}"
            assert element.name in {"h2", "tr"}, f"{source.relative_to(site)}: {link['href']} is a <{element.name}>"
            reached.add(fragment)
    assert reached == ANCHORS[variant.lang]


# --- 5. the language link -----------------------------------------------------------------------------------


def test_the_language_link_leads_to_the_same_page_of_the_other_site(sites: Sites, variant: Variant) -> None:
    site = sites.guest(variant)
    for path in GENERATED:
        soup = page(site, f"{path}/index.html")
        target = f"{variant.other_base}{path}/"
        if variant.material:
            links = soup.select(f"a.md-select__link[hreflang={variant.other}]")
        else:
            links = soup.select(f"a[data-errorspec-language][hreflang={variant.other}]")
        assert [link["href"] for link in links] == [target], path


# --- 6. a hand-written page where errorspec writes one ------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "path"),
    [
        ("mkdocs.yml", "jmessage/client/im_errorcode_server.md"),
        ("en/mkdocs.yml", "jmessage/client/im_errorcode_android.md"),
    ],
)
def test_a_hand_written_page_at_a_generated_path_not_excluded_stops_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, config: str, path: str
) -> None:
    root = host_copy(tmp_path)

    def include(data: dict[str, Any]) -> None:
        data["exclude_docs"] = "".join(line for line in data["exclude_docs"].splitlines(True) if path not in line)

    edit_config(root / config, include)
    with pytest.raises(Abort), caplog.at_level(logging.ERROR):
        build(root / config, tmp_path / "site")
    assert path in caplog.text
    assert "exclude_docs" in caplog.text


# --- 7. errorspec's own theme overrides are not the host's --------------------------------------------------


def test_the_host_never_names_errorspecs_overrides() -> None:
    for path in sorted(HOST.rglob("*")):
        if path.is_file():
            assert "overrides" not in path.read_text(encoding="utf-8"), path


def test_errorspec_does_not_put_its_overrides_into_the_hosts_theme(variant: Variant) -> None:
    from mkdocs.config import load_config

    config = load_config(str(HOST / variant.config), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
    finally:
        config.plugins.on_shutdown()
    overrides = (REPO / "overrides").resolve()
    assert overrides not in [Path(folder).resolve() for folder in config.theme.dirs]
    assert Path(config.theme.dirs[0]).resolve().is_relative_to(HOST)  # the host's custom theme comes first


# --- in headless Chromium ------------------------------------------------------------------------------------

QUERIES = {
    "en": ["push", "message", "android", "group", "callback", "alias", "notification", "sdk", "report", "tag"],
    "zh": ["推送", "消息", "集成", "群组", "聊天室", "用户", "统计", "Android", "SDK", "API"],
}


@pytest.fixture(scope="module")
def served(sites: Sites) -> Iterator[Callable[[str, Path], str]]:
    """Serve a built site on demand: its base URL, by name."""
    with contextlib.ExitStack() as stack:
        urls: dict[str, str] = {}

        def url(name: str, site: Path) -> str:
            if name not in urls:
                urls[name] = stack.enter_context(serve(site))
            return urls[name]

        yield url


def theme_results(browser: Any, theme: str, query: str) -> list[str]:
    """The theme's own search results for `query` (href and title of each), once they stop changing."""
    box = search_box(browser, theme)
    box.clear()
    box.send_keys(query)
    script = (
        "return [...document.querySelectorAll('.md-search-result__item > a, #mkdocs-search-results article a')]"
        ".map(a => a.getAttribute('href').replace(location.origin, '') + ' ' + a.textContent.trim())"
    )
    seen: list[list[str]] = []

    def settled(driver: Any) -> bool:
        seen.append(driver.execute_script(script))
        # No result yet may be a search still building its index (a host's Chinese pages, on a
        # busy machine): none counts only once it has lasted 3 s.
        calm = 3 if seen[-1] else 15
        return len(seen) > max(4, calm) and all(results == seen[-1] for results in seen[-calm:])

    WebDriverWait(browser, 15, poll_frequency=0.2).until(settled)
    return seen[-1]


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda variant: variant.name)
def test_the_theme_search_gives_the_hosts_results_for_its_queries(
    browser: Any, sites: Sites, served: Callable[[str, Path], str], variant: Variant
) -> None:
    theme = "material" if variant.material else "mkdocs"
    results = {}
    for kind, site in (("guest", sites.guest(variant)), ("bare", sites.bare(variant))):
        base = served(f"{kind}-{variant.name}", site)
        for query in QUERIES[variant.lang]:
            open_page(browser, f"{base}jpush/guideline/intro/" if variant.lang == "zh" else f"{base}")
            results[kind, query] = theme_results(browser, theme, query)
    for query in QUERIES[variant.lang]:
        assert results["guest", query] == results["bare", query], query
    # Not a comparison of empty lists: MkDocs' English lunr finds few Chinese words, but some.
    assert sum(bool(results["guest", query]) for query in QUERIES[variant.lang]) >= 3


@pytest.mark.parametrize("theme", sorted(PUBLISHED))
@pytest.mark.parametrize("variant", [ZH, EN], ids=lambda variant: variant.name)
def test_a_code_typed_in_each_sites_search_box_lands_on_its_row(
    browser: Any, sites: Sites, served: Callable[[str, Path], str], theme: str, variant: Variant
) -> None:
    base = served(f"published-{theme}", sites.published(theme)) + variant.base.lstrip("/")
    open_page(browser, f"{base}jmessage/guideline/faq/")
    box = search_box(browser, theme)
    box.send_keys("872003")  # JMRTC Android, on the Android page's second section
    assert lookup_results(browser, "872003")[0]["href"] == f"{base}jmessage/client/im_errorcode_android/#872003"
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("#872003"))
    assert browser.current_url == f"{base}jmessage/client/im_errorcode_android/#872003"
    WebDriverWait(browser, 10).until(lambda driver: row_in_view(driver, "872003"))
    assert browser.execute_script("return document.documentElement.lang") == variant.lang


@pytest.mark.parametrize("theme", sorted(PUBLISHED))
def test_old_links_and_section_anchors_land_and_the_language_link_keeps_the_code(
    browser: Any, sites: Sites, served: Callable[[str, Path], str], theme: str
) -> None:
    base = served(f"published-{theme}", sites.published(theme))
    # A hand-written page's link to a section of the vendor's page, as it was before errorspec.
    open_page(browser, f"{base}jmessage/guideline/faq/")
    link = browser.find_element(
        By.CSS_SELECTOR, "article a[href$='#jmrtc-android'], [role=main] a[href$='#jmrtc-android']"
    )
    browser.execute_script("arguments[0].click()", link)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("#jmrtc-android"))
    WebDriverWait(browser, 10).until(lambda driver: row_in_view(driver, "jmrtc-android"))
    # A code's row, then the other language's site, on the same code.
    open_page(browser, "about:blank")
    open_page(browser, f"{base}jmessage/client/im_errorcode_android/#871310")
    WebDriverWait(browser, 10).until(lambda driver: row_in_view(driver, "871310"))
    selector = "a.md-select__link[hreflang=en]" if theme == "material" else "a[data-errorspec-language][hreflang=en]"
    browser.execute_script("arguments[0].click()", browser.find_element(By.CSS_SELECTOR, selector))
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/en/"))
    assert browser.current_url == f"{base}en/jmessage/client/im_errorcode_android/#871310"
    assert browser.execute_script("return document.documentElement.lang") == "en"
    WebDriverWait(browser, 10).until(lambda driver: row_in_view(driver, "871310"))


@pytest.mark.parametrize("theme", sorted(PUBLISHED))
def test_copy_buttons_copy_the_codes_permanent_url(
    browser: Any, sites: Sites, served: Callable[[str, Path], str], theme: str
) -> None:
    base = served(f"published-{theme}", sites.published(theme))
    open_page(browser, f"{base}jmessage/client/im_errorcode_server/")
    button = browser.find_element(By.CSS_SELECTOR, 'tr[id="898000"] button.errorspec-copy')
    url = f"{base}codes/#server/898000"  # the Chinese site's permanent URL, at its root
    assert button.get_attribute("data-clipboard-text") == url
    browser.execute_script("arguments[0].click()", button)
    if theme == "material":  # Material's clipboard says so in its dialog
        WebDriverWait(browser, 10).until(lambda driver: driver.find_element(By.CSS_SELECTOR, ".md-dialog").text)
    # errorspec's status line says which link (in other themes to the eye too; or the link to copy by hand)
    status = browser.find_element(By.CSS_SELECTOR, ".errorspec-copied")
    WebDriverWait(browser, 10).until(lambda driver: status.get_attribute("textContent"))
    by_hand = f"浏览器不允许本页复制。请选中后手动复制：{url}"
    assert status.get_attribute("textContent") in ("已复制错误码 898000 的链接", by_hand)


def test_a_code_that_two_platforms_of_a_page_have_leads_to_each_row(
    browser: Any, sites: Sites, served: Callable[[str, Path], str]
) -> None:
    base = served("published-mkdocs", sites.published("mkdocs"))
    open_page(browser, f"{base}jmessage/guideline/faq/")
    search_box(browser, "mkdocs").send_keys("0")
    page_url = f"{base}jmessage/client/im_errorcode_android/"
    assert [result["href"] for result in lookup_results(browser, "0")[:2]] == [
        f"{page_url}#0",
        f"{page_url}#jmrtc-android-0",
    ]
