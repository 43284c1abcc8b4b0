from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "spec"

MINI_MANIFEST = """\
base_url: https://docs.example.com/sdk/
languages:
  - {id: en, name: English, script: Latn}
  - {id: zh, name: 中文, script: Hani}
platforms:
  - {id: ios, page: ios/}
  - {id: server, page: server/}
sources:
  - file: sources/ios.en.md
    language: en
    format: html
    sections:
      - {heading: iOS, platform: ios}
  - file: sources/ios.zh.md
    language: zh
    format: html
    sections:
      - {heading: iOS, platform: ios}
"""


def html_page(heading: str, rows: list[tuple[str, str, str]]) -> str:
    """A page in the vendor's shape: a heading, then an HTML table of code, message, text."""
    cells = "".join(f"<tr><td>{code}</td><td>{message}</td><td>{text}</td></tr>\n" for code, message, text in rows)
    header = "<tr><th>Code</th><th>Message</th><th>Text</th></tr>\n"
    return f"# Codes\n\n## {heading}\n\n<table>\n{header}{cells}</table>\n"


@pytest.fixture
def spec_copy(tmp_path: Path) -> Path:
    """A copy of the project's real spec folder, safe to import into and edit."""
    target = tmp_path / "spec"
    shutil.copytree(SPEC, target)
    return target


@pytest.fixture
def mini_spec(tmp_path: Path) -> Callable[..., Path]:
    """A small spec folder: a manifest and the pages given, by file name."""

    def make(pages: dict[str, str], manifest: str = MINI_MANIFEST) -> Path:
        spec_dir = tmp_path / "mini"
        (spec_dir / "sources").mkdir(parents=True, exist_ok=True)
        (spec_dir / "sources.yaml").write_text(manifest, encoding="utf-8")
        for name, text in pages.items():
            (spec_dir / "sources" / name).write_text(text, encoding="utf-8")
        return spec_dir

    return make
