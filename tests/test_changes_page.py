"""The "What changed" page, written for readers (issue 15): per version (a release tag, else a
day), in the page's language, the codes added, removed and changed, each linked to its row;
versions a reader sees no change in are left out, and so are the commit messages."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from conftest import MINI_MANIFEST, build_site, html_page, write_config
from errorspec.review.revisions import spec_history
from errorspec.sources.importer import run_import

MANIFEST = MINI_MANIFEST.replace("  - {id: server, page: server/}\n", "")  # one platform: iOS
FIRST = [("1001", "Network error", "The network is down"), ("1002", "Timeout", "Took too long")]
FIRST += [("1004", "Old failure", "Gone soon")]
SUBJECTS = ["Import the iOS codes", "Fix a message", "Reformat", "Tidy the vendor's page", "Catalogue update"]


def git(repo: Path, *args: str, date: str = "2026-01-05") -> str:
    """git in `repo`, with no user's settings (signing, hooks) and the commit date given."""
    moment = f"{date}T12:00:00+00:00"
    environment = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    environment |= {"GIT_AUTHOR_DATE": moment, "GIT_COMMITTER_DATE": moment}
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.com"]
    done = subprocess.run(
        ["git", "-C", str(repo), *identity, *args], capture_output=True, text=True, check=True, env=environment
    )
    return done.stdout


def write_pages(spec_dir: Path, english: list[tuple[str, str, str]], chinese: list[tuple[str, str, str]]) -> None:
    (spec_dir / "sources" / "ios.en.md").write_text(html_page("iOS", english), encoding="utf-8")
    (spec_dir / "sources" / "ios.zh.md").write_text(html_page("iOS", chinese), encoding="utf-8")


def chinese(rows: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return [(code, message, f"{code} 的中文说明") for code, message, _ in rows]


def commit(repo: Path, subject: str, date: str) -> None:
    git(repo, "add", "-A", date=date)
    git(repo, "commit", "-q", "-m", subject, date=date)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose spec has, by day:

    - 01-05, 01-06: the first import, then a message fixed, released as v1.0 (tagged on 01-06);
    - 01-07: the YAML only reformatted, then only the vendor's page touched (no import): left out;
    - 01-08: code 1003 added, 1004 removed, 1001's message and 1002's Chinese description changed,
      then (a second commit of the day) 1002 deprecated.
    """
    repo = tmp_path_factory.mktemp("history") / "repo"
    spec_dir = repo / "spec"
    (spec_dir / "sources").mkdir(parents=True)
    (spec_dir / "sources.yaml").write_text(MANIFEST, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    write_pages(spec_dir, FIRST, chinese(FIRST))
    run_import(spec_dir)
    commit(repo, SUBJECTS[0], "2026-01-05")
    fixed = [("1001", "Network error.", FIRST[0][2]), *FIRST[1:]]
    write_pages(spec_dir, fixed, chinese(fixed))
    run_import(spec_dir)
    commit(repo, SUBJECTS[1], "2026-01-06")
    git(repo, "tag", "v1.0")

    ios = spec_dir / "ios.yaml"
    data = yaml.safe_load(ios.read_text(encoding="utf-8"))
    ios.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=True, indent=4), encoding="utf-8")
    commit(repo, SUBJECTS[2], "2026-01-07")
    page = spec_dir / "sources" / "ios.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- reviewed -->\n", encoding="utf-8")
    commit(repo, SUBJECTS[3], "2026-01-07")

    now = [("1001", "Network unavailable.", FIRST[0][2]), FIRST[1], ("1003", "Quota exceeded", "Too many calls")]
    write_pages(spec_dir, now, [*chinese(now[:1]), ("1002", "Timeout", "请求超时"), *chinese(now[2:])])
    run_import(spec_dir, allow_removals=True)
    commit(repo, SUBJECTS[4], "2026-01-08")
    text = ios.read_text(encoding="utf-8")
    ios.write_text(text.replace("  - code: 1002\n", "  - code: 1002\n    deprecated: true\n", 1), encoding="utf-8")
    commit(repo, "Deprecate 1002", "2026-01-08")
    return repo


def build(repo: Path, name: str, history: int = 10) -> Path:
    root = repo.parent / name
    root.mkdir()
    return build_site(write_config(root, repo / "spec", {"history": history}), root / "site")


@pytest.fixture(scope="module")
def site(repo: Path) -> Path:
    return build(repo, "built")


def article(site: Path, lang: str) -> Tag:
    path = site / ("zh/" if lang == "zh" else "") / "changes" / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")


def groups(site: Path, lang: str, version: str) -> dict[str, list[tuple[str, str | None]]]:
    """A version's groups of changes by heading: each item's text and link."""
    heading = article(site, lang).find("h2", id=version)
    found = {}
    for group in heading.find_all_next("h3"):
        if group.find_previous("h2") is not heading:
            break
        items = group.find_next("ul")("li")
        found[group.get_text()] = [(item.get_text(), item.a["href"] if item.a else None) for item in items]
    return found


@pytest.mark.parametrize(
    ("lang", "headings"),
    [("en", ["2026-01-08", "v1.0 (2026-01-06)"]), ("zh", ["2026-01-08", "v1.0（2026-01-06）"])],
)
def test_each_version_is_a_release_or_a_day_newest_first(site: Path, lang: str, headings: list[str]) -> None:
    page = article(site, lang)
    versions = page.select("h2")
    assert [version.get_text().strip() for version in versions] == headings
    assert [version["id"] for version in versions] == ["2026-01-08", "v1.0"]
    # The release holds both commits before it: the first version, counted.
    first = {"en": "First version of the catalogue: 3 codes.", "zh": "错误码目录的第一个版本：3 个错误码。"}
    assert versions[1].find_next_sibling("p").get_text() == first[lang]
    # Formatting and the vendor's page alone (2026-01-07) are no version a reader sees; commit messages are not shown.
    assert "2026-01-07" not in page.get_text()
    assert not [subject for subject in SUBJECTS if subject in page.get_text()]
    # The versions are the page's table of contents, shown where the site hides the other pages'.
    built = (site / ("zh/" if lang == "zh" else "") / "changes" / "index.html").read_text(encoding="utf-8")
    contents = BeautifulSoup(built, "html.parser").select_one(".md-sidebar--secondary")
    assert not contents.has_attr("hidden")
    assert [a["href"] for a in contents.select("a.md-nav__link")] == ["#2026-01-08", "#v1.0"]


def test_the_english_page_groups_the_changes_of_a_day_and_links_each_code(site: Path) -> None:
    assert groups(site, "en", "2026-01-08") == {
        "New codes (1)": [("iOS 1003: Quota exceeded", "../ios/#1003")],
        "Removed codes (1)": [("iOS 1004: Old failure", None)],  # not linked: it has no row
        "SDK message changed (1)": [("iOS 1001: Network error. → Network unavailable.", "../ios/#1001")],
        "Description changed in Chinese (1)": [("iOS 1002: changed", "../ios/#1002")],
        "Deprecated (1)": [("iOS 1002", "../ios/#1002")],  # the day's second commit
    }
    lead = article(site, "en").select("p.errorspec-lead")
    assert lead[1].get_text().startswith("Made from the git history of spec/ in the repository")
    assert "Left out: versions in which nothing a reader sees changed" in lead[1].get_text()


def test_the_chinese_page_says_it_in_chinese(site: Path) -> None:
    assert groups(site, "zh", "2026-01-08") == {
        "新增错误码（1）": [("iOS 1003：Quota exceeded", "../ios/#1003")],
        "删除的错误码（1）": [("iOS 1004：Old failure", None)],
        "SDK 消息有变（1）": [("iOS 1001：Network error. → Network unavailable.", "../ios/#1001")],
        "中文说明有变（1）": [("iOS 1002：修改", "../ios/#1002")],
        "已弃用（1）": [("iOS 1002", "../ios/#1002")],
    }
    page = BeautifulSoup((site / "zh" / "changes" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == "zh"
    assert page.select_one("article h1").get_text().strip() == "变更记录"
    lead = [paragraph.get_text() for paragraph in page.select("article p.errorspec-lead")]
    assert lead[1].startswith("根据构建本站的仓库中 spec/ 的 git 历史生成，截至提交 ")
    assert "未列出：" in lead[1]
    # The links lead to the Chinese rows.
    assert (site / "zh" / "ios" / "index.html").exists()
    assert BeautifulSoup((site / "zh" / "ios" / "index.html").read_text("utf-8"), "html.parser").find(id="1003")


def test_the_same_repository_builds_the_same_page(repo: Path, site: Path) -> None:
    again = build(repo, "again")
    for path in ("changes/index.html", "zh/changes/index.html"):
        assert (again / path).read_bytes() == (site / path).read_bytes()


def test_the_history_limit_counts_the_versions_shown(repo: Path) -> None:
    spec_dir = repo / "spec"
    full = spec_history(spec_dir, 10)
    assert full is not None
    assert ([(item.tag, item.date) for item in full.items], full.older) == (
        [(None, "2026-01-08"), ("v1.0", "2026-01-06")],
        False,
    )
    # One version shown: the day left out (only formatting) is read past, and older versions are said to exist.
    last = spec_history(spec_dir, 1)
    assert last is not None
    assert (last.items, last.older) == (full.items[:1], True)


def test_a_page_of_fewer_versions_says_that_older_ones_are_not_listed(repo: Path) -> None:
    site = build(repo, "last", history=1)
    for lang, older in (("en", "Older versions of the codes are not listed."), ("zh", "更早的错误码版本未列出。")):
        page = article(site, lang)
        assert [version["id"] for version in page.select("h2")] == ["2026-01-08"]
        assert page.select("p.errorspec-lead")[1].get_text().endswith(older)


def test_a_release_tagged_after_the_spec_changed_holds_the_changes_since_the_release_before(
    repo: Path, tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    (clone / "README.md").write_text("Release notes\n", encoding="utf-8")
    commit(clone, "Release 1.1", "2026-01-09")
    git(clone, "tag", "v1.1")
    history = spec_history(clone / "spec", 10)
    assert history is not None
    assert [(item.tag, item.date) for item in history.items] == [("v1.1", "2026-01-09"), ("v1.0", "2026-01-06")]
    kinds = {change.kind for change in history.items[0].changes}
    assert kinds == {"code-added", "code-removed", "message-changed", "description-changed", "code-deprecated"}


def test_a_shallow_clone_says_older_versions_are_not_listed_rather_than_a_first_version(
    repo: Path, tmp_path: Path
) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "4", f"file://{repo}", str(clone))  # 01-08 and 01-07 only
    history = spec_history(clone / "spec", 10)
    assert history is not None
    assert ([(item.tag, item.date, item.first) for item in history.items], history.older) == (
        [(None, "2026-01-08", False)],
        True,
    )
