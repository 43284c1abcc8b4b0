"""The build's cache of the spec: the same spec as the files hold, never an older one; and a build
of a valid spec loads no native YAML parser nor validator, cached or not."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, SPEC, write_config
from errorspec.model import InputError, SpecInvalid
from errorspec.sources.manifest import load_manifest
from errorspec.spec.speccache import BUILD_CACHE, load_spec_cached
from errorspec.spec.specfiles import load_spec

CACHE = Path(".errorspec-cache") / BUILD_CACHE


# lean: a build's way, with the least memory; not lean: `mkdocs serve`'s, with yaml-rs and jsonschema-rs.
@pytest.mark.parametrize("lean", [True, False], ids=["lean", "native"])
@pytest.mark.parametrize("spec_dir", [SPEC, REPO / "tests" / "fixtures" / "what-to-do"], ids=["real", "what-to-do"])
def test_the_cached_spec_is_the_spec_its_files_hold(tmp_path: Path, spec_dir: Path, lean: bool) -> None:
    folder = shutil.copytree(spec_dir, tmp_path / "spec", ignore=shutil.ignore_patterns(".errorspec-cache"))
    expected = load_spec(folder, load_manifest(folder))
    assert load_spec_cached(folder, lean=lean) == expected  # read from the files, and cached
    assert sorted(path.name for path in (folder / CACHE).iterdir()) == sorted(
        ["sources.json", *(f"{platform.platform}.json" for platform in expected.platforms)]
    )
    assert load_spec_cached(folder) == expected  # read from the cache


def test_an_edit_is_read_and_an_invalid_one_reported(spec_copy: Path) -> None:
    load_spec_cached(spec_copy)
    path = spec_copy / "android.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("message: Network not available", "message: Edited network message", 1), "utf-8")
    android = next(platform for platform in load_spec_cached(spec_copy).platforms if platform.platform == "android")
    assert any(entry.message.startswith("Edited network message") for entry in android.entries)

    lines = text.splitlines(keepends=True)
    line = next(number for number, said in enumerate(lines, 1) if said.strip().startswith("status:"))
    lines[line - 1] = lines[line - 1].replace("status:", "status: [not, a, status]  #", 1)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(SpecInvalid) as raised:
        load_spec_cached(spec_copy)
    assert [(error.file, error.line) for error in raised.value.errors] == [("spec/android.yaml", line)]


def test_a_damaged_cache_is_made_again(spec_copy: Path) -> None:
    expected = load_spec_cached(spec_copy)
    entry = spec_copy / CACHE / "ios.json"
    key = entry.read_bytes().split(b"\n", 1)[0]
    for damage in (key + b"\n{not json", key + b'\n{"codes": 3}', b"another key\n{}", b""):
        entry.write_bytes(damage)
        assert load_spec_cached(spec_copy) == expected
        assert entry.read_bytes().startswith(key + b"\n{")


def test_a_build_loads_no_native_parser_nor_validator_unless_the_spec_is_invalid(
    tmp_path: Path, spec_copy: Path
) -> None:
    shutil.rmtree(spec_copy / CACHE.parent, ignore_errors=True)
    config = write_config(tmp_path, spec_copy)
    build = (
        "import sys\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        f"config = load_config({str(config)!r}, site_dir={str(tmp_path / 'site')!r})\n"
        "config.plugins.on_startup(command='build', dirty=False)\n"
        "try:\n"
        "    build(config)\n"
        "except Exception:\n"
        "    pass\n"
        "print(' '.join(sorted({'yaml_rs', 'jsonschema_rs'} & set(sys.modules))))\n"
    )

    def loaded() -> tuple[str, str]:
        """The native libraries the build loaded, and what it logged."""
        done = subprocess.run([sys.executable, "-c", build], capture_output=True, text=True, check=True)
        return done.stdout.splitlines()[-1], done.stderr

    # The first build reads and checks every file without them (yaml-rs and jsonschema-rs take
    # 12 MiB of memory, more than plain MkDocs leaves at 2,500 codes); the next reads the cache.
    assert loaded()[0] == ""
    assert loaded()[0] == ""
    web = spec_copy / "web.yaml"
    web.write_text(web.read_text("utf-8") + "\n", "utf-8")
    assert loaded()[0] == ""  # a file changed: read and checked again
    text = web.read_text("utf-8")
    web.write_text(text.replace("status: ok", "status: fine", 1), "utf-8")
    with pytest.raises(SpecInvalid) as raised:
        load_spec(spec_copy, load_manifest(spec_copy))
    [error] = raised.value.errors
    modules, logged = loaded()
    assert f"{error.file}:{error.line}: {error.problem}" in logged
    assert modules == "jsonschema_rs yaml_rs"  # read as every command reads it


# Edits that make a spec invalid, or that only yaml-rs reads: (file, text replaced, its replacement).
EDITS = {
    "alias": ("android.yaml", "    status: ok\n", "    status: &s ok\n    resolution: *s\n"),
    "tag": ("android.yaml", "message: Network not available", "message: !custom Network not available"),
    "key-not-text": (
        "android.yaml",
        "      en: The network connection has been",
        "      1: The network connection has been",
    ),
    "fractional-code": ("android.yaml", "  - code: 871310\n", "  - code: 871310.0\n"),
    "code-beyond-javascript": ("android.yaml", "  - code: 871310\n", "  - code: 9007199254740992\n"),
    "code-listed-twice": ("android.yaml", "  - code: 871311\n", "  - code: 871310\n"),
    "duplicate-key": ("android.yaml", "    status: ok\n", "    status: ok\n    status: ok\n"),
    "tab-after-colon": ("android.yaml", "    status: ok\n", "    status:\tok\n"),
    "invalid-yaml": ("android.yaml", "    status: ok\n", "    status: [ok\n"),
    "unknown-language": ("ios.yaml", "      zh: ", "      fr: "),
    "not-a-status": ("web.yaml", "    status: ok\n", "    status: fine\n"),
    "control-character": ("web.yaml", "    status: ok\n", '    status: ok\n    causes: {en: "a\\x07"}\n'),
    "octal-code": ("server.yaml", "  - code: ", "  - code: 0o"),
    "manifest": ("sources.yaml", "  - id: en\n", "  - 1: en\n"),
    "manifest-related": ("sources.yaml", "related: true", "related: 1"),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_a_build_reports_what_every_command_reports(spec_copy: Path, edit: tuple[str, str, str]) -> None:
    file, old, new = edit
    path = spec_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def reported(load: Callable[[], object]) -> list[str] | None:
        try:
            load()
        except SpecInvalid as invalid:
            return [str(error) for error in invalid.errors]
        except InputError as error:
            return [str(error)]
        return None

    expected = reported(lambda: load_spec(spec_copy, load_manifest(spec_copy)))
    assert reported(lambda: load_spec_cached(spec_copy)) == expected
    if expected is None:  # a valid spec that only yaml-rs reads: the same spec, and cached
        assert load_spec_cached(spec_copy) == load_spec(spec_copy, load_manifest(spec_copy))
