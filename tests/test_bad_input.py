"""Bad input: one clear message with file, line and problem, exit 1, and nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from errorspec.cli import cli


def run(spec_dir: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--spec", str(spec_dir), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize(
    ("old", "new", "problem", "at"),
    [
        ("  - code: 871310\n", "  - code: 871310x\n", 'codes[17].code: "871310x" is not of type "integer"', "871310x"),
        (
            "    status: ok\n  - code: 871310\n",
            "    status: ok\n    status: ok\n  - code: 871310\n",
            "duplicate key 'status' (first at line",
            "    status: ok\n    status: ok",
        ),
        (
            "  - code: 871310\n",
            "  - code: 871309\n",
            "code 871309 is listed twice (first at line",
            "    status: ok\n  - code: 871309",
        ),
        (
            "    message: Network not available",
            "    message: [Network not available",
            "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line",
            None,
        ),
        ("  - code: 871310\n", '  - code: "871310\n', "(while scanning a quoted scalar at line", None),
        (
            "      zh: 网络连接已断开，请检查网络\n",
            "      fr: Réseau indisponible\n",
            "description in fr, which sources.yaml does not",
            "fr: Réseau",
        ),
    ],
)
def test_a_broken_spec_file_names_file_line_and_problem(
    spec_copy: Path, old: str, new: str, problem: str, at: str | None
) -> None:
    path = spec_copy / "android.yaml"
    replace_once(path, old, new)
    code, out, _ = run(spec_copy, "check")
    assert code == 1
    [message] = out.splitlines()
    assert message.startswith("spec/android.yaml:")
    assert problem in message
    if at is not None:
        text = path.read_text(encoding="utf-8")
        expected = text[: text.rindex(at)].count("\n") + 1 + at.count("\n")
        assert int(message.split(":")[1]) == expected


def test_check_json_lists_the_problems(spec_copy: Path) -> None:
    replace_once(spec_copy / "ios.yaml", "  - code: 860015\n", "  - code: [860015]\n")
    code, out, _ = run(spec_copy, "check", "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    [problem] = report["invalid"]
    assert problem["file"] == "spec/ios.yaml"
    assert problem["line"] == line_of(spec_copy / "ios.yaml", "code: [860015]")


def test_a_broken_manifest_names_its_line(spec_copy: Path) -> None:
    replace_once(spec_copy / "sources.yaml", "        platform: jmrtc-android\n", "        platform: jmrtc\n")
    code, _, err = run(spec_copy, "import")
    assert code == 1
    line = line_of(spec_copy / "sources.yaml", "heading: JMRTC Android")
    assert err == f"error: spec/sources.yaml:{line}: platform 'jmrtc' is not one of the platforms listed above\n"


def test_a_manifest_schema_violation_names_its_line(spec_copy: Path) -> None:
    replace_once(
        spec_copy / "sources.yaml",
        "ios.en.md\n    language: en\n    format: markdown\n",
        "ios.en.md\n    language: en\n    format: docx\n",
    )
    code, _, err = run(spec_copy, "import")
    assert code == 1
    line = line_of(spec_copy / "sources.yaml", "format: docx")
    assert err.startswith(f'error: spec/sources.yaml:{line}: sources[0].format: "docx" is not one of')


def test_an_unmapped_table_stops_the_import_and_writes_nothing(spec_copy: Path) -> None:
    replace_once(spec_copy / "sources" / "android.zh.md", "## JMRTC Android\n", "## JMRTC Android (beta)\n")
    before = snapshot(spec_copy)
    code, _, err = run(spec_copy, "import")
    assert code == 1
    line = line_of(spec_copy / "sources" / "android.zh.md", "<table")
    line = [
        n
        for n, text in enumerate((spec_copy / "sources" / "android.zh.md").read_text().splitlines(), 1)
        if "<table" in text
    ][-1]
    assert err.startswith(f"error: sources/android.zh.md:{line}: a table under heading 'JMRTC Android (beta)'")
    assert "maps to no platform" in err
    assert snapshot(spec_copy) == before


def test_a_page_that_is_not_utf8_is_named(spec_copy: Path) -> None:
    (spec_copy / "sources" / "ios.zh.md").write_bytes(b"## JMessage iOS\n" + "错误".encode("gb18030"))
    before = snapshot(spec_copy)
    code, _, err = run(spec_copy, "import")
    assert code == 1
    assert err.startswith("error: sources/ios.zh.md: not UTF-8 text")
    assert snapshot(spec_copy) == before


def test_import_refuses_to_overwrite_a_broken_spec(spec_copy: Path) -> None:
    replace_once(spec_copy / "ios.yaml", "  - code: 860015\n", "  - code: 860015\n    code: 1\n")
    before = snapshot(spec_copy)
    code, _, err = run(spec_copy, "import")
    assert code == 1
    assert "spec/ios.yaml:" in err
    assert "duplicate key 'code'" in err
    assert snapshot(spec_copy) == before


def test_a_missing_spec_folder_is_one_message(tmp_path: Path) -> None:
    code, _, err = run(tmp_path / "nowhere", "check")
    assert code == 1
    assert err == "error: nowhere/sources.yaml: file not found\n"
