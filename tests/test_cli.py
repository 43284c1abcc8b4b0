"""The command line: exit codes, data on stdout, and exports other tools can read."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import yaml

from conftest import SPEC, html_page, run_cli
from errorspec.sources.importer import run_import
from errorspec.sources.manifest import load_manifest
from errorspec.spec.specfiles import load_spec


def test_export_json_has_every_entry_with_both_languages() -> None:
    code, out, _ = run_cli("export", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [language["id"] for language in data["languages"]] == ["en", "zh"]
    assert len(data["entries"]) == 376
    by_key = {(entry["platform"], entry["code"]): entry for entry in data["entries"]}
    entry = by_key[("android", 871310)]
    assert entry["message"] == "Network not available,please check your network connection."
    assert entry["description"] == {
        "en": "The network connection has been disconnected. Please check the network",
        "zh": "网络连接已断开，请检查网络",
    }
    assert by_key[("ios", 860016)]["description"]["en"] is None  # null where a language has none
    assert all(isinstance(entry["code"], int) for entry in data["entries"])


SDKS_WITH_CONSTANTS = ("ios", "jmrtc-ios", "jmrtc-android")


def test_export_csv_parses_with_one_row_per_entry() -> None:
    code, out, _ = run_cli("export", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 376
    assert list(rows[0].keys()) == [
        "platform",
        "code",
        "message",
        "description_en",
        "description_zh",
        *(f"constant_{sdk}" for sdk in SDKS_WITH_CONSTANTS),
        "status",
        "undocumented",
        "deprecated",
    ]
    [row] = [row for row in rows if row["code"] == "871318"]
    assert row["description_zh"].endswith("[集成指南](https://docs.jiguang.cn/jmessage/jmessage_android_guide/)")


def test_export_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "codes.json"
    code, out, err = run_cli("export", "-o", str(target))
    assert code == 0
    assert out == ""
    assert "wrote" in err
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == 1


def test_usage_errors_exit_2() -> None:
    assert run_cli("lookup")[0] == 2
    assert run_cli("check", "--format", "yaml")[0] == 2
    assert run_cli("lookup", "0", "--lang", "fr")[0] == 2


def test_lookup_of_a_name_no_sdk_declares_is_not_found() -> None:
    code, out, err = run_cli("lookup", "kNoSuchConstant")
    assert (code, out) == (1, "")
    assert err == "no code found for 'kNoSuchConstant'\n"


def test_lookup_in_one_language() -> None:
    code, out, _ = run_cli("lookup", "871310", "--lang", "zh")
    assert code == 0
    assert "  zh: 网络连接已断开，请检查网络" in out
    assert "  en:" not in out


def test_check_exits_1_on_a_conflicting_duplicate_and_0_once_resolved(mini_spec) -> None:
    spec_dir = mini_spec(
        {
            "ios.en.md": html_page("iOS", [("1", "A", "a"), ("1", "A2", "a2")]),
            "ios.zh.md": html_page("iOS", [("1", "A", "一")]),
        }
    )
    assert run_cli("import", spec_dir=spec_dir)[0] == 0
    code, out, _ = run_cli("check", spec_dir=spec_dir)
    assert code == 1
    assert "error          1 en  duplicate-code" in out
    path = spec_dir / "ios.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["codes"][0]["resolution"] = {"note": "Line 8 is a typo in the page; the first row is right."}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, out, _ = run_cli("check", spec_dir=spec_dir)
    assert code == 0
    assert "resolved       1 en  duplicate-code" in out
    assert run_cli("check", "--strict", spec_dir=spec_dir)[0] == 0


def test_spec_to_markdown_pages_and_back_gives_the_same_spec(tmp_path: Path) -> None:
    manifest = load_manifest(SPEC)
    spec = load_spec(SPEC, manifest)
    spec_dir = tmp_path / "roundtrip"
    (spec_dir / "sources").mkdir(parents=True)
    sources = []
    for language in spec.language_ids:
        code, page, _ = run_cli("export", "--format", "markdown", "--lang", language)
        assert code == 0
        (spec_dir / "sources" / f"all.{language}.md").write_text(page, encoding="utf-8")
        sections = [
            {"heading": platform.title[language], "platform": platform.platform}
            for platform in spec.platforms
            if any(entry.description.get(language) for entry in platform.entries)
        ]
        sources.append(
            {"file": f"sources/all.{language}.md", "language": language, "format": "markdown", "sections": sections}
        )
    (spec_dir / "sources.yaml").write_text(
        yaml.safe_dump(
            {
                "base_url": manifest.base_url,
                "languages": [{"id": lang.id, "name": lang.name, "script": lang.script} for lang in spec.languages],
                "platforms": [{"id": platform.id} for platform in manifest.platforms],
                "sources": sources,
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    again = run_import(spec_dir).spec
    assert again.language_ids == spec.language_ids
    for before, after in zip(spec.platforms, again.platforms, strict=True):
        # A page lists a code with its description: one with none in any language (872005, which
        # only the SDK declares, without a comment) has no row on any page.
        described = [e for e in before.entries if any(e.description.values())]
        assert [(e.code, e.message, e.description) for e in after.entries] == [
            (e.code, e.message, e.description) for e in described
        ], before.platform
        assert (after.title, after.intro, after.hint) == (before.title, before.intro, before.hint)
