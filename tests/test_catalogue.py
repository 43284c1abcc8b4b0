"""The vendor's real pages and API reference: the numbers a maintainer checks, and an import that
changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SPEC, run_cli
from errorspec.sources.importer import run_import


def test_check_reports_the_catalogue_numbers() -> None:
    """The vendor's catalogue as counted from its files, independently of errorspec."""
    code, out, _ = run_cli("check", "--format", "json")
    assert code == 0
    report = json.loads(out)
    platforms = {platform["platform"]: platform for platform in report["platforms"]}
    assert list(platforms) == ["ios", "jmrtc-ios", "android", "jmrtc-android", "web", "server"]
    # codes (of which only an SDK declares), missing descriptions per language, constant names
    expected = {
        "ios": (54, 20, {"en": 21, "zh": 0}, 54),  # 34 documented, 1 without English; 20 only in the SDK
        "jmrtc-ios": (8, 0, {"en": 8, "zh": 0}, 8),
        "android": (43, 0, {"en": 3, "zh": 0}, 0),
        "jmrtc-android": (13, 1, {"en": 13, "zh": 1}, 13),  # 872005: only the SDK, without a comment
        "web": (76, 0, {"en": 0, "zh": 0}, 0),
        "server": (182, 3, {"en": 34, "zh": 0}, 36),  # 179 documented, 31 without English; 12 HTTP + 24 TCP names
    }
    for platform, (codes, undocumented, missing, constants) in expected.items():
        got = platforms[platform]
        assert (got["codes"], got["undocumented"], got["missing"], got["constants"]) == (
            codes,
            undocumented,
            missing,
            constants,
        ), platform
    assert sum(platform["constants"] for platform in report["platforms"]) == 111
    assert platforms["jmrtc-android"]["kinds"]["message-differs-from-sdk"] == 11
    assert report["kinds"]["undocumented"] == 24
    for file, rows in report["sources"].items():
        assert rows["read"] == rows["in_spec"] + rows["reported"], file
    assert report["sources"]["sources/server.zh.md"] == {"read": 179, "in_spec": 179, "reported": 0}
    assert report["sources"]["sources/apiref/ios-JMSGSDKErrorCode.html"] == {"read": 54, "in_spec": 54, "reported": 0}
    assert report["rows"] == {"read": 760, "in_spec": 760, "reported": 0}
    assert report["errors"] == 0
    assert report["ok"] is True


def test_the_catalogue_discrepancies_are_named() -> None:
    report = json.loads(run_cli("check", "--format", "json")[1])
    findings = {
        (platform["platform"], finding["code"], finding["kind"], finding["lang"])
        for platform in report["platforms"]
        for finding in platform["findings"]
    }
    assert ("ios", 866005, "missing-translation", "en") in findings  # the one documented code without English
    assert ("ios", 860016, "undocumented", None) in findings
    assert ("android", 871327, "missing-translation", "en") in findings
    assert ("jmrtc-android", None, "missing-section", "en") in findings
    assert ("jmrtc-android", 872100, "message-differs-from-sdk", "zh") in findings
    assert ("jmrtc-android", 872005, "undocumented", None) in findings
    assert ("server", 818001, "message-differs", "zh") in findings
    assert ("server", 7132006, "undocumented", None) not in findings  # on the Chinese page, and named by iOS
    assert ("server", 765003, "undocumented", None) in findings
    assert ("server", 899070, "empty-message", "en") in findings
    assert ("web", 880608, "message-differs", "zh") in findings


def test_the_sdks_literal_message_is_the_entrys_and_the_pages_is_on_record() -> None:
    [entry] = json.loads(run_cli("lookup", "872100", "--format", "json")[1])
    assert entry["message"] == "jmrtc engine init failed. appkey is empty."
    assert entry["constants"] == {"jmrtc-android": "INIT_FAIL_APPKEY_EMPTY"}
    [web] = json.loads(run_cli("lookup", "880608", "--format", "json")[1])
    assert web["message"] == "num exceed limit"  # the English page's; the Chinese page's two spaces are on record
    yaml_text = (SPEC / "web.yaml").read_text(encoding="utf-8")
    assert "value: num exceed  limit" in yaml_text


def test_strict_turns_the_catalogue_warnings_into_failure() -> None:
    code, out, _ = run_cli("check", "--strict")
    assert code == 1
    assert out.rstrip().endswith("(--strict: warnings count as errors)")


def test_import_is_idempotent_and_matches_the_committed_spec(spec_copy: Path) -> None:
    for path in spec_copy.glob("*.yaml"):
        if path.name != "sources.yaml":
            path.unlink()
    (spec_copy / "errorspec.schema.json").unlink()
    first = run_import(spec_copy)
    assert first.changed
    committed = {path.name: path.read_bytes() for path in SPEC.iterdir() if path.is_file()}
    regenerated = {path.name: path.read_bytes() for path in spec_copy.iterdir() if path.is_file()}
    assert regenerated == committed
    assert run_import(spec_copy).changed == []


def test_the_originals_are_kept_byte_for_byte() -> None:
    vendor = SPEC.parents[1] / "shared" / "vendor"  # shared/ stands beside the clone
    if not vendor.is_dir():
        pytest.skip(f"no vendor files at {vendor}")
    pages = {
        f"{platform}.{lang}.md": f"pages/{lang}/im_errorcode_{page}.md"
        for platform, page in (("ios", "ios"), ("android", "android"), ("server", "server"), ("web", "js"))
        for lang in ("en", "zh")
    }
    references = {f"apiref/{path.name}": f"apiref/{path.name}" for path in (vendor / "apiref").glob("*.html")}
    assert len(references) == 5
    for kept, original in (pages | references).items():
        assert (SPEC / "sources" / kept).read_bytes() == (vendor / original).read_bytes(), kept


def test_lookup_871310_shows_android_in_both_languages() -> None:
    code, out, _ = run_cli("lookup", "871310")
    assert code == 0
    assert out.splitlines() == [
        "871310  android  JMessage Android",
        "  message: Network not available,please check your network connection.",
        "  en: The network connection has been disconnected. Please check the network",
        "  zh: 网络连接已断开，请检查网络",
    ]


def test_lookup_code_zero_is_on_two_platforms() -> None:
    code, out, _ = run_cli("lookup", "0", "--format", "json")
    assert code == 0
    assert [(entry["platform"], entry["message"]) for entry in json.loads(out)] == [
        ("android", "Success"),
        ("jmrtc-android", "ok"),
        ("web", "success"),
    ]


def test_lookup_searches_words_in_either_language() -> None:
    english = json.loads(run_cli("lookup", "-s", "chat room", "--format", "json")[1])
    chinese = json.loads(run_cli("lookup", "-s", "聊天室", "--format", "json")[1])
    assert {(e["platform"], e["code"]) for e in english} >= {("ios", 868002), ("android", 871323)}
    assert ("android", 871323) in {(e["platform"], e["code"]) for e in chinese}
    assert all("聊天室" in (e["description"]["zh"] or "") for e in chinese)


def test_lookup_an_unknown_code_exits_1_and_says_which_codes_are_nearest() -> None:
    code, out, err = run_cli("lookup", "123456789")
    assert code == 1
    assert out == ""
    assert err.startswith("123456789 is not a code of this catalogue.\n  nearest codes: 7132004 (Server Error), ")


def test_the_spec_folder_ships_the_schemas_validation_uses() -> None:
    from errorspec.spec.schema import schema_text

    for name in ("errorspec.schema.json", "sources.schema.json"):
        assert (SPEC / name).read_text(encoding="utf-8") == schema_text(name)
