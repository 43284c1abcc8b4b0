"""What to do about a code (issue 15): the likely causes, solutions and an example a maintainer
writes per language in the spec. Kept by every import; shown by `diff`, `export` and `lookup`;
folded in each row of the site, with the other language's text marked where a language has none,
open on the row a link lands on and in the permanent-URL page's chooser; found by the search and
the guest's code lookup; sanitised like descriptions.

The spec is tests/fixtures/what-to-do: an invented SDK, so that its causes and solutions claim
nothing of a real one. Example iOS 1001 has all three in English (the example in English only),
1002 causes in English only and a solution in Chinese only, 1003 hostile text in each; code 0 is on
both platforms, each with a solution (the server's in English only); Example Server 2001 has none.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import build_site, lookup_results, material_search, open_page, run_cli, search_box, serve, write_config
from errorspec.model import Spec
from errorspec.review.diff import diff_specs, format_markdown, format_text, spec_lines
from errorspec.sources.manifest import load_manifest
from errorspec.spec.specfiles import load_spec

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "what-to-do"
KEYCHAIN = "keychain"  # a word only in the English solution of Example iOS 1001
EXAMPLE = "E ExampleSDK: sendMessage failed\n    code=1001 (User not logged in)"


def fixture_spec() -> Spec:
    return load_spec(FIXTURE, load_manifest(FIXTURE))


@pytest.fixture
def spec_dir(tmp_path: Path) -> Path:
    """A copy of the fixture spec, to import into and edit (lookup keeps its index beside it)."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "spec"))


def edit_entry(spec_dir: Path, platform: str, code: int, **fields: Any) -> None:
    path = spec_dir / f"{platform}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(entry for entry in data["codes"] if entry["code"] == code).update(fields)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# -- the spec ----------------------------------------------------------------------------------


def test_the_schema_accepts_them() -> None:
    code, stdout, stderr = run_cli("check", spec_dir=FIXTURE)
    assert code == 0, stdout + stderr
    entry = next(entry for entry in fixture_spec().platforms[0].entries if entry.code == 1001)
    assert entry.example == {"en": EXAMPLE + "\n"}
    assert entry.causes == {
        "en": "The session ended: the user logged out, or logged in on another device.",
        "zh": "会话已结束：用户已登出，或在另一台设备上登录。",
    }


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        (
            "example",
            "a snippet, in no language",
            'codes[1].example: "a snippet, in no language" is not of type "object"',
        ),
        ("solutions", {"en": " \n "}, "codes[1].solutions.en"),  # blank: no text at all
        ("causes", {"en": "Ends in a control character \x1b"}, "control character U+001B"),
        ("example", {"fr": "E ExampleSDK: échec"}, "example in fr, which sources.yaml does not list as a language"),
    ],
)
def test_the_schema_refuses_what_no_page_can_show(spec_dir: Path, field: str, value: object, problem: str) -> None:
    edit_entry(spec_dir, "ios", 1001, **{field: value})
    code, stdout, stderr = run_cli("check", spec_dir=spec_dir)
    assert code == 1
    assert "spec/ios.yaml:" in stdout + stderr
    assert problem in stdout + stderr


def test_an_import_keeps_them_as_the_pages_change(spec_dir: Path) -> None:
    files = ("ios.yaml", "server.yaml")
    before = [(spec_dir / name).read_text(encoding="utf-8") for name in files]
    assert run_cli("import", spec_dir=spec_dir)[0] == 0
    assert [(spec_dir / name).read_text(encoding="utf-8") for name in files] == before  # canonical, and kept
    page = spec_dir / "sources" / "codes.en.md"
    page.write_text(page.read_text(encoding="utf-8").replace("The user is not logged in", "Not logged in"), "utf-8")
    assert run_cli("import", spec_dir=spec_dir)[0] == 0
    after = {entry.code: entry for entry in load_spec(spec_dir, load_manifest(spec_dir)).platforms[0].entries}
    kept = {entry.code: entry for entry in fixture_spec().platforms[0].entries}
    assert after[1001].description["en"] == "Not logged in"
    for code in (0, 1001, 1002, 1003):
        assert (after[code].causes, after[code].solutions, after[code].example) == (
            kept[code].causes,
            kept[code].solutions,
            kept[code].example,
        )


# -- what reviewers and tools get ------------------------------------------------------------------


def test_a_change_of_them_is_a_change_a_reviewer_sees() -> None:
    old = fixture_spec()
    ios = old.platforms[0]
    entries = {entry.code: entry for entry in ios.entries}
    edited = {
        1001: replace(
            entries[1001],
            solutions={**(entries[1001].solutions or {}), "en": "Call `login` again."},
            example={"en": EXAMPLE + "\n", "zh": "E ExampleSDK: 发送失败\n    code=1001"},
        ),
        1002: replace(entries[1002], causes=None),
    }
    ios = replace(ios, entries=tuple(edited.get(entry.code, entry) for entry in ios.entries))
    changes = diff_specs(old, replace(old, platforms=(ios, *old.platforms[1:])))
    assert [(change.id, change.severity, change.summary) for change in changes] == [
        ("what-to-do-changed:ios:1001:solutions:en", "info", "solutions changed in en"),
        ("what-to-do-changed:ios:1001:example:zh", "info", "example added in zh"),
        ("what-to-do-changed:ios:1002:causes:en", "info", "causes removed in en"),
    ]
    text = format_text(changes, "old", "new")
    assert "+ Call `login` again." in text
    assert "+ E ExampleSDK: 发送失败\n" + " " * 32 + "    code=1001\n" in text  # each line indented
    assert "- The password typed does not match the account's." in text
    assert "what-to-do-changed solutions (en)" in format_markdown(changes, "old", "new")
    assert (
        "ios 1001 example.en: E ExampleSDK: sendMessage failed\\n    code=1001 (User not logged in)\\n"
        in spec_lines(old)
    )


def test_the_diff_command_shows_them(spec_dir: Path) -> None:
    edit_entry(spec_dir, "server", 2001, solutions={"en": "Refresh the token, then retry."})
    code, stdout, _ = run_cli("diff", str(FIXTURE), str(spec_dir), "--format", "json", spec_dir=spec_dir)
    assert code == 0
    [change] = json.loads(stdout)["changes"]
    assert (change["kind"], change["field"], change["lang"], change["after"]) == (
        "what-to-do-changed",
        "solutions",
        "en",
        "Refresh the token, then retry.",
    )


def test_the_export_has_them() -> None:
    code, out, _ = run_cli("export", spec_dir=FIXTURE)
    assert code == 0
    entries = {(entry["platform"], entry["code"]): entry for entry in json.loads(out)["entries"]}
    assert entries["ios", 1001]["example"] == {"en": EXAMPLE + "\n"}  # exact
    assert entries["ios", 1002]["solutions"] == {"zh": "请用户重新输入密码，或通过“找回密码”重置。"}
    assert not {"causes", "solutions", "example"} & set(entries["server", 2001])
    code, out, _ = run_cli("export", "--format", "csv", spec_dir=FIXTURE)
    rows = {(row["platform"], row["code"]): row for row in csv.DictReader(io.StringIO(out))}
    columns = [f"{field}_{lang}" for field in ("causes", "solutions", "example") for lang in ("en", "zh")]
    header = list(rows["ios", "1001"])
    assert header[header.index("description_zh") + 1 :][: len(columns)] == columns
    assert rows["ios", "1001"]["example_en"] == EXAMPLE + "\n"
    assert rows["ios", "1002"]["solutions_en"] == ""
    assert rows["ios", "1002"]["solutions_zh"] == "请用户重新输入密码，或通过“找回密码”重置。"


def test_lookup_shows_them_in_the_languages_asked_or_else_the_other(spec_dir: Path) -> None:
    code, out, _ = run_cli("lookup", "1001", "--lang", "en", spec_dir=spec_dir)
    assert code == 0
    assert "  causes (en): The session ended: the user logged out, or logged in on another device." in out
    assert "  what to do (en): Clear the keychain entry, then call `login` again;" in out
    assert "  example (en):\n    E ExampleSDK: sendMessage failed\n        code=1001 (User not logged in)" in out
    _, out, _ = run_cli("lookup", "1002", "--lang", "en", spec_dir=spec_dir)
    assert "  what to do (zh): 请用户重新输入密码" in out  # none in English: the Chinese one, said so
    _, out, _ = run_cli("lookup", "1001", "--lang", "zh", "--format", "json", spec_dir=spec_dir)
    [answer] = json.loads(out)
    assert set(answer["causes"]) == {"zh"}
    assert answer["example"] == {"en": EXAMPLE + "\n"}
    _, out, _ = run_cli("lookup", "-s", KEYCHAIN, spec_dir=spec_dir)
    assert out.startswith("1001  ios")


# -- the site --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("what-to-do")
    spec = shutil.copytree(FIXTURE, root / "spec")
    return build_site(write_config(root, spec, {"changes": False}), root / "site")


def row(site: Path, path: str, code: int) -> Tag:
    soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
    found = soup.find("tr", id=str(code))
    assert isinstance(found, Tag)
    return found


def parts(details: Tag) -> dict[str, Tag]:
    """A row's "What to do" by the label of each part."""
    return {term.get_text(): term.find_next_sibling("dd") for term in details.select("dt")}


@pytest.mark.parametrize(
    ("prefix", "summary", "labels"),
    [
        ("", "What to do", ("Likely causes", "How to fix", "Example")),
        ("zh/", "如何处理", ("可能原因", "解决办法", "示例")),
    ],
)
def test_a_row_folds_them_under_its_description(site: Path, prefix: str, summary: str, labels: tuple[str, ...]) -> None:
    details = row(site, f"{prefix}ios/index.html", 1001).select_one("td:last-child details.errorspec-todo")
    assert details is not None
    assert not details.has_attr("open")  # folded: a page has hundreds of rows
    assert details.summary.get_text() == summary
    assert list(parts(details)) == list(labels)
    causes, solutions, example = parts(details).values()
    assert causes.get_text()
    link = solutions.select_one("a")
    assert link["href"] == "../server/"  # the vendor's server page is this site's, in this language
    assert solutions.select_one("code").get_text() == "login"
    assert example.select_one("pre").get_text() == EXAMPLE  # verbatim, its spaces kept
    assert row(site, f"{prefix}server/index.html", 2001).select_one("details") is None


@pytest.mark.parametrize(
    ("prefix", "label", "code", "lang", "marker"),
    [
        ("", "How to fix", 1002, "zh", "Chinese only"),
        ("zh/", "可能原因", 1002, "en", "仅英文"),
        ("zh/", "示例", 1001, "en", "仅英文"),
    ],
)
def test_a_language_without_them_shows_the_others_marked(
    site: Path, prefix: str, label: str, code: int, lang: str, marker: str
) -> None:
    said = parts(row(site, f"{prefix}ios/index.html", code).select_one("details.errorspec-todo"))[label]
    assert "errorspec-fallback" in said["class"]
    assert said.select_one(f"[lang='{lang}']") is not None
    assert said.select_one(".errorspec-marker").get_text() == marker


def test_hostile_text_in_them_is_sanitised(site: Path) -> None:
    for prefix in ("", "zh/"):
        cell = row(site, f"{prefix}ios/index.html", 1003).select_one("details.errorspec-todo")
        assert cell.find(["img", "svg", "script", "details"]) is None
        assert not [tag for tag in cell.find_all(True) if any(name.startswith("on") for name in tag.attrs)]
        assert not [a for a in cell.find_all("a") if "javascript" in a.get("href", "")]
    english = parts(row(site, "ios/index.html", 1003).select_one("details.errorspec-todo"))
    assert english["Likely causes"].select_one("strong").get_text() == "Too many"  # Markdown still works
    # The example is text shown as code, never markup nor a template.
    assert english["Example"].select_one("pre").get_text() == (
        "</code></pre><script>alert(6)</script>\n{{ 7*7 }} <b>bold</b>"
    )


def test_the_search_entries_hold_their_words_and_codes_without_them_none(site: Path) -> None:
    def entries(path: str) -> dict[str, list[Any]]:
        text = (site / path).read_text(encoding="utf-8")
        return {entry[0].rsplit("/", 1)[-1]: entry for entry in json.loads(text[text.index("=") + 1 :])}

    english, chinese = entries("search/errorspec-index.js"), entries("zh/search/errorspec-index.js")
    assert KEYCHAIN in english["#1001"][2]
    assert english["#1001"][2].endswith(" · E ExampleSDK: sendMessage failed code=1001 (User not logged in)")
    assert "找回密码" in english["#1002"][5]["zh"]  # only in Chinese: found there, and said so
    assert KEYCHAIN in chinese["#1001"][5]["en"]
    # No character more for a code without them.
    assert english["#2001"] == [
        "server/#2001",
        "2001 Token expired",
        "Example Server · The token has expired",
        0,
        [],
        {"zh": "令牌已过期"},
    ]


# -- in a browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


def opened(browser: Any) -> dict[str, bool]:
    """Whether each row's "What to do" is open, by the row's id."""
    return browser.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('.errorspec-codes tr[id]')]"
        ".filter(row => row.querySelector('details.errorspec-todo'))"
        ".map(row => [row.id, row.querySelector('details.errorspec-todo').open]))"
    )


def test_landing_on_a_code_opens_its_row_alone(browser: Any, base_url: str) -> None:
    open_page(browser, f"{base_url}ios/#1001")
    assert opened(browser) == {"0": False, "1001": True, "1002": False, "1003": False}
    browser.execute_script("location.hash = '#1002'")
    WebDriverWait(browser, 10).until(lambda driver: opened(driver)["1002"])
    # Through a permanent URL, which leads on to the row.
    open_page(browser, f"{base_url}zh/codes/#ios/1003")
    WebDriverWait(browser, 10).until(lambda driver: driver.current_url.endswith("zh/ios/#1003"))
    assert opened(browser) == {"0": False, "1001": False, "1002": False, "1003": True}
    assert browser.find_element(By.CSS_SELECTOR, "tr[id='1003'] dd").is_displayed()


def test_the_keyboard_opens_and_closes_them(browser: Any, base_url: str) -> None:
    open_page(browser, f"{base_url}ios/")
    summary = browser.find_element(By.CSS_SELECTOR, "tr[id='1001'] summary")
    browser.execute_script("arguments[0].focus()", summary)
    summary.send_keys(Keys.ENTER)
    assert opened(browser)["1001"]
    outline = browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert browser.execute_script("return document.activeElement") == summary
    assert outline != "none"  # where the keyboard is, seen
    summary.send_keys(Keys.SPACE)
    assert not opened(browser)["1001"]
    height = browser.execute_script("return arguments[0].getBoundingClientRect().height", summary)
    assert height >= 24  # a target a finger hits


@pytest.mark.parametrize(
    ("prefix", "label", "shown", "fallback"),
    [
        ("", "How to fix", ["Nothing to do: the call succeeded.", "Nothing to do."], None),
        ("zh/", "解决办法", ["无需处理：调用成功。", "Nothing to do."], ("en", "仅英文")),
    ],
)
def test_the_chooser_shows_them_open(
    browser: Any, base_url: str, prefix: str, label: str, shown: list[str], fallback: tuple[str, str] | None
) -> None:
    open_page(browser, f"{base_url}{prefix}codes/#0")
    choices = WebDriverWait(browser, 10).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, ".errorspec-choices details.errorspec-todo[open]")
    )
    # Each has a solution only: no heading for causes or an example.
    assert [[term.text for term in choice.find_elements(By.CSS_SELECTOR, "dt")] for choice in choices] == [[label]] * 2
    assert [choice.find_element(By.CSS_SELECTOR, "dd [data-slot=text]").text for choice in choices] == shown
    server = choices[1].find_element(By.CSS_SELECTOR, "dd")
    if fallback is None:
        assert "errorspec-fallback" not in server.get_attribute("class")
        assert not server.find_elements(By.CSS_SELECTOR, ".errorspec-marker")
    else:
        assert "errorspec-fallback" in server.get_attribute("class")
        assert server.find_element(By.CSS_SELECTOR, "[lang]").get_attribute("lang") == fallback[0]
        assert server.find_element(By.CSS_SELECTOR, ".errorspec-marker").text == fallback[1]


def test_search_finds_a_word_only_in_a_solution(browser: Any, base_url: str) -> None:
    open_page(browser, base_url)
    results = material_search(browser, KEYCHAIN)
    assert results[0]["href"] == f"{base_url}ios/#1001"
    open_page(browser, f"{base_url}zh/")
    results = material_search(browser, "钥匙串")
    assert results[0]["href"] == f"{base_url}zh/ios/#1001"
    open_page(browser, base_url)
    results = material_search(browser, "找回密码")  # only in a Chinese solution: found, and said so
    assert results[0]["href"] == f"{base_url}ios/#1002"
    assert "Found in the Chinese text" in results[0]["title"]


@pytest.fixture(scope="module")
def guest_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture's codes as a guest of a host of one page, on MkDocs' own theme."""
    root = tmp_path_factory.mktemp("what-to-do-guest")
    spec = shutil.copytree(FIXTURE, root / "spec")
    options = {"languages": ["en"], "home": False, "status": False, "changes": False}
    config = write_config(root, spec, options, site_name="host", theme={"name": "mkdocs", "highlightjs": False})
    (root / "docs" / "guide.md").write_text("# Guide\n\nHow to log in.\n", encoding="utf-8")
    with contextlib.ExitStack() as stack:
        yield stack.enter_context(serve(build_site(config, root / "site")))


def test_the_guest_lookup_finds_a_word_only_in_a_solution(browser: Any, guest_url: str) -> None:
    open_page(browser, f"{guest_url}guide/")
    search_box(browser, "mkdocs").send_keys(KEYCHAIN)
    [result] = lookup_results(browser, KEYCHAIN)
    assert result["href"] == f"{guest_url}ios/#1001"
    assert KEYCHAIN in result["teaser"]
