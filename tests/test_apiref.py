"""The SDKs' API reference as a source: appledoc and javadoc pages read into constants, and
reconciled with the pages: names, doc comments, literal messages, and every disagreement found."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import html_page, run_cli
from errorspec.model import Entry, InputError
from errorspec.sources.apiref import read_api_reference
from errorspec.sources.importer import run_import
from errorspec.sources.manifest import ApiSource
from errorspec.spec.report import RowAccount, check_report

FIXTURES = Path(__file__).parent / "fixtures" / "apiref"
Make = Callable[..., Path]


def reference(file: str, format: str, type_name: str | None = None) -> ApiSource:
    return ApiSource(file, format, "ios", "ios", "zh", 1, type_name)  # type: ignore[arg-type]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_appledoc_enum_gives_names_values_comments_and_lines() -> None:
    text = (FIXTURES / "appledoc-enum.html").read_text(encoding="utf-8")
    declared = read_api_reference(text, reference("sources/demo.html", "appledoc"), "https://docs.example.com/")
    constants = {constant.name: constant for constant in declared.constants}
    assert [(c.name, c.code) for c in declared.constants] == [
        ("kDemoNetworkFailed", 860015),
        ("kDemoNetworkOther", 860016),  # no value: the one before plus one, as C says
        ("kDemoHexCode", 0xD2F0A),
        ("kDemoSevenDigits", 7132006),
    ]
    assert constants["kDemoNetworkFailed"].comment == "下载<em>失败</em>"  # "Declared In" is not the comment
    assert constants["kDemoSevenDigits"].comment == "用户已在聊天室黑名单中"  # the script is gone
    assert constants["kDemoNetworkOther"].source.line == line_of(text, "kDemoNetworkOther</a>")
    reasons = {rejected.name: rejected.reason for rejected in declared.rejected}
    assert reasons == {
        "kDemoComputed": "its value 'kDemoHexCode + 1' is not an integer literal within ±9007199254740991",
        "kDemoAfterComputed": "has no value and follows one that is not an integer",
        "kDemoNetworkFailed": "named twice in the enum",
        "kDemoRemoved": "documented but not in the enum's definition",
    }


def test_javadoc_constant_values_give_codes_and_the_literal_messages() -> None:
    text = (FIXTURES / "javadoc-constant-values.html").read_text(encoding="utf-8")
    declared = read_api_reference(text, reference("cv.html", "javadoc", "DemoErrorCode"), "https://x.example/")
    assert [(c.name, c.code, c.message) for c in declared.constants] == [
        ("INVITE_MYSELF", 872005, 'invite failed.  cannot invite "yourself".'),  # verbatim, escapes read
        ("STATE_ERROR", 872001, "can not send %s message. cur state is %s."),
        ("BIG_CODE", 1234567, None),
    ]
    assert [(r.name, r.reason) for r in declared.rejected] == [
        ("GONE_DESC", "the message of 'GONE', which is not declared"),
        ("DEBUG", "a boolean constant, not an error code"),
    ]
    every_class = read_api_reference(text, reference("cv.html", "javadoc"), "https://x.example/")
    assert "VERSION" in [constant.name for constant in every_class.constants]
    qualified = read_api_reference(text, reference("cv.html", "javadoc", "com.example.demo.Other"), "https://x/")
    assert [constant.name for constant in qualified.constants] == ["VERSION"]


@pytest.mark.parametrize(
    ("format", "type_name", "problem"),
    [
        ("appledoc", None, "no enum definition (typedef NS_ENUM ...) found"),
        ("javadoc", None, "no table of constants found"),
    ],
)
def test_a_page_of_another_shape_is_refused_by_name(format: str, type_name: str | None, problem: str) -> None:
    with pytest.raises(InputError) as raised:
        read_api_reference(html_page("iOS", [("1", "a", "b")]), reference("sources/x.html", format), "https://x/")
    assert raised.value.file == "sources/x.html"
    assert problem in raised.value.problem


def test_javadoc_class_not_on_the_page_is_refused() -> None:
    text = (FIXTURES / "javadoc-constant-values.html").read_text(encoding="utf-8")
    with pytest.raises(InputError, match="no constants of class 'Missing' on the page"):
        read_api_reference(text, reference("cv.html", "javadoc", "Missing"), "https://x/")


# -- reconciled with the pages -----------------------------------------------------------------

MANIFEST = """\
base_url: https://docs.example.com/sdk/
languages:
  - {id: en, name: English, script: Latn}
  - {id: zh, name: 中文, script: Hani}
platforms:
  - {id: ios, page: ios/}
  - {id: rtc, page: rtc/}
  - {id: server, page: server/}
sources:
  - file: sources/ios.en.md
    language: en
    format: html
    sections: [{heading: iOS, platform: ios}]
  - file: sources/ios.zh.md
    language: zh
    format: html
    sections: [{heading: iOS, platform: ios}, {heading: RTC, platform: rtc}]
  - file: sources/server.en.md
    language: en
    format: html
    sections: [{heading: Server, platform: server}]
  - {file: sources/ios-enum.html, format: appledoc, platform: ios, language: zh}
  - {file: sources/ios-http.html, format: appledoc, platform: server, sdk: ios, language: zh}
  - {file: sources/rtc-constants.html, format: javadoc, platform: rtc, class: DemoErrorCode}
"""


def appledoc(constants: list[tuple[str, str, str]]) -> str:
    """An appledoc enum page: (name, value, comment) per constant."""
    definition = "".join(f'&nbsp;&nbsp; <a href="">{name}</a> = {value},<br>\n' for name, value, _ in constants)
    terms = "".join(
        f"<dt><code>{name}</code></dt>\n<dd>\n<p>{comment}</p>\n"
        '<p>Declared In <code class="declared-in-ref">X.h</code>.</p>\n</dd>\n'
        for name, _, comment in constants
    )
    return (
        "<html><body>\n<code>typedef NS_ENUM(NSInteger, X) {<br>\n"
        f'{definition}}};</code>\n<dl class="termdef">\n{terms}</dl>\n</body></html>\n'
    )


@pytest.fixture
def three_sources(mini_spec: Make) -> Path:
    two_sections = html_page("iOS", [("1", "One", "一"), ("2", "Two", ""), ("3", "Three", "三")]) + html_page(
        "RTC", [("872001", "Can not send %s message. cur state is %s.", "状态错误"), ("872002", "Timeout", "超时")]
    )
    spec_dir = mini_spec(
        {
            "ios.en.md": html_page("iOS", [("1", "One", "First"), ("2", "Two", "Second")]),
            "ios.zh.md": two_sections,
            "server.en.md": html_page("Server", [("898006", "Group not exist", "The group does not exist")]),
            "ios-enum.html": appledoc([("kOne", "1", "第一"), ("kTwo", "2", "第二"), ("kSeven", "7132006", "七位")]),
            "ios-http.html": appledoc(
                [("kHttpGroupNotExist", "898006", "群组不存在"), ("kHttpOnly", "898030", "超时")]
            ),
            "rtc-constants.html": (FIXTURES / "javadoc-constant-values.html").read_text(encoding="utf-8"),
        },
        MANIFEST,
    )
    return spec_dir


def by_code(spec_dir: Path, platform: str) -> dict[int, Entry]:
    spec = run_import(spec_dir).spec
    [found] = [p for p in spec.platforms if p.platform == platform]
    return {entry.code: entry for entry in found.entries}


def kinds(entry: Entry) -> list[str]:
    return [finding.kind for finding in entry.findings]


def test_a_code_only_the_sdk_declares_becomes_an_undocumented_entry(three_sources: Path) -> None:
    ios = by_code(three_sources, "ios")
    seven = ios[7132006]
    assert seven.undocumented
    assert seven.description == {"en": None, "zh": "七位"}
    assert [(c.sdk, c.name) for c in seven.constants] == [("ios", "kSeven")]
    assert kinds(seven) == ["undocumented"]
    assert seven.status == "needs-review"
    assert not ios[1].undocumented
    assert [c.name for c in ios[1].constants] == ["kOne"]


def test_a_page_code_its_sdk_does_not_declare_is_a_finding(three_sources: Path) -> None:
    ios = by_code(three_sources, "ios")
    assert "not-declared" in kinds(ios[3])
    assert "not-declared" not in kinds(ios[1])
    # Another SDK's names for some server codes are no claim to declare them all.
    server = by_code(three_sources, "server")
    assert [(c.sdk, c.name) for c in server[898006].constants] == [("ios", "kHttpGroupNotExist")]
    assert kinds(server[898006]) == ["description-from-sdk"]
    assert server[898006].description == {"en": "The group does not exist", "zh": "群组不存在"}
    assert server[898030].undocumented


def test_the_sdks_literal_message_wins_and_the_pages_variant_is_kept(three_sources: Path) -> None:
    rtc = by_code(three_sources, "rtc")
    entry = rtc[872001]
    assert entry.message == "can not send %s message. cur state is %s."
    [differs] = [finding for finding in entry.findings if finding.kind == "message-differs-from-sdk"]
    assert (differs.lang, differs.value, differs.severity) == (
        "zh",
        "Can not send %s message. cur state is %s.",
        "info",
    )
    assert differs.source is not None
    assert differs.source.file == "sources/ios.zh.md"
    assert entry.status != "needs-review"  # the SDK settles it: what the app receives
    assert "not-declared" in kinds(rtc[872002])
    assert rtc[872005].undocumented
    assert rtc[872005].message == 'invite failed.  cannot invite "yourself".'


def test_the_row_account_covers_every_source_and_check_counts_each_kind(three_sources: Path) -> None:
    result = run_import(three_sources)
    assert result.accounts["sources/ios-enum.html"] == RowAccount(3, 3, 0)
    assert result.accounts["sources/ios-http.html"] == RowAccount(2, 2, 0)
    # 3 int constants in the spec; GONE_DESC and DEBUG reported with their reasons
    assert result.accounts["sources/rtc-constants.html"] == RowAccount(5, 3, 2)
    report = check_report(result.spec)
    assert report.kinds["undocumented"] == 4  # 7132006, 898030, 872005, 1234567
    assert report.kinds["not-declared"] == 2
    assert report.kinds["message-differs-from-sdk"] == 1
    assert report.kinds["rejected-row"] == 2
    data = json.loads(run_cli("check", "--format", "json", spec_dir=three_sources)[1])
    assert data["sources"]["sources/rtc-constants.html"] == {"read": 5, "in_spec": 3, "reported": 2}
    assert {p["platform"]: p["constants"] for p in data["platforms"]} == {"ios": 3, "rtc": 3, "server": 2}
    text = run_cli("check", spec_dir=three_sources)[1]
    assert "sources/rtc-constants.html: 5 rows read = 3 in the spec + 2 reported" in text
    assert "undocumented 4" in text


def test_constants_reach_lookup_and_export(three_sources: Path) -> None:
    run_import(three_sources)
    code, out, _ = run_cli("lookup", "kHttpGroupNotExist", spec_dir=three_sources)
    assert code == 0
    assert out.startswith("898006  server")
    assert "  constant: kHttpGroupNotExist (ios SDK)" in out
    code, out, _ = run_cli("lookup", "-s", "invite_myself", spec_dir=three_sources)
    assert code == 0
    assert out.startswith("872005  rtc")
    entries = json.loads(run_cli("export", spec_dir=three_sources)[1])["entries"]
    seven = next(entry for entry in entries if entry["code"] == 7132006)
    assert seven["constants"] == {"ios": "kSeven"}
    assert seven["undocumented"] is True
    csv_text = run_cli("export", "--format", "csv", spec_dir=three_sources)[1]
    assert csv_text.splitlines()[0].split(",")[5:7] == ["constant_ios", "constant_rtc"]
    assert "server,898006,Group not exist,The group does not exist,群组不存在,kHttpGroupNotExist,," in csv_text


def test_a_maintainers_constant_and_edited_comment_survive_a_reimport(three_sources: Path) -> None:
    run_import(three_sources)
    path = three_sources / "ios.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    seven = next(entry for entry in data["codes"] if entry["code"] == 7132006)
    seven["description"]["zh"] = "用户已在聊天室黑名单中"
    seven["constants"]["android"] = {"name": "USER_IN_BLACKLIST"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    entry = by_code(three_sources, "ios")[7132006]
    assert entry.description["zh"] == "用户已在聊天室黑名单中"
    assert [(c.sdk, c.name) for c in entry.constants] == [("ios", "kSeven"), ("android", "USER_IN_BLACKLIST")]
    assert run_import(three_sources).changed == []


def test_a_changed_doc_comment_reaches_the_description(three_sources: Path) -> None:
    run_import(three_sources)
    enum = three_sources / "sources" / "ios-enum.html"
    enum.write_text(enum.read_text(encoding="utf-8").replace("七位", "七位错误码"), encoding="utf-8")
    assert by_code(three_sources, "ios")[7132006].description["zh"] == "七位错误码"


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "{file: sources/ios-http.html, format: appledoc, platform: server, sdk: ios, language: zh}",
            "{file: sources/ios-http.html, format: appledoc, platform: server, sdk: macos, language: zh}",
            "sdk 'macos' is not one of the platforms listed above",
        ),
        (
            "{file: sources/ios-enum.html, format: appledoc, platform: ios, language: zh}",
            "{file: sources/ios-gone.html, format: appledoc, platform: ios, language: zh}",
            "source file sources/ios-gone.html not found",
        ),
        (
            "{file: sources/ios-enum.html, format: appledoc, platform: ios, language: zh}",
            "{file: sources/ios-enum.html, format: appledoc, language: zh}",
            '"platform" is a required property',
        ),
        (
            "{file: sources/ios-enum.html, format: appledoc, platform: ios, language: zh}",
            "{file: sources/ios-enum.html, format: appledoc, platform: ios, language: fr}",
            "language 'fr' is not one of the languages listed above",
        ),
    ],
)
def test_a_bad_api_reference_entry_names_the_manifests_line(
    three_sources: Path, old: str, new: str, problem: str
) -> None:
    manifest = three_sources / "sources.yaml"
    text = manifest.read_text(encoding="utf-8").replace(old, new)
    manifest.write_text(text, encoding="utf-8")
    code, _, err = run_cli("import", spec_dir=three_sources)
    assert code == 1
    line = line_of(text, new)
    assert err.startswith(f"error: mini/sources.yaml:{line}: ")
    assert problem in err
    assert not (three_sources / "ios.yaml").exists()  # nothing written


def test_a_constant_beyond_what_javascript_holds_is_rejected_with_its_reason() -> None:
    page = appledoc([("kLargest", "9007199254740991", "最大"), ("kHuge", "9007199254740992", "太大")])
    declared = read_api_reference(page, reference("sources/x.html", "appledoc"), "https://x/")
    assert [(c.name, c.code) for c in declared.constants] == [("kLargest", 9007199254740991)]
    assert [(r.name, r.reason) for r in declared.rejected] == [
        ("kHuge", "its value '9007199254740992' is not an integer literal within ±9007199254740991")
    ]
