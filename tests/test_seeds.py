"""The five real pages: the numbers a maintainer checks, and an import that changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SPEC, run_cli
from errorspec.sources.importer import run_import


def test_check_reports_the_seed_numbers() -> None:
    code, out, _ = run_cli("check", "--format", "json")
    assert code == 0
    report = json.loads(out)
    platforms = {platform["platform"]: platform for platform in report["platforms"]}
    assert list(platforms) == ["ios", "android", "jmrtc-android", "server"]
    expected = {
        "ios": (33, {"en": 0, "zh": 7}, 0),
        "android": (43, {"en": 3, "zh": 0}, 0),
        "jmrtc-android": (12, {"en": 12, "zh": 0}, 0),
        "server": (148, {"en": 0, "zh": 148}, 2),
    }
    for platform, (codes, missing, empty) in expected.items():
        got = platforms[platform]
        assert (got["codes"], got["missing"], got["empty_messages"]) == (codes, missing, empty), platform
    assert report["rows"] == {"read": 302, "in_spec": 302, "reported": 0}
    assert report["errors"] == 0
    assert report["ok"] is True


def test_the_seed_discrepancies_are_named() -> None:
    report = json.loads(run_cli("check", "--format", "json")[1])
    findings = {
        (platform["platform"], finding["code"], finding["kind"], finding["lang"])
        for platform in report["platforms"]
        for finding in platform["findings"]
    }
    assert ("ios", 868002, "missing-translation", "zh") in findings
    assert ("android", 871327, "missing-translation", "en") in findings
    assert ("jmrtc-android", None, "missing-section", "en") in findings
    assert ("server", None, "missing-section", "zh") in findings
    assert ("server", 899070, "empty-message", "en") in findings


def test_strict_turns_the_seed_warnings_into_failure() -> None:
    code, out, _ = run_cli("check", "--strict")
    assert code == 1
    assert out.rstrip().endswith("(--strict: warnings count as errors)")


def test_import_is_idempotent_and_matches_the_committed_spec(spec_copy: Path) -> None:
    for name in ("ios.yaml", "android.yaml", "jmrtc-android.yaml", "server.yaml", "errorspec.schema.json"):
        (spec_copy / name).unlink()
    first = run_import(spec_copy)
    assert first.changed
    committed = {path.name: path.read_bytes() for path in SPEC.iterdir() if path.is_file()}
    regenerated = {path.name: path.read_bytes() for path in spec_copy.iterdir() if path.is_file()}
    assert regenerated == committed
    assert run_import(spec_copy).changed == []


def test_the_originals_are_kept_byte_for_byte() -> None:
    seeds = SPEC.parents[1] / "shared" / "seeds"  # shared/ stands beside the clone
    pairs = {
        "000_34b41d38868f0ce3.txt": "ios.en.md",
        "001_14f62240e08568a0.txt": "ios.zh.md",
        "002_95af870cf7cc4e00.txt": "android.en.md",
        "003_5321464e5776deff.txt": "server.en.md",
        "004_8920e4af3c4a283f.txt": "android.zh.md",
    }
    if not seeds.is_dir():
        pytest.skip(f"no seed pages at {seeds}")
    for seed, kept in pairs.items():
        assert (SPEC / "sources" / kept).read_bytes() == (seeds / seed).read_bytes(), kept


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
    ]


def test_lookup_searches_words_in_either_language() -> None:
    english = json.loads(run_cli("lookup", "-s", "chat room", "--format", "json")[1])
    chinese = json.loads(run_cli("lookup", "-s", "聊天室", "--format", "json")[1])
    assert {(e["platform"], e["code"]) for e in english} >= {("ios", 868002), ("android", 871323)}
    assert ("android", 871323) in {(e["platform"], e["code"]) for e in chinese}
    assert all("聊天室" in (e["description"]["zh"] or "") for e in chinese)


def test_lookup_an_unknown_code_exits_1() -> None:
    code, out, err = run_cli("lookup", "123456789")
    assert code == 1
    assert out == ""
    assert "no code found" in err


def test_the_spec_folder_ships_the_schemas_validation_uses() -> None:
    from errorspec.spec.schema import schema_text

    for name in ("errorspec.schema.json", "sources.schema.json"):
        assert (SPEC / name).read_text(encoding="utf-8") == schema_text(name)
