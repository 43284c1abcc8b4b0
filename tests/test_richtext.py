"""The spec's prose under attack: each hostile text of tests/fixtures/hostile-richtext.yaml becomes
exactly the HTML written there (no markup, attribute or URL beyond the allow-list, and no class but
errorspec's own, which no text can use to borrow the theme's layout)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from errorspec.publish.richtext import rich_text

CORPUS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "hostile-richtext.yaml").read_text(encoding="utf-8")
)


def leaves_the_site(url: str) -> tuple[str, bool]:
    """As the site's rewriter answers for a URL that names none of the vendor's pages."""
    return url, url.startswith(("http://", "https://"))


@pytest.mark.parametrize("case", CORPUS, ids=[case["name"] for case in CORPUS])
def test_a_hostile_text_becomes_exactly_its_html(case: dict[str, Any]) -> None:
    assert rich_text(case["input"], leaves_the_site, "external") == case["html"]
